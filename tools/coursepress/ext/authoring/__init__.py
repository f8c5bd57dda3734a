"""Authoring features: the directives and roles chapters and exercises use."""
