"""Writing back into a Word file: fixes as tracked changes (`--fix`) and findings as comments
(`annotate`). Only the main document part and the parts that comments need are rewritten; every other
part of the package is copied unchanged. The author reviews the result in Word or WPS."""
