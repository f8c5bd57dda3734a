"""The course model: what a course is, read from its files, with no Sphinx.

Front matter, exercises, workshop formats, crisis lines, the course facts and the
project layout. The Sphinx extension, ``prose``, ``build``, the kit and the link
checker all read the course through this package.
"""
