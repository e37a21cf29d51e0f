"""The library's entities: the knowledge base, what discovery found in its articles, and the
user's corrections on top.

Kept apart from the index upkeep because the two change for different reasons: a refresh
asks this for each new article's facts (:meth:`LibraryEntities.extract`), and the entity
panel, the graph and searching ask it for the entities as they stand. The facts themselves
are stored with each article's row in the manifest (derived data); the corrections are user
data in the data folder.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable, Iterator, Sequence, Set
from pathlib import Path
from typing import Any, TypeVar

from desktop.core.entities.corrections import Correction, Corrections
from desktop.core.entities.extract import (
    ArticleEntities,
    KnownEntities,
    discover_entities,
    extract_entities,
    known_names,
)
from desktop.core.entities.facts import discovered_from_json, facts_from_json
from desktop.core.entities.graph import EntityGraph, Link
from desktop.core.entities.identity import by_id
from desktop.core.entities.knowledge_base import load_knowledge_base
from desktop.core.errors import EntityNotFound
from desktop.core.index import EntityTags
from desktop.core.manifest import Manifest
from desktop.core.memo import LastBuilt
from desktop.core.model import Article, Entity, EntityType, Figure, Mention

V = TypeVar("V")

#: Bump when entity extraction changes: every article's facts are then extracted again.
FACTS_VERSION = 9


@dataclasses.dataclass(frozen=True)
class EntityDetails:
    """Everything the entity panel shows about one entity."""

    entity: Entity
    mentions: tuple[Mention, ...]
    links: tuple[Link, ...]
    figures: tuple[Figure, ...]
    hidden: bool


class LibraryEntities:
    """The entities of one library, built from the facts its manifest holds.

    Attributes:
        facts_key: what the stored facts were extracted with (the extraction's version and
            the knowledge base): stored facts made with another key are extracted again.
        newly_discovered: the names the last :meth:`extract` found that no other article had.
        notice: a sentence about the corrections file when it could not be read, else "".
    """

    def __init__(
        self, data_dir: Path, knowledge_base: Path | None, manifest: Callable[[], Manifest]
    ) -> None:
        """``manifest`` gives the library's manifest as it is now (it is replaced when the
        index is started again)."""
        self._manifest = manifest
        self._known = load_knowledge_base(knowledge_base) if knowledge_base else []
        self.facts_key = hashlib.blake2b(
            (
                f"{FACTS_VERSION}|" + (knowledge_base.read_text("utf-8") if knowledge_base else "")
            ).encode(),
            digest_size=8,
        ).hexdigest()
        self._corrections = Corrections(data_dir)
        self.notice = self._corrections.notice or ""
        self.newly_discovered: list[Entity] = []
        self._graph: EntityGraph | None = None
        self._names: EntityGraph | None = None
        # Rebuilt only when the discovered entities change (most refreshes add none): each
        # holds a mention finder over every name, a quarter of a second on a large library.
        self._names_of: LastBuilt[frozenset[Entity], EntityGraph] = LastBuilt(
            lambda found: EntityGraph(
                self._known,
                [ArticleEntities(discovered=tuple(sorted(found, key=_by_id)))],
                self._corrections.items(),
            )
        )
        self._lookups_of: LastBuilt[frozenset[Entity], KnownEntities] = LastBuilt(
            lambda found: KnownEntities.of([*self._known, *sorted(found, key=_by_id)])
        )

    def forget(self, everything: bool = False) -> None:
        """The facts changed (a refresh, a reload): build the graph again when next asked;
        ``everything`` (the index started again) drops the name lookups too."""
        self._graph = self._names = None
        if everything:
            self._names_of.forget()
            self._lookups_of.forget()

    # -- a refresh's side ----------------------------------------------------------------------

    def extract(
        self,
        articles: Sequence[tuple[Article, str]],
        stale: set[str] | None,
        discovered_in: Sequence[Sequence[Entity]] | None = None,
    ) -> Iterator[ArticleEntities]:
        """Entity facts for new articles, in two passes so that a name discovered in one
        article is also found in the others (those of this refresh and, but for a rebuild
        (``stale`` None: every stored row is), the names found in the articles kept).
        ``discovered_in``: the first pass's names of each article, when already found (by
        :meth:`discoverer`, as the files were read)."""
        self.newly_discovered = []
        if not articles:
            return
        stored = {} if stale is None else self._stored_discoveries(stale)
        if discovered_in is None:
            discover = self.discoverer()
            discovered_in = [discover(article) for article, _path in articles]
        found = [entity for entities in discovered_in for entity in entities]
        discovered = by_id([*stored.values(), *found])
        # Entities with a name or alias no article had, these ones before their change
        # included (what they had was looked for in the others when it was new): the
        # articles not read now may hold it.
        before = [*stored.values(), *self._discovered_before(stale or set())]
        names = {n.casefold() for e in before for n in (e.name, *e.aliases)}
        self.newly_discovered = [
            e
            for e in by_id(found).values()
            if any(n.casefold() not in names for n in (e.name, *e.aliases))
        ]
        known = self._lookups_of.get(frozenset(discovered.values()))
        without_discovery = functools.partial(extract_entities, discover=False)
        for article, _path in articles:
            # The first pass discovered this article's names: none to find again.
            yield _failsafe(without_discovery, article, known) or ArticleEntities()

    def discoverer(self) -> Callable[[Article], Sequence[Entity]]:
        """The first pass of :meth:`extract` for one article (the names the knowledge base
        does not have), to be run where the article is read."""
        return functools.partial(_discovered, self._known, known_names(self._known))

    def tags(self, facts: ArticleEntities) -> EntityTags:
        """Each passage's entities with their types, as the index stores them for facets."""
        types = {e.id: e.type for e in [*self._known, *facts.discovered]}
        tags: EntityTags = {}
        for mention in facts.mentions:
            tags.setdefault(mention.passage_id, []).append(
                (mention.entity_id, types.get(mention.entity_id, "topic"))
            )
        return tags

    def warm_up(self) -> None:
        """Build ahead what a refresh needs first (the entity lookups over every name)."""
        self._lookups_of.get(frozenset(self._stored_discoveries().values()))

    def _discovered_before(self, paths: Set[str]) -> list[Entity]:
        """What these files' stored rows had discovered, before the change being read."""
        if not paths:
            return []
        return list(discovered_from_json({"discovered": self._manifest().discovered_in(paths)}))

    def _stored_discoveries(self, stale: Set[str] = frozenset()) -> dict[str, Entity]:
        """The entities discovered in indexed articles (not in ``stale`` ones), by id."""
        return by_id(discovered_from_json({"discovered": self._manifest().discoveries(stale)}))

    # -- the reader's side ---------------------------------------------------------------------

    @property
    def graph(self) -> EntityGraph:
        """The entity graph, built on first use after each refresh or correction."""
        graph = self._graph
        if graph is None:
            graph = EntityGraph(
                self._known,
                map(facts_from_json, self._manifest().facts()),
                self._corrections.items(),
            )
            self._graph = graph
        return graph

    @property
    def names(self) -> EntityGraph:
        """The entities without their mentions: what searching needs (a name in a query, a
        facet's label), cheap to build on a large library where the whole graph is not."""
        names = self._graph or self._names
        if names is None:
            names = self._names_of.get(frozenset(self._stored_discoveries().values()))
            self._names = names
        return names

    def entities(self, entity_type: EntityType | None = None) -> list[Entity]:
        """Entities mentioned in the library (hidden ones left out), most mentioned first."""
        return self.graph.entities(entity_type)

    def entity(self, name: str) -> EntityDetails:
        """An entity by id, name or any alias, with its mentions, links and figures."""
        graph = self.graph
        entity = graph.find(name)
        if entity is None:
            raise EntityNotFound(f"No entity called “{name}” is in the library.")
        return EntityDetails(
            entity,
            tuple(graph.mentions(entity.id)),
            tuple(graph.links(entity.id)),
            tuple(graph.figures(entity.id)),
            graph.is_hidden(entity.id),
        )

    def ids_named(self, name: str) -> list[str] | None:
        """The ids an entity name in a query stands for (merged ones too), None if unknown."""
        entity = self.names.find(name)
        return self.names.merged_ids(entity.id) if entity else None

    # -- the user's corrections ----------------------------------------------------------------

    def correct(self, correction: Correction) -> None:
        """Record a user correction (rename, merge, split, hide); it applies at once."""
        if self.graph.find(correction.entity_id) is None:
            raise EntityNotFound(f"No entity called “{correction.entity_id}” is in the library.")
        self._corrections.add(correction)
        self._corrected()

    def undo_correction(self) -> Correction | None:
        """Take back the newest correction; return it, or None when there was none."""
        undone = self._corrections.undo()
        self._corrected()
        return undone

    def _corrected(self) -> None:
        """Build again what the corrections shape (not the lookups: they ignore corrections)."""
        self._graph = self._names = None
        self._names_of.forget()


def _failsafe(work: Callable[..., V], *args: Any) -> V | None:
    """What ``work(*args)`` returns, or None when it fails: an article whose entities cannot
    be found (a rule's bug on text it never met) is still indexed and searchable, without."""
    try:
        return work(*args)
    except Exception:  # noqa: BLE001 - one article's entities never stop a refresh
        return None


def _discovered(known: list[Entity], curated: frozenset[str], article: Article) -> list[Entity]:
    return _failsafe(discover_entities, article, known, curated) or []


def _by_id(entity: Entity) -> str:
    return entity.id
