"""The store's schema and its versions: the migrations that upgrade an older file in order,
and what to read from one that cannot be upgraded (a read-only folder)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.bookmarks.model import BookmarkError
from desktop.core.bookmarks.rows import NAMES

#: Ordered schema migrations: ``MIGRATIONS[n]`` takes a file from version ``n`` to ``n + 1``.
#: Append, never edit: files in the wild were made by the earlier entries.
MIGRATIONS: tuple[str, ...] = (
    # 1: bookmarks with their anchor, note, tags (a JSON list) and colour.
    """
    CREATE TABLE bookmarks (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        passage_id TEXT NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        colour TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    """,
    # 2: a citation that outlives the article, the anchor's status, lookups by article.
    """
    ALTER TABLE bookmarks ADD COLUMN article_title TEXT NOT NULL DEFAULT '';
    ALTER TABLE bookmarks ADD COLUMN article_date TEXT;
    ALTER TABLE bookmarks ADD COLUMN article_source TEXT NOT NULL DEFAULT '';
    ALTER TABLE bookmarks ADD COLUMN status TEXT NOT NULL DEFAULT 'attached';
    CREATE INDEX bookmarks_by_article ON bookmarks (article_id);
    """,
    # 3: saved searches, named queries with their view.
    """
    CREATE TABLE saved_searches (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        query TEXT NOT NULL,
        mode TEXT NOT NULL DEFAULT 'articles',
        sort TEXT NOT NULL DEFAULT 'relevance',
        created TEXT NOT NULL DEFAULT ''
    );
    """,
    # 4: tags and collections on whole articles, keyed by the article's id as bookmarks are.
    """
    CREATE TABLE article_tags (
        article_id TEXT NOT NULL,
        tag TEXT NOT NULL COLLATE NOCASE,
        article_title TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (article_id, tag)
    );
    CREATE INDEX article_tags_by_tag ON article_tags (tag);
    CREATE TABLE collections (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        created TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE collection_articles (
        collection TEXT NOT NULL COLLATE NOCASE,
        article_id TEXT NOT NULL,
        article_title TEXT NOT NULL DEFAULT '',
        added TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (collection, article_id)
    );
    CREATE INDEX collection_articles_by_article ON collection_articles (article_id);
    """,
    # 5: the passage's page or chapter (a PDF's "p. 7"), cited with the bookmark.
    """
    ALTER TABLE bookmarks ADD COLUMN location TEXT NOT NULL DEFAULT '';
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
#: What the columns later migrations added hold in a file made before them (their defaults),
#: so a file that cannot be upgraded (a read-only folder) is still read whole.
_ADDED_COLUMNS = {
    "article_title": "''",
    "article_date": "NULL",
    "article_source": "''",
    "status": "'attached'",
    "location": "''",
}


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema to version ``target``, one transaction per step; return the old version.

    Each step and its new ``user_version`` commit together, so an interrupted upgrade resumes at
    the step it stopped at. Raises BookmarkError for a file newer than this program knows.
    """
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    check_version(version)
    for step in range(version, target):
        statements = [s for s in MIGRATIONS[step].split(";") if s.strip()]
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {step + 1}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    return int(version)


def check_version(version: int) -> None:
    """Raise BookmarkError for a schema ``version`` newer than this program knows."""
    if version > SCHEMA_VERSION:
        raise BookmarkError(
            "The bookmarks file was written by a newer version of InnoAtlas; update InnoAtlas "
            "to open it (the file was left untouched)."
        )


def readable_columns(connection: sqlite3.Connection, path: Path) -> str:
    """What to select for every column from a file as it is, without upgrading it.

    A column a later migration added is read as its default; a file without the bookmarks
    table, or without an original column, cannot be read without upgrading it.
    """
    present = {row[1] for row in connection.execute("PRAGMA table_info(bookmarks)")}
    parts = []
    for name in NAMES:
        bare = name.strip('"')
        if bare in present:
            parts.append(name)
        elif bare in _ADDED_COLUMNS:
            parts.append(f"{_ADDED_COLUMNS[bare]} AS {name}")
        else:
            raise BookmarkError(
                f"The bookmarks file {path} needs an upgrade that cannot be made while the data "
                "folder cannot be written; it can be opened once the folder is writable."
            )
    return ", ".join(parts)
