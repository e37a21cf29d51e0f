"""One entity under one id: finds of the same name in several articles, and a name that is
another discovered entity's alias ("InvestHK" found on its own in one article, defined as
Invest Hong Kong's acronym in another).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from desktop.core.model import Entity
from desktop.core.text import fold


def same_entity(first: Entity, other: Entity) -> Entity:
    """One entity from two finds of the same id in different articles: the first, with every
    name and alias either found (one article defines "HKU", another does not) and the
    higher confidence."""
    forms = (*first.aliases, other.name, *other.aliases)  # "Co. Ltd" and "Co Ltd": one id
    aliases = tuple(dict.fromkeys(a for a in forms if a != first.name))
    if aliases == first.aliases and first.confidence >= other.confidence:
        return first
    confidence = max(first.confidence, other.confidence)
    return dataclasses.replace(first, aliases=aliases, confidence=confidence)


def by_id(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Entities by id, several finds of one id combined (see :func:`same_entity`)."""
    found: dict[str, Entity] = {}
    for entity in entities:
        current = found.get(entity.id)
        found[entity.id] = entity if current is None else same_entity(current, entity)
    return found


def alias_redirects(entities: Mapping[str, Entity]) -> dict[str, str]:
    """For each discovered entity whose name is another entity's alias, that entity's id:
    the two are one, named by the fuller find (a curated entity always wins).

    >>> found = {e.id: e for e in [Entity("d-a", "Invest Kowloon", "organisation",
    ...     ("InvestK",), discovered=True), Entity("d-b", "InvestK", "organisation",
    ...     discovered=True)]}
    >>> alias_redirects(found)
    {'d-b': 'd-a'}
    """
    owner: dict[str, str] = {}
    for entity in sorted(entities.values(), key=lambda e: (e.discovered, -len(e.name))):
        for alias in entity.aliases:
            owner.setdefault(fold(alias), entity.id)
    return {
        entity.id: target
        for entity in entities.values()
        if entity.discovered
        and (target := owner.get(fold(entity.name), entity.id)) != entity.id
        and (
            entities[target].type == entity.type
            or entities[target].confidence > entity.confidence  # the surer find's type
        )
    }
