"""The workshop kit: session formats and run sheets, session decks, guide, workbook."""
