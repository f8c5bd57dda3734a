"""A synthetic course shaped like the real one, for the benchmark.

It copies the project's configuration (``book/conf.py``, ``course.toml``, the
bibliography, the glossary, ``slides/conf.py``) so every build runs the real
pipeline, and writes ``chapters`` chapters in the real layout: front matter,
objectives, sections of prose with citations and glossary terms, slide bullets,
facilitator notes, one exercise each, key points and discussion questions.
The text is made from a fixed vocabulary with a seeded generator, so two runs
with the same arguments write the same bytes.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

# Plain words in the register of the course; the generator strings them together.
_VOCABULARY = """
men feelings safety partner friend family tears trust shame courage listen quiet
moment evening support comfort signal learn practise notice gently small honest
careful warm steady open share body breath voice silence afternoon workshop group
question answer story memory father brother son protect armour mask release grief
sadness relief anger calm patience respect kindness habit rule childhood coach
teacher home kitchen car walk letter word sentence week month year step choice
chance space room
"""
WORDS = tuple(_VOCABULARY.split())
BACK_MATTER = ("glossary", "references", "crisis-resources", "sources")


@dataclass(frozen=True)
class Shape:
    """How big each synthetic chapter is (defaults: the real chapters' shape)."""

    sections: int = 5
    words_per_section: int = 400
    words_per_paragraph: int = 80


def _bib_keys(bib: Path) -> list[str]:
    return re.findall(r"^@\w+\{([^,\s]+),", bib.read_text(encoding="utf-8"), re.M)


def _glossary_terms(glossary: Path) -> list[str]:
    """Terms of the ``{glossary}`` block: unindented lines followed by a definition."""
    lines = glossary.read_text(encoding="utf-8").splitlines()
    return [
        line.strip()
        for line, following in pairwise(lines)
        if line[:1].isalpha() and following.startswith("  ")
    ]


class _Text:
    """Seeded sentences and paragraphs with citations and glossary terms."""

    def __init__(self, seed: int, keys: list[str], terms: list[str]) -> None:
        self.random = random.Random(seed)
        self.keys = keys
        self.terms = terms

    def sentence(self, words: int) -> str:
        chosen = self.random.choices(WORDS, k=words)
        return " ".join(chosen).capitalize() + "."

    def paragraph(self, words: int, cite: bool = False) -> str:
        sentences, left = [], words
        while left > 0:
            size = min(left, self.random.randint(8, 18))
            sentences.append(self.sentence(size))
            left -= size
        if not cite:
            return " ".join(sentences)
        # The real chapters cite a study and use a glossary term about once a section.
        if self.keys:
            sentences[0] = (
                sentences[0][:-1] + f" {{cite:p}}`{self.random.choice(self.keys)}`."
            )
        if self.terms and len(sentences) > 1:
            sentences[1] = (
                sentences[1][:-1] + f", a {{term}}`{self.random.choice(self.terms)}`."
            )
        return " ".join(sentences)

    def bullets(self, count: int, words: int = 6) -> str:
        return "\n".join(f"- {self.sentence(words)[:-1]}" for _ in range(count))


def _chapter(module: int, text: _Text, shape: Shape, exercise: str) -> str:
    sources = ", ".join(text.random.sample(text.keys, k=min(2, len(text.keys))))
    parts = [
        f"---\nmodule: {module}\nteaching_minutes: 20\nsources: [{sources}]\n---\n",
        f"(ch-bench-{module})=\n# Chapter {module}: {text.sentence(4)[:-1]}\n",
        ":::{content-note}\n"
        f"{text.sentence(20)} See {{doc}}`../crisis-resources`.\n:::\n",
        text.paragraph(shape.words_per_paragraph) + "\n",
        f":::{{objectives}}\n{text.bullets(4)}\n:::\n",
    ]
    paragraphs = max(1, shape.words_per_section // shape.words_per_paragraph)
    for number in range(1, shape.sections + 1):
        parts.append(f"## Section {module}.{number}: {text.sentence(3)[:-1]}\n")
        parts += [
            text.paragraph(shape.words_per_paragraph, cite=index == 0) + "\n"
            for index in range(paragraphs)
        ]
        parts.append(f":::{{slide}}\n{text.bullets(4)}\n:::\n")
        parts.append(f":::{{facilitator}}\n{text.paragraph(60)}\n:::\n")
        if number == 2:
            parts.append(f":::{{exercise}} {exercise}\n:::\n")
    parts.append(f":::{{keypoints}}\n{text.bullets(4, 10)}\n:::\n")
    parts.append(f":::{{discussion}}\n{text.bullets(3, 10)}\n:::\n")
    return "\n".join(parts)


def _exercise(text: _Text) -> str:
    return "\n".join(
        [
            f'---\ntitle: "{text.sentence(4)[:-1]}"\nduration: 8\nformat: pairs\n'
            "pairs: formed by facilitator, couples split\n"
            "debrief: 3\nmaterials: []\n---\n",
            text.paragraph(70) + "\n",
            f":::{{prompts}}\n{text.bullets(3, 10)}\n:::\n",
            f":::{{debrief}}\n{text.bullets(2, 8)}\n:::\n",
        ]
    )


def _index(title: str) -> str:
    back = "\n".join(BACK_MATTER)
    return (
        f"# {title}\n\nA synthetic course for the benchmark.\n\n"
        ":::{course-downloads}\n:::\n\n"
        "```{toctree}\n:caption: Chapters\n:glob:\n:titlesonly:\n\nchapters/*\n```\n\n"
        f"```{{toctree}}\n:caption: Back matter\n\n{back}\n```\n"
    )


def generate(
    project: Path, target: Path, chapters: int, shape: Shape | None = None
) -> Path:
    """Write a synthetic course of ``chapters`` chapters to ``target``; return it.

    ``project`` is the real project: its configuration and back matter are copied,
    so the synthetic course builds through the same settings and extensions.
    """
    shape = shape or Shape()
    book, real_book = target / "book", project / "book"
    (book / "chapters").mkdir(parents=True, exist_ok=True)
    (target / "exercises").mkdir(exist_ok=True)
    (target / "slides").mkdir(exist_ok=True)
    shutil.copy2(project / "slides" / "conf.py", target / "slides" / "conf.py")
    for name in ("conf.py", "course.toml", "references.bib", *_back_pages()):
        shutil.copy2(real_book / name, book / name)
    keys = _bib_keys(book / "references.bib")
    terms = _glossary_terms(book / "glossary.md")
    title = "Benchmark course"
    (book / "index.md").write_text(_index(title), encoding="utf-8")
    width = max(2, len(str(chapters - 1)))
    for module in range(chapters):
        text = _Text(module, keys, terms)
        exercise = f"ch{module:0{width}d}-practice"
        (target / "exercises" / f"{exercise}.md").write_text(
            _exercise(text), encoding="utf-8"
        )
        (book / "chapters" / f"{module:0{width}d}-chapter.md").write_text(
            _chapter(module, text, shape, exercise), encoding="utf-8"
        )
    return target


def _back_pages() -> list[str]:
    return [f"{name}.md" for name in BACK_MATTER]


def edit_chapter(target: Path, module: int = 1) -> Path:
    """Change one paragraph of one chapter, as an author would; return its path."""
    path = sorted((target / "book" / "chapters").glob("*.md"))[module]
    text = path.read_text(encoding="utf-8")
    marker = "\n## "
    at = text.index(marker)
    path.write_text(
        text[:at] + "\nAn edited sentence, added by the benchmark.\n" + text[at:],
        encoding="utf-8",
    )
    return path


def edit_facilitator_note(target: Path, module: int = 1) -> Path:
    """Change one facilitator note only: the decks change, the book does not."""
    path = sorted((target / "book" / "chapters").glob("*.md"))[module]
    text = path.read_text(encoding="utf-8")
    marker = ":::{facilitator}\n"
    at = text.index(marker) + len(marker)
    path.write_text(
        text[:at] + "A facilitator's reminder, added by the benchmark. " + text[at:],
        encoding="utf-8",
    )
    return path
