"""Rules about the report's parts and the template it follows."""
