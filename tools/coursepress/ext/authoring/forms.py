"""Room to write on paper: ruled lines and labelled lines (sheets, workbook)."""

from __future__ import annotations

from docutils import nodes


def write_space(lines: int) -> nodes.container:
    """``lines`` ruled lines (the print styles give each line its height)."""
    return nodes.container(classes=["write-space", f"lines-{lines}"])


def fill_in(labels: list[str]) -> nodes.container:
    """A labelled line to write on for each label ("Name", "Date")."""
    box = nodes.container(classes=["fill-in"])
    for label in labels:
        box += nodes.paragraph(
            "", "", nodes.inline("", label), classes=["fill-in-line"]
        )
    return box
