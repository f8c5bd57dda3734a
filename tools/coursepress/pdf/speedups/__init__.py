"""Speed-ups over WeasyPrint and pydyf: each one stands in for an upstream fix."""
