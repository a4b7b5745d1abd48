"""Rules about the running text: years, citations, figures, punctuation, wording."""
