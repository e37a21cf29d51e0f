"""A bookmark as a row of the store's table and back, so the store, the schema and
re-anchoring all read and write the columns in the one order given here."""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime
from typing import Any

from desktop.core.bookmarks.model import AnchorStatus, Bookmark

COLUMNS = (
    'id, article_id, passage_id, quote, prefix, suffix, start, "end", note, tags, colour, '
    "created, updated, article_title, article_date, article_source, status, location"
)
NAMES = [name.strip() for name in COLUMNS.split(",")]
INSERT = f"INSERT INTO bookmarks ({COLUMNS}) VALUES ({', '.join('?' * len(NAMES))})"
#: Every column but the id and the article, which never change: leaving the article out
#: spares SQLite rewriting the by-article index entry of each row.
UPDATE = f"UPDATE bookmarks SET {', '.join(f'{n} = ?' for n in NAMES[2:])} WHERE id = ?"
#: Stored status strings to their values (calling the enum costs more than the rest of a row).
_STATUS = {status.value: status for status in AnchorStatus}


def iso(moment: datetime) -> str:
    """``moment`` as the store writes times: UTC, to the second."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@functools.lru_cache(maxsize=4096)
def _tags_from(stored: str) -> tuple[str, ...]:
    """Tags as stored (a JSON list) read back; most bookmarks share a few sets of tags."""
    return tuple(json.loads(stored))


@functools.lru_cache(maxsize=4096)
def _tags_to(tags: tuple[str, ...]) -> str:
    return json.dumps(list(tags), ensure_ascii=False)


def to_bookmark(row: tuple[Any, ...]) -> Bookmark:
    """The bookmark a row of :data:`COLUMNS` holds."""
    values = list(row)
    values[9] = _tags_from(values[9])
    values[16] = _STATUS.get(values[16]) or AnchorStatus(values[16])
    return Bookmark(*values)


def to_row(bookmark: Bookmark) -> tuple[Any, ...]:
    """The row of ``bookmark``, in the order of :data:`COLUMNS`."""
    b = bookmark
    return (
        *(b.id, b.article_id, b.passage_id, b.quote, b.prefix, b.suffix, b.start, b.end),
        *(b.note, _tags_to(b.tags), b.colour, b.created, b.updated),
        *(b.article_title, b.article_date, b.article_source, b.status.value, b.location),
    )


def update_parameters(bookmark: Bookmark) -> tuple[Any, ...]:
    """The parameters of :data:`UPDATE` for ``bookmark``."""
    return (*to_row(bookmark)[2:], bookmark.id)
