"""Bookmarks: user data kept in SQLite beside (never inside) the index, with robust anchors.

- :mod:`~desktop.core.bookmarks.model`: the :class:`Bookmark` and :class:`Anchor` values.
- :mod:`~desktop.core.bookmarks.anchors`: making anchors and re-finding them after edits.
- :mod:`~desktop.core.bookmarks.store`: the durable, migrated, backed-up SQLite store.
- :mod:`~desktop.core.bookmarks.transactions`: its changes all or nothing, errors in words.
- :mod:`~desktop.core.bookmarks.queries`: its reads: a listing narrowed, the tags in use.
- :mod:`~desktop.core.bookmarks.merging`: what an import changes in it.
- :mod:`~desktop.core.bookmarks.reanchoring`: bookmarks found again in their articles now.
- :mod:`~desktop.core.bookmarks.opening`: which way the store opens its file, and why.
- :mod:`~desktop.core.bookmarks.backups`: the file's safety copies, and a damaged file replaced.
- :mod:`~desktop.core.bookmarks.sqlfile`: its file opened to write or only to read, in words.
- :mod:`~desktop.core.bookmarks.schema`: its schema versions and their migrations.
- :mod:`~desktop.core.bookmarks.labels`: tags and collections on whole articles.
- :mod:`~desktop.core.bookmarks.rows`: a bookmark as a row of its table, and back.
- :mod:`~desktop.core.bookmarks.exchange`: Markdown, JSON and CSV export; JSON import
  (:func:`read_export`, the one reader of a file to import); every format carries the
  bookmarks' ``innoatlas://`` links (:mod:`desktop.core.links`).
- :mod:`~desktop.core.bookmarks.notes_export`: notes as an Obsidian folder, and CSL-JSON.
- :mod:`~desktop.core.bookmarks.foreign`: highlights read from Kindle, Readwise and Zotero.
- :mod:`~desktop.core.bookmarks.matching`: those highlights matched to articles, or orphaned.
"""

from desktop.core.bookmarks.anchors import (
    Placement,
    anchor_at,
    anchor_passage,
    find_quote,
    locate,
)
from desktop.core.bookmarks.exchange import (
    FORMATS,
    ExportFormat,
    export,
    from_json,
    read_export,
    read_export_all,
    read_export_labelled,
    saved_from_json,
    write_file,
)
from desktop.core.bookmarks.labels import Label, LabelledArticle, Labels
from desktop.core.bookmarks.model import (
    DEFAULT_COLOUR,
    Anchor,
    AnchorStatus,
    Bookmark,
    BookmarkError,
    BookmarkNotFound,
    ImportFormatError,
    NotSaved,
    QuoteNotFound,
)
from desktop.core.bookmarks.saved_searches import SavedSearch
from desktop.core.bookmarks.store import BookmarkStore, MergeReport

__all__ = [
    "DEFAULT_COLOUR",
    "FORMATS",
    "Anchor",
    "AnchorStatus",
    "Bookmark",
    "BookmarkError",
    "BookmarkNotFound",
    "BookmarkStore",
    "ExportFormat",
    "ImportFormatError",
    "Label",
    "LabelledArticle",
    "Labels",
    "MergeReport",
    "NotSaved",
    "Placement",
    "QuoteNotFound",
    "SavedSearch",
    "anchor_at",
    "anchor_passage",
    "export",
    "find_quote",
    "from_json",
    "locate",
    "read_export",
    "read_export_all",
    "read_export_labelled",
    "saved_from_json",
    "write_file",
]
