"""``coursepress prose``: quality checks of the course text, and a report per chapter.

The stages, one module each: ``model`` reads chapters, exercises and the book's
pages into plain structures; ``structure`` checks what every chapter must hold,
citations and glossary terms; ``overlap`` finds runs of words copied from the
source texts; ``readability`` measures the reading grade; ``report`` runs them all
and lays out the table; ``cli`` is the subcommand.

Nothing is imported here: ``coursepress`` builds its parser from ``cli`` on every
run, and the checks need the Sphinx extension's modules, which are slow to import.
"""
