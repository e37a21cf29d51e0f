"""Facets as the user sees them: counts by entity (per type), year and source, labelled.

The index counts ids and column values over every match; here they get their entity's
name, the filter a click adds to the query, and an order (most first, at most
:data:`MAX_VALUES` per facet; years newest first).
"""

from __future__ import annotations

from desktop.core.entities.graph import EntityGraph
from desktop.core.model import ENTITY_TYPES, Facet, FacetValue

#: How many values an entity or source facet lists.
MAX_VALUES = 15


def labelled_facets(counts: dict[str, dict[str, int]], graph: EntityGraph) -> tuple[Facet, ...]:
    """The facets of a search from its ``counts`` (by facet, by key); empty ones left out,
    hidden entities too."""
    by_type: dict[str, list[FacetValue]] = {t: [] for t in ENTITY_TYPES}
    for entity_id, count in counts.get("entity", {}).items():
        entity = graph.entity(entity_id)
        if entity is None or graph.is_hidden(entity.id):
            continue
        by_type[entity.type].append(
            FacetValue(entity.id, entity.name, count, f"entity:{entity.id}")
        )
    facets = [
        Facet(entity_type, tuple(sorted(values, key=lambda v: (-v.count, v.label))[:MAX_VALUES]))
        for entity_type, values in by_type.items()
    ]
    # Undated articles carry the column's "missing" value, not a year.
    years = {y: c for y, c in counts.get("year", {}).items() if y.isdigit() and int(y) < 10000}
    facets.append(
        Facet(
            "year",
            tuple(FacetValue(y, y, c, f"date:{y}") for y, c in sorted(years.items(), reverse=True)),
        )
    )
    sources = counts.get("source", {})
    facets.append(
        Facet(
            "source",
            tuple(
                FacetValue(s, s, c, f'source:"{s}"')
                for s, c in sorted(sources.items(), key=lambda sc: (-sc[1], sc[0]))[:MAX_VALUES]
            ),
        )
    )
    return tuple(f for f in facets if f.values)
