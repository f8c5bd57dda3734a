"""``{crisis-call}`116 123```: a crisis number in prose, linked as on the crisis page.

The number must be one that a ``[[crisis]]`` table of ``course.toml`` gives to
call or to text; the link is the crisis page's own (``tel:``, class
``crisis-number``). Substitutions from ``course.toml`` use this role for every
crisis number they name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from coursepress.course.crisis import tel_uri
from coursepress.course.substitutions import crisis_numbers

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx


class CrisisCallRole(SphinxRole):
    def run(self) -> tuple[list[Node], list[system_message]]:
        number = self.text.strip()
        known = crisis_numbers(self.config.course_crisis)
        if number not in known:
            message = self.inliner.reporter.error(
                f"{number!r} is no crisis number of course.toml: use one its "
                f"[[crisis]] tables give ({', '.join(sorted(known)) or 'none yet'})",
                line=self.lineno,
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [
                message
            ]
        link = nodes.reference(
            "",
            number,
            refuri=tel_uri(number),
            internal=False,
            classes=["crisis-number"],
        )
        return [link], []


def setup_crisiscall(app: Sphinx) -> None:
    app.add_role("crisis-call", CrisisCallRole())
