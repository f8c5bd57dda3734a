from pathlib import Path

here = Path(__file__).parent
project = "Test course"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "coursepress.ext", "coursepress.ext.decks"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["exercises", "_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
course_exercises_dir = str(here / "exercises")
course_basename = "test-course"
html_copy_source = False
epub_uid = "course-test"
epub_identifier = "course-test"
epub_copyright = "2026"
epub_author = "Tester"
version = release = "1"
course_formats_dir = str(here / "formats")
course_base_url = "https://courses.safe-enough-to-cry.net/course/"
course_content_note = "CONTENT-NOTE-OF-THE-COURSE"
course_agreements = ["Confidentiality", "The right to pass"]
# The crisis lines as production reads them, from this course's course.toml.
from coursepress.course.facts import load_course  # noqa: E402

course_crisis = load_course(here).crisis
exclude_patterns = ["exercises", "formats", "_build"]
