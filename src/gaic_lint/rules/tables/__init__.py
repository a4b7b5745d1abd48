"""Rules about the statistical tables."""
