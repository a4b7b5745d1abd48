"""Codes for what is said about the file rather than the report: unreadable input, a rule or plugin
that failed, and what readers notice (revisions, hidden cell content, conversions). They have no
`check`: the engine and the readers produce them, and they are selected and ignored like any rule."""

from __future__ import annotations

from ...model import Severity
from ..base import RuleMeta

FILE_ERROR = RuleMeta("F001", "file-error", "文件无法读取或解析", Severity.ERROR,
                      what="文件不存在、为空、格式损坏、加密、编码无法识别或超出大小限制时报告，该文件不再检查。",
                      why="无法读取的文件无法检查；报告原因，批量检查中的其他文件照常进行。")
RULE_ERROR = RuleMeta("F002", "rule-error", "规则或插件运行出错", Severity.ERROR,
                      what="某条规则运行时出错，或某个插件无法加载。其他规则照常运行。",
                      why="出错的规则不会静默通过：它的检查没有完成，需要告诉用户。")
FORMAT_MISMATCH = RuleMeta("F003", "format-mismatch", "扩展名与文件内容不符", Severity.WARNING,
                           what="文件扩展名与实际内容不一致（如扩展名为 .docx 的 PDF），按实际内容读取。",
                           why="扩展名错误的文件在发布平台上常常无法打开。")
REVISIONS = RuleMeta("F004", "unaccepted-revisions", "Word 文件含未接受的修订", Severity.INFO,
                     what="Word 文件中仍有修订记录（插入、删除）。检查按接受全部修订后的文本进行。",
                     why="带修订发布的文件会把删除的旧文字暴露给读者。")
HIDDEN_CONTENT = RuleMeta("F005", "hidden-cell-content", "合并单元格中隐藏的内容", Severity.WARNING,
                          what="表格中被合并单元格覆盖、读者看不到的单元格里仍有内容，或表格外多出的数字。",
                          why="隐藏内容在转换格式或复制时会重新出现，打乱表格。")
CONVERTED = RuleMeta("F006", "converted-input", "文件经格式转换后检查", Severity.INFO,
                     what="旧版 .doc/.wps 文件先用 LibreOffice 转换为 .docx 再检查。",
                     why="让用户知道检查的是转换后的文本。")
PARTIAL_READ = RuleMeta("F007", "partial-read", "文件只读取了一部分", Severity.WARNING,
                        what="文件超出页数等限制，或部分内容无法读取，只检查了能读取的部分。",
                        why="未检查的部分可能有问题，需要告诉用户。")

ALL = [FILE_ERROR, RULE_ERROR, FORMAT_MISMATCH, REVISIONS, HIDDEN_CONTENT, CONVERTED, PARTIAL_READ]
BY_CODE = {m.code: m for m in ALL}
