"""Notes exchanged with other tools, over a library: what the CLI and the window both call.

Highlights from another program are matched against the library's articles
(:mod:`desktop.core.bookmarks.matching`): by title, else by a search for the quote's first
words; an Obsidian export links each article to the entities it names (from the library's
entity graph). The bookmark store itself is the caller's: nothing here writes to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.bookmarks.foreign import Source, read_file
from desktop.core.bookmarks.matching import MatchReport, match
from desktop.core.bookmarks.model import Bookmark
from desktop.core.bookmarks.notes_export import entity_names, obsidian_files, write_folder
from desktop.core.errors import ArticleNotFound
from desktop.core.model import Article
from desktop.core.query import plain_query

if TYPE_CHECKING:  # the library is the caller's; importing it here would load Whoosh
    from desktop.core.library import Library

#: How many words of a quote search the library for it when no title matches.
SEARCH_WORDS = 8


def article_lookup(library: Library) -> Callable[[str], Article | None]:
    """The article with an id, or None when it left the library."""

    def lookup(article_id: str) -> Article | None:
        try:
            return library.article(article_id)
        except ArticleNotFound:
            return None

    return lookup


def match_file(path: Path, source: Source | None, library: Library) -> MatchReport:
    """The highlights of the file at ``path`` (``source``: its program, None: told from it)
    matched to ``library``'s articles; raises ImportFormatError for a file it cannot read."""
    highlights = read_file(path, source)

    def search(quote: str) -> Sequence[str]:
        words = quote.split()[:SEARCH_WORDS]
        return [hit.article_id for hit in library.search(plain_query(words), limit=3).hits]

    return match(highlights, library.titles(), article_lookup(library), search)


def export_obsidian(folder: Path, bookmarks: Sequence[Bookmark], library: Library | None) -> int:
    """Write the bookmarks as an Obsidian folder; returns how many files were written."""
    names = entity_names(library.graph) if library is not None else (lambda _id: [])
    return write_folder(folder, obsidian_files(bookmarks, names), notes=True)
