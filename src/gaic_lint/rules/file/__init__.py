"""Codes about the file rather than the report."""
