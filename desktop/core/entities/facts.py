"""Entity facts to and from JSON, for the manifest that keeps them beside the index."""

from __future__ import annotations

from typing import Any

from desktop.core.entities.extract import ArticleEntities
from desktop.core.model import Entity, Evidence, Figure, Mention, Relation


def facts_to_json(facts: ArticleEntities) -> dict[str, Any]:
    """A compact JSON form (lists, not objects: there are many mentions)."""
    return {
        "mentions": [
            [m.entity_id, m.article_id, m.passage_id, m.start, m.end, m.text]
            for m in facts.mentions
        ],
        "relations": [
            [
                r.type,
                r.source,
                r.target,
                r.evidence.article_id,
                r.evidence.passage_id,
                r.evidence.sentence,
            ]
            for r in facts.relations
        ],
        "figures": [
            [
                f.entity_id,
                f.kind,
                f.text,
                f.evidence.article_id,
                f.evidence.passage_id,
                f.evidence.sentence,
            ]
            for f in facts.figures
        ],
        "discovered": [
            [e.id, e.name, e.type, list(e.aliases), e.kind, e.confidence] for e in facts.discovered
        ],
    }


def facts_from_json(data: dict[str, Any]) -> ArticleEntities:
    """The inverse of :func:`facts_to_json`.

    >>> facts = ArticleEntities(discovered=(Entity("d-x", "X Fund", "initiative", ("XF",),
    ...     kind="fund", discovered=True, confidence=0.7),))
    >>> facts_from_json(facts_to_json(facts)) == facts
    True
    """
    return ArticleEntities(
        mentions=tuple(Mention(*m) for m in data.get("mentions", [])),
        relations=tuple(
            Relation(t, s, g, Evidence(a, p, sentence))
            for t, s, g, a, p, sentence in data.get("relations", [])
        ),
        figures=tuple(
            Figure(e, k, text, Evidence(a, p, sentence))
            for e, k, text, a, p, sentence in data.get("figures", [])
        ),
        discovered=discovered_from_json(data),
    )


def discovered_from_json(data: dict[str, Any]) -> tuple[Entity, ...]:
    """Only the discovered entities of stored facts: a refresh needs no more of old articles."""
    return tuple(
        Entity(i, n, t, tuple(al), "", k, True, c)
        for i, n, t, al, k, c in data.get("discovered", [])
    )
