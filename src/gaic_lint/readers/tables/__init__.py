"""Table recovery shared by the readers."""
