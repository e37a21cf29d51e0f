"""Highlights from other programs matched to the library's articles, by title and by quote.

A highlight carries a book or paper's title and the words highlighted, never an InnoAtlas id.
Its article is the one whose title is most like the highlight's (rapidfuzz, above
:data:`TITLE_CUTOFF`) and that holds the quote; failing the title, the articles a search for
the quote's first words finds. The quote is placed as a bookmark's anchor is re-found
(:func:`~desktop.core.bookmarks.anchors.locate`): exactly, else the most similar stretch of a
paragraph for a long enough quote. What matches nowhere is an orphan with its reason; none
reaches the store.

Each matched highlight becomes a bookmark whose id is a hash of where it came from (program,
title, location, quote), so importing the same file again changes nothing, and importing a
newer export of it brings the newer notes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from rapidfuzz import fuzz, process

from desktop.core.bookmarks.anchors import find_quote, locate
from desktop.core.bookmarks.foreign import Highlight
from desktop.core.bookmarks.model import (
    DEFAULT_COLOUR,
    Anchor,
    AnchorStatus,
    Bookmark,
    BookmarkError,
    check_colour,
    normalize_tags,
)
from desktop.core.bookmarks.rows import iso
from desktop.core.model import Article

#: The least title similarity (0-100, :func:`title_similarity`) at which a highlight's
#: title is taken for an article's.
TITLE_CUTOFF = 85.0
#: Named highlight colours (Kindle, Readwise, Zotero) as the store's ``#rrggbb``.
COLOURS = {
    "yellow": "#ffd54f",
    "blue": "#90caf9",
    "pink": "#f48fb1",
    "orange": "#ffb74d",
    "green": "#a5d6a7",
    "purple": "#ce93d8",
    "red": "#ef9a9a",
    "gray": "#cfd8dc",
    "grey": "#cfd8dc",
}


@dataclass(frozen=True)
class Matched:
    """A highlight placed in an article: ``how`` is ``exact`` or ``similar`` (a fuzzy match)."""

    highlight: Highlight
    bookmark: Bookmark
    how: str


@dataclass(frozen=True)
class Orphan:
    """A highlight no article holds, and why."""

    highlight: Highlight
    reason: str


@dataclass(frozen=True)
class MatchReport:
    """What matching a file's highlights found."""

    matched: tuple[Matched, ...]
    orphans: tuple[Orphan, ...]

    @property
    def bookmarks(self) -> list[Bookmark]:
        """The bookmarks to merge into the store."""
        return [m.bookmark for m in self.matched]

    def lines(self, width: int = 60) -> list[str]:
        """The report in lines: a summary, then each orphan with its reason."""
        similar = sum(m.how == "similar" for m in self.matched)
        lines = [
            f"{len(self.matched)} highlight(s) matched"
            + (f" ({similar} by similar words)" if similar else "")
            + f", {len(self.orphans)} orphaned."
        ]
        for orphan in self.orphans:
            h = orphan.highlight
            quote = h.quote if len(h.quote) <= width else h.quote[: width - 1] + "…"
            lines.append(f"Orphaned ({h.where}): “{quote}” — {orphan.reason}")
        return lines


def _bookmark_id(highlight: Highlight) -> str:
    key = "\x1f".join((highlight.source, highlight.title, highlight.location, highlight.quote))
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


def _colour(name: str) -> str:
    lowered = name.strip().lower()
    if lowered in COLOURS:
        return COLOURS[lowered]
    try:
        return check_colour(lowered)
    except BookmarkError:
        return DEFAULT_COLOUR


def _placed(article: Article, quote: str) -> tuple[Anchor, str] | None:
    """The quote's anchor in ``article`` and how it was found, or None."""
    try:
        return find_quote(article, quote), "exact"
    except BookmarkError:
        pass
    placement = locate(article, Anchor("", quote, "", "", 0, len(quote)))
    if placement.status is AnchorStatus.ORPHANED:
        return None
    return placement.anchor, "similar"


def title_similarity(one: str, other: str, **_options: object) -> float:
    """How alike two titles are, 0-100: their words in any order; a title of three words or
    more also matches a longer one that holds all of them ("Fund Opens (updated)"), where a
    shorter one must be nearly all of the other (one word is in too many titles).

    >>> title_similarity("fintech fund opens (updated)", "fintech fund opens")
    100.0
    >>> title_similarity("fund", "fintech fund opens") < 85
    True
    """
    fewer = min(len(one.split()), len(other.split()))
    scorer = fuzz.token_set_ratio if fewer >= 3 else fuzz.token_sort_ratio
    return float(scorer(one, other))


def titled(title: str, titles: dict[str, str]) -> list[str]:
    """The ids of the articles whose titles are like ``title``, most alike first.

    >>> titled("fintech fund opens", {"a": "Fintech Fund Opens", "b": "Robots"})
    ['a']
    """
    if not title.strip():
        return []
    found = process.extract(
        title.casefold(),
        {key: value.casefold() for key, value in titles.items()},
        scorer=title_similarity,
        score_cutoff=TITLE_CUTOFF,
        limit=5,
    )
    return [key for _value, _score, key in found]


def match(
    highlights: Sequence[Highlight],
    titles: dict[str, str],
    article: Callable[[str], Article | None],
    search: Callable[[str], Sequence[str]] | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> MatchReport:
    """Each highlight matched to an article of the library, or orphaned with its reason.

    ``titles``: every article's title by id; ``article(id)``: the article (None: gone);
    ``search(quote)``: the ids of articles a search for the quote finds (None: titles only).
    """
    now = iso(clock())
    matched: list[Matched] = []
    orphans: list[Orphan] = []
    cache: dict[str, Article | None] = {}

    def get(article_id: str) -> Article | None:
        if article_id not in cache:
            cache[article_id] = article(article_id)
        return cache[article_id]

    for highlight in highlights:
        by_title = titled(highlight.title, titles)
        candidates = by_title or (list(search(highlight.quote)) if search else [])
        found = None
        for article_id in candidates:
            current = get(article_id)
            placed = _placed(current, highlight.quote) if current is not None else None
            if current is not None and placed is not None:
                found = (current, *placed)
                break
        if found is None:
            orphans.append(Orphan(highlight, _why(highlight, by_title, titles, bool(candidates))))
            continue
        current, anchor, how = found
        bookmark = Bookmark(
            id=_bookmark_id(highlight),
            article_id=current.id,
            passage_id=anchor.passage_id,
            quote=anchor.quote,
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            start=anchor.start,
            end=anchor.end,
            note=highlight.note.strip(),
            tags=normalize_tags(highlight.tags),
            colour=_colour(highlight.colour),
            created=now,
            updated=now,
            article_title=current.title,
            article_date=current.date.iso() if current.date else None,
            article_source=current.source,
            status=AnchorStatus.ATTACHED if how == "exact" else AnchorStatus.MOVED,
            location=current.location_of(anchor.passage_id),
        )
        matched.append(Matched(highlight, bookmark, how))
    return MatchReport(tuple(matched), tuple(orphans))


def _why(highlight: Highlight, by_title: list[str], titles: dict[str, str], any_: bool) -> str:
    if by_title:
        return f"the quote is not in “{titles[by_title[0]]}”."
    if any_:
        return f"no article is titled like “{highlight.title}”, and none found holds the quote."
    return f"no article in the library is titled like “{highlight.title}”."
