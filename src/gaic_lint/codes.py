"""Codes of what is said about a file rather than about the report in it. Readers and the engine emit
them; `rules/file_notices.py` gives each its name, severity and documentation."""

from __future__ import annotations

FILE_ERROR = "F001"  # the file cannot be read at all
RULE_ERROR = "F002"  # a rule or a plugin failed
FORMAT_MISMATCH = "F003"  # the extension says one format, the bytes another
REVISIONS = "F004"  # a Word file with tracked changes not accepted
HIDDEN_CONTENT = "F005"  # cell content hidden under a merged cell
CONVERTED = "F006"  # an old .doc/.wps converted before reading
PARTIAL_READ = "F007"  # only part of the file could be read
