"""Widgets of the main window; each module runs alone with sample data (``python -m ...``)."""
