"""carry-over: 表三's applications carried over from last year against last year's report."""

from __future__ import annotations

from ...batchrules import BatchRule
from ...history.figures import figure, name_of, shown
from ...history.pairing import pairs
from ...model import Severity
from ..base import RuleMeta
from . import batch_finding


class CarryOver(BatchRule):
    meta = RuleMeta(
        code="H001",
        name="carry-over",
        summary="表三“上年结转”与上年报告的“结转下年度继续办理”不一致",
        severity=Severity.ERROR,
        what="本年表三“二、上年结转政府信息公开申请数量”每一列，应等于同一机关上一年度报告表三"
             "“四、结转下年度继续办理”的同一列。需要上年报告：批量检查时按机关和年度自动配对，"
             "单个文件用 --previous 指定，或在配置 history 中给出存放往年报告的文件夹。",
        why="上年结转下来的申请就是上年报告说要结转的申请，两个数字是同一批申请；不一致说明其中一年的数据有误。",
        example="上年报告：四、结转下年度继续办理 · 自然人 = 3\n本年报告：二、上年结转政府信息公开申请数量 · 自然人 = 0",
        use_instead="核对两年的台账，改正填错的一方：本年“上年结转”= 上年“结转下年度继续办理”。",
    )

    def check_batch(self, items, ctx):
        spec = ctx.rulebook.table("t3")
        found = pairs(items)
        for this in items:
            previous = found.get(this.path)
            if previous is None:
                continue
            path = this.path
            for column in spec.columns:
                now = figure(this.summary, spec, "carried", column.key)
                then = figure(previous.summary, spec, "carry_over", column.key)
                if now is None or then is None or now.value is None or then.value is None:
                    continue
                if now.value != then.value:
                    yield batch_finding(
                        self,
                        f"本年“上年结转”{column.label}为 {shown(now.value)}，上年报告"
                        f"（{name_of(previous.path)}）“结转下年度继续办理”{column.label}为 {shown(then.value)}："
                        f"应写 {shown(then.value)}，或改正上年报告",
                        now.location, path,
                        f"{now.path} = “{now.text}”；{previous.path}：{then.path} = “{then.text}”")
