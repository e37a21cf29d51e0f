"""``bookmarks export --format obsidian|csl`` and ``bookmarks import --from kindle|readwise|
zotero``: the notes out to other tools and highlights in from them, over the core's
:mod:`~desktop.core.bookmarks.notes_export`, :mod:`~desktop.core.bookmarks.foreign` and
:mod:`~desktop.core.bookmarks.matching`.

An import reads and matches the whole file before the store is touched: a file that cannot be
read is one line and no change; a matched file is merged in one transaction, and the report
says what matched and what is orphaned, and why.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from desktop.core.bookmarks import BookmarkError, BookmarkStore
from desktop.core.bookmarks.foreign import Source
from desktop.core.bookmarks.notes_export import to_csl_json, write_folder
from desktop.core.library import Library
from desktop.core.notes_exchange import export_obsidian, match_file

#: Export formats beyond the bookmarks' own (md, json, csv).
NOTE_FORMATS = ("obsidian", "csl")
#: What ``import --from`` takes: ``auto`` tells the file's kind from it.
IMPORT_SOURCES = ("auto", "innoatlas", "kindle", "readwise", "zotero")


def export_notes(
    form: str, store: BookmarkStore, library: Library | None, output: Path | None, out: TextIO
) -> int:
    """Write the notes as an Obsidian folder (``output`` needed) or CSL-JSON."""
    bookmarks = store.list()
    if form == "csl":
        text = to_csl_json(bookmarks)
        if output is None:
            out.write(text)
        else:
            write_folder(output.parent, {output.name: text})
            out.write(f"Wrote {len(bookmarks)} bookmark(s) as CSL-JSON to {output}\n")
        return 0
    if output is None:
        raise BookmarkError("An Obsidian export is a folder: name it with -o FOLDER.")
    count = export_obsidian(output, bookmarks, library)
    out.write(f"Wrote {count} note file(s) for {len(bookmarks)} bookmark(s) to {output}\n")
    return 0


def import_highlights(
    path: Path,
    source: Source | None,
    store: BookmarkStore,
    library: Library | None,
    dry_run: bool,
    out: TextIO,
) -> int:
    """Match and merge a foreign file's highlights; print the report."""
    if library is None:
        raise BookmarkError(
            "The library's articles cannot be read now, so highlights cannot be matched: "
            "nothing was imported."
        )
    report = match_file(path, source, library)
    for line in report.lines():
        out.write(line + "\n")
    if dry_run:
        out.write("Nothing was imported (--dry-run).\n")
        return 0
    merged = store.merge(report.bookmarks)
    out.write(
        f"Imported {merged.added} new bookmark(s); {merged.updated} updated, "
        f"{merged.unchanged} already here.\n"
    )
    return 0
