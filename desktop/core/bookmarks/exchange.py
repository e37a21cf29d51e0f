"""Bookmarks in and out of files: Markdown to read and cite, JSON to move, CSV for spreadsheets.

Only JSON is read back: it carries every field under a format name and version, so a later
InnoAtlas can still read what this one wrote, and an unrelated JSON file is refused with a
sentence instead of being half-imported.

Every field comes from files a user did not write (an article's title, its file name) or from
an import, so each format is written to be opened safely where it is meant to be opened:

- Markdown: text is escaped so that nothing in it becomes markup (a link, raw HTML, a heading),
  tags are code spans that no backtick inside can close, and terminal escape sequences and
  control characters are dropped.
- CSV: a cell a spreadsheet would run as a formula is prefixed with ``'``, as OWASP's guidance
  on CSV injection says, and every text cell is quoted; control characters are dropped.
- JSON: lossless, with the control characters JSON allows raw escaped, so it is safe to print.

Every format carries each bookmark's ``innoatlas://`` link (:mod:`desktop.core.links`), which
brings the window back to the passage: in Markdown as a link under the citation, in JSON as a
``link`` beside the fields (ignored when read back, since it is derived from them), in CSV as
the last column. The link is made of percent-encoded ids and quote, so it is never markup.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any, Literal

from desktop.core import links
from desktop.core.bookmarks.labels import NO_LABELS, Labels, labels_in, labels_json
from desktop.core.bookmarks.model import AnchorStatus, Bookmark, BookmarkError, ImportFormatError
from desktop.core.bookmarks.saved_searches import SavedSearch
from desktop.core.ingest.decoding import BOMS
from desktop.core.locks import write_atomically
from desktop.core.text import json_text, terminal_safe

FORMAT_NAME = "innoatlas-bookmarks"
FORMAT_VERSION = 1
ExportFormat = Literal["md", "json", "csv"]
FORMATS: tuple[ExportFormat, ...] = ("md", "json", "csv")
FIELDS = tuple(f.name for f in dataclasses.fields(Bookmark))
#: The CSV's columns: every field, then the bookmark's link.
CSV_COLUMNS = (*FIELDS, "link")
#: The largest file :func:`read_export` reads: about 180,000 bookmarks at ~730 bytes each.
#: Reading an export takes about eight times its size in memory (100,000 bookmarks, 70 MB:
#: 600 MB at the peak), so a larger file is refused before it is read rather than allowed to
#: exhaust it.
MAX_IMPORT_BYTES = 128 * 2**20

#: What can start inline markup anywhere in a line: emphasis with ``*`` (and with ``_``, but
#: not between two letters or digits, where CommonMark never reads it so), code, links and
#: images (``[``), raw HTML and autolinks, character references (``&`` before ``name;``),
#: GitHub's tables and strikethrough, and the backslash itself.
_INLINE_MARKUP = re.compile(r"[\\`*\[<|~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)")
#: What makes a line a heading, a block quote, a list item, a setext underline or a break.
_BLOCK_START = re.compile(r"^([#>+=-])|^(\d{1,9})([.)])")
_BACKTICKS = re.compile(r"`+")
#: The first characters that make a spreadsheet read a cell as a formula (OWASP's list), the
#: line breaks that hide one below a blank first line, and the full-width forms some
#: spreadsheets also take for ``=``, ``+``, ``-`` and ``@``.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def markdown_text(text: str, *, heading: bool = False) -> str:
    r"""``text`` as Markdown that shows it as written and makes nothing of it markup.

    Each line loses its indentation (which would make it code), the spaces after it (which
    would break the line) and terminal controls; ASCII punctuation that could start markup
    gets CommonMark's backslash escape: anywhere for emphasis, code, links and HTML, at a
    line's start for headings, quotes and lists; and only there, so the text stays readable as
    it is. In a heading, ``#`` is escaped everywhere (a trailing run would close it) and lines
    are joined.

    >>> markdown_text("# Not a heading\n[x](javascript:alert(1)) <script>")
    '\\# Not a heading\n\\[x](javascript:alert(1)) \\<script>'
    >>> markdown_text("1. HK$10 *million*, R&D, snake_case, _x_, &amp;")
    '1\\. HK$10 \\*million\\*, R&D, snake_case, \\_x\\_, \\&amp;'
    """
    lines = terminal_safe(text).splitlines() or [""]
    if heading:
        lines = [" ".join(" ".join(lines).split())]
    escaped = []
    for line in lines:
        line = _INLINE_MARKUP.sub(lambda m: f"\\{m[0]}", line.strip(" \t"))
        if heading:
            line = line.replace("#", "\\#")
        line = _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)
        escaped.append(line)
    return "\n".join(escaped)


def code_span(text: str) -> str:
    """``text`` as a code span: fenced by one backtick more than its longest run of them.

    A code span shows its content as it is, so only the fence needs care: a shorter one would
    end at the first backtick inside. Content that starts or ends with a backtick is padded
    with a space, which CommonMark strips again.

    >>> code_span("data"), code_span("a`b"), code_span("`x")
    ('`data`', '``a`b``', '`` `x ``')
    """
    text = " ".join(terminal_safe(text).split())
    fence = "`" * (1 + max((len(run) for run in _BACKTICKS.findall(text)), default=0))
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def csv_cell(value: object) -> object:
    r"""A value as a CSV cell a spreadsheet shows and never runs.

    Numbers stay numbers. Text loses terminal controls, and text a spreadsheet would take for a
    formula gets a leading ``'`` (OWASP's advice on CSV injection), which spreadsheets show as
    text and do not display.

    >>> [csv_cell(v) for v in (16, "=HYPERLINK(\"http://x\")", "-2", "a-b", None)]
    [16, '\'=HYPERLINK("http://x")', "'-2", 'a-b', '']
    """
    if isinstance(value, int):
        return value
    text = "" if value is None else terminal_safe(str(value))
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def citation(bookmark: Bookmark) -> str:
    """A one-line citation: title, date (at its precision), source file name, and the page or
    chapter where the source has them.

    The source is the file name only: the full path says where it sits on one computer, which
    is noise in a note and private in a shared one.

    >>> from desktop.core.bookmarks.model import Bookmark
    >>> b = Bookmark("1", "a1", "p-1", "q", "", "", 0, 1, "", (), "#ffd54f", "", "",
    ...              "Fintech Fund Opens", "2023-03", "/home/me/articles/fund.txt")
    >>> citation(b)
    '*Fintech Fund Opens*, 2023-03, fund.txt'
    >>> citation(dataclasses.replace(b, location="p. 7"))
    '*Fintech Fund Opens*, 2023-03, fund.txt, p. 7'
    """
    parts = [f"*{markdown_text(bookmark.article_title or bookmark.article_id, heading=True)}*"]
    if bookmark.article_date:
        parts.append(markdown_text(bookmark.article_date, heading=True))
    if bookmark.article_source:
        parts.append(markdown_text(PurePath(bookmark.article_source).name, heading=True))
    if bookmark.location:
        parts.append(markdown_text(bookmark.location, heading=True))
    return ", ".join(parts)


def link_of(bookmark: Bookmark) -> str:
    """The bookmark's ``innoatlas://`` link; "" for one whose ids no link can carry (an
    import from elsewhere), which is exported without one rather than not at all."""
    try:
        return links.bookmark_link(bookmark)
    except links.BadLink:
        return ""


def to_markdown(bookmarks: Sequence[Bookmark]) -> str:
    """Bookmarks grouped by article (in order of each article's first bookmark), each quote
    followed by its citation, then its note and tags; orphaned ones say so.

    Only the layout is markup: every text is escaped by :func:`markdown_text` and every tag is
    a :func:`code_span`, so a note cannot add a link, HTML or a heading to the export.
    """
    groups: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        groups.setdefault(bookmark.article_id, []).append(bookmark)
    lines = ["# Bookmarks", ""]
    for group in groups.values():
        first = group[0]
        lines += [f"## {markdown_text(first.article_title or first.article_id, heading=True)}", ""]
        for bookmark in group:
            quote = markdown_text(bookmark.quote).splitlines()
            lines += [*(f"> {line}".rstrip() for line in quote), ">"]
            lines += [f"> — {citation(bookmark)}"]
            if link := link_of(bookmark):
                lines += [">", f"> [Open in InnoAtlas]({link})"]
            lines += [""]
            if bookmark.status is AnchorStatus.ORPHANED:
                lines += ["*Orphaned: this text is no longer found in the article.*", ""]
            if note := markdown_text(bookmark.note).strip():
                lines += [note, ""]
            tags = [code_span(tag) for tag in bookmark.tags if terminal_safe(tag).strip()]
            if tags:
                lines += ["Tags: " + ", ".join(tags), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def to_json(
    bookmarks: Sequence[Bookmark], saved: Sequence[SavedSearch] = (), labels: Labels = NO_LABELS
) -> str:
    """Every field of every bookmark (and saved search), in the versioned envelope
    :func:`from_json` reads.

    Lossless (:func:`from_json` gives back the same bookmarks, :func:`saved_from_json` the
    same searches), and safe to print: the control characters and bidirectional overrides
    JSON allows raw are written as ``\\u`` escapes. An older InnoAtlas reads the bookmarks
    and leaves the saved searches, article tags and collections alone.
    """
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "bookmarks": [{**b.to_dict(), "link": link_of(b)} for b in bookmarks],
    }
    if saved:
        document["saved_searches"] = [s.to_dict() for s in saved]
    document.update(labels_json(labels))
    return json_text(document) + "\n"


def to_csv(bookmarks: Sequence[Bookmark]) -> str:
    """One row per bookmark, every field as a column, then its link; tags joined with ``"; "``.

    Cells are made safe by :func:`csv_cell`, and every text cell is quoted, so a separator of
    another locale (``;``) inside one cannot start a new cell that escaped the check.
    """
    buffer = io.StringIO()
    csv.writer(buffer).writerow(CSV_COLUMNS)
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC)
    for bookmark in bookmarks:
        row = bookmark.to_dict()
        row["tags"] = "; ".join(bookmark.tags)
        row["link"] = link_of(bookmark)
        writer.writerow([csv_cell(row[name]) for name in CSV_COLUMNS])
    return buffer.getvalue()


def export(
    bookmarks: Sequence[Bookmark],
    form: ExportFormat,
    saved: Sequence[SavedSearch] = (),
    labels: Labels = NO_LABELS,
) -> str:
    """The bookmarks written in ``form`` (``"md"``, ``"json"`` or ``"csv"``); JSON, the form
    read back, carries the saved searches, article tags and collections too."""
    if form == "json":
        return to_json(bookmarks, saved, labels)
    return to_markdown(bookmarks) if form == "md" else to_csv(bookmarks)


def from_json(text: str) -> list[Bookmark]:
    """The bookmarks in a file :func:`to_json` wrote (see :func:`read_document`)."""
    return [Bookmark.from_dict(item) for item in read_document(text)["bookmarks"]]


def saved_from_json(text: str) -> list[SavedSearch]:
    """The saved searches in a file :func:`to_json` wrote (none in an older one)."""
    return saved_in(read_document(text))


def saved_in(document: dict[str, Any]) -> list[SavedSearch]:
    """The saved searches of an export already read; raises ImportFormatError saying why not."""
    items = document.get("saved_searches", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ImportFormatError("The bookmarks file's saved searches are not a list.")
    return [SavedSearch.from_dict(item) for item in items]


def read_document(text: str) -> dict[str, Any]:
    """The JSON document of an export, its envelope checked (format, version, a list of
    bookmarks); raises ImportFormatError saying why not.

    Every bookmark is read and checked (by the callers) before any is returned, so an import
    that is refused has changed nothing.

    >>> from_json('{"format": "innoatlas-bookmarks", "version": 1, "bookmarks": []}')
    []
    >>> from_json("[" * 100_000)
    Traceback (most recent call last):
    ...
    desktop.core.bookmarks.model.ImportFormatError: The file is nested too deeply to be ...
    """
    try:
        document: Any = json.loads(text)
    except ValueError as error:
        raise ImportFormatError(f"The file is not JSON ({error}).") from error
    except RecursionError as error:
        # json's parser recurses once per level of nesting; a bookmarks export has four.
        raise ImportFormatError(
            "The file is nested too deeply to be an InnoAtlas bookmarks export."
        ) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportFormatError("The file is not an InnoAtlas bookmarks export.")
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise ImportFormatError("The bookmarks file has no valid version number.")
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"The bookmarks file is version {version}, newer than this InnoAtlas reads "
            f"({FORMAT_VERSION}); update InnoAtlas to import it."
        )
    items = document.get("bookmarks")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ImportFormatError("The bookmarks file has no list of bookmarks.")
    return document


def decode_export(data: bytes) -> str:
    r"""The text of an export's bytes: UTF-8, UTF-16 or UTF-32, told by a BOM or by the zeros.

    JSON is UTF-8 by its standard, but an export that went through another program may come
    back as UTF-16 (Windows' "Unicode"), with or without a byte order mark. Without one, the
    zero bytes around the first character (JSON's first character is ASCII) tell which.
    Raises ImportFormatError for bytes that are not text in any of them (a binary file).

    >>> decode_export(b'\xff\xfe{\x00}\x00'), decode_export(b'{\x00}\x00'), decode_export(b'{}')
    ('{}', '{}', '{}')
    """
    codec = next((name for bom, name in BOMS if data.startswith(bom)), None)
    if codec is None:
        head = data[:4]
        if len(head) == 4 and head[:3] == b"\0\0\0":
            codec = "utf-32-be"
        elif len(head) == 4 and head[1:] == b"\0\0\0":
            codec = "utf-32-le"
        elif head[:1] == b"\0":
            codec = "utf-16-be"
        elif head[1:2] == b"\0":
            codec = "utf-16-le"
        else:
            codec = "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            "The file is not text (UTF-8, UTF-16 or UTF-32): it is not an InnoAtlas bookmarks "
            "export."
        ) from error
    if "\0" in text:
        raise ImportFormatError(
            "The file holds binary data: it is not an InnoAtlas bookmarks export."
        )
    return text


def read_export(path: Path, limit: int = MAX_IMPORT_BYTES) -> list[Bookmark]:
    """The bookmarks of the export at ``path`` (see :func:`read_export_all`)."""
    return read_export_all(path, limit)[0]


def read_export_all(
    path: Path, limit: int = MAX_IMPORT_BYTES
) -> tuple[list[Bookmark], list[SavedSearch]]:
    """The bookmarks and saved searches of the export at ``path`` (see
    :func:`read_export_labelled`)."""
    bookmarks, saved, _labels = read_export_labelled(path, limit)
    return bookmarks, saved


def read_export_labelled(
    path: Path, limit: int = MAX_IMPORT_BYTES
) -> tuple[list[Bookmark], list[SavedSearch], Labels]:
    """The bookmarks, saved searches, article tags and collections of the export at ``path``,
    all checked; what the CLI and the window import.

    One place reads a file to import, so both refuse the same files with the same sentence:
    one larger than ``limit`` bytes (checked before reading, and again while reading, for a
    file that grows or a device that never ends), one that is not text, one that is not a
    bookmarks export (:func:`from_json`).

    Raises:
        ImportFormatError: the file is not an export that can be read; the message says why.
        OSError: the file cannot be read (missing, no permission), as the system says.
    """
    with path.open("rb") as stream:
        if os.fstat(stream.fileno()).st_size > limit:
            raise _too_large(limit)
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    text = decode_export(data)
    del data  # the bytes are not needed while the text is parsed
    document = read_document(text)
    bookmarks = [Bookmark.from_dict(item) for item in document["bookmarks"]]
    return bookmarks, saved_in(document), labels_in(document)


def _too_large(limit: int) -> ImportFormatError:
    size = f"{limit // 2**20:,} MB" if limit >= 2**20 else f"{limit:,} bytes"
    return ImportFormatError(
        f"The file is larger than {size}, more than a bookmarks export InnoAtlas can import; "
        "nothing was imported."
    )


def write_file(path: Path, text: str) -> None:
    """Write an export whole or not at all (a temporary file renamed over ``path``).

    Raises:
        BookmarkError: the folder is missing or the file cannot be written, named as the user
            named it (not the temporary file).
    """
    if not path.parent.is_dir():
        raise BookmarkError(f"The folder {path.parent} does not exist: nothing was exported.")
    try:
        write_atomically(path, text.encode("utf-8"), sweep=False)
    except OSError as error:
        raise BookmarkError(
            f"{path} could not be written ({error.strerror or error}): nothing was exported."
        ) from error
