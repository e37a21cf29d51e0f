"""Bookmarks in and out of files: Markdown to read and cite, JSON to move, CSV for spreadsheets.

Only JSON is read back: it carries every field under a format name and version, so a later
InnoAtlas can still read what this one wrote, and an unrelated JSON file is refused with a
sentence instead of being half-imported.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any, Literal

from desktop.core.bookmarks.model import AnchorStatus, Bookmark, BookmarkError, ImportFormatError

FORMAT_NAME = "innoatlas-bookmarks"
FORMAT_VERSION = 1
ExportFormat = Literal["md", "json", "csv"]
FORMATS: tuple[ExportFormat, ...] = ("md", "json", "csv")
FIELDS = tuple(f.name for f in dataclasses.fields(Bookmark))


def citation(bookmark: Bookmark) -> str:
    """A one-line citation: title, date (at its precision) and source file name.

    The source is the file name only: the full path says where it sits on one computer, which
    is noise in a note and private in a shared one.

    >>> from desktop.core.bookmarks.model import Bookmark
    >>> b = Bookmark("1", "a1", "p-1", "q", "", "", 0, 1, "", (), "#ffd54f", "", "",
    ...              "Fintech Fund Opens", "2023-03", "/home/me/articles/fund.txt")
    >>> citation(b)
    '*Fintech Fund Opens*, 2023-03, fund.txt'
    """
    parts = [f"*{bookmark.article_title or bookmark.article_id}*"]
    if bookmark.article_date:
        parts.append(bookmark.article_date)
    if bookmark.article_source:
        parts.append(PurePath(bookmark.article_source).name)
    return ", ".join(parts)


def to_markdown(bookmarks: Sequence[Bookmark]) -> str:
    """Bookmarks grouped by article (in order of each article's first bookmark), each quote
    followed by its citation, then its note and tags; orphaned ones say so.
    """
    groups: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        groups.setdefault(bookmark.article_id, []).append(bookmark)
    lines = ["# Bookmarks", ""]
    for group in groups.values():
        first = group[0]
        lines += [f"## {first.article_title or first.article_id}", ""]
        for bookmark in group:
            lines += [f"> {bookmark.quote}", ">", f"> — {citation(bookmark)}", ""]
            if bookmark.status is AnchorStatus.ORPHANED:
                lines += ["*Orphaned: this text is no longer found in the article.*", ""]
            if bookmark.note:
                lines += [*bookmark.note.splitlines(), ""]
            if bookmark.tags:
                lines += ["Tags: " + ", ".join(f"`{tag}`" for tag in bookmark.tags), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def to_json(bookmarks: Sequence[Bookmark]) -> str:
    """Every field of every bookmark, in the versioned envelope :func:`from_json` reads."""
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "bookmarks": [b.to_dict() for b in bookmarks],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(bookmarks: Sequence[Bookmark]) -> str:
    """One row per bookmark, every field as a column; tags joined with ``"; "``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FIELDS)
    for bookmark in bookmarks:
        row = bookmark.to_dict()
        row["tags"] = "; ".join(bookmark.tags)
        writer.writerow(["" if row[name] is None else row[name] for name in FIELDS])
    return buffer.getvalue()


def export(bookmarks: Sequence[Bookmark], form: ExportFormat) -> str:
    """The bookmarks written in ``form`` (``"md"``, ``"json"`` or ``"csv"``)."""
    writers = {"md": to_markdown, "json": to_json, "csv": to_csv}
    return writers[form](bookmarks)


def from_json(text: str) -> list[Bookmark]:
    """The bookmarks in a file :func:`to_json` wrote; raises ImportFormatError saying why not.

    >>> from_json('{"format": "innoatlas-bookmarks", "version": 1, "bookmarks": []}')
    []
    """
    try:
        document: Any = json.loads(text)
    except ValueError as error:
        raise ImportFormatError(f"The file is not JSON ({error}).") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportFormatError("The file is not an InnoAtlas bookmarks export.")
    version = document.get("version")
    if not isinstance(version, int) or version < 1:
        raise ImportFormatError("The bookmarks file has no valid version number.")
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"The bookmarks file is version {version}, newer than this InnoAtlas reads "
            f"({FORMAT_VERSION}); update InnoAtlas to import it."
        )
    items = document.get("bookmarks")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ImportFormatError("The bookmarks file has no list of bookmarks.")
    return [Bookmark.from_dict(item) for item in items]


def write_file(path: Path, text: str) -> None:
    """Write an export whole or not at all (a temporary file renamed over ``path``).

    Raises:
        BookmarkError: the folder is missing or the file cannot be written, named as the user
            named it (not the temporary file).
    """
    if not path.parent.is_dir():
        raise BookmarkError(f"The folder {path.parent} does not exist: nothing was exported.")
    temporary = path.with_name(f".{path.name}.partial")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise BookmarkError(
            f"{path} could not be written ({error.strerror or error}): nothing was exported."
        ) from error
