"""Anchors: making them from a selection, and finding them again after an article changes.

Pure functions over an :class:`~desktop.core.model.Article`'s passages (its paragraphs). A
passage id is a hash of the passage's folded text, so any edit to a paragraph gives it a new id;
that is why an anchor also keeps its quote, the words around it and its offsets.

:func:`locate` tries, in order, and stops at the first that succeeds:

1. the same passage, with the quote still at the same offsets (``attached``);
2. the exact quote with the same context on both sides, anywhere in the article, preferring the
   same passage;
3. the exact quote without its context, when it occurs only once (a short quote also needs one
   side of its context to agree, because a few common words occur anywhere);
4. the exact quote with one side of its context, when only one occurrence has it;
5. for quotes of at least :data:`MIN_FUZZY_LENGTH` characters only, the most similar stretch of
   text, scored with rapidfuzz on the quote (mostly) and its context (to choose between
   candidates), accepted only above :func:`fuzzy_threshold`.

Anything else leaves the bookmark ``orphaned`` with its old anchor: it is never moved silently
to text it did not quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from desktop.core.bookmarks.model import CONTEXT_CHARS, Anchor, AnchorStatus, QuoteNotFound
from desktop.core.model import Article, Block

#: Quotes shorter than this are re-attached only where they occur exactly: a few characters
#: are similar to too much unrelated text for a fuzzy match to mean anything.
MIN_FUZZY_LENGTH = 20
#: How much the quote's own similarity weighs in a fuzzy candidate's score (the rest: context).
QUOTE_WEIGHT = 0.85


@dataclass(frozen=True)
class Placement:
    """Where :func:`locate` put an anchor, and how sure it is.

    Attributes:
        anchor: the new anchor; the old one unchanged when ``status`` is ``ORPHANED``.
        status: ``ATTACHED``, ``MOVED`` or ``ORPHANED``.
        score: the quote's similarity to the text found, 0-100 (100 for an exact match, 0 when
            orphaned).
    """

    anchor: Anchor
    status: AnchorStatus
    score: float


def fuzzy_threshold(quote: str) -> float:
    """The least similarity (0-100) at which a fuzzy match of ``quote`` is believed.

    Stricter for shorter quotes, where each changed character weighs more; infinite below
    :data:`MIN_FUZZY_LENGTH`, so short quotes only ever match exactly.

    >>> [fuzzy_threshold("x" * n) for n in (19, 20, 40)]
    [inf, 90.0, 85.0]
    """
    if len(quote) < MIN_FUZZY_LENGTH:
        return float("inf")
    return 90.0 if len(quote) < 40 else 85.0


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def _passage(article: Article, passage_id: str) -> Block:
    found = next((p for p in article.passages if p.id == passage_id), None)
    if found is None:
        raise QuoteNotFound(f"“{article.title}” has no paragraph with id “{passage_id}”.")
    return found


def anchor_at(article: Article, passage_id: str, start: int, end: int) -> Anchor:
    """The anchor of a selection ``[start, end)`` within one passage of ``article``.

    Raises QuoteNotFound when the passage is not in the article or the range is empty or
    outside it (the UI selects within one paragraph; a selection across paragraphs is cut to
    one by the caller).

    >>> from desktop.core.model import Block
    >>> article = Article("a1", "T", "t.txt", (Block("p-1", "paragraph", "Big data and AI."),))
    >>> anchor_at(article, "p-1", 4, 8)
    Anchor(passage_id='p-1', quote='data', prefix='Big ', suffix=' and AI.', start=4, end=8)
    """
    text = _passage(article, passage_id).text
    if not 0 <= start < end <= len(text):
        raise QuoteNotFound(f"The selection {start}-{end} is not inside that paragraph.")
    prefix, suffix = _context(text, start, end)
    return Anchor(passage_id, text[start:end], prefix, suffix, start, end)


def anchor_passage(article: Article, passage_id: str) -> Anchor:
    """The anchor of a whole passage (bookmarking the paragraph under the cursor)."""
    return anchor_at(article, passage_id, 0, len(_passage(article, passage_id).text))


def find_quote(article: Article, quote: str) -> Anchor:
    """The anchor of the first place ``quote`` occurs in one passage of ``article``.

    Whitespace in ``quote`` is collapsed (passages are stored whitespace-normalised), otherwise
    the match is exact. Raises QuoteNotFound with a sentence saying what to do.

    >>> from desktop.core.model import Block
    >>> article = Article("a1", "T", "t.txt", (Block("p-1", "paragraph", "Big data and AI."),))
    >>> find_quote(article, " data\\n and ").start
    4
    """
    wanted = " ".join(quote.split())
    if wanted:
        for passage in article.passages:
            start = passage.text.find(wanted)
            if start >= 0:
                return anchor_at(article, passage.id, start, start + len(wanted))
    raise QuoteNotFound(
        f"The quote “{quote.strip()}” is not in “{article.title}”; copy it exactly from one "
        "paragraph of the article."
    )


def _occurrences(passages: tuple[Block, ...], quote: str) -> Iterator[tuple[Block, int]]:
    for passage in passages:
        start = passage.text.find(quote)
        while start >= 0:
            yield passage, start
            start = passage.text.find(quote, start + 1)


def _sides(text: str, start: int, end: int, anchor: Anchor) -> tuple[bool, bool]:
    prefix, suffix = _context(text, start, end)
    return prefix == anchor.prefix, suffix == anchor.suffix


def _placed(old: Anchor, passage: Block, start: int, end: int, score: float) -> Placement:
    prefix, suffix = _context(passage.text, start, end)
    anchor = Anchor(passage.id, passage.text[start:end], prefix, suffix, start, end)
    same = passage.id == old.passage_id and start == old.start and end == old.end
    return Placement(anchor, AnchorStatus.ATTACHED if same else AnchorStatus.MOVED, score)


def _context_score(text: str, start: int, end: int, anchor: Anchor) -> float:
    prefix, suffix = _context(text, start, end)
    scores = [
        fuzz.ratio(old[-len(new) :] if side == "prefix" else old[: len(new)], new) if new else 0.0
        for side, old, new in (("prefix", anchor.prefix, prefix), ("suffix", anchor.suffix, suffix))
        if old
    ]
    return sum(scores) / len(scores) if scores else 100.0


def _best_window(quote: str, text: str) -> tuple[int, int, float] | None:
    """The stretch of ``text`` most like ``quote``: (start, end, similarity 0-100), or None.

    rapidfuzz's partial alignment finds a window the quote's length; the ends are then moved
    one at a time to where the plain similarity is highest, so words inserted into or removed
    from the quote still give a window covering all of it.
    """
    aligned = fuzz.partial_ratio_alignment(quote, text, score_cutoff=fuzzy_threshold(quote) - 10)
    if aligned is None:
        return None
    start, end = aligned.dest_start, aligned.dest_end
    slack = max(3, len(quote) // 5)
    best = (fuzz.ratio(quote, text[start:end]), start, end)
    for candidate in range(max(start + 1, end - slack), min(len(text), end + slack) + 1):
        best = max(best, (fuzz.ratio(quote, text[start:candidate]), start, candidate))
    end = best[2]
    for candidate in range(max(0, start - slack), min(end - 1, start + slack) + 1):
        best = max(best, (fuzz.ratio(quote, text[candidate:end]), candidate, end))
    score, start, end = best
    return start, end, score


def locate(article: Article, anchor: Anchor) -> Placement:
    """Find ``anchor`` in the current text of ``article`` (see the module docstring for how).

    >>> from desktop.core.model import Block
    >>> old = Article("a1", "T", "t.txt", (Block("p-1", "paragraph", "Big data and AI."),))
    >>> anchor = find_quote(old, "data")
    >>> locate(old, anchor).status
    <AnchorStatus.ATTACHED: 'attached'>
    >>> new = Article("a1", "T", "t.txt", (Block("p-2", "paragraph", "Big data and ML."),))
    >>> placed = locate(new, anchor)
    >>> placed.status, placed.anchor.passage_id, placed.anchor.suffix
    (<AnchorStatus.MOVED: 'moved'>, 'p-2', ' and ML.')
    >>> locate(Article("a1", "T", "t.txt", ()), anchor).status
    <AnchorStatus.ORPHANED: 'orphaned'>
    """
    return locate_all(article, [anchor])[0]


def locate_all(article: Article, anchors: Iterable[Anchor]) -> list[Placement]:
    """:func:`locate` for many anchors in one article, with the article prepared once.

    Re-anchoring every bookmark after an import asks this for thousands of anchors in each
    article: the passages are listed and indexed by id once rather than once per anchor, and
    identical anchors (the same words bookmarked twice) are located once.

    >>> from desktop.core.model import Block
    >>> article = Article("a1", "T", "t.txt", (Block("p-1", "paragraph", "Big data and AI."),))
    >>> [p.anchor.start for p in locate_all(article, [find_quote(article, "AI")] * 2)]
    [13, 13]
    """
    passages = article.passages
    by_id: dict[str, Block] = {}
    for passage in passages:
        by_id.setdefault(passage.id, passage)
    found: dict[Anchor, Placement] = {}
    placements: list[Placement] = []
    for anchor in anchors:
        placement = found.get(anchor)
        if placement is None:
            placement = found[anchor] = _locate(passages, by_id, anchor)
        placements.append(placement)
    return placements


def _locate(passages: tuple[Block, ...], by_id: dict[str, Block], anchor: Anchor) -> Placement:
    quote = anchor.quote
    orphan = Placement(anchor, AnchorStatus.ORPHANED, 0.0)
    if not quote:
        return orphan
    same = by_id.get(anchor.passage_id)
    if same is not None and same.text[anchor.start : anchor.end] == quote:
        return _placed(anchor, same, anchor.start, anchor.end, 100.0)

    found = list(_occurrences(passages, quote))
    sides = [_sides(p.text, s, s + len(quote), anchor) for p, s in found]
    both = [spot for spot, (left, right) in zip(found, sides, strict=True) if left and right]
    if both:
        here = [spot for spot in both if spot[0].id == anchor.passage_id]
        passage, start = min(here, key=lambda s: abs(s[1] - anchor.start)) if here else both[0]
        return _placed(anchor, passage, start, start + len(quote), 100.0)
    one_side = [spot for spot, (left, right) in zip(found, sides, strict=True) if left or right]
    long_enough = len(quote) >= MIN_FUZZY_LENGTH
    if len(found) == 1 and (long_enough or one_side):
        passage, start = found[0]
        return _placed(anchor, passage, start, start + len(quote), 100.0)
    if len(one_side) == 1:
        passage, start = one_side[0]
        return _placed(anchor, passage, start, start + len(quote), 100.0)
    if not long_enough:
        return orphan

    threshold = fuzzy_threshold(quote)
    best: tuple[float, float, int, Block, int, int] | None = None
    for order, passage in enumerate(passages):
        window = _best_window(quote, passage.text)
        if window is None or window[2] < threshold:
            continue
        start, end, similarity = window
        context = _context_score(passage.text, start, end, anchor)
        combined = QUOTE_WEIGHT * similarity + (1 - QUOTE_WEIGHT) * context
        candidate = (combined, similarity, -order, passage, start, end)
        if best is None or candidate[:3] > best[:3]:
            best = candidate
    if best is None:
        return orphan
    _combined, similarity, _order, passage, start, end = best
    return _placed(anchor, passage, start, end, round(similarity, 1))
