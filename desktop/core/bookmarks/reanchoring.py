"""Re-anchoring: each bookmark of an article found again in its text as it is now, with its
citation refreshed, and the rows of those that moved rewritten only where the file still
holds what was read (another writer's edit meanwhile wins)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from desktop.core.bookmarks.anchors import Placement, locate_all
from desktop.core.bookmarks.model import AnchorStatus, Bookmark
from desktop.core.model import Article

#: What re-anchoring changes: the anchor, the citation and the status.
_REANCHORED = (
    "passage_id",
    "quote",
    "prefix",
    "suffix",
    "start",
    '"end"',
    "article_title",
    "article_date",
    "article_source",
    "status",
    "location",
)
_REANCHOR = f"UPDATE bookmarks SET {', '.join(f'{n} = ?' for n in _REANCHORED)} WHERE id = ?"
#: The same, only where the row still holds what was read (``IS``: the date may be NULL).
_REANCHOR_IF_SAME = f"{_REANCHOR} AND {' AND '.join(f'{n} IS ?' for n in _REANCHORED)}"
#: How many re-anchored rows one transaction of
#: :meth:`~desktop.core.bookmarks.store.BookmarkStore.reanchor_all` writes: enough to share
#: each commit's fsync among many rows, few enough that another writer (the window adding a
#: bookmark) waits a fraction of a second.
REANCHOR_BATCH = 5_000

#: A row re-anchoring changes: its rowid, the bookmark as found now, what the row held.
Move = tuple[int, Bookmark, tuple[Any, ...]]
Citation = tuple[str, str | None, str]


def _reanchor_values(bookmark: Bookmark) -> tuple[Any, ...]:
    """The values of :data:`_REANCHORED` for ``bookmark``, in that order."""
    b = bookmark
    return (
        *(b.passage_id, b.quote, b.prefix, b.suffix, b.start, b.end),
        *(b.article_title, b.article_date, b.article_source, b.status.value, b.location),
    )


def _citation(article: Article) -> Citation:
    """The title, date and source a bookmark of ``article`` is cited with."""
    return article.title, article.date.iso() if article.date else None, article.source


def _locations(article: Article) -> dict[str, str]:
    """The page or chapter of each located block of ``article`` (none for most articles)."""
    return {b.id: b.location for b in article.blocks if b.location}


def _placed(
    old: Bookmark, placement: Placement, citation: Citation, locations: dict[str, str]
) -> Bookmark:
    """``old`` where ``placement`` puts it, cited as ``citation`` (and its passage's place in
    ``locations``); ``old`` itself if the same.

    A bookmark ``moved`` stays marked so, even where it is now found in place, until the user
    edits it. Returning ``old`` unchanged lets callers skip writing it by identity, and a new
    one is built in one step (``dataclasses.replace`` costs ten times as much): this runs for
    every bookmark each time the bookmarks are listed.
    """
    status = placement.status
    if status is AnchorStatus.ATTACHED and old.status is AnchorStatus.MOVED:
        status = AnchorStatus.MOVED
    anchor = placement.anchor
    location = locations.get(anchor.passage_id, "") if locations else ""
    if (
        status is old.status
        and citation == (old.article_title, old.article_date, old.article_source)
        and anchor == old.anchor
        and location == old.location
    ):
        return old
    title, date, source = citation
    return Bookmark(
        **{
            **vars(old),
            "passage_id": anchor.passage_id,
            "quote": anchor.quote,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
            "start": anchor.start,
            "end": anchor.end,
            "article_title": title,
            "article_date": date,
            "article_source": source,
            "status": status,
            "location": location,
        }
    )


def _orphaned(old: Bookmark) -> Bookmark:
    """``old`` marked orphaned (its article left the library); ``old`` itself if it was."""
    if old.status is AnchorStatus.ORPHANED:
        return old
    return Bookmark(**{**vars(old), "status": AnchorStatus.ORPHANED})


def found_now(
    stored: Sequence[tuple[int, Bookmark]], known: Sequence[Bookmark], article: Article | None
) -> tuple[list[Bookmark], list[Move]]:
    """The bookmarks ``known`` as found in ``article`` now (orphaned if it is gone), and the
    rows to write for those that moved: ``(rowid, new, old values)``.

    ``stored`` holds each row's rowid and bookmark as the file has it; ``known`` the same
    bookmarks as the store knows them (re-anchored in memory where that was not saved).
    """
    if article is None:
        news = [_orphaned(bookmark) for bookmark in known]
    else:
        citation, locations = _citation(article), _locations(article)
        placements = locate_all(article, [bookmark.anchor for bookmark in known])
        news = [_placed(b, p, citation, locations) for b, p in zip(known, placements, strict=True)]
    moves = [
        (rowid, new, _reanchor_values(old))
        for (rowid, old), new in zip(stored, news, strict=True)
        if new is not old and new != old
    ]
    return news, moves


def write_moves(connection: sqlite3.Connection, moves: Sequence[Move]) -> None:
    """Rewrite the rows of ``moves``, each only if it still holds what was read."""
    connection.executemany(
        _REANCHOR_IF_SAME,
        [(*_reanchor_values(new), new.id, *old) for _rowid, new, old in moves],
    )
