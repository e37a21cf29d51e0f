"""Highlights from other programs, read into one plain shape before they are matched.

Three formats, each read as its program writes it:

- Kindle's ``My Clippings.txt``: entries separated by a line of ``==========``; the first
  line is the book's title (and its author in brackets), the second says what the entry is
  (``- Your Highlight on page 3 | Location 40-42 | Added on …``), then a blank line and the
  text. A note (``- Your Note …``) belongs to the highlight at the same location before it;
  bookmarks (no text) are skipped.
- Readwise's CSV export: a header with at least ``Highlight`` and ``Book Title``, and
  optionally ``Note``, ``Tags``, ``Color``, ``Location`` and ``Highlighted at``.
- Zotero's annotations as its Web API gives them (JSON: a list of items, or ``{"items":
  […]}``, each item flat or under ``data``): ``annotationText`` the quote,
  ``annotationComment`` the note, ``tags`` as ``[{"tag": …}]``; the title is that of the
  item the annotation's ``parentItem`` leads to (its attachment's parent), or the
  annotation's own ``title``/``parentTitle`` when the export was flattened.

A file that is not one of them, or is damaged, raises :class:`ImportFormatError` with one
sentence, before anything reaches the store.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from desktop.core.bookmarks.exchange import MAX_IMPORT_BYTES, decode_export
from desktop.core.bookmarks.model import ImportFormatError, refuse_surrogates

Source = Literal["kindle", "readwise", "zotero"]
SOURCES: tuple[Source, ...] = ("kindle", "readwise", "zotero")
#: The longest quote or note taken from a foreign file: a passage is never longer, and a
#: multi-megabyte "highlight" is not one.
MAX_TEXT = 20_000
#: The most highlights one file may hold (a reading life's worth; more is not a clippings file).
MAX_HIGHLIGHTS = 200_000
_SEPARATOR = re.compile(r"^=+\s*$", re.MULTILINE)
_KINDLE_KIND = re.compile(
    r"^-\s*(?:Your\s+|La tua\s+|Tu\s+|Votre\s+|Ihre\s+|Uw\s+)?"
    r"(Highlight|Note|Bookmark|Clip|Evidenziazione|Nota|Segnalibro|Subrayado|Marcador"
    r"|Surlignement|Signet|Markierung|Notiz|Lesezeichen|Markering|Notitie|Bladwijzer)\b",
    re.IGNORECASE,
)
_LOCATION = re.compile(r"(?:Location|Loc\.?|position|Posición|Emplacement)\s*([\d-]+)", re.I)
#: What Kindle calls a bookmark (a place, no text) in the languages it writes clippings in.
_BOOKMARK_WORDS = ("bookmark", "segnalibro", "marcador", "signet", "lesezeichen")
_ADDED = re.compile(r"Added on\s+(.*)$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Highlight:
    """A highlight from another program, before it is matched to an article.

    Attributes:
        where: where it sits in the file, for the report ("entry 3", "row 5").
        location: the program's own place for it ("Location 40-42"), part of its identity.
        added: when it was made, as the file says it (kept for the record), or "".
    """

    source: Source
    title: str
    quote: str
    note: str = ""
    tags: tuple[str, ...] = ()
    colour: str = ""
    location: str = ""
    added: str = ""
    where: str = ""


def read_file(
    path: Path, source: Source | None = None, limit: int = MAX_IMPORT_BYTES
) -> list[Highlight]:
    """The highlights in the file at ``path``, of ``source`` (None: told from the file).

    Raises:
        ImportFormatError: the file is not one of the three formats, or is damaged.
        OSError: it cannot be read, as the system says.
    """
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ImportFormatError(
            f"The file is larger than {limit // 2**20:,} MB, more than a highlights export "
            "InnoAtlas imports; nothing was imported."
        )
    try:
        text = decode_export(data)
    except ImportFormatError as error:
        raise ImportFormatError("The file is not text: it is not a highlights export.") from error
    return read_text(text.removeprefix("\ufeff"), source or detect(text, path.suffix))


def detect(text: str, suffix: str = "") -> Source:
    """Which program wrote ``text``; raises ImportFormatError when none of them did."""
    head = text.lstrip("\ufeff \r\n\t")[:4096]
    if head.startswith(("[", "{")):
        return "zotero"
    first = head.splitlines()[0] if head else ""
    if "highlight" in first.lower() and "book title" in first.lower():
        return "readwise"
    if _SEPARATOR.search(text[:200_000]) or suffix.lower() == ".txt":
        return "kindle"
    raise ImportFormatError(
        "The file is not a Kindle “My Clippings.txt”, a Readwise CSV or a Zotero JSON export."
    )


def sniff(head: bytes) -> Source | None:
    """Which of the three programs wrote a file that starts with ``head``, if it is plainly
    one of them (None: let the InnoAtlas reader say what the file is not).

    >>> sniff(b"Book (A)\\n- Your Highlight on Location 1\\n\\nx\\n=========="), sniff(b"{}")
    ('kindle', None)
    """
    text = head.replace(b"\x00", b"").decode("utf-8", "ignore").lstrip("\ufeff \r\n\t")
    first = text.splitlines()[0].lower() if text else ""
    if "highlight" in first and "book title" in first:
        return "readwise"
    if text.startswith(("[", "{")) and ("annotationText" in text or '"itemType"' in text):
        return "zotero"
    if _SEPARATOR.search(text) and _KINDLE_KIND.search(
        text.split("\n", 2)[1] if "\n" in text else ""
    ):
        return "kindle"
    return None


def read_text(text: str, source: Source) -> list[Highlight]:
    """The highlights of ``text`` as ``source`` writes them; see the module docstring."""
    readers = {"kindle": _kindle, "readwise": _readwise, "zotero": _zotero}
    found = []
    for highlight in readers[source](text):
        found.append(highlight)
        if len(found) > MAX_HIGHLIGHTS:
            raise ImportFormatError(
                f"The file holds more than {MAX_HIGHLIGHTS:,} highlights: nothing was imported."
            )
    if not found:
        raise ImportFormatError(
            f"The file holds no highlights InnoAtlas can read as {_NAMES[source]}."
        )
    return found


_NAMES = {
    "kindle": "Kindle clippings",
    "readwise": "a Readwise export",
    "zotero": "Zotero annotations",
}


def _clean(text: object, what: str, where: str) -> str:
    """Text from the file, spacing collapsed and controls dropped; too long is refused."""
    if not isinstance(text, str):
        raise ImportFormatError(f"In the file, {where} has a {what} that is not text.")
    if len(text) > MAX_TEXT:
        raise ImportFormatError(
            f"In the file, {where} has a {what} longer than {MAX_TEXT:,} characters."
        )
    refuse_surrogates(f"In the file, {where}'s {what}", text)
    return " ".join(_CONTROL.sub(" ", text).replace("\ufeff", "").split())


def _title(line: str) -> str:
    """A Kindle title line without its author: ``Title (Author)`` is ``Title``."""
    line = line.strip()
    if line.endswith(")") and " (" in line:
        return line[: line.rindex(" (")].strip()
    return line


def _kindle(text: str) -> Iterator[Highlight]:
    pending: Highlight | None = None
    for number, entry in enumerate(_SEPARATOR.split(text.replace("\r\n", "\n")), start=1):
        lines = entry.strip("\n").split("\n")
        if len(lines) < 2 or not lines[0].strip():
            continue
        where = f"entry {number}"
        title = _clean(_title(lines[0]), "title", where)
        meta = lines[1].strip()
        kind = _KINDLE_KIND.match(meta)
        if kind is None:
            raise ImportFormatError(
                f"In the file, {where} is not a Kindle clipping (its second line should say "
                "“- Your Highlight …”)."
            )
        body = _clean("\n".join(lines[2:]), "text", where)
        location = _LOCATION.search(meta)
        added = _ADDED.search(meta)
        place = location.group(1) if location else ""
        word = kind.group(1).lower()
        if word.startswith(("note", "nota")):
            if pending is not None and pending.title == title and body:
                pending = Highlight(**{**vars(pending), "note": body})
            continue
        if pending is not None:
            yield pending
            pending = None
        if not body or word.startswith(
            ("bookmark", "segnalibro", "marcador", "signet", "lesezeichen")
        ):
            continue
        pending = Highlight(
            "kindle",
            title,
            body,
            location=place,
            added=added.group(1) if added else "",
            where=where,
        )
    if pending is not None:
        yield pending


def _readwise(text: str) -> Iterator[Highlight]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise ImportFormatError(f"The file is not a CSV file ({error}).") from error
    columns = {name.strip().lower(): name for name in header if isinstance(name, str)}
    if "highlight" not in columns or "book title" not in columns:
        raise ImportFormatError(
            "The file is not a Readwise export: it has no “Highlight” and “Book Title” columns."
        )

    def cell(row: Mapping[str, Any], name: str, where: str) -> str:
        key = columns.get(name)
        return _clean(row.get(key) or "", name, where) if key else ""

    try:
        for number, row in enumerate(reader, start=2):
            where = f"row {number}"
            quote = cell(row, "highlight", where)
            if not quote:
                continue
            tags = tuple(t for t in re.split(r"[,;]", cell(row, "tags", where)) if t.strip())
            yield Highlight(
                "readwise",
                cell(row, "book title", where),
                quote,
                note=cell(row, "note", where),
                tags=tuple(t.strip() for t in tags),
                colour=cell(row, "color", where),
                location=cell(row, "location", where),
                added=cell(row, "highlighted at", where),
                where=where,
            )
    except csv.Error as error:
        raise ImportFormatError(f"The file is not a readable CSV file ({error}).") from error


def _zotero(text: str) -> Iterator[Highlight]:
    try:
        document: Any = json.loads(text)
    except ValueError as error:
        raise ImportFormatError(f"The file is not JSON ({error}).") from error
    except RecursionError as error:
        raise ImportFormatError("The file is nested too deeply to be a Zotero export.") from error
    items = document.get("items") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise ImportFormatError("The file is not a Zotero export: it has no list of items.")
    datas = [item.get("data", item) if isinstance(item, dict) else None for item in items]
    if not all(isinstance(data, dict) for data in datas):
        raise ImportFormatError("The file is not a Zotero export: an item is not an object.")
    by_key = {d["key"]: d for d in datas if isinstance(d, dict) and isinstance(d.get("key"), str)}
    for number, data in enumerate(datas, start=1):
        assert isinstance(data, dict)
        if data.get("itemType") != "annotation" and "annotationText" not in data:
            continue
        where = f"item {number}"
        quote = _clean(data.get("annotationText") or "", "annotation text", where)
        if not quote:
            continue  # an ink or image annotation: nothing to match
        tags = data.get("tags") or []
        if not isinstance(tags, list):
            raise ImportFormatError(f"In the file, {where} has tags that are not a list.")
        names = tuple(
            _clean(t.get("tag") if isinstance(t, dict) else t, "tag", where) for t in tags
        )
        yield Highlight(
            "zotero",
            _clean(_zotero_title(data, by_key), "title", where),
            quote,
            note=_clean(data.get("annotationComment") or "", "comment", where),
            tags=tuple(n for n in names if n),
            colour=_clean(data.get("annotationColor") or "", "colour", where),
            location=_clean(
                str(data.get("annotationPageLabel") or data.get("key") or ""), "page", where
            ),
            added=_clean(data.get("dateAdded") or "", "date", where),
            where=where,
        )


def _zotero_title(data: Mapping[str, Any], by_key: Mapping[str, Mapping[str, Any]]) -> object:
    """The title of the item an annotation belongs to (its attachment's parent, say)."""
    for name in ("parentTitle", "title"):
        if isinstance(data.get(name), str) and data[name].strip():
            return data[name]
    seen: set[str] = set()
    parent = data.get("parentItem")
    while isinstance(parent, str) and parent in by_key and parent not in seen:
        seen.add(parent)
        item = by_key[parent]
        if item.get("itemType") != "attachment" and isinstance(item.get("title"), str):
            return item["title"]
        parent = item.get("parentItem")
    return ""


def _place(data: Mapping[str, Any]) -> str:
    """An annotation's page label, else its key: what tells two of the same words apart."""
    return str(data.get("annotationPageLabel") or data.get("key") or "")
