"""An article's neighbours through its entities: the other articles that name the same bodies,
programmes and people, the rarer the shared names the closer.

"More like this" compares words; this compares who and what an article is about, which is
how an analyst follows a story across sources. Places and topics are left out (half the
library is about Hong Kong), as are entities named in more than half the articles (what the
library itself is about); each other shared entity weighs the rarer it is (its inverse
document frequency), so sharing a small start-up counts for more than sharing a big fund.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from desktop.core.memo import BuiltFor
from desktop.view.entity_data import mentions_by_article
from desktop.view.reader_html import SharedArticle

if TYPE_CHECKING:
    from desktop.core.entities.graph import EntityGraph
    from desktop.core.library import Library

#: Entity types that make two articles neighbours.
LINKING_TYPES = frozenset({"organisation", "initiative", "person"})
#: An entity named in more articles than this is looked at in this many only (its weight is
#: tiny anyway): opening an article stays cheap on a large library.
MOST_ARTICLES = 2000


def _by_entity(graph: EntityGraph) -> dict[str, list[str]]:
    """Entity id -> the ids of the articles naming it."""
    found: dict[str, list[str]] = defaultdict(list)
    for article_id, mentions in mentions_by_article(graph).items():
        for entity_id in dict.fromkeys(m.entity_id for m in mentions):
            found[entity_id].append(article_id)
    return found


_articles_of: BuiltFor[EntityGraph, dict[str, list[str]]] = BuiltFor(_by_entity)


def shared_entity_articles(
    library: Library, article_id: str, limit: int = 5
) -> tuple[SharedArticle, ...]:
    """The ``limit`` articles closest to ``article_id`` by the entities they share."""
    graph = library.graph
    by_entity = _articles_of.get(graph)
    titles = library.titles()
    total = max(1, len(titles))
    mine = dict.fromkeys(m.entity_id for m in mentions_by_article(graph).get(article_id, []))
    scores: dict[str, float] = defaultdict(float)
    shared: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for entity_id in mine:
        entity = graph.entity(entity_id)
        if entity is None or entity.type not in LINKING_TYPES or graph.is_hidden(entity_id):
            continue
        articles = by_entity.get(entity_id, [])
        if total >= 4 and len(articles) * 2 > total:
            continue  # what the library itself is about links nothing
        weight = math.log(1 + total / max(1, len(articles)))
        for other in articles[:MOST_ARTICLES]:
            if other != article_id:
                scores[other] += weight
                shared[other].append((weight, entity.name))
    best = sorted(scores, key=lambda a: (-scores[a], titles.get(a, "")))[:limit]
    return tuple(
        SharedArticle(
            other,
            titles.get(other, other),
            tuple(name for _w, name in sorted(shared[other], key=lambda p: (-p[0], p[1]))),
        )
        for other in best
        if other in titles
    )
