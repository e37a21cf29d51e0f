"""``python -m desktop bookmarks ...``: list, add, export and import bookmarks from a terminal.

A thin layer over :mod:`desktop.core.bookmarks`, wired into :mod:`desktop.cli` by
:func:`add_commands` and :func:`run`. Before listing or exporting, every bookmark is re-anchored
against the library as it is now, so ``list`` shows orphaned bookmarks as orphaned. User
mistakes (an unknown article, a quote not in it, a file that is not a bookmarks export) print one
line to stderr and return 2. A data folder that cannot be written (read-only, or a full disk)
still lists and exports, after a ``Note:`` line saying so; changes to it are refused.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, cast

from desktop.cli import notes_exchange
from desktop.cli.output import write_json
from desktop.core.bookmarks import (
    DEFAULT_COLOUR,
    FORMATS,
    AnchorStatus,
    Bookmark,
    BookmarkError,
    BookmarkStore,
    ExportFormat,
    export,
    find_quote,
    read_export_labelled,
    write_file,
)
from desktop.core.bookmarks.foreign import sniff
from desktop.core.errors import ArticleNotFound
from desktop.core.library import Library
from desktop.core.notes_exchange import article_lookup

#: How much of a quote ``bookmarks list`` shows before cutting it with an ellipsis.
QUOTE_WIDTH = 70


def add_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add ``bookmarks list|add|export|import`` to the CLI; ``common`` adds the shared options.

    ``common`` is applied to each action (``bookmarks list --data-dir X``), not to the group, so
    an option is parsed in one place only. The chosen action is in ``args.bookmarks_command``.
    Returns the ``bookmarks`` parser.
    """
    parser = subparsers.add_parser("bookmarks", help="list, add, export or import bookmarks")
    actions = parser.add_subparsers(dest="bookmarks_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list bookmarks (orphaned ones are marked)")
    common(listing)
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.add_argument("--tag", help="only bookmarks with this tag")
    listing.add_argument("--article", metavar="ARTICLE_ID", help="only this article's bookmarks")
    listing.add_argument("--text", help="only bookmarks whose quote or note contains this")

    add = actions.add_parser("add", help="bookmark a quote from an article")
    common(add)
    add.add_argument("article_id", metavar="ARTICLE_ID", help="the article id (see `articles`)")
    add.add_argument("--quote", required=True, help="text copied exactly from one paragraph")
    add.add_argument("--note", default="", help="a note to keep with it")
    add.add_argument(
        "--tag", dest="tags", action="extend", nargs="+", default=[], metavar="TAG", help="tags"
    )
    add.add_argument("--colour", default=DEFAULT_COLOUR, help="#rrggbb (default %(default)s)")

    out = actions.add_parser(
        "export",
        help="write every bookmark as Markdown, JSON or CSV, an Obsidian folder or CSL-JSON",
    )
    common(out)
    out.add_argument(
        "--format",
        choices=(*FORMATS, *notes_exchange.NOTE_FORMATS),
        required=True,
        dest="export_format",
    )
    out.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the file (obsidian: the folder) to write (default: stdout)",
    )

    into = actions.add_parser(
        "import",
        help="merge bookmarks from a JSON export, or highlights from Kindle, Readwise or Zotero",
    )
    common(into)
    into.add_argument("file", type=Path, metavar="FILE")
    into.add_argument(
        "--from",
        dest="import_from",
        choices=notes_exchange.IMPORT_SOURCES,
        default="auto",
        help="what wrote FILE (default: told from the file)",
    )
    into.add_argument(
        "--dry-run", action="store_true", help="report what would match, import nothing"
    )
    return parser


def _line(bookmark: Bookmark) -> str:
    quote = bookmark.quote
    if len(quote) > QUOTE_WIDTH:
        quote = quote[: QUOTE_WIDTH - 1].rstrip() + "…"
    mark = {AnchorStatus.ORPHANED: "[orphaned] ", AnchorStatus.MOVED: "[moved] "}
    date = f" ({bookmark.article_date})" if bookmark.article_date else ""
    tags = "".join(f"  #{tag}" for tag in bookmark.tags)
    text = f"{bookmark.id[:8]}  {mark.get(bookmark.status, '')}“{quote}”{tags}\n"
    text += f"          {bookmark.article_title or bookmark.article_id}{date}\n"
    if bookmark.note:
        text += f"          Note: {bookmark.note}\n"
    return text


def run(
    args: argparse.Namespace, library: Library | None, data_dir: Path, out: TextIO, err: TextIO
) -> int:
    """Run one ``bookmarks`` action against the store in ``data_dir``; return the exit code.

    Without a ``library`` (its index cannot be opened: damaged and not repairable now, say)
    bookmarks are listed, exported and imported as they were last saved, not re-anchored.
    """
    try:
        with BookmarkStore(data_dir) as store:
            if store.notice:
                err.write(f"Note: {store.notice}\n")
            return _run(args, library, store, out, err)
    except (ArticleNotFound, BookmarkError) as error:
        err.write(f"error: {error}\n")
        return 2
    except OSError as error:
        err.write(f"error: {error.filename or ''}: {error.strerror or error}\n")
        return 2


def _foreign(args: argparse.Namespace) -> bool:
    """True when the file to import is another program's highlights, not an InnoAtlas export."""
    chosen = getattr(args, "import_from", "innoatlas")
    if chosen != "auto":
        return bool(chosen != "innoatlas")
    try:
        with args.file.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False  # read_export_all says why, as for any import
    return sniff(head) is not None


def _reanchor_all(store: BookmarkStore, library: Library | None, err: TextIO) -> None:
    """Re-anchor every bookmark; say so if that could not be saved (a full disk, say)."""
    if library is None:
        return
    before = store.notice
    store.reanchor_all(article_lookup(library))
    if store.notice and store.notice != before:
        err.write(f"Note: {store.notice}\n")


def _run(
    args: argparse.Namespace,
    library: Library | None,
    store: BookmarkStore,
    out: TextIO,
    err: TextIO,
) -> int:
    action = args.bookmarks_command
    if action == "add":
        if library is None:
            raise BookmarkError("The library's articles cannot be read now: nothing was added.")
        article = library.article(args.article_id)
        bookmark = store.add(
            article,
            find_quote(article, args.quote),
            note=args.note,
            tags=args.tags,
            colour=args.colour,
        )
        out.write(f"Bookmarked in “{article.title}”: {bookmark.id}\n")
        return 0
    if action == "import" and _foreign(args):
        source = None if args.import_from == "auto" else args.import_from
        return notes_exchange.import_highlights(
            args.file, source, store, library, args.dry_run, out
        )
    if action == "import":
        # Not kept in a variable: the file's bookmarks are freed before re-anchoring them all.
        bookmarks, saved, labels = read_export_labelled(args.file)
        report = store.merge(bookmarks)
        del bookmarks
        searches = store.merge_saved_searches(saved)
        labelled = store.merge_labels(labels)
        _reanchor_all(store, library, err)
        out.write(
            f"Imported {report.added} new bookmark(s); {report.updated} updated, "
            f"{report.unchanged} already here."
            + (f" {searches} saved search(es) added." if searches else "")
            + (f" {labelled} article tag(s) and collection entries added." if labelled else "")
            + "\n"
        )
        return 0
    _reanchor_all(store, library, err)
    if action == "list":
        found = store.list(tag=args.tag, article_id=args.article, text=args.text)
        if args.json:
            rows: list[dict[str, Any]] = [b.to_dict() for b in found]
            write_json(rows, out)
        else:
            for bookmark in found:
                out.write(_line(bookmark))
            orphans = sum(b.status is AnchorStatus.ORPHANED for b in found)
            out.write(f"{len(found)} bookmark(s), {orphans} orphaned\n")
        return 0
    if args.export_format in notes_exchange.NOTE_FORMATS:
        return notes_exchange.export_notes(args.export_format, store, library, args.output, out)
    form = cast(ExportFormat, args.export_format)
    text = export(store.list(), form, store.saved_searches(), store.labels())
    if args.output is None:
        out.write(text)
    else:
        write_file(args.output, text)
        out.write(f"Wrote {len(store.list())} bookmark(s) to {args.output}\n")
    return 0
