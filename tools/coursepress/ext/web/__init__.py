"""The online book: its markup repairs, search, navigation and offline reading."""
