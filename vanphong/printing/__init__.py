"""Printouts (PDF) shared by every app: fonts, A4 page templates, styles, dates.

A plain package, not a Django app: it has no models, settings or URLs.
"""
