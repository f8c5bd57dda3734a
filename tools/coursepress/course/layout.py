"""Where the published site (``build/site``) keeps what several modules share."""

#: The printable sheets' PDFs (``book/sheets/*.md``), one per sheet.
PRINTABLES = "downloads/printables"
