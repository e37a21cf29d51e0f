"""The store's reads: its SELECTs, given what to select for a bookmark (an older file read
without upgrading it selects defaults), the narrowing of a listing, and the tags in use.
They return bookmarks as the file holds them; the store lays its unsaved changes on top."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from desktop.core.bookmarks.model import Bookmark, BookmarkNotFound
from desktop.core.bookmarks.rows import to_bookmark
from desktop.core.text import fold

#: How many ids one ``IN (...)`` lookup names: well under SQLite's limit on parameters.
_LOOKUP_CHUNK = 500


def fetch(connection: sqlite3.Connection, columns: str, bookmark_id: str) -> Bookmark:
    """The bookmark with this id; raises BookmarkNotFound."""
    row = connection.execute(
        f"SELECT {columns} FROM bookmarks WHERE id = ?", (bookmark_id,)
    ).fetchone()
    if row is None:
        raise BookmarkNotFound(f"There is no bookmark with id “{bookmark_id}”.")
    return to_bookmark(row)


def select(
    connection: sqlite3.Connection, columns: str, where: str, parameters: tuple[Any, ...]
) -> list[Bookmark]:
    """The bookmarks ``where`` picks, oldest first (then as saved)."""
    rows = connection.execute(
        f"SELECT {columns} FROM bookmarks {where} ORDER BY created, rowid", parameters
    ).fetchall()
    return [to_bookmark(row) for row in rows]


def of_article(
    connection: sqlite3.Connection, columns: str, article_id: str
) -> list[tuple[int, Bookmark]]:
    """An article's bookmarks with their rowids (to write them back in the file's order),
    oldest first."""
    rows = connection.execute(
        f"SELECT rowid, {columns} FROM bookmarks WHERE article_id = ? ORDER BY created, rowid",
        (article_id,),
    ).fetchall()
    return [(row[0], to_bookmark(row[1:])) for row in rows]


def by_id(connection: sqlite3.Connection, columns: str, ids: Iterable[str]) -> dict[str, Bookmark]:
    """The bookmarks stored under any of ``ids``, by id (a few lookups per 500)."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Bookmark] = {}
    for first in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[first : first + _LOOKUP_CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = connection.execute(f"SELECT {columns} FROM bookmarks WHERE id IN ({marks})", chunk)
        found.update((row[0], to_bookmark(row)) for row in rows)
    return found


def narrowed(bookmarks: list[Bookmark], tag: str | None, text: str | None) -> list[Bookmark]:
    """``bookmarks`` with ``tag`` (ignoring case) and ``text`` anywhere in the quote or the
    note (ignoring case, accents and spacing, as the reader's search does); None keeps all."""
    found = bookmarks
    if tag is not None:
        wanted = " ".join(tag.split()).casefold()
        found = [b for b in found if any(t.casefold() == wanted for t in b.tags)]
    if text and (needle := fold(text)):
        found = [b for b in found if needle in fold(b.quote) or needle in fold(b.note)]
    return found


def tags_in_use(connection: sqlite3.Connection) -> list[str]:
    """Every tag in use, most used first (then alphabetical), each spelt as first used."""
    rows = connection.execute("SELECT tags FROM bookmarks ORDER BY created, rowid")
    uses: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for (tags,) in rows:
        for tag in json.loads(tags):
            spelling.setdefault(tag.casefold(), tag)
            uses[tag.casefold()] += 1
    return [spelling[k] for k in sorted(uses, key=lambda k: (-uses[k], k))]
