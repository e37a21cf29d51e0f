"""The core's vocabulary: plain frozen dataclasses that cross every boundary.

Nothing here knows about Whoosh, SQLite or Qt, so the UI, the CLI and the tests all speak the
same types and can compare them as whole values.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal


class DatePrecision(enum.Enum):
    """How much of a date the article actually states."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, order=True)
class ArticleDate:
    """A publication date that remembers its precision ("2022 January" is a month, not the 1st).

    >>> ArticleDate(2022, 1).iso()
    '2022-01'
    >>> ArticleDate(2024, 12, 2).precision
    <DatePrecision.DAY: 'day'>
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> DatePrecision:
        """Day, month or year, from the parts that are present."""
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def iso(self) -> str:
        """ISO 8601 at the stated precision: ``2024-12-02``, ``2022-01`` or ``2022``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def sort_key(self) -> int:
        """An integer ``yyyymmdd`` (missing parts are 0) for sorting and range queries."""
        return self.year * 10000 + (self.month or 0) * 100 + (self.day or 0)

    @classmethod
    def from_iso(cls, text: str) -> ArticleDate:
        """The inverse of :meth:`iso`."""
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)


BlockKind = Literal["heading", "paragraph"]


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of a clean article, in reading order.

    Attributes:
        id: stable within the article: derived from the text, so it survives re-ordering.
        kind: ``"heading"`` or ``"paragraph"``; paragraphs are the passages search ranks.
        text: the clean text, whitespace normalised.
        location: where the block stands in a paged or chaptered source, as a reader cites it
            ("p. 7" in a PDF, the chapter's title in an EPUB); empty for web pages and text.
            Not part of the id, so a bookmark keeps its passage when pages move.
    """

    id: str
    kind: BlockKind
    text: str
    location: str = ""


#: The rule of a picture caption's removal: kept out of the text, the people it names linked.
CAPTION = "caption"


@dataclass(frozen=True)
class Removal:
    """A line that cleaning dropped, with the rule that dropped it (for ``show --explain``)."""

    line: int
    text: str
    rule: str
    reason: str


@dataclass(frozen=True)
class Article:
    """A clean article: what the reader shows and the index stores.

    Attributes:
        id: stable across runs and moves (from the title and date, not the path).
        source: the file it was read from.
        content_hash: a hash of the clean content; a changed hash means re-index.
        authors: the people its byline names.
    """

    id: str
    title: str
    source: str
    blocks: tuple[Block, ...]
    kicker: str | None = None
    lead_question: str | None = None
    date: ArticleDate | None = None
    content_hash: str = ""
    authors: tuple[str, ...] = ()
    removals: tuple[Removal, ...] = field(default=(), compare=False)
    also_at: tuple[str, ...] = field(default=(), compare=False)

    @property
    def passages(self) -> tuple[Block, ...]:
        """The paragraphs, in order: the units of passage search and bookmarks."""
        return tuple(b for b in self.blocks if b.kind == "paragraph")

    @property
    def headings(self) -> tuple[str, ...]:
        """Section headings inside the body, in order."""
        return tuple(b.text for b in self.blocks if b.kind == "heading")

    def block(self, block_id: str) -> Block | None:
        """The block with this id, or None."""
        return next((b for b in self.blocks if b.id == block_id), None)

    def location_of(self, block_id: str) -> str:
        """The page or chapter of a block as a reader cites it ("p. 7"), or "" where the
        source has none."""
        block = self.block(block_id)
        return block.location if block else ""

    def captions(self) -> tuple[str, ...]:
        """The captions of its pictures, which cleaning kept out of the text."""
        return tuple(r.text for r in self.removals if r.rule == CAPTION)

    def plain_text(self) -> str:
        """Title and body as plain text, one block per paragraph."""
        return "\n\n".join([self.title, *(b.text for b in self.blocks)])


@dataclass(frozen=True)
class ArticleSummary:
    """What a list of articles needs, without the body."""

    id: str
    title: str
    source: str
    date: ArticleDate | None
    kicker: str | None
    lead_question: str | None
    passage_count: int


@dataclass(frozen=True)
class Snippet:
    """Plain text with the spans that matched the query, so each UI escapes and marks it itself.

    >>> Snippet("big data and AI", ((0, 8),)).marked("[", "]")
    '[big data] and AI'
    """

    text: str
    marks: tuple[tuple[int, int], ...] = ()

    def marked(self, before: str, after: str, escape: Callable[[str], str] | None = None) -> str:
        """The text with every mark wrapped in ``before``/``after`` (and the rest escaped)."""
        esc = escape or (lambda s: s)
        out: list[str] = []
        pos = 0
        for start, end in self.marks:
            out.append(esc(self.text[pos:start]))
            out.append(before + esc(self.text[start:end]) + after)
            pos = end
        out.append(esc(self.text[pos:]))
        return "".join(out)


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet with its count; ``filter`` is the query clause that selects it."""

    key: str
    label: str
    count: int
    filter: str


@dataclass(frozen=True)
class Facet:
    """Counts of the matching documents by one attribute (an entity type, year or source)."""

    name: str
    values: tuple[FacetValue, ...]


SearchMode = Literal["articles", "passages"]
SortOrder = Literal["relevance", "date"]


@dataclass(frozen=True)
class NoteMatch:
    """A bookmark whose note or tags matched a search (the notes index's answer).

    Attributes:
        snippet: the note (else the tags) with the words that matched marked.
        title, date, source: the bookmark's citation of its article.
    """

    bookmark_id: str
    article_id: str
    passage_id: str
    quote: str
    note: str
    tags: tuple[str, ...]
    title: str
    date: str | None
    source: str
    score: float
    snippet: Snippet


@dataclass(frozen=True)
class Hit:
    """One search result: an article, or in passage mode one paragraph of it.

    ``note``: the user's bookmark whose note matched, when the hit was found (or also found)
    through it; ``passage_id`` is then that bookmark's passage, where the article opens.
    ``location``: a passage's page or chapter ("p. 7") where its source has them.
    """

    article_id: str
    title: str
    date: ArticleDate | None
    source: str
    score: float
    snippet: Snippet
    passage_id: str | None = None
    text: str | None = None
    note: NoteMatch | None = None
    location: str = ""


@dataclass(frozen=True)
class SearchResult:
    """Everything a results view shows for one query.

    Attributes:
        total: how many documents matched (not just the ones returned).
        suggestion: a corrected query to offer as "Did you mean ...", or None.
        notice: a plain-words note when the query had to be read differently, or None.
        terms: the query's words as typed, for highlighting in the reader.
        counted: False for a quick answer while typing: the best hits only, ``total`` an
            estimate and no facets (a counted search of the same query follows).
        exact: False when a counted search was stopped by its time limit: ``total`` and the
            facet counts are then a floor.
    """

    query: str
    mode: SearchMode
    total: int
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    notice: str | None = None
    terms: tuple[str, ...] = ()
    facets: tuple[Facet, ...] = ()
    counted: bool = True
    exact: bool = True

    @property
    def total_text(self) -> str:
        """The total as shown: "at least 1200" when it is a floor.

        >>> SearchResult("q", "articles", 1200, (), exact=False).total_text
        'at least 1200'
        """
        return str(self.total) if self.exact else f"at least {self.total}"


@dataclass(frozen=True)
class IndexReport:
    """What a refresh of the index did.

    Attributes:
        rewritten: the files whose rows the refresh wrote or dropped, so that a window may
            read only those again; None after a rebuild or a large refresh (read them all).
        relinked: unchanged articles read again because they name an entity this refresh
            discovered elsewhere.
    """

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[tuple[str, str], ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0
    rewritten: tuple[str, ...] | None = None
    relinked: int = 0


EntityType = Literal["organisation", "initiative", "person", "place", "topic"]
ENTITY_TYPES: tuple[EntityType, ...] = ("organisation", "initiative", "person", "place", "topic")
RelationType = Literal[
    "runs",
    "partners with",
    "branch of",
    "located in",
    "leads",
    "invests in",
    "incubates",
    "part of",
    "works at",
    "manages",
    "funds",
    "member of",
]


@dataclass(frozen=True)
class Entity:
    """Something the articles name: an organisation, initiative, person, place or topic.

    Attributes:
        discovered: found by rules in the articles rather than curated in the knowledge base.
        confidence: 1.0 for curated entities; the rule's confidence for discovered ones.
        kind: for initiatives, what sort (programme, scheme, fund, facility, event).
    """

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    description: str = ""
    kind: str | None = None
    discovered: bool = False
    confidence: float = 1.0


@dataclass(frozen=True)
class Mention:
    """Where an entity is named: character offsets into one block's text."""

    entity_id: str
    article_id: str
    passage_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """The sentence that states a relation or a figure, and where it is."""

    article_id: str
    passage_id: str
    sentence: str


@dataclass(frozen=True)
class Relation:
    """A typed link between two entities, backed by the sentence that states it."""

    type: RelationType
    source: str
    target: str
    evidence: Evidence


@dataclass(frozen=True)
class Figure:
    """A key figure next to an entity: money, a count or a date, with its sentence."""

    entity_id: str
    kind: Literal["money", "count", "date"]
    text: str
    evidence: Evidence
