"""What a bookmark is: its anchor in an article, the user's note, tags and colour, and a citation.

These are plain frozen values, like :mod:`desktop.core.model`, so the store, the exchange formats,
the CLI and the UI compare and pass them whole.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.errors import InnoAtlasError
from desktop.core.text import terminal_safe

#: The highlight colour a bookmark gets when the user picks none (a soft amber).
DEFAULT_COLOUR = "#ffd54f"
#: How many characters of context an anchor keeps on each side of its quote.
CONTEXT_CHARS = 32
#: The largest offset an imported anchor may have: far beyond any passage (reading cuts
#: passages to a few thousand characters), far below what SQLite's integers hold.
MAX_OFFSET = 10_000_000

_COLOUR = re.compile(r"#[0-9a-f]{6}")
_SPACES = re.compile(r"\s+")
#: Half of a UTF-16 surrogate pair on its own: JSON's ``\\ud800`` reads as one, but it is not
#: a character, and SQLite (like any UTF-8 file) cannot store it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = (
    "id",
    "article_id",
    "passage_id",
    "quote",
    "prefix",
    "suffix",
    "note",
    "colour",
    "created",
    "updated",
    "article_title",
    "article_source",
)
#: ... and those a file may leave out, checked as text when it gives them.
_OPTIONAL_TEXT_FIELDS = ("location",)


class BookmarkError(InnoAtlasError):
    """A bookmark could not be stored, read, exported or imported; the message says why."""


class BookmarkNotFound(BookmarkError):
    """No bookmark has this id (it was deleted, or never existed)."""


class QuoteNotFound(BookmarkError):
    """The text to bookmark is not in the article as written."""


class NotSaved(BookmarkError):
    """A change could not be written: the data folder is read-only or the disk is full.

    The store is still there to read; what was asked is in memory only, if anywhere.
    """


class ImportFormatError(BookmarkError):
    """A file to import is not an InnoAtlas bookmarks file, or is damaged."""


class AnchorStatus(enum.StrEnum):
    """Where a bookmark stands against the current text of its article.

    ``ATTACHED``: its quote is where it was. ``MOVED``: it was re-attached after the text changed
    (another paragraph, other offsets, or slightly different words) and stays marked so until the
    user edits it. ``ORPHANED``: its quote is no longer in the article; it is kept, with its quote,
    and shown as orphaned rather than attached to other text.
    """

    ATTACHED = "attached"
    MOVED = "moved"
    ORPHANED = "orphaned"


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits in an article, with enough around it to find it again after edits.

    Attributes:
        passage_id: the paragraph's :attr:`desktop.core.model.Block.id` (a hash of its text).
        quote: the exact text bookmarked, ``passage.text[start:end]``.
        prefix: up to :data:`CONTEXT_CHARS` characters before the quote, within the passage.
        suffix: up to :data:`CONTEXT_CHARS` characters after the quote, within the passage.
        start: offset of the quote's first character in the passage text.
        end: offset just past the quote's last character.
    """

    passage_id: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Bookmark:
    """A bookmarked passage or selection, with everything needed to show, cite and re-find it.

    The citation fields (``article_title``, ``article_date``, ``article_source``) are copied from
    the article so an orphaned bookmark, or one whose article left the library, can still be
    cited. Timestamps are ISO 8601 in UTC; ``updated`` changes only when the user edits the note,
    tags or colour (re-anchoring does not count), so merging imports can keep the newer edit.

    Attributes:
        id: a uuid4 in hex, stable across export and import.
        tags: distinct, in the order the user gave them.
        colour: ``#rrggbb`` in lower case.
        article_date: the article's date at its stated precision (``2022-01``), or None.
        status: see :class:`AnchorStatus`.
        location: the passage's page or chapter where the source has them ("p. 7"), copied
            like the citation fields so an orphaned bookmark still cites it; "" otherwise.
    """

    id: str
    article_id: str
    passage_id: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str
    tags: tuple[str, ...]
    colour: str
    created: str
    updated: str
    article_title: str
    article_date: str | None
    article_source: str
    status: AnchorStatus = AnchorStatus.ATTACHED
    location: str = ""

    @property
    def anchor(self) -> Anchor:
        """The anchor part, for :func:`desktop.core.bookmarks.anchors.locate`."""
        return Anchor(self.passage_id, self.quote, self.prefix, self.suffix, self.start, self.end)

    def with_anchor(self, anchor: Anchor, status: AnchorStatus) -> Bookmark:
        """A copy placed at ``anchor`` with ``status``."""
        return dataclasses.replace(
            self,
            passage_id=anchor.passage_id,
            quote=anchor.quote,
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            start=anchor.start,
            end=anchor.end,
            status=status,
        )

    def to_dict(self) -> dict[str, Any]:
        """Every field as JSON-ready values (tags a list, status its string).

        Field by field, not with ``dataclasses.asdict``, which deep-copies each value: the
        values are immutable already, and an export of 100,000 bookmarks asks for each.
        """
        data = {name: getattr(self, name) for name in _BOOKMARK_FIELDS}
        data["tags"] = list(self.tags)
        data["status"] = self.status.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Bookmark:
        """The inverse of :meth:`to_dict`; raises ImportFormatError naming what is wrong.

        Types are checked field by field because the data usually comes from a file a user
        picked, and a half-read bookmark must not reach the store. So are what SQLite would
        fail on halfway through an import: offsets too large for its integers (and any range
        that is not ``0 <= start < end``), and text holding half of a surrogate pair.
        """
        values: dict[str, Any] = {}
        for name in _BOOKMARK_FIELDS:
            if name in data:
                values[name] = data[name]
            elif name not in _OPTIONAL_FIELDS:
                raise ImportFormatError(f"A bookmark in the file has no “{name}”.")
        start, end = values["start"], values["end"]
        for name, number in (("start", start), ("end", end)):
            if type(number) is not int:
                raise ImportFormatError(f"A bookmark's “{name}” is not a whole number.")
        if not 0 <= start < end <= MAX_OFFSET:
            raise ImportFormatError(
                "A bookmark's “start” and “end” are not a stretch of its paragraph (they must "
                f"be 0 ≤ start < end ≤ {MAX_OFFSET:,})."
            )
        given = [n for n in _OPTIONAL_TEXT_FIELDS if n in values]
        texts = [values[name] for name in (*_TEXT_FIELDS, *given)]
        if values["article_date"] is not None:
            texts.append(values["article_date"])
        if not all(type(text) is str for text in texts):
            checked = (*_TEXT_FIELDS, *given, "article_date")
            name = next(n for n in checked if type(values[n]) is not str)
            raise ImportFormatError(f"A bookmark's “{name}” is not text.")
        tags = values["tags"]
        if type(tags) is not list or not all(type(tag) is str for tag in tags):
            raise ImportFormatError("A bookmark's “tags” is not a list of words.")
        if not "".join(texts).isascii() or not "".join(tags).isascii():
            _check_no_surrogates(values)
        if not values["id"] or not values["article_id"] or not values["quote"]:
            raise ImportFormatError("A bookmark in the file has an empty id, article or quote.")
        values["tags"] = normalize_tags(tags)
        try:
            values["colour"] = check_colour(values["colour"])
        except BookmarkError as error:
            raise ImportFormatError(f"A bookmark in the file is not valid: {error}") from error
        status = values.get("status", AnchorStatus.ATTACHED)
        if not isinstance(status, str) or status not in _STATUSES:
            shown = _shown(status) if isinstance(status, str) else "not text"
            raise ImportFormatError(
                f"A bookmark in the file is not valid: its “status” is {shown}, not one of "
                "attached, moved or orphaned."
            )
        values["status"] = _STATUSES[status]
        return cls(**values)


_STATUSES = {status.value: status for status in AnchorStatus}
#: Fields a file may leave out: exports made before they existed lack them.
_OPTIONAL_FIELDS = ("status", "location")
_BOOKMARK_FIELDS = tuple(item.name for item in dataclasses.fields(Bookmark))


def refuse_surrogates(what: str, *texts: str) -> None:
    """Raise ImportFormatError when a text from a file holds a lone surrogate: SQLite cannot
    store it, and finding that out half-way through a merge would lose the rest."""
    if any(_SURROGATE.search(text) for text in texts):
        raise ImportFormatError(f"{what} holds half of a surrogate pair, which is not text.")


def _check_no_surrogates(values: Mapping[str, Any]) -> None:
    """Raise ImportFormatError naming the first text field that holds a lone surrogate."""
    names = (*_TEXT_FIELDS, *_OPTIONAL_TEXT_FIELDS, "article_date")
    texts = [(name, values.get(name)) for name in names]
    for name, text in [*texts, *(("tags", tag) for tag in values["tags"])]:
        if text is not None and _SURROGATE.search(text):
            raise ImportFormatError(
                f"A bookmark's “{name}” holds half of a surrogate pair, which is not text."
            )


def _shown(value: object, width: int = 40) -> str:
    """``value`` as it may appear in a one-line message: quoted, controls dropped, cut short.

    Messages quote what was wrong, and what was wrong may come from a file: it must not take
    over the terminal, break the message onto more lines or fill the screen.

    >>> _shown("red\\nline\\x1b[2J"), _shown("x" * 50, width=8)
    ('“red line”', '“xxxxxxx…”')
    """
    text = " ".join(terminal_safe(str(value)).split())
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: trimmed, inner spaces collapsed, empty ones dropped, first spelling kept.

    Duplicates are found ignoring case, so completion never offers "AI" and "ai" as two tags.

    >>> normalize_tags([" big  data ", "AI", "", "ai", "Big Data"])
    ('big data', 'AI')
    """
    seen: set[str] = set()
    kept: list[str] = []
    for tag in tags:
        clean = _SPACES.sub(" ", tag).strip()
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            kept.append(clean)
    return tuple(kept)


def check_colour(colour: str) -> str:
    """The colour in lower case if it is ``#rrggbb``; raises BookmarkError otherwise.

    >>> check_colour("#FFD54F")
    '#ffd54f'
    """
    lowered = colour.strip().lower()
    if not _COLOUR.fullmatch(lowered):
        raise BookmarkError(f"{_shown(colour)} is not a colour; write it like #ffd54f.")
    return lowered
