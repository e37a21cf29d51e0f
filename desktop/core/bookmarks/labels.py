"""Tags and collections on whole articles (Zotero's), kept with the bookmarks in their SQLite
file so they share its transactions, migrations, backups and JSON export.

They are keyed by the article's id, the identity bookmarks use (made from its title and date,
not its path or body), so re-indexing, moving the file or editing the article's text keeps
them. The article's title is copied beside the id, so a listing reads without the index and an
article that left the library is still named. A file made before they existed (one that could
not be upgraded, in a read-only folder) simply has none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.bookmarks.model import (
    BookmarkError,
    ImportFormatError,
    normalize_tags,
    refuse_surrogates,
)

#: The longest tag or collection name: a label in a list, not a note.
MAX_LABEL = 80


def clean_label(text: str, what: str = "A tag") -> str:
    """A tag or collection name as stored (trimmed, inner spaces collapsed); raises
    BookmarkError when it is empty or too long.

    >>> clean_label("  science   park ")
    'science park'
    """
    cleaned = normalize_tags([text])
    if not cleaned or len(cleaned[0]) > MAX_LABEL:
        raise BookmarkError(f"{what} needs 1 to {MAX_LABEL} characters.")
    return cleaned[0]


@dataclass(frozen=True)
class LabelledArticle:
    """An article a tag or a collection holds: its id, its title when labelled, and when."""

    article_id: str
    article_title: str = ""
    added: str = ""

    def to_dict(self) -> dict[str, str]:
        """Every field, JSON-ready."""
        return {
            "article_id": self.article_id,
            "article_title": self.article_title,
            "added": self.added,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LabelledArticle:
        """The inverse of :meth:`to_dict`; raises ImportFormatError saying what is wrong."""
        values = [data.get("article_id", ""), data.get("article_title", ""), data.get("added", "")]
        if not all(isinstance(v, str) for v in values) or not values[0]:
            raise ImportFormatError("An article of a tag or collection in the file has no id.")
        refuse_surrogates("An article of a tag or collection in the file", *values)
        return cls(*values)


@dataclass(frozen=True)
class Label:
    """A tag or a collection with its articles, oldest first.

    Attributes:
        name: the tag or the collection's name (unique, compared ignoring case).
        articles: what it holds.
        created: when a collection was made (ISO 8601, UTC); empty for a tag.
    """

    name: str
    articles: tuple[LabelledArticle, ...] = ()
    created: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Every field, JSON-ready."""
        return {
            "name": self.name,
            "created": self.created,
            "articles": [a.to_dict() for a in self.articles],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Label:
        """The inverse of :meth:`to_dict`; raises ImportFormatError saying what is wrong."""
        name, created, items = data.get("name"), data.get("created", ""), data.get("articles", [])
        if not isinstance(name, str) or not isinstance(created, str) or not isinstance(items, list):
            raise ImportFormatError("A tag or collection in the file is not a name with articles.")
        if not all(isinstance(item, dict) for item in items):
            raise ImportFormatError("A tag or collection in the file lists articles wrongly.")
        refuse_surrogates("A tag or collection's name in the file", name, created)
        try:
            label = clean_label(name)
        except BookmarkError as error:
            raise ImportFormatError(f"A tag or collection in the file: {error}") from error
        return cls(label, tuple(LabelledArticle.from_dict(item) for item in items), created)


@dataclass(frozen=True)
class Labels:
    """Every article tag and collection of a file: what an export carries and an import merges."""

    tags: tuple[Label, ...] = ()
    collections: tuple[Label, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.tags or self.collections)


#: No tags and no collections (an export made without them).
NO_LABELS = Labels()


def _rows(connection: sqlite3.Connection, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
    """The rows of a read; none from a file made before labels existed."""
    try:
        return connection.execute(sql, parameters).fetchall()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return []
        raise


# -- article tags -------------------------------------------------------------------------------


def tag(
    connection: sqlite3.Connection, article_id: str, title: str, tags: Iterable[str], when: str
) -> None:
    """Give the article ``tags`` (one already there, in any case, is kept as spelt)."""
    for name in normalize_tags(tags):
        connection.execute(
            "INSERT OR IGNORE INTO article_tags (article_id, tag, article_title, created) "
            "VALUES (?, ?, ?, ?)",
            (article_id, clean_label(name), title, when),
        )
    if title:
        connection.execute(
            "UPDATE article_tags SET article_title = ? WHERE article_id = ?", (title, article_id)
        )


def untag(connection: sqlite3.Connection, article_id: str, tags: Iterable[str]) -> int:
    """Take ``tags`` (ignoring case) off the article; returns how many it had."""
    removed = 0
    for name in normalize_tags(tags):
        cursor = connection.execute(
            "DELETE FROM article_tags WHERE article_id = ? AND tag = ?", (article_id, name)
        )
        removed += cursor.rowcount
    return removed


def tags_of(connection: sqlite3.Connection, article_id: str) -> tuple[str, ...]:
    """The article's tags, alphabetical."""
    rows = _rows(
        connection,
        "SELECT tag FROM article_tags WHERE article_id = ? ORDER BY tag COLLATE NOCASE",
        (article_id,),
    )
    return tuple(row[0] for row in rows)


def tag_counts(connection: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every article tag with how many articles have it, most used first, then alphabetical."""
    rows = _rows(
        connection,
        "SELECT MIN(tag), COUNT(*) FROM article_tags GROUP BY tag COLLATE NOCASE "
        "ORDER BY COUNT(*) DESC, MIN(tag) COLLATE NOCASE",
    )
    return [(name, count) for name, count in rows]


def tagged(connection: sqlite3.Connection, name: str) -> list[LabelledArticle]:
    """The articles with tag ``name`` (ignoring case), in the order they were tagged."""
    rows = _rows(
        connection,
        "SELECT article_id, article_title, created FROM article_tags WHERE tag = ? "
        "ORDER BY created, rowid",
        (" ".join(name.split()),),
    )
    return [LabelledArticle(*row) for row in rows]


# -- collections --------------------------------------------------------------------------------


def collections(connection: sqlite3.Connection) -> list[Label]:
    """Every collection with its articles, by name."""
    names = _rows(connection, "SELECT name, created FROM collections ORDER BY name COLLATE NOCASE")
    return [Label(name, tuple(in_collection(connection, name)), created) for name, created in names]


def in_collection(connection: sqlite3.Connection, name: str) -> list[LabelledArticle]:
    """The articles of collection ``name`` (ignoring case), in the order they were added."""
    rows = _rows(
        connection,
        "SELECT article_id, article_title, added FROM collection_articles WHERE collection = ? "
        "ORDER BY added, rowid",
        (name,),
    )
    return [LabelledArticle(*row) for row in rows]


def find_collection(connection: sqlite3.Connection, name: str) -> Label | None:
    """The collection called ``name`` (ignoring case, spaces collapsed), or None."""
    rows = _rows(
        connection,
        "SELECT name, created FROM collections WHERE name = ?",
        (" ".join(name.split()),),
    )
    if not rows:
        return None
    stored, created = rows[0]
    return Label(stored, tuple(in_collection(connection, stored)), created)


def make_collection(connection: sqlite3.Connection, name: str, when: str) -> str:
    """Make a collection called ``name`` unless one is (ignoring case); returns its name."""
    clean = clean_label(name, "A collection's name")
    connection.execute(
        "INSERT OR IGNORE INTO collections (name, created) VALUES (?, ?)", (clean, when)
    )
    (stored,) = connection.execute(
        "SELECT name FROM collections WHERE name = ?", (clean,)
    ).fetchone()
    return str(stored)


def collect(connection: sqlite3.Connection, name: str, articles: Iterable[LabelledArticle]) -> int:
    """Add ``articles`` to the collection ``name`` (which must exist); returns how many were new."""
    added = 0
    for article in articles:
        cursor = connection.execute(
            "INSERT OR IGNORE INTO collection_articles "
            "(collection, article_id, article_title, added) VALUES (?, ?, ?, ?)",
            (name, article.article_id, article.article_title, article.added),
        )
        added += cursor.rowcount
    return added


def uncollect(connection: sqlite3.Connection, name: str, article_ids: Iterable[str]) -> int:
    """Take articles out of collection ``name`` (spaces collapsed, as it was found); returns
    how many it held."""
    name = " ".join(name.split())
    return sum(
        connection.execute(
            "DELETE FROM collection_articles WHERE collection = ? AND article_id = ?",
            (name, article_id),
        ).rowcount
        for article_id in article_ids
    )


def drop_collection(connection: sqlite3.Connection, name: str) -> Label | None:
    """Delete the collection ``name`` and its list (never the articles); returns it, or None."""
    found = find_collection(connection, name)
    if found is not None:
        connection.execute("DELETE FROM collection_articles WHERE collection = ?", (found.name,))
        connection.execute("DELETE FROM collections WHERE name = ?", (found.name,))
    return found


def collections_of(connection: sqlite3.Connection, article_id: str) -> tuple[str, ...]:
    """The names of the collections holding the article, alphabetical."""
    rows = _rows(
        connection,
        "SELECT c.name FROM collections c JOIN collection_articles a ON a.collection = c.name "
        "WHERE a.article_id = ? ORDER BY c.name COLLATE NOCASE",
        (article_id,),
    )
    return tuple(row[0] for row in rows)


# -- export and import --------------------------------------------------------------------------


def everything(connection: sqlite3.Connection) -> Labels:
    """Every tag and collection with its articles, for an export."""
    tags = tuple(
        Label(name, tuple(tagged(connection, name))) for name, _count in tag_counts(connection)
    )
    return Labels(tags, tuple(collections(connection)))


def merge(connection: sqlite3.Connection, labels: Labels, when: str) -> int:
    """Add what ``labels`` holds that is not here yet (an import); returns how many article
    tags and collection entries were new. Nothing here is removed or renamed."""
    new = 0
    for label in labels.tags:
        for article in label.articles:
            cursor = connection.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag, article_title, created) "
                "VALUES (?, ?, ?, ?)",
                (article.article_id, label.name, article.article_title, article.added or when),
            )
            new += cursor.rowcount
    for collection in labels.collections:
        name = make_collection(connection, collection.name, collection.created or when)
        new += collect(connection, name, collection.articles)
    return new


def labels_in(document: Mapping[str, Any]) -> Labels:
    """The tags and collections of an export already read (none in an older one); raises
    ImportFormatError saying what is wrong."""
    parts = []
    for key in ("article_tags", "collections"):
        items = document.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise ImportFormatError(f"The bookmarks file's {key.replace('_', ' ')} are not a list.")
        parts.append(tuple(Label.from_dict(item) for item in items))
    return Labels(parts[0], parts[1])


def labels_json(labels: Labels) -> dict[str, Any]:
    """What an export's document carries for ``labels`` (nothing when there are none)."""
    if not labels:
        return {}
    return {
        "article_tags": [t.to_dict() for t in labels.tags],
        "collections": [c.to_dict() for c in labels.collections],
    }
