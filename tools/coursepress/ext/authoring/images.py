"""Images a page shows are real pictures of a sensible size, checked at read time.

Sphinx checks only that an image file exists. An empty file, a truncated
download or a file that is not a picture at all was copied into the site as it
was (a broken picture for the reader) or stopped the PDF deep inside
WeasyPrint; an enormous photo made every output, the workshop kit too, heavy.
Each raster image a page shows is opened with Pillow (decoded in full, so a
truncated file is found) and an error names the line that shows it. SVG is
text: Sphinx and the browsers read it, so it is only held to the size limit.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from PIL import Image, ImageFile, UnidentifiedImageError
from sphinx.util import logging

from coursepress.course.locations import location

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: An image file larger than this is a photo straight from a camera: every
#: output, the workshop kit too, would carry it (AUTHORING.md, "Images").
MAX_IMAGE_BYTES = 10_000_000
#: Pixels (width x height) beyond any screen or page: decoding them takes
#: memory and time for nothing (a 48-megapixel phone photo is over).
MAX_IMAGE_PIXELS = 40_000_000
_ADVICE = "export it again as PNG, JPEG or SVG, at most 1600 pixels wide"


def image_problem(path: Path) -> str | None:
    """What is wrong with the image file ``path``, or None."""
    size = path.stat().st_size
    if size == 0:
        return f"the image {path.name} is an empty file: {_ADVICE}"
    if size > MAX_IMAGE_BYTES:
        return (
            f"the image {path.name} is {size / 1e6:.1f} MB, over the limit of "
            f"{MAX_IMAGE_BYTES / 1e6:.0f} MB: {_ADVICE}"
        )
    if path.suffix.lower() in (".svg", ".svgz"):
        return None
    try:
        with warnings.catch_warnings():
            # Pillow warns (and past twice its own limit refuses) on a huge
            # image; ours is lower and reported below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                width, height = picture.size
                if width * height > MAX_IMAGE_PIXELS:
                    return (
                        f"the image {path.name} is {width} x {height} pixels, over "
                        f"the limit of {MAX_IMAGE_PIXELS // 1_000_000} megapixels: "
                        f"{_ADVICE}"
                    )
                # WeasyPrint, once imported, tells Pillow to pad cut-short
                # images (process-wide): the check must see them as they are.
                lenient = ImageFile.LOAD_TRUNCATED_IMAGES
                ImageFile.LOAD_TRUNCATED_IMAGES = False
                try:
                    picture.load()
                finally:
                    ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    except UnidentifiedImageError:
        return (
            f"the image {path.name} cannot be read as a picture (it is in no "
            f"image format the build knows): {_ADVICE}"
        )
    except Image.DecompressionBombError:
        return f"the image {path.name} has far too many pixels: {_ADVICE}"
    except (OSError, SyntaxError, ValueError) as err:
        # Truncated or damaged data.
        return f"the image {path.name} cannot be read as a picture ({err}): {_ADVICE}"
    return None


def shown_at(node: nodes.Element) -> tuple[str | None, int | None]:
    """The file and line that show ``node`` (its own, or its nearest parent's)."""
    current: nodes.Element | None = node
    while current is not None:
        if current.source and current.line:
            return current.source, current.line
        current = current.parent
    return node.source, None


def check_images(app: Sphinx, doctree: nodes.document) -> None:
    """Report each unusable image file a page (or an exercise in it) shows."""
    for node in doctree.findall(nodes.image):
        for candidate in node.get("candidates", {}).values():
            path = Path(app.srcdir, candidate)
            if "://" in candidate or candidate.startswith("data:"):
                continue
            if not path.is_file():
                continue  # Sphinx reports a missing image itself
            problem = image_problem(path)
            if problem is None:
                continue
            source, line = shown_at(node)
            logger.error(
                problem,
                location=location(Path(source), line)
                if source
                else (app.env.docname, line),
                type="course",
                subtype="image",
            )


def setup_images(app: Sphinx) -> None:
    # After Sphinx's own image collector, which resolves each image's file.
    app.connect("doctree-read", check_images, priority=600)
