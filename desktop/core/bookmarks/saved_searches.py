"""Saved searches: a query the user names to run again (Zotero's saved searches), kept with the
bookmarks in their SQLite file, so they share its transactions, backups and exports.

A saved search is user data: it is written in one transaction, exported with the bookmarks'
JSON and read back from it. A file made before saved searches existed (one that could not be
upgraded, in a read-only folder) simply has none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.bookmarks.model import BookmarkError, ImportFormatError

MODES = ("articles", "passages")
SORTS = ("relevance", "date")
#: The longest name: a menu item, not a note.
MAX_NAME = 120


@dataclass(frozen=True)
class SavedSearch:
    """A named query with the view it was made in.

    Attributes:
        name: what the user called it (unique, compared ignoring case).
        query: the query as typed.
        mode: "articles" or "passages"; sort: "relevance" or "date".
        created: when it was saved (ISO 8601, UTC).
    """

    name: str
    query: str
    mode: str = "articles"
    sort: str = "relevance"
    created: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip() or len(self.name) > MAX_NAME:
            raise BookmarkError(f"A saved search needs a name of 1 to {MAX_NAME} characters.")
        if not self.query.strip():
            raise BookmarkError("A saved search needs a query.")
        if self.mode not in MODES or self.sort not in SORTS:
            raise BookmarkError(
                "A saved search's view is articles or passages, by relevance or date."
            )

    def to_dict(self) -> dict[str, str]:
        """Every field, JSON-ready."""
        return {
            "name": self.name,
            "query": self.query,
            "mode": self.mode,
            "sort": self.sort,
            "created": self.created,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SavedSearch:
        """The inverse of :meth:`to_dict`; raises ImportFormatError saying what is wrong."""
        values = {key: data.get(key, default) for key, default in _DEFAULTS.items()}
        if not all(isinstance(value, str) for value in values.values()):
            raise ImportFormatError("A saved search in the file has a field that is not text.")
        try:
            return cls(**values)
        except BookmarkError as error:
            raise ImportFormatError(
                f"A saved search in the file cannot be read: {error}"
            ) from error


_DEFAULTS = {"name": "", "query": "", "mode": "articles", "sort": "relevance", "created": ""}
_COLUMNS = "name, query, mode, sort, created"


def all_saved(connection: sqlite3.Connection) -> list[SavedSearch]:
    """Every saved search, by name (none in a file from before they existed)."""
    try:
        rows = connection.execute(
            f"SELECT {_COLUMNS} FROM saved_searches ORDER BY name COLLATE NOCASE"
        ).fetchall()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return []
        raise
    return [SavedSearch(*row) for row in rows]


def put(connection: sqlite3.Connection, search: SavedSearch) -> None:
    """Save ``search``, replacing one of the same name (ignoring case)."""
    connection.execute("DELETE FROM saved_searches WHERE name = ? COLLATE NOCASE", (search.name,))
    connection.execute(
        f"INSERT INTO saved_searches ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
        (search.name, search.query, search.mode, search.sort, search.created),
    )


def take(connection: sqlite3.Connection, name: str) -> SavedSearch | None:
    """Delete the saved search called ``name`` (ignoring case) and return it, or None."""
    row = connection.execute(
        f"SELECT {_COLUMNS} FROM saved_searches WHERE name = ? COLLATE NOCASE", (name,)
    ).fetchone()
    if row is None:
        return None
    connection.execute("DELETE FROM saved_searches WHERE name = ? COLLATE NOCASE", (name,))
    return SavedSearch(*row)
