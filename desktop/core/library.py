"""The facade the UI and the CLI use: articles read from source paths, and their index.

Opening is cheap: the index on disk is opened, not rebuilt. :meth:`Library.refresh` brings it up
to date with the sources, reading only files whose size or modification time changed and
re-indexing only articles whose clean content changed. What the library knows of each source
(its state, summary and entity facts) is kept in a manifest beside the index: derived data,
rebuilt with it. User corrections to entities live in the data folder and are applied on top.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import heapq
import os
import threading
from collections.abc import Callable, Iterator, Sequence, Set
from pathlib import Path
from typing import Any, TypeVar

from desktop.core import answers, space
from desktop.core import refresh as pipeline
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
from desktop.core.errors import (
    ArticleNotFound,
    EntityNotFound,
    IndexBusy,
    IndexDamaged,
    IndexUnavailable,
    QueryNotUnderstood,
)
from desktop.core.facets import labelled_facets
from desktop.core.index import (
    EntityTags,
    IndexOptions,
    SearchIndex,
    analyze,
    query_terms,
    term_spans,
)
from desktop.core.locks import INDEX_LOCK, FileLock, LockUnavailable
from desktop.core.manifest import Entry, Manifest
from desktop.core.memo import LastBuilt
from desktop.core.model import (
    Article,
    ArticleDate,
    ArticleSummary,
    Entity,
    EntityType,
    Figure,
    Hit,
    IndexReport,
    Mention,
    SearchMode,
    SearchResult,
    SortOrder,
)
from desktop.core.notices import BUSY_NOTICE, DAMAGED_NOTICE, READ_ONLY_NOTICE
from desktop.core.progress import NullProgress, Progress, check_cancelled
from desktop.core.query import expand_names, prepare, rewrite_entities
from desktop.core.relink import articles_naming
from desktop.core.sources import SourceList, SourcesUnavailable

V = TypeVar("V")

#: Bump when entity extraction changes: every article's facts are then extracted again.
FACTS_VERSION = 5
_MANIFEST = "manifest.sqlite3"


@dataclasses.dataclass(frozen=True)
class EntityDetails:
    """Everything the entity panel shows about one entity."""

    entity: Entity
    mentions: tuple[Mention, ...]
    links: tuple[Link, ...]
    figures: tuple[Figure, ...]
    hidden: bool


class Library:
    """Articles read from ``sources`` and indexed in ``data_dir``.

    Thread-safe: searches may run while another thread refreshes; refreshes are serialised.

    Attributes:
        data_dir: the folder holding the index and the user's data.
        sources: the files and folders articles are read from.
    """

    def __init__(
        self,
        data_dir: Path,
        sources: Sequence[Path],
        knowledge_base: Path | None = None,
        repair: bool = True,
        index_options: IndexOptions | None = None,
    ) -> None:
        """Open the library; with ``repair``, an index that is outdated, damaged or disagrees
        with its manifest (a killed refresh) is started again, if no other process is
        changing it (which only the index lock tells: that one may be half-way through).
        ``index_options``: the index's time limits and writing options (the defaults)."""
        self.data_dir = Path(data_dir)
        self._index_options = index_options
        self.sources = [Path(s) for s in sources]
        self.notices: list[str] = []
        self._newly_discovered: list[Entity] = []
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise IndexUnavailable(
                f"The data folder {self.data_dir} cannot be created: {error.strerror or error}."
            ) from error
        self.read_only = not os.access(self.data_dir, os.W_OK)
        if self.read_only:
            self.notices.append(READ_ONLY_NOTICE.format(folder=self.data_dir))
        self._known = load_knowledge_base(knowledge_base) if knowledge_base else []
        self._facts_key = hashlib.blake2b(
            (
                f"{FACTS_VERSION}|" + (knowledge_base.read_text("utf-8") if knowledge_base else "")
            ).encode(),
            digest_size=8,
        ).hexdigest()
        self._corrections = Corrections(self.data_dir)
        if self._corrections.notice:
            self.notices.append(self._corrections.notice)
        self._index_dir = self.data_dir / "index"
        self._index_lock = FileLock(self.data_dir / INDEX_LOCK)
        self._refresh_lock = threading.Lock()
        self._manifest: dict[str, Entry] = {}
        self._rebuild_needed = False  # the index and the manifest disagree: mend by rebuilding
        # Each article's files, by id, for the manifest they were found in (every article
        # shown, and every bookmarked one re-anchored, asks).
        self._paths_of: tuple[dict[str, Entry], dict[str, list[str]]] = ({}, {})
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
        self._all_sources()  # says now, not at the next refresh, if the list was damaged
        held = repair and not self.read_only and self._try_index_lock()
        try:
            self._open_index(reset=held)
        finally:
            if held:
                self._index_lock.release()

    # -- keeping the index current -------------------------------------------------------------

    def _try_index_lock(self) -> bool:
        """Take the index lock if no other process holds it (False: another one does, or
        the lock file cannot be made, and then nothing can be written either)."""
        try:
            return self._index_lock.acquire(timeout=0)
        except LockUnavailable:
            return False

    def _open_index(self, reset: bool) -> None:
        """Open the index and its manifest; with ``reset`` (the index lock held), start again
        whatever is outdated or damaged, and have a rebuild mend what is inconsistent."""
        try:
            self._index = SearchIndex(self._index_dir, reset=reset, options=self._index_options)
        except IndexBusy as error:
            if not self.read_only:
                raise
            raise IndexUnavailable(
                READ_ONLY_NOTICE.format(folder=self.data_dir) + " It holds no index yet."
            ) from error
        if self._index.was_reset and self._index.was_damaged:
            self.notices.append(DAMAGED_NOTICE)
        if reset:
            (self._index_dir / "manifest.json").unlink(missing_ok=True)  # old versions'
        self._store = Manifest(
            self._index_dir / _MANIFEST, self._facts_key, reset=reset, read_only=self.read_only
        )
        try:
            self._load_manifest(repair=reset)
        except IndexDamaged:  # counting the articles read a damaged segment
            self._index.close()
            self._store.close()
            self._index = SearchIndex(
                self._index_dir, reset=True, options=self._index_options
            )  # the damage was marked
            self.notices.append(DAMAGED_NOTICE)
            self._store = Manifest(self._index_dir / _MANIFEST, self._facts_key, reset=True)
            self._load_manifest(repair=True)
        self._graph = self._names = None
        self._names_of.forget()
        self._lookups_of.forget()

    def _load_manifest(self, repair: bool = True) -> None:
        """Load the manifest; with ``repair``, mend it when it disagrees with the index.

        They disagree after a refresh killed (or a manifest that could not be saved) between
        the index's commit and the manifest's, or a manifest of another version: the next
        refresh is then a rebuild, and until it is done the index as it is still answers. An
        index with nothing in it has nothing to answer: the manifest starts again with it.

        Only a process holding the index lock repairs: another one may be between its index
        commit and its manifest commit.
        """
        manifest = self._store.entries()
        indexed = sum(1 for e in manifest.values() if e.indexed)
        if repair and indexed != (count := self._index.article_count()):
            if count == 0:
                self._store.clear()
                manifest = {}
            else:
                self._rebuild_needed = True
        self._manifest = manifest
        self._graph = self._names = None

    def _catch_up(self) -> None:
        """With the index lock held: see what other processes committed, and repair what a
        process that was killed, or a damaged disk, left behind."""
        if self._store.outdated or self._index.marked_damaged():
            self._index.close()
            self._store.close()
            self._open_index(reset=True)
        elif not self._index.is_current() or self._store.changed_elsewhere():
            self._index.reload()
            self._load_manifest(repair=True)

    def _all_sources(self) -> list[Path]:
        """The given sources and the user's imported ones, read again from their file: an
        import made meanwhile by another command is refreshed too, never dropped."""
        try:
            listed = SourceList(self.data_dir)
        except SourcesUnavailable as error:
            self._notice(str(error))
            return list(self.sources)
        if listed.notice:
            self._notice(listed.notice)
        return list(dict.fromkeys([*self.sources, *listed.paths()]))

    def _notice(self, notice: str) -> None:
        if notice not in self.notices:
            self.notices.append(notice)

    def set_sources(self, sources: Sequence[Path]) -> None:
        """Read from these sources from now on (the next refresh adds and drops articles)."""
        self.sources = [Path(s) for s in sources]

    def needs_refresh(self) -> bool:
        """True when sources were added, changed or removed since the last refresh (cheap)."""
        if self._rebuild_needed:
            return True
        scanned = pipeline.scan(self._all_sources(), self._manifest)
        return scanned.keys() != self._manifest.keys() or any(
            self._manifest[p].stat != stat for p, stat in scanned.items()
        )

    def refresh(
        self,
        progress: Progress | None = None,
        rebuild: bool = False,
        within: Sequence[Path] | None = None,
        wait: float | None = 0,
    ) -> IndexReport:
        """Read changed sources and update the index; ``rebuild`` reads every file again.

        ``within`` limits the look for changes to these folders (or files' folders): what a
        folder watcher reports, so that one saved file does not mean a scan of the library.

        One process at a time changes the index: if another one is, this waits for it up to
        ``wait`` seconds (None: as long as it takes), then takes up what it committed.
        Searches see the index as it was until the new one is committed, a rebuild included.

        Unreadable files are skipped and listed in the report with their reason; they never
        stop the rest.

        Raises:
            Cancelled: ``progress`` asked to stop (nothing half-written is committed).
            IndexBusy: another process is still changing the index after ``wait`` seconds.
            IndexUnavailable: the data folder is read-only, or the index cannot be written
                (a full disk: the attempt is then remembered, see :meth:`refresh_if_needed`).
        """
        progress = progress or NullProgress()
        if self.read_only:
            raise IndexUnavailable(READ_ONLY_NOTICE.format(folder=self.data_dir))
        with self._refresh_lock, self._holding_index_lock(wait, progress):
            self._catch_up()
            try:
                report = self._update(progress, rebuild or self._rebuild_needed, within)
            except IndexUnavailable as error:
                if space.out_of_space(error):
                    space.remember_failure(self._index_dir, str(error))
                raise
            space.forget_failure(self._index_dir)
            self._rebuild_needed = False
            return report

    @contextlib.contextmanager
    def _holding_index_lock(self, wait: float | None, progress: Progress) -> Iterator[None]:
        told: list[bool] = []

        def waiting() -> None:
            check_cancelled(progress)
            if not told:
                told.append(True)
                progress.report(0, 0, "Waiting for another InnoAtlas to finish updating…")

        try:
            held = self._index_lock.acquire(wait, waiting)
        except LockUnavailable as error:
            raise IndexUnavailable(
                f"The index cannot be updated: the data folder {self.data_dir} cannot be "
                f"written ({error.strerror or error})."
            ) from error
        if not held:
            raise IndexBusy(BUSY_NOTICE)
        try:
            yield
        finally:
            self._index_lock.release()

    def refresh_if_needed(self, progress: Progress | None = None) -> str | None:
        """Bring the index up to date if the sources changed, as a command does before it
        answers; None when it is current (or now is), else a sentence saying why it is not.

        The index as it is still answers in every case. A refresh that ran out of disk space
        is not tried again until more space is free (each attempt would fill the disk again
        before failing); an explicit :meth:`refresh` always tries.
        """
        if not self.needs_refresh():
            return None
        if self.read_only:
            return "The index could not be brought up to date: " + READ_ONLY_NOTICE.format(
                folder=self.data_dir
            )
        failure = space.last_failure(self._index_dir)
        if failure is not None:
            return failure
        try:
            self.refresh(progress)
        except IndexBusy:
            return BUSY_NOTICE
        except IndexUnavailable as error:
            return str(error)
        return None

    def _update(
        self, progress: Progress, rebuild: bool, within: Sequence[Path] | None
    ) -> IndexReport:
        """The refresh itself, with the index lock held and the library caught up; then the
        articles it did not read that name an entity it discovered are read again, so that
        discovery reaches the whole library, not only the files that changed."""
        self._newly_discovered = []
        before = self._manifest
        report, self._manifest = self._run(progress, rebuild, within)
        self._graph = self._names = None
        if rebuild or not self._newly_discovered:
            return report
        # The rows this refresh wrote are new objects; the others are the very same.
        unread = {p for p, e in self._manifest.items() if before.get(p) is e and e.indexed}
        if not unread:
            return report
        naming = articles_naming(self._index, self._manifest, self._newly_discovered)
        again = [p for p in naming if p in unread]
        if not again:
            return report
        follow_up, self._manifest = self._run(progress, False, [Path(p) for p in again], again)
        self._graph = self._names = None
        return dataclasses.replace(
            report,
            relinked=follow_up.updated,
            seconds=round(report.seconds + follow_up.seconds, 3),
            rewritten=None
            if report.rewritten is None or follow_up.rewritten is None
            else (*report.rewritten, *follow_up.rewritten),
        )

    def _run(
        self,
        progress: Progress,
        rebuild: bool,
        within: Sequence[Path] | None,
        again: Sequence[str] = (),
    ) -> tuple[IndexReport, dict[str, Entry]]:
        return pipeline.run(
            manifest=self._manifest,
            store=self._store,
            index=self._index,
            sources=self._all_sources(),
            extract=self._extract,
            tags=self._tags,
            progress=progress,
            rebuild=rebuild,
            within=within,
            again=again,
        )

    def _extract(
        self, articles: list[tuple[Article, str]], stale: set[str] | None
    ) -> Iterator[ArticleEntities]:
        """Entity facts for new articles, in two passes so that a name discovered in one
        article is also found in the others (those of this refresh and, but for a rebuild
        (``stale`` None: every stored row is), the names found in the articles kept)."""
        if not articles:
            return
        stored = {} if stale is None else self._stored_discoveries(stale)
        curated = known_names(self._known)
        found = [
            entity
            for article, _path in articles
            for entity in _failsafe(discover_entities, article, self._known, curated) or ()
        ]
        discovered = by_id([*stored.values(), *found])
        # Names no other article had: the ones the articles not read now may also hold.
        self._newly_discovered = [e for e in by_id(found).values() if e.id not in stored]
        known = self._lookups_of.get(frozenset(discovered.values()))
        without_discovery = functools.partial(extract_entities, discover=False)
        for article, _path in articles:
            # The first pass discovered this article's names: none to find again.
            yield _failsafe(without_discovery, article, known) or ArticleEntities()

    def _tags(self, facts: ArticleEntities) -> EntityTags:
        types = {e.id: e.type for e in [*self._known, *facts.discovered]}
        tags: EntityTags = {}
        for mention in facts.mentions:
            tags.setdefault(mention.passage_id, []).append(
                (mention.entity_id, types.get(mention.entity_id, "topic"))
            )
        return tags

    def warm_up(self) -> None:
        """Build ahead what a refresh needs first (the entity lookups over every name), for
        an indexer that waits for its job: an edit seldom changes which names exist."""
        self._lookups_of.get(frozenset(self._stored_discoveries().values()))

    def is_current(self) -> bool:
        """True when no other process has committed to the index since this one read it."""
        return self._index.is_current()

    def reload(self, rewritten: Sequence[str] | None = None) -> None:
        """See commits made by another process (a child indexer). ``rewritten``, the files
        whose rows its refresh wrote (from its report), are read again instead of every row;
        if the rows then do not add up, all are read."""
        self._index.reload()
        if rewritten is not None:
            rows = self._store.entries_of(rewritten)
            manifest = pipeline.revised_manifest(self._manifest, rows, set(rewritten) - rows.keys())
            if len(manifest) == self._store.count():
                self._manifest = manifest
                self._graph = self._names = None
                return
        self._load_manifest(repair=False)

    # -- reading -------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        """The clean article; raises ArticleNotFound."""
        article = self._index.article(article_id)
        if article is None:
            raise ArticleNotFound(f"No article with id “{article_id}” is in the library.")
        copies = tuple(p for p in self.locations(article_id) if p != article.source)
        return dataclasses.replace(article, also_at=copies) if copies else article

    def articles(self, limit: int | None = None) -> list[ArticleSummary]:
        """Every article, or the newest ``limit``, newest first (undated last).

        Ranked on the stored dates as they are: the window's first list of a large library
        needs 500 summaries, not one for each of its articles.
        """
        indexed = [(path, e) for path, e in self._manifest.items() if e.indexed]

        def newest_first(item: tuple[str, Entry]) -> tuple[int, str]:
            return -_date_key(item[1].date), item[1].title

        chosen = (
            sorted(indexed, key=newest_first)
            if limit is None
            else heapq.nsmallest(limit, indexed, key=newest_first)
        )
        return [
            ArticleSummary(
                e.article_id,
                e.title,
                path,
                ArticleDate.from_iso(e.date) if e.date else None,
                e.kicker,
                e.lead_question,
                e.passages,
            )
            for path, e in chosen
        ]

    def titles(self) -> dict[str, str]:
        """Every article's title, by id (what an entity's page shows beside its mentions;
        no summaries or dates are built)."""
        return {e.article_id: e.title for e in self._manifest.values() if e.indexed}

    def article_count(self) -> int:
        """How many articles the library holds."""
        return sum(1 for e in self._manifest.values() if e.indexed)

    def skipped_files(self) -> list[tuple[str, str]]:
        """Source files that could not be read, each with its one-line reason."""
        return sorted((p, e.skipped) for p, e in self._manifest.items() if e.skipped)

    def locations(self, article_id: str) -> list[str]:
        """Every file that holds this article: where it was read, then its copies ("also at")."""
        manifest = self._manifest  # replaced whole when it changes, never changed in place
        if self._paths_of[0] is not manifest:
            paths_of: dict[str, list[str]] = {}
            for path, entry in manifest.items():
                if not entry.skipped:
                    paths_of.setdefault(entry.article_id, []).append(path)
            self._paths_of = (manifest, paths_of)
        paths = self._paths_of[1].get(article_id, [])
        return sorted(paths, key=lambda p: (manifest[p].duplicate_of is not None, p))

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        """Articles most like this one ("more like this")."""
        return self._index.related(article_id, limit)

    def match_spans(self, text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
        """Character spans in ``text`` whose words match the query terms (after stemming)."""
        wanted = {t for term in terms for t in [*analyze(term), *query_terms(term)]}
        return [(start, end) for term, start, end in term_spans(text) if term in wanted]

    # -- entities ------------------------------------------------------------------------------

    @property
    def graph(self) -> EntityGraph:
        """The entity graph, built on first use after each refresh or correction."""
        graph = self._graph
        if graph is None:
            graph = EntityGraph(
                self._known, map(facts_from_json, self._store.facts()), self._corrections.items()
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

    def _stored_discoveries(self, stale: Set[str] = frozenset()) -> dict[str, Entity]:
        """The entities discovered in indexed articles (not in ``stale`` ones), by id."""
        return by_id(discovered_from_json({"discovered": self._store.discoveries(stale)}))

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

    def correct(self, correction: Correction) -> None:
        """Record a user correction (rename, merge, split, hide); it applies at once."""
        if self.graph.find(correction.entity_id) is None:
            raise EntityNotFound(f"No entity called “{correction.entity_id}” is in the library.")
        self._corrections.add(correction)
        self._graph = self._names = None
        self._names_of.forget()

    def undo_correction(self) -> Correction | None:
        """Take back the newest correction; return it, or None when there was none."""
        undone = self._corrections.undo()
        self._graph = self._names = None
        self._names_of.forget()
        return undone

    # -- searching -----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        mode: SearchMode = "articles",
        limit: int = 20,
        sort: SortOrder = "relevance",
        as_you_type: bool = False,
        counted: bool | None = None,
    ) -> SearchResult:
        """Search articles or passages; never raises for a malformed query.

        In passage mode a question is answered: its candidate paragraphs are re-ranked so the
        one that answers it comes first. ``as_you_type`` lets the last word stand for its
        most frequent completions. A counted search (the default, except as you type) gives
        the exact total and facet counts over every match; an uncounted one only the best
        ``limit`` hits, fast whatever the number of matches.
        """
        counted = not as_you_type if counted is None else counted
        prepared = prepare(query)
        result = SearchResult(query, mode, 0, (), notice=prepared.notice, terms=prepared.words)
        if not prepared.text:
            return result
        kind = "article" if mode == "articles" else "passage"
        if mode == "passages" and prepared.is_question and sort == "relevance":
            total, hits = answers.answer(prepared.text, limit, self._index, self.names)
            return dataclasses.replace(result, total=total, hits=hits)
        text, problem = rewrite_entities(prepared.text, self._entity_ids)
        if problem and not result.notice:
            result = dataclasses.replace(result, notice=problem)
        text = expand_names(text, self.names)
        try:
            outcome = self._index.search(
                text,
                kind,
                limit,
                sort == "date",
                typed=prepared.text if as_you_type else None,
                counted=counted,
            )
        except QueryNotUnderstood:
            words = " ".join(prepared.words)
            outcome = self._index.search(words, kind, limit, sort == "date", counted=counted)
            result = dataclasses.replace(
                result,
                notice="The query could not be read as written, so InnoAtlas searched for its "
                "words instead.",
            )
        if not outcome.complete and counted:  # a quick answer's counted search follows
            result = dataclasses.replace(
                result,
                notice="The search took too long and was stopped: results may be incomplete.",
            )
        total = outcome.total
        if total == 0 and mode == "passages" and len(prepared.words) >= 3:
            total, hits = answers.answer(" ".join(prepared.words), limit, self._index, self.names)
            return dataclasses.replace(result, total=total, hits=hits)
        suggestion = None
        if total < 3 and not as_you_type:
            suggestion = self._index.suggest(prepared.text)
        return dataclasses.replace(
            result,
            total=total,
            hits=tuple(outcome.hits),
            suggestion=suggestion,
            facets=labelled_facets(outcome.facets, self.names),
            counted=counted,
        )

    def _entity_ids(self, name: str) -> list[str] | None:
        entity = self.names.find(name)
        return self.names.merged_ids(entity.id) if entity else None

    def close(self) -> None:
        """Release the index and the manifest."""
        self._index.close()
        self._store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _failsafe(work: Callable[..., V], *args: Any) -> V | None:
    """What ``work(*args)`` returns, or None when it fails: an article whose entities cannot
    be found (a rule's bug on text it never met) is still indexed and searchable, without."""
    try:
        return work(*args)
    except Exception:  # noqa: BLE001 - one article's entities never stop a refresh
        return None


def _by_id(entity: Entity) -> str:
    return entity.id


def _date_key(iso: str | None) -> int:
    """A stored ISO date's ``yyyymmdd`` sort key (as ArticleDate.sort_key), 0 for none.

    >>> _date_key("2024-12-02"), _date_key("2022-01"), _date_key(None)
    (20241202, 20220100, 0)
    """
    if not iso:
        return 0
    parts = iso.split("-")
    return sum(int(part) * scale for part, scale in zip(parts, (10000, 100, 1), strict=False))
