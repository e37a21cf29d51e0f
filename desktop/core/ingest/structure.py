"""Article structure from clean lines: header (kicker, title, lead question, date) and body.

The header is the run of short, title-like lines before the first real paragraph. Inside the
body a short line without closing punctuation that introduces a paragraph is a heading; a run of
such lines is a list, whose last line is still a heading when it alone is in Title Case.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.core.ingest.cleaning import Line
from desktop.core.ingest.dates import (
    dateline_date,
    label_first_date,
    labelled_date,
    parse_date_line,
    segment_date,
)
from desktop.core.ingest.limits import MAX_PASSAGE_CHARS, passage_pieces
from desktop.core.model import CAPTION, ArticleDate, Block, BlockKind, Removal
from desktop.core.text import fold, word_count

#: Bump when cleaning or structure rules change: every article is then re-read and re-indexed.
INGEST_VERSION = 10

#: A header line (title, kicker) has at most this many words.
MAX_TITLE_WORDS = 25
#: A kicker is a short line above a title at least twice as long.
MAX_KICKER_WORDS = 6
#: How many lines at the top may belong to the header.
MAX_HEADER_LINES = 5
#: Headings are short: this many words, or up to MAX_TITLE_CASE_HEADING_WORDS in Title Case.
MAX_HEADING_WORDS = 15
MAX_TITLE_CASE_HEADING_WORDS = 30
#: A line in Title Case has at least this share of capitalised long words.
TITLE_CASE_RATIO = 0.6

_CLOSING = "\"'\u201d\u2019)]\u300d\u300f"
_SENTENCE_PUNCT = ".!?;:,\u2026\u3002\uff01\uff1f\uff1b\uff1a"


@dataclass(frozen=True)
class Structure:
    """The parts of an article found in its clean lines."""

    title: str
    kicker: str | None
    lead_question: str | None
    date: ArticleDate | None
    blocks: tuple[Block, ...]


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence (closing quotes and brackets ignored).

    >>> ends_sentence('It said "yes."'), ends_sentence("Key Areas of Collaboration")
    (True, False)
    """
    stripped = text.rstrip(_CLOSING + " ")
    return bool(stripped) and stripped[-1] in _SENTENCE_PUNCT


def title_case_ratio(text: str) -> float:
    """The share of words of four or more letters that start with a capital.

    >>> title_case_ratio("Practical Tips for Collaboration")
    1.0
    """
    words = [w for w in re.findall(r"[^\W\d_][\w'’&-]*", text) if len(w) >= 4]
    if not words:
        return 1.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def is_short_line(text: str) -> bool:
    """A line that could be a heading or list item: short, with no closing punctuation."""
    if ends_sentence(text):
        return False
    words = word_count(text)
    return words <= MAX_HEADING_WORDS or (
        words <= MAX_TITLE_CASE_HEADING_WORDS and title_case_ratio(text) >= TITLE_CASE_RATIO
    )


def is_title_like(text: str) -> bool:
    """Short enough for a headline, and not ending as a sentence or a clause does."""
    stripped = text.rstrip(_CLOSING + " ")
    return word_count(text) <= MAX_TITLE_WORDS and not (stripped and stripped[-1] in ".;:,\u3002")


def build_structure(lines: list[Line], fallback_title: str) -> Structure:
    """Split clean lines into header and body blocks.

    >>> s = build_structure([Line(1, "Startups Win"), Line(2, "How Hong Kong Backs Its Startups"),
    ...     Line(3, "March 3, 2023"), Line(4, "Hong Kong gave startups money this year.")], "x")
    >>> s.kicker, s.title, s.date.iso(), [b.kind for b in s.blocks]
    ('Startups Win', 'How Hong Kong Backs Its Startups', '2023-03-03', ['paragraph'])
    """
    texts = [line.text for line in lines]
    date: ArticleDate | None = None
    header: list[str] = []
    position = 0
    date_above_title = False
    while position < len(texts) and position < MAX_HEADER_LINES:
        text = texts[position]
        parsed = parse_date_line(text) or label_first_date(text)
        if parsed is not None:
            # A weekday's date above the headline may be the site's today ("Sunday, September
            # 20, 2020"): a date under the headline is then the story's, unless it only says
            # when the story was updated.
            if date is None or (date_above_title and not _UPDATED.search(text)):
                date = parsed
                date_above_title = not header and bool(_WEEKDAY.search(text))
        elif is_title_like(text):
            header.append(text)
        else:
            break
        position += 1
    body = texts[position:]

    lead_question = None
    if len(header) >= 2 and header[0].rstrip(_CLOSING + " ").endswith("?"):
        lead_question = header.pop(0)
    kicker = None
    if (
        len(header) >= 2
        and word_count(header[0]) <= MAX_KICKER_WORDS
        and 2 * word_count(header[0]) <= word_count(header[1])  # else a title and its dek
    ):
        kicker = header.pop(0)
    if header:
        title = header.pop(0)
        body = header + body  # a second title-like line (a standfirst) is body text
    elif lead_question:
        title, lead_question = lead_question, None
    elif body:
        title = _first_words(body[0])
    else:
        title = fallback_title
    if date is None:  # a date at the end of the title: "News Roundup - 5 April 2020"
        date = _title_date(title)
    if date is None:  # a date line a little below the header, or at the very end
        date, index = date_near_edges(body)
        if index is not None:
            del body[index]
    return Structure(title, kicker, lead_question, date, _blocks(body))


#: How far into the body a date line is looked for (a byline, a section name may precede it).
DATE_LINES = 12
#: How many first paragraphs may open with a dateline ("HONG KONG, 3 May 2024 - ...").
DATELINE_PARAGRAPHS = 3


def date_near_edges(texts: list[str]) -> tuple[ArticleDate | None, int | None]:
    """The date of a date line among the first lines or the last, and that line's index (to
    drop it); else a date labelled as the publication date inside one of the first lines,
    with None (the line says more than the date, so it stays).

    >>> date_near_edges(["By Li Wei | Published: 3 May 2024 | Updated: 4 May", "Text."])
    (ArticleDate(year=2024, month=5, day=3), None)
    >>> date_near_edges(["Press Releases", "March 3, 2023", "Text."])
    (ArticleDate(year=2023, month=3, day=3), 1)
    """
    last = len(texts) - 1
    near = [*range(min(DATE_LINES, len(texts))), *([last] if last >= DATE_LINES else [])]
    for index in near:
        parsed = parse_date_line(texts[index])
        if parsed is not None:
            return parsed, index
    for index in near:
        if word_count(texts[index]) <= MAX_TITLE_WORDS * 2:
            labelled = labelled_date(texts[index])
            if labelled is not None:
                return labelled, None
    for text in texts[:DATELINE_PARAGRAPHS]:
        dated = dateline_date(text)
        if dated is not None:
            return dated, None
    return None, None


def date_in_chrome(removals: Sequence[Removal]) -> ArticleDate | None:
    """The date of a byline or meta line that cleaning removed ("Author: Jane Zhang Date:
    2022-05-07", "Section · 2026-05-19"): the first such line's, within the first lines of
    the page."""
    for removal in sorted(removals, key=lambda r: r.line):
        if removal.rule in {"chrome", "byline", CAPTION} and removal.line <= DATE_LINES:
            text = removal.text
            found = parse_date_line(text) or labelled_date(text) or segment_date(text)
            if found is not None:
                return found
    return None


_UPDATED = re.compile(r"\bupdated\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_TITLE_DATE = re.compile(r"\s[-–—|:]\s*(?P<date>[^-–—|:]{6,30})$")


def _title_date(title: str) -> ArticleDate | None:
    """The date a title ends with after a separator ("Weekly Roundup - 5 April 2020").

    >>> _title_date("Startup News Roundup - 5 April 2020")
    ArticleDate(year=2020, month=4, day=5)
    >>> _title_date("Hong Kong Tech: 2020 Vision") is None
    True
    """
    match = _TITLE_DATE.search(title)
    return parse_date_line(match.group("date")) if match else None


def _first_words(text: str, limit: int = 12) -> str:
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def _kinds(body: list[str]) -> list[BlockKind]:
    kinds: list[BlockKind] = ["paragraph"] * len(body)
    index = 0
    while index < len(body):
        if not is_short_line(body[index]):
            index += 1
            continue
        end = index
        while end < len(body) and is_short_line(body[end]):
            end += 1
        introduces_paragraph = end < len(body)
        after_intro = index > 0 and body[index - 1].rstrip(_CLOSING + " ").endswith(":")
        last = body[end - 1]
        if introduces_paragraph:
            run_is_single = end - index == 1
            if (run_is_single and not after_intro) or (
                not run_is_single and title_case_ratio(last) >= TITLE_CASE_RATIO
            ):
                kinds[end - 1] = "heading"
        index = end
    return kinds


def _blocks(body: list[str]) -> tuple[Block, ...]:
    return make_blocks(zip(body, _kinds(body), strict=True))


def make_blocks(
    items: Iterable[tuple[str, BlockKind]], locations: Sequence[str] = ()
) -> tuple[Block, ...]:
    """Blocks with stable ids from texts whose kind is already known (headings, paragraphs).

    The id comes from the folded text, so it survives re-ordering and re-reading in another
    format; a repeated text gets a numbered id. A paragraph longer than a passage may be is
    split at sentence ends (a passage is what a search shows and a bookmark points into).
    ``locations``, one an item where given (a PDF's pages), go to each piece of the item.

    >>> blocks = make_blocks([("Intro", "heading"), ("Hi.", "paragraph"), ("hi.", "paragraph")])
    >>> [b.id for b in blocks]
    ['h-917f8ca7', 'p-c1fa5493', 'p-c1fa5493-2']
    """
    blocks = []
    used: dict[str, int] = {}
    located = zip(items, [*locations] or itertools.repeat(""), strict=False)
    pieces = (
        (piece, kind, location)
        for (whole, kind), location in located
        for piece in (passage_pieces(whole) if len(whole) > MAX_PASSAGE_CHARS else [whole])
    )
    for text, kind, location in pieces:
        digest = hashlib.blake2b(fold(text).encode(), digest_size=4).hexdigest()
        block_id = ("h-" if kind == "heading" else "p-") + digest
        used[block_id] = used.get(block_id, 0) + 1
        if used[block_id] > 1:
            block_id += f"-{used[block_id]}"
        blocks.append(Block(block_id, kind, text, location))
    return tuple(blocks)
