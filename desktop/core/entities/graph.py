"""The library's entities and the links between them, with the user's corrections applied.

Built from the knowledge base and each article's extracted facts; rebuilt when either changes.
Lookups by any name or alias, mentions grouped by article, relations in both directions, key
figures, and a neighbourhood of one or two steps for the graph view.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.core.entities.corrections import Correction, Provenance
from desktop.core.entities.extract import ArticleEntities, slug
from desktop.core.entities.identity import alias_redirects, same_entity
from desktop.core.entities.mentions import MentionFinder
from desktop.core.model import ENTITY_TYPES, Entity, EntityType, Figure, Mention, Relation
from desktop.core.text import fold

#: How relations read from the other end ("HKSTP runs X": X is "run by" HKSTP).
INVERSE = {
    "runs": "run by",
    "partners with": "partners with",
    "branch of": "has branch",
    "located in": "location of",
    "leads": "led by",
    "invests in": "invested in by",
    "incubates": "incubated by",
    "part of": "has part",
    "works at": "employs",
    "manages": "managed by",
    "funds": "funded by",
    "member of": "has member",
}


@dataclass(frozen=True)
class Link:
    """A relation seen from one entity: the label reads from that entity to ``other``."""

    label: str
    other: str
    relation: Relation


class EntityGraph:
    """Entities, mentions, relations and figures of a library, corrections applied."""

    def __init__(
        self,
        known: Sequence[Entity],
        articles: Iterable[ArticleEntities],
        corrections: Sequence[Correction] = (),
    ) -> None:
        entities: dict[str, Entity] = {e.id: e for e in known}
        mentions: list[Mention] = []
        relations: list[Relation] = []
        figures: list[Figure] = []
        for facts in articles:
            for entity in facts.discovered:
                current = entities.get(entity.id)
                if current is None:
                    entities[entity.id] = entity
                elif current.discovered:  # the knowledge base's own entry stays as it is
                    entities[entity.id] = same_entity(current, entity)
            mentions.extend(facts.mentions)
            relations.extend(facts.relations)
            figures.extend(facts.figures)
        redirect: dict[str, str] = alias_redirects(entities)
        for source, target in redirect.items():  # the name it was found under stays a name
            entities[target] = same_entity(entities[target], entities[source])
        hidden: set[str] = set()
        vouched = _Vouched()
        for correction in corrections:
            _apply(correction, entities, redirect, hidden, mentions, vouched)

        def final(entity_id: str) -> str:
            seen = set()
            while entity_id in redirect and entity_id not in seen:
                seen.add(entity_id)
                entity_id = redirect[entity_id]
            return entity_id

        self._redirect = {key: final(key) for key in redirect}
        self._hidden = hidden
        self._vouched = vouched
        self._entities = {k: v for k, v in entities.items() if k not in self._redirect}
        self._mentions: dict[str, list[Mention]] = defaultdict(list)
        for mention in mentions:
            target = self.resolve_id(mention.entity_id)
            if target in self._entities:
                self._mentions[target].append(dataclasses.replace(mention, entity_id=target))
        self._links: dict[str, list[Link]] = defaultdict(list)
        for relation in relations:
            source, target = self.resolve_id(relation.source), self.resolve_id(relation.target)
            if source == target or not {source, target} <= self._entities.keys():
                continue
            fixed = dataclasses.replace(relation, source=source, target=target)
            self._links[source].append(Link(relation.type, target, fixed))
            self._links[target].append(Link(INVERSE[relation.type], source, fixed))
        self._figures: dict[str, list[Figure]] = defaultdict(list)
        for figure in figures:
            target = self.resolve_id(figure.entity_id)
            if target in self._entities:
                self._figures[target].append(dataclasses.replace(figure, entity_id=target))
        self._names: dict[str, str] = {}
        for entity in self._entities.values():
            for name in (entity.name, *entity.aliases):
                self._names.setdefault(fold(name), entity.id)
        self._finder: MentionFinder | None = None

    # -- lookups -------------------------------------------------------------------------------

    def resolve_id(self, entity_id: str) -> str:
        """The id an entity has after merges."""
        return self._redirect.get(entity_id, entity_id)

    def merged_ids(self, entity_id: str) -> list[str]:
        """The entity's id and every id merged into it (for searching the index)."""
        return [entity_id, *(k for k, v in self._redirect.items() if v == entity_id)]

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id (after merges), or None."""
        return self._entities.get(self.resolve_id(entity_id))

    def find(self, name: str) -> Entity | None:
        """The entity with this id, name or alias (case and accents ignored), or None."""
        direct = self.entity(name)
        if direct is not None:
            return direct
        entity_id = self._names.get(fold(name))
        return self._entities.get(entity_id) if entity_id else None

    def entities(self, entity_type: EntityType | None = None, hidden: bool = False) -> list[Entity]:
        """Entities that are mentioned at least once, most mentioned first."""
        chosen = [
            e
            for e in self._entities.values()
            if self._mentions.get(e.id)
            and (entity_type is None or e.type == entity_type)
            and (hidden or e.id not in self._hidden)
        ]
        return sorted(chosen, key=lambda e: (-len(self._mentions[e.id]), e.name))

    def is_hidden(self, entity_id: str) -> bool:
        """True when the user hid this entity."""
        return self.resolve_id(entity_id) in self._hidden

    def provenance(self, name: str) -> Provenance | None:
        """Where the entity with this id, name or alias came from and whether the user
        confirmed it; None when there is no such entity."""
        entity = self.find(name)
        if entity is None:
            return None
        return Provenance.of(
            entity, entity.id in self._vouched.confirmed, entity.id in self._vouched.made
        )

    def mentions(self, entity_id: str) -> list[Mention]:
        """Every mention, in article and reading order."""
        return list(self._mentions.get(self.resolve_id(entity_id), []))

    def links(self, entity_id: str) -> list[Link]:
        """Relations to and from the entity, hidden entities left out."""
        return [
            link
            for link in self._links.get(self.resolve_id(entity_id), [])
            if link.other not in self._hidden
        ]

    def figures(self, entity_id: str) -> list[Figure]:
        """Key figures found next to the entity."""
        return list(self._figures.get(self.resolve_id(entity_id), []))

    def neighbourhood(
        self, entity_id: str, depth: int = 1, types: Iterable[EntityType] | None = None
    ) -> tuple[list[Entity], list[tuple[str, str, str]]]:
        """Entities within ``depth`` steps and the edges (source, label, target) between them."""
        allowed = set(types) if types is not None else None
        start = self.resolve_id(entity_id)
        if start not in self._entities:
            return [], []
        seen = {start}
        frontier = [start]
        edges: set[tuple[str, str, str]] = set()
        for _step in range(max(1, depth)):
            following = []
            for current in frontier:
                for link in self.links(current):
                    other = self._entities[link.other]
                    if allowed is not None and other.type not in allowed:
                        continue
                    relation = link.relation
                    edges.add((relation.source, relation.type, relation.target))
                    if link.other not in seen:
                        seen.add(link.other)
                        following.append(link.other)
            frontier = following
        return [self._entities[e] for e in seen], sorted(edges)

    def finder_for_queries(self) -> MentionFinder:
        """A finder for every visible entity's names, tuned for typed queries; built once."""
        if self._finder is None:
            self._finder = MentionFinder(
                (e for e in self._entities.values() if e.id not in self._hidden), for_queries=True
            )
        return self._finder


@dataclass
class _Vouched:
    """What the user vouched for while corrections were applied.

    Attributes:
        confirmed: ids of entities the user confirmed.
        made: ids of entities the user made (split off an alias).
    """

    confirmed: set[str] = dataclasses.field(default_factory=set)
    made: set[str] = dataclasses.field(default_factory=set)


def _apply(
    correction: Correction,
    entities: dict[str, Entity],
    redirect: dict[str, str],
    hidden: set[str],
    mentions: list[Mention],
    vouched: _Vouched,
) -> None:
    """Apply one correction to the entities being built (a correction whose entity is gone
    waits for it, and one that makes no sense any more, such as an unknown type, does nothing)."""
    entity = entities.get(redirect.get(correction.entity_id, correction.entity_id))
    if entity is None:
        return  # the entity is gone from the library; the correction waits for it
    if correction.op == "rename" and correction.value.strip():
        new_name = correction.value.strip()
        aliases = tuple(a for a in {*entity.aliases, entity.name} if fold(a) != fold(new_name))
        entities[entity.id] = dataclasses.replace(
            entity, name=new_name, aliases=tuple(sorted(aliases))
        )
    elif correction.op == "merge":
        target = entities.get(redirect.get(correction.value, correction.value))
        if target is None or target.id == entity.id:
            return
        names = {*target.aliases, entity.name, *entity.aliases} - {target.name}
        entities[target.id] = dataclasses.replace(target, aliases=tuple(sorted(names)))
        redirect[entity.id] = target.id
    elif correction.op == "split":
        alias = correction.value
        if fold(alias) not in {fold(a) for a in entity.aliases}:
            return
        entities[entity.id] = dataclasses.replace(
            entity, aliases=tuple(a for a in entity.aliases if fold(a) != fold(alias))
        )
        new_id = "split-" + slug(alias)
        entities[new_id] = Entity(new_id, alias, entity.type, (), "", entity.kind, True, 1.0)
        vouched.made.add(new_id)
        for index, mention in enumerate(mentions):
            if mention.entity_id == entity.id and fold(mention.text) == fold(alias):
                mentions[index] = dataclasses.replace(mention, entity_id=new_id)
    elif correction.op == "hide":
        hidden.add(entity.id)
    elif correction.op == "confirm":
        vouched.confirmed.add(entity.id)
    elif correction.op == "retype" and correction.value in ENTITY_TYPES:
        new_type = next(t for t in ENTITY_TYPES if t == correction.value)
        if new_type != entity.type:  # a kind (fund, programme) belongs to the old type
            entities[entity.id] = dataclasses.replace(entity, type=new_type, kind=None)
