"""Rules over the reports of one batch, comparing different bodies' reports."""
