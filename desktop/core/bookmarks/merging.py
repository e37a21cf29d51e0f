"""What an import changes in the store: each bookmark from elsewhere new, newer (its note,
tags and colour kept on the store's anchor) or no news, decided by its id alone."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop.core.bookmarks.model import Bookmark


@dataclass(frozen=True)
class MergeReport:
    """What :meth:`~desktop.core.bookmarks.store.BookmarkStore.merge` did.

    Attributes:
        added: bookmarks that were new to the store.
        updated: bookmarks already present whose note, tags or colour the newer copy changed.
        unchanged: bookmarks already present and at least as new as the imported copy.
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def merged(
    incoming: Iterable[Bookmark], present: Mapping[str, Bookmark]
) -> tuple[dict[str, Bookmark], dict[str, Bookmark], MergeReport]:
    """The bookmarks to insert and those to update, by id, for ``incoming`` merged into a
    store that holds ``present`` (those of their ids it has), and what that comes to.

    Of two copies with the same id, the note, tags and colour of the one edited last are
    kept, on the anchor of the one already there; the same id twice in ``incoming`` counts
    the second copy against the first.
    """
    added = updated = unchanged = 0
    new: dict[str, Bookmark] = {}
    changed: dict[str, Bookmark] = {}
    for bookmark in incoming:
        kept = new.get(bookmark.id) or changed.get(bookmark.id) or present.get(bookmark.id)
        if kept is None:
            new[bookmark.id] = bookmark
            added += 1
            continue
        if bookmark.updated <= kept.updated or (
            (bookmark.note, bookmark.tags, bookmark.colour) == (kept.note, kept.tags, kept.colour)
        ):
            unchanged += 1
            continue
        merged = dataclasses.replace(
            kept,
            note=bookmark.note,
            tags=bookmark.tags,
            colour=bookmark.colour,
            updated=bookmark.updated,
        )
        (new if bookmark.id in new else changed)[bookmark.id] = merged
        updated += 1
    return new, changed, MergeReport(added, updated, unchanged)
