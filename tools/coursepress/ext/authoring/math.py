"""Math rendered at build time: SVG drawn by ziamath, nothing loaded from elsewhere.

Sphinx's default renderer, MathJax, is a script from a CDN: a page with math
then loads from another site, and offline (the workshop kit), in the PDF
(WeasyPrint runs no script), in the EPUB and in the speaker notes readers saw
raw LaTeX. ziamath draws LaTeX as SVG paths with the font it bundles (STIX Two
Math), in pure Python, so every output shows the same drawing.

Each drawing is sized in ``em`` so it follows the text around it, is painted
in ``currentColor`` (dark mode, print), and carries ``role="img"`` with the
LaTeX as its ``aria-label`` for screen readers. A formula ziamath cannot read
fails the build naming the file and the line.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

RENDERER = "coursepress"
#: Drawing size in points per em of the surrounding text (ziamath's default).
_SIZE = 24.0
_SVG_SIZE = re.compile(
    r'^<svg (?P<ns>[^>]*?) width="(?P<w>[\d.]+)" height="(?P<h>[\d.]+)" '
    r'viewBox="(?P<x>[-\d.]+) (?P<y>[-\d.]+) [\d.]+ [\d.]+"'
)


class MathError(ValueError):
    """LaTeX that ziamath cannot draw."""


@lru_cache(maxsize=4096)
def math_svg(latex: str, *, inline: bool) -> str:
    """``<svg>`` markup of one formula, sized in em and aligned on the baseline."""
    import ziamath

    # Plain paths, no <symbol>/<use>: their ids would repeat on a page with two
    # formulas (invalid XHTML for the EPUB, duplicate ids for axe).
    ziamath.config.svg2 = False
    ziamath.config.precision = 2
    try:
        svg = ziamath.Latex(
            latex, size=_SIZE, inline=inline, color="currentColor"
        ).svg()
    except Exception as err:  # ziamath raises bare errors of several kinds
        raise MathError(str(err) or type(err).__name__) from err
    match = _SVG_SIZE.match(svg)
    if match is None:  # pragma: no cover - ziamath changed its output
        raise MathError("ziamath's drawing has no size")
    width, height = float(match["w"]), float(match["h"])
    # viewBox y is the top above the baseline: what lies below it is the depth.
    depth = height + float(match["y"])
    label = html.escape(latex.strip(), quote=True)
    style = f"vertical-align: {-depth / _SIZE:.3f}em" if inline else ""
    opening = (
        f'<svg {match["ns"]} width="{width / _SIZE:.3f}em" '
        f'height="{height / _SIZE:.3f}em" viewBox="{match["x"]} {match["y"]} '
        f'{width} {height}" role="img" aria-label="{label}" class="math-svg"'
        + (f' style="{style}"' if style else "")
    )
    return opening + svg[match.end() :]


def _draw(self: HTML5Translator, node: nodes.Element, latex: str, inline: bool) -> str:
    try:
        return math_svg(latex, inline=inline)
    except MathError as err:
        logger.warning(
            f"cannot draw this formula ({err}): {latex.strip()!r}. Write it in "
            "the LaTeX that ziamath reads (AUTHORING.md, 'Math')",
            location=node,
            type="course",
            subtype="math",
        )
        return f"<code>{html.escape(latex)}</code>"


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    svg = _draw(self, node, node.astext(), inline=True)
    self.body.append(f'<span class="math notranslate">{svg}</span>')
    raise nodes.SkipNode


def visit_math_block(self: HTML5Translator, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node.get("number"):
        number = get_node_equation_number(self, node) or node["number"]
        self.body.append(f'<span class="eqno">({number})</span>')
    # A block may hold several equations, one per paragraph (as in Sphinx).
    for part in re.split(r"\n\s*\n", node.astext()):
        if part.strip():
            self.body.append(
                '<div class="math-line">'
                + _draw(self, node, part, inline=False)
                + "</div>"
            )
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _use_renderer(app: Sphinx, config: Config) -> None:
    # Whatever conf.py says: MathJax would load a script from a CDN.
    config.html_math_renderer = RENDERER


def setup_math(app: Sphinx) -> None:
    app.add_html_math_renderer(
        RENDERER,
        inline_renderers=(visit_math, None),
        block_renderers=(visit_math_block, None),
    )
    app.connect("config-inited", _use_renderer, priority=900)
