"""The Chinese-text heuristics every stage shares, each written once: what a number, a blank cell, an
enumerator, a page number, a part heading and a sentence end look like in a report, numerals, label
normalisation and character sets."""
