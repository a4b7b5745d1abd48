"""Plugins that add an input format (`gaic_lint_readers`) and an output format (`gaic_lint_reporters`):
the new extension is read, found in folders and checked like a built-in one; the new format is a
--format choice."""

from __future__ import annotations

import json
import textwrap

from test_plugins import run

from conftest import seed

PLUGIN = textwrap.dedent('''
    import re

    from gaic_lint.hookspecs import hookimpl
    from gaic_lint.readers.registry import Reader
    from gaic_lint.readers.text import read_text

    _UNDERLINE = re.compile(r"^([=\\-~^])\\1{2,}\\s*$")


    def read_rst(path, data, options):
        """reStructuredText as plain text: section underlines are not text of the report."""
        text = data.decode(options.encoding or "utf-8")
        kept = "\\n".join("" if _UNDERLINE.match(line) else line for line in text.split("\\n"))
        document = read_text(path, kept.encode("utf-8"), options)
        document.format = "rst"
        return document


    def render_codes(results, stream, options):
        for result in results:
            for d in result.diagnostics:
                stream.write(f"{result.path}\\t{d.code}\\n")


    @hookimpl
    def gaic_lint_readers():
        return [Reader("rst", "reStructuredText", (".rst",), read_rst, media_types=("text/x-rst",))]


    @hookimpl
    def gaic_lint_reporters():
        return {"codes": render_codes}
''')

GREEDY = textwrap.dedent('''
    from gaic_lint.hookspecs import hookimpl
    from gaic_lint.readers.registry import Reader


    @hookimpl
    def gaic_lint_readers():
        return [Reader("pdf", "PDF", (".pdf",), "nowhere:read")]


    @hookimpl
    def gaic_lint_reporters():
        return {"json": print}
''')


def install(site, name: str, source: str) -> None:
    (site / f"{name}.py").write_text(source, encoding="utf-8")
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[gaic_lint]\n{name} = {name}\n")


def _with_underlines(text: str) -> str:
    out = []
    for line in text.split("\n"):
        out.append(line)
        if line.startswith(("一、", "二、", "三、", "四、", "五、", "六、")):
            out.append("=" * 20)
    return "\n".join(out)


def test_a_plugin_format_is_read_found_in_folders_and_reported_in_a_plugin_format(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    install(site, "rst_plugin", PLUGIN)
    reports = tmp_path / "reports"
    reports.mkdir()
    text = seed("004").read_text(encoding="utf-8")
    (reports / "r.rst").write_text(_with_underlines(text), encoding="utf-8")
    (reports / "r.txt").write_text(text, encoding="utf-8")

    as_text = run(site, "--format", "json", str(reports / "r.txt"))
    as_rst = run(site, "--format", "json", str(reports / "r.rst"))
    assert "Traceback" not in as_rst.stderr
    codes_txt = sorted(d["code"] for d in json.loads(as_text.stdout))
    codes_rst = sorted(d["code"] for d in json.loads(as_rst.stdout))
    assert codes_txt and codes_rst == codes_txt
    assert not any(code.startswith("F") for code in codes_rst)

    listed = run(site, "--format", "codes", str(reports))
    assert listed.returncode == as_text.returncode
    files = {line.split("\t")[0].rsplit("/", 1)[-1] for line in listed.stdout.splitlines()}
    assert files == {"r.rst", "r.txt"}
    assert "codes" in run(site, "--help").stdout


def test_without_the_plugin_the_format_is_not_a_choice(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    r = run(site, "--format", "codes", str(seed("003")))
    assert r.returncode == 2 and "codes" in r.stderr


def test_a_plugin_cannot_replace_a_built_in_format(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    install(site, "greedy_plugin", GREEDY)
    r = run(site, "--format", "json", str(seed("003")))
    data = json.loads(r.stdout)
    errors = [d["message"] for d in data if d["code"] == "F002"]
    assert len(errors) == 2 and all("greedy_plugin" in m for m in errors)
    assert not any(d["code"] == "F001" for d in data)
