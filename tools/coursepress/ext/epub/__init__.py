"""The EPUB: its cover, package repairs, accessibility metadata and reproducible zip."""
