"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Text and Markdown findings get a `region` (line and column, counted in Unicode code points as the
text reader counts them). Word, PDF and HTML findings have no line to point at: they get the file as
a region-less physical location, a logical location named by the template cell or the place
(`第3页 表2[5,8]`), and the raw page/paragraph/table/cell coordinates in the location's properties.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import quote

from .. import __version__
from ..model import Diagnostic, Severity
from ..paths import display_path, is_url
from ..rules.file import file_notices
from .fingerprint import fingerprint
from .sanitize import clean, dumps

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# Where the rule pages (docs/rules/<name>.md) are published. The one place to change when the
# project's home moves.
RULE_DOCS_BASE = "https://github.com/gaic-lint/gaic-lint/blob/main/docs/rules/"
INFORMATION_URI = "https://github.com/gaic-lint/gaic-lint"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for `path`: relative to the current folder when inside it, `file:` otherwise.

    The path's bytes (as the OS stores them) are percent-encoded, so Chinese names and names with
    undecodable bytes both give valid URIs.
    """
    shown = display_path(path)
    if is_url(shown):
        # Already a URI: kept as typed (password redacted), only what no URI may hold is escaped.
        return quote(clean(shown), safe=":/?#[]@!$&'()*+,;=%~")
    try:
        raw = os.fsencode(shown)
    except UnicodeEncodeError:  # a surrogate that did not come from the file system: no real bytes
        raw = clean(shown).encode("utf-8")
    if os.path.isabs(shown):
        encoded = quote(raw, safe="/:")
        return "file://" + (encoded if encoded.startswith("/") else "/" + encoded)
    return quote(raw, safe="/")


def _rule_descriptor(meta) -> dict:
    full = meta.what or meta.summary
    if meta.why:
        full = f"{full}\n{meta.why}"
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": full},
        "helpUri": f"{RULE_DOCS_BASE}{meta.name}.md",
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"family": meta.family},
    }


def _location(d: Diagnostic) -> dict:
    loc = d.location
    physical: dict = {"artifactLocation": {"uri": artifact_uri(d.file)}}
    location: dict = {"physicalLocation": physical}
    if loc.line is not None:
        region = {"startLine": loc.line}
        if loc.column is not None:
            region["startColumn"] = loc.column
        physical["region"] = region
    described = loc.describe()
    logical_name = loc.cell_path or described
    if logical_name:
        location["logicalLocations"] = [{"name": logical_name, "kind": "element"}]
    properties = {k: v for k, v in loc.to_dict().items() if k not in ("line", "column")}
    if properties:
        if "cell_path" in properties:
            properties["cellPath"] = properties.pop("cell_path")
        if described:
            properties["place"] = described
        location["properties"] = properties
    return location


def build_log(results, rules=None) -> dict:
    metas = {m.code: m for m in rules or []}
    for result in results:
        for d in result.diagnostics:
            if d.code not in metas and d.code in file_notices.BY_CODE:
                metas[d.code] = file_notices.BY_CODE[d.code]
    ordered = sorted(metas.values(), key=lambda m: m.code)
    index = {m.code: i for i, m in enumerate(ordered)}
    sarif_results = []
    artifacts: dict[str, int] = {}
    for result in results:
        uri = artifact_uri(result.path)
        artifacts.setdefault(uri, len(artifacts))
        for d in result.diagnostics:
            message = d.message
            if d.evidence:
                message += f"\n依据：{d.evidence}"
            item = {
                "ruleId": d.code,
                "level": LEVELS[d.severity],
                "message": {"text": message},
                "locations": [_location(d)],
                "partialFingerprints": {"gaicLintFinding/v2": fingerprint(d)},
                "properties": {"rule": d.rule, "severity": d.severity.value},
            }
            if d.fields:
                item["properties"]["fields"] = dict(d.fields)
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            sarif_results.append(item)
    run = {
        "tool": {"driver": {
            "name": "gaic-lint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "language": "zh-CN",
            "rules": [_rule_descriptor(m) for m in ordered],
        }},
        "artifacts": [{"location": {"uri": uri}} for uri in artifacts],
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
        "invocations": [{
            "executionSuccessful": not any(r.unreadable for r in results),
        }],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results, stream=sys.stdout, options: dict | None = None) -> None:
    options = options or {}
    stream.write(dumps(build_log(results, options.get("rules")), indent=2) + "\n")
