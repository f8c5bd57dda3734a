"""Sphinx configuration of the printable sheets: see coursepress.settings."""

from coursepress.settings import sheets_settings

globals().update(sheets_settings(__file__))
