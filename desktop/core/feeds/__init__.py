"""Pages by URL and RSS/Atom feeds: fetched safely, saved as article files the user owns.

``pages`` saves one page's main content in the data folder's ``web/`` folder; ``store`` keeps
the subscriptions and the entries seen (SQLite, user data); ``refresh`` asks each feed for what
is new. Fetching itself, with its limits, is :mod:`desktop.core.fetching`.
"""
