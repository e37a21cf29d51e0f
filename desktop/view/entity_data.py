"""What the entity panel, the graph and the reader's entity links need, prepared on the worker.

Every function here takes the core :class:`Library` and runs on the task worker, never on the
GUI thread; the results are plain frozen values the widgets show as they are.
"""

from __future__ import annotations

import dataclasses
import html
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.entities.corrections import Provenance
from desktop.core.memo import BuiltFor
from desktop.core.model import Entity, EntityType, Mention, Snippet
from desktop.view.reader_html import ReaderContent

if TYPE_CHECKING:
    from desktop.core.entities.graph import EntityGraph
    from desktop.core.library import EntityDetails, Library

#: Characters of context shown on each side of a mention.
CONTEXT_CHARS = 70

#: How each entity type reads in headings and cards.
TYPE_LABELS: dict[str, str] = {
    "organisation": "Organisation",
    "initiative": "Initiative",
    "person": "Person",
    "place": "Place",
    "topic": "Topic",
}


@dataclass(frozen=True)
class EntityPage:
    """Everything the entity panel shows for one entity.

    Attributes:
        details: the entity with its mentions, links and figures (from the core).
        titles: article id -> title, for every article the page refers to.
        snippets: the words around each mention, in the order of ``details.mentions``.
        others: entity id -> entity, for every entity a link points to.
        choices: (id, name) of every visible entity, for "Merge into…".
        provenance: where the entity came from and whether the user confirmed it (None: read
            from the entity alone, as never confirmed).
        timeline: the entity's mentions by year of their article, oldest year first.
        undated: the mentions in articles without a date (not on the timeline).
    """

    details: EntityDetails
    titles: Mapping[str, str] = field(default_factory=dict)
    snippets: tuple[Snippet, ...] = ()
    others: Mapping[str, Entity] = field(default_factory=dict)
    choices: tuple[tuple[str, str], ...] = ()
    provenance: Provenance | None = None
    timeline: tuple[tuple[int, int], ...] = ()
    undated: int = 0

    @property
    def entity(self) -> Entity:
        """The entity shown."""
        return self.details.entity

    @property
    def origin(self) -> Provenance:
        """The provenance shown: the one loaded, or the entity's own."""
        return self.provenance or Provenance.of(self.entity)


def mention_snippet(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> Snippet:
    """The words around a mention, cut at word boundaries, with the mention marked.

    >>> mention_snippet("The park runs GBA InnoExpress for startups.", 14, 29, 8).marked("[", "]")
    '…runs [GBA InnoExpress] for…'
    """
    left = max(0, start - chars)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    right = min(len(text), end + chars)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    body = text[left:right]
    offset = len(prefix) - left
    return Snippet(prefix + body + suffix, ((start + offset, end + offset),))


def load_entity_page(library: Library, name: str) -> EntityPage:
    """The panel's page for the entity called ``name`` (id, name or alias).

    Raises:
        EntityNotFound: no such entity (the message is for the user).
    """
    details = library.entity(name)
    titles = library.titles()
    texts: dict[tuple[str, str], str] = {}
    years: dict[str, int | None] = {}
    for article_id in dict.fromkeys(m.article_id for m in details.mentions):
        try:
            article = library.article(article_id)
        except Exception:  # noqa: BLE001 - a vanished article just shows no context
            continue
        years[article_id] = article.date.year if article.date else None
        for block in article.blocks:
            texts[(article_id, block.id)] = block.text
    snippets = tuple(
        mention_snippet(texts.get((m.article_id, m.passage_id), m.text), m.start, m.end)
        if (m.article_id, m.passage_id) in texts
        else Snippet(m.text, ((0, len(m.text)),))
        for m in details.mentions
    )
    graph = library.graph
    others: dict[str, Entity] = {}
    for link in details.links:
        other = graph.entity(link.other)
        if other is not None:
            others[other.id] = other
    choices = tuple(
        sorted(
            ((e.id, e.name) for e in library.entities() if e.id != details.entity.id),
            key=lambda c: c[1].casefold(),
        )
    )
    provenance = graph.provenance(details.entity.id)
    timeline, undated = mentions_by_year(details.mentions, years)
    return EntityPage(details, titles, snippets, others, choices, provenance, timeline, undated)


def mentions_by_year(
    mentions: Iterable[Mention], years: Mapping[str, int | None]
) -> tuple[tuple[tuple[int, int], ...], int]:
    """Mentions counted by the year of their article, oldest first, and those undated.

    >>> m = [Mention("a", "a", "p1", 0, 1, "x"), Mention("a", "b", "p1", 0, 1, "x")] * 2
    >>> mentions_by_year(m, {"a": 2024, "b": None})
    (((2024, 2),), 2)
    """
    counts: dict[int, int] = defaultdict(int)
    undated = 0
    for mention in mentions:
        year = years.get(mention.article_id)
        if year is None:
            undated += 1
        else:
            counts[year] += 1
    return tuple(sorted(counts.items())), undated


@dataclass(frozen=True)
class GraphData:
    """An entity's neighbourhood, ready to draw.

    Attributes:
        center: the entity in the middle.
        entities: every entity shown (the centre included).
        edges: (source id, relation, target id), each once.
        depth: the steps asked for (1 or 2).
        types: the entity types shown.
    """

    center: str
    entities: tuple[Entity, ...]
    edges: tuple[tuple[str, str, str], ...]
    depth: int = 1
    types: tuple[EntityType, ...] = ()


def load_graph(
    library: Library, entity_id: str, depth: int, types: Iterable[EntityType]
) -> GraphData:
    """The neighbourhood of ``entity_id``, ``depth`` steps out, through the given types only."""
    wanted = tuple(types)
    graph = library.graph
    center = graph.resolve_id(entity_id)
    entities, edges = graph.neighbourhood(center, depth, wanted)
    return GraphData(center, tuple(entities), tuple(edges), depth, wanted)


# -- entity links in the reader ----------------------------------------------------------------


def _by_article(graph: EntityGraph) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = defaultdict(list)
    for entity in graph.entities():
        for mention in graph.mentions(entity.id):
            found[mention.article_id].append(mention)
    return found


#: Mentions per article, built once per graph (the core rebuilds the graph after a refresh or a
#: correction, so a new graph object means new mentions).
_mentions_of: BuiltFor[EntityGraph, dict[str, list[Mention]]] = BuiltFor(_by_article)


def mentions_by_article(graph: EntityGraph) -> dict[str, list[Mention]]:
    """Every mention of the graph, by the id of its article (built once per graph)."""
    return _mentions_of.get(graph)


@dataclass(frozen=True)
class EntityLinks:
    """The entity names in one article: spans per block and a hover card per entity.

    Attributes:
        spans: block id -> (start, end, entity id), sorted, never overlapping.
        cards: entity id -> the hover card (rich text, escaped).
    """

    spans: Mapping[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict)
    cards: Mapping[str, str] = field(default_factory=dict)


def entity_card(entity: Entity) -> str:
    """The hover card of an entity: name, type and description, escaped rich text.

    >>> entity_card(Entity("x", "A & B", "organisation", description="<Big> firm"))
    '<b>A &amp; B</b><br/><i>Organisation</i><br/>&lt;Big&gt; firm'
    """
    kind = TYPE_LABELS.get(entity.type, entity.type)
    if entity.kind:
        kind += f" ({entity.kind})"
    parts = [f"<b>{html.escape(entity.name)}</b>", f"<i>{html.escape(kind)}</i>"]
    if entity.description:
        parts.append(html.escape(entity.description))
    return "<br/>".join(parts)


def article_entity_links(library: Library, article_id: str) -> EntityLinks:
    """Where the visible entities are named in an article, for links in the reader."""
    graph = library.graph
    mentions = mentions_by_article(graph).get(article_id, [])
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    cards: dict[str, str] = {}
    for mention in sorted(mentions, key=lambda m: (m.passage_id, m.start, -m.end)):
        entity = graph.entity(mention.entity_id)
        if entity is None or graph.is_hidden(entity.id):
            continue
        block = spans[mention.passage_id]
        if block and mention.start < block[-1][1]:
            continue  # overlaps the previous name: keep the first (longest) one
        block.append((mention.start, mention.end, entity.id))
        cards.setdefault(entity.id, entity_card(entity))
    return EntityLinks({k: tuple(v) for k, v in spans.items()}, cards)


def with_entity_links(library: Library, content: ReaderContent) -> ReaderContent:
    """``content`` with the article's entity names as links (unchanged if that fails)."""
    try:
        links = article_entity_links(library, content.article.id)
    except Exception:  # noqa: BLE001 - links are a convenience; never fail the article
        return content
    return dataclasses.replace(content, entity_spans=links.spans, entity_cards=links.cards)
