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
import errno
import hashlib
import heapq
import json
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from pathlib import Path
from typing import Any, Generic, TypeVar

from desktop.core import answers
from desktop.core.entities.corrections import Correction, Corrections
from desktop.core.entities.extract import (
    ArticleEntities,
    KnownEntities,
    discover_entities,
    extract_entities,
    known_names,
)
from desktop.core.entities.facts import discovered_from_json, facts_from_json, facts_to_json
from desktop.core.entities.graph import EntityGraph, Link
from desktop.core.entities.knowledge_base import load_knowledge_base
from desktop.core.errors import (
    ArticleNotFound,
    EntityNotFound,
    IndexBusy,
    IndexDamaged,
    IndexUnavailable,
    QueryNotUnderstood,
    SourceError,
)
from desktop.core.index import Candidate, EntityTags, SearchIndex, analyze, query_terms, term_spans
from desktop.core.ingest import find_source_files, read_article
from desktop.core.ingest.duplicates import DuplicateFinder, Fingerprint, fingerprint
from desktop.core.ingest.reader import inside, link_guard, sources_within
from desktop.core.locks import INDEX_LOCK, FileLock, LockUnavailable
from desktop.core.manifest import Change, Entry, Manifest
from desktop.core.model import (
    ENTITY_TYPES,
    Article,
    ArticleDate,
    ArticleSummary,
    Entity,
    EntityType,
    Facet,
    FacetValue,
    Figure,
    Hit,
    IndexReport,
    Mention,
    SearchMode,
    SearchResult,
    SortOrder,
)
from desktop.core.progress import NullProgress, Progress, check_cancelled
from desktop.core.query import prepare, rewrite_entities
from desktop.core.sources import SourceList, SourcesUnavailable

K = TypeVar("K")
V = TypeVar("V")

#: Up to how many rewritten rows a window reads again after a child's refresh (beyond, all).
RELOAD_ROWS = 2000
#: How many loosely matching passages the answer ranker re-scores.
ANSWER_POOL = 40
#: Bump when entity extraction changes: every article's facts are then extracted again.
FACTS_VERSION = 2
_MANIFEST = "manifest.sqlite3"
#: A refresh that ran out of disk space, and the free space after it: not tried again by
#: itself until at least SPACE_TO_RETRY more bytes are free.
_FAILED_FILE = "innoatlas-refresh-failed.json"
SPACE_TO_RETRY = 16 * 1024 * 1024
READ_ONLY_NOTICE = (
    "The data folder {folder} cannot be written: the library is shown as it was last "
    "indexed, and nothing can be changed or saved."
)
DAMAGED_NOTICE = (
    "The library's index was damaged, so it was started again: it is rebuilt from your files "
    "(your bookmarks, notes and corrections are not touched)."
)
BUSY_NOTICE = (
    "Another InnoAtlas is updating this library's index: results come from the last complete "
    "index until it has finished."
)
#: Parts of a query that are syntax, not plain words: phrases, field clauses, patterns.
_SYNTAX_SPANS = re.compile(
    r'"[^"]*"|\b\w+:(?:\([^)]*\)|"[^"]*"|\[[^\]]*\]|\{[^}]*\}|\S+)|\S*[*?~]\S*'
)


@dataclasses.dataclass(frozen=True)
class EntityDetails:
    """Everything the entity panel shows about one entity."""

    entity: Entity
    mentions: tuple[Mention, ...]
    links: tuple[Link, ...]
    figures: tuple[Figure, ...]
    hidden: bool


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return (info.st_mtime_ns, info.st_size)


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
    ) -> None:
        """Open the library; with ``repair``, an index that is outdated, damaged or disagrees
        with its manifest (a killed refresh) is started again, if no other process is
        changing it (which only the index lock tells: that one may be half-way through)."""
        self.data_dir = Path(data_dir)
        self.sources = [Path(s) for s in sources]
        self.notices: list[str] = []
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
        # Each article's files, by id, for the manifest they were found in (every article
        # shown, and every bookmarked one re-anchored, asks).
        self._paths_of: tuple[dict[str, Entry], dict[str, list[str]]] = ({}, {})
        self._graph: EntityGraph | None = None
        self._names: EntityGraph | None = None
        # Rebuilt only when the discovered entities change (most refreshes add none): each
        # holds a mention finder over every name, a quarter of a second on a large library.
        self._names_of: _LastBuilt[frozenset[Entity], EntityGraph] = _LastBuilt(
            lambda found: EntityGraph(
                self._known,
                [ArticleEntities(discovered=tuple(sorted(found, key=_by_id)))],
                self._corrections.items(),
            )
        )
        self._lookups_of: _LastBuilt[frozenset[Entity], KnownEntities] = _LastBuilt(
            lambda found: KnownEntities.of([*self._known, *sorted(found, key=_by_id)])
        )
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
        whatever is outdated, damaged or inconsistent."""
        self._index = SearchIndex(self._index_dir, reset=reset)
        if self._index.was_reset and self._index.was_damaged:
            self.notices.append(DAMAGED_NOTICE)
        try:
            if reset:
                (self._index_dir / "manifest.json").unlink(missing_ok=True)  # old versions'
            self._store = Manifest(
                self._index_dir / _MANIFEST, self._facts_key, reset=reset, read_only=self.read_only
            )
            self._load_manifest(repair=reset)
        except IndexDamaged:
            self._index.close()
            if not reset:
                raise
            self._index = SearchIndex(self._index_dir, reset=True)  # the damage was marked
            self.notices.append(DAMAGED_NOTICE)
            self._store = Manifest(self._index_dir / _MANIFEST, self._facts_key, reset=True)
            self._load_manifest(repair=True)
        self._graph = self._names = None
        self._names_of.forget()
        self._lookups_of.forget()

    def _load_manifest(self, repair: bool = True) -> None:
        """Load the manifest; with ``repair``, start again when it disagrees with the index.

        Only a process holding the index lock repairs: another one may be between its index
        commit and its manifest commit, and must not have what it is writing wiped.
        """
        manifest = self._store.entries()
        indexed = sum(1 for e in manifest.values() if e.indexed)
        if repair and indexed != self._index.article_count():
            # The index and the manifest disagree (a killed refresh, a damaged or outdated
            # index): both are derived data, so start again from the sources.
            self._index.clear()
            self._store.clear()
            manifest = {}
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
            imported = SourceList(self.data_dir).paths()
        except SourcesUnavailable:
            imported = []
        return list(dict.fromkeys([*self.sources, *imported]))

    def _scan(
        self, sources: Sequence[Path], within: Sequence[Path] | None = None
    ) -> dict[str, tuple[int, int]]:
        """The stat of every source file. With ``within`` (the folders a watcher saw change)
        only the files under them are looked at; the others keep their recorded stat."""
        if within is None:
            found = {}
            paths = find_source_files(sources)
        else:
            # A file or folder that is gone stands for the nearest folder still there.
            folders = [next(f for f in (w, *w.parents) if f.is_dir()) for w in within]
            looked_at = inside(str(f) for f in folders)
            found = {p: e.stat for p, e in self._manifest.items() if not looked_at(p)}
            paths = find_source_files(sources_within(sources, folders), sources)
        for path in paths:
            try:
                found[str(path)] = _stat(path)
            except OSError:
                try:
                    info = path.lstat()
                except OSError:
                    continue  # gone since it was listed: its row goes with the removed ones
                # A broken link or a link loop: keep it, so reading it reports why.
                found[str(path)] = (info.st_mtime_ns, -1)
        return found

    def set_sources(self, sources: Sequence[Path]) -> None:
        """Read from these sources from now on (the next refresh adds and drops articles)."""
        self.sources = [Path(s) for s in sources]

    def needs_refresh(self) -> bool:
        """True when sources were added, changed or removed since the last refresh (cheap)."""
        scanned = self._scan(self._all_sources())
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
                report = self._update(progress, rebuild, within)
            except IndexUnavailable as error:
                if _out_of_space(error):
                    self._remember_failure(str(error))
                raise
            with contextlib.suppress(OSError):
                (self._index_dir / _FAILED_FILE).unlink(missing_ok=True)
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
        failure = self._last_failure()
        if failure is not None:
            return failure
        try:
            self.refresh(progress)
        except IndexBusy:
            return BUSY_NOTICE
        except IndexUnavailable as error:
            return str(error)
        return None

    def _remember_failure(self, reason: str) -> None:
        """Note a refresh that ran out of space, and how much was free after it gave up."""
        record = {"reason": reason, "free": _free_bytes(self._index_dir)}
        with contextlib.suppress(OSError):
            (self._index_dir / _FAILED_FILE).write_text(json.dumps(record), "utf-8")

    def _last_failure(self) -> str | None:
        """Why the index is not refreshed by itself: the last refresh ran out of space and
        no more is free now; None when it may be tried."""
        try:
            record = json.loads((self._index_dir / _FAILED_FILE).read_text("utf-8"))
            reason, free = str(record["reason"]), int(record["free"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if _free_bytes(self._index_dir) > free + SPACE_TO_RETRY:
            return None
        del reason  # kept in the record for whoever reads it; the user needs the space
        return (
            f"The index was not brought up to date: its last update ran out of disk space "
            f"({free // 2**20:,} MB free). Free some space, then run `index` (or Rescan in "
            "the Library window)."
        )

    def _update(
        self, progress: Progress, rebuild: bool, within: Sequence[Path] | None
    ) -> IndexReport:
        """The refresh itself, with the index lock held and the library caught up."""
        started = time.perf_counter()
        # A rebuild reads every file again as if none were known, and replaces the index
        # and the manifest whole at its end: until then both stay as they were, so a
        # rebuild that is killed loses nothing, and searches meanwhile use the last index.
        base = {} if rebuild else self._manifest
        sources = self._all_sources()
        scanned = self._scan(sources, None if rebuild else within)
        removed = [p for p in base if p not in scanned]
        changed = _changed(base, scanned, removed)
        kept = {p: e for p, e in base.items() if p in scanned and p not in changed}
        # Their stored rows say what they were, not what they are.
        stale = set(self._manifest) if rebuild else {*removed, *changed}
        # This refresh's new originals; the library's are found in the manifest's tables.
        originals: DuplicateFinder[str] = DuplicateFinder()
        # Every still-present article keeps its id, even one read again later in this
        # refresh: a new file with the same title and date gets a distinct id instead.
        ids_in_use = {e.article_id: p for p, e in base.items() if e.indexed and p in scanned}
        touched: dict[str, Entry] = {}
        skipped: list[tuple[str, str]] = []
        duplicates: list[tuple[str, str]] = []
        to_read: list[tuple[Article, str, Fingerprint]] = []
        leaves_library = link_guard(sources)
        for number, path in enumerate(changed, start=1):
            check_cancelled(progress)
            progress.report(number, len(changed), f"Reading {number} of {len(changed)}")
            try:
                outside = leaves_library(Path(path))
                if outside is not None:
                    raise SourceError(outside)
                article = read_article(Path(path))
            except SourceError as error:
                skipped.append((path, str(error)))
                continue
            previous = base.get(path)
            if (
                previous
                and previous.duplicate_of is None
                and previous.content_hash == article.content_hash
            ):
                touched[path] = kept[path] = dataclasses.replace(previous, stat=scanned[path])
                stale.discard(path)
                ids_in_use[previous.article_id] = path
                continue
            print_ = fingerprint(article.plain_text())
            in_store = None if rebuild else self._store.original_of(print_, stale)
            original = in_store or originals.add(path, print_)
            if original is not None:
                duplicates.append((path, original))
                continue
            owner = ids_in_use.get(article.id)
            if owner is not None and owner != path:
                article = dataclasses.replace(article, id=_distinct_id(article.id, path))
            ids_in_use[article.id] = path
            to_read.append((article, path, print_))
        to_write: list[tuple[Article, str, tuple[int, int], ArticleEntities]] = []

        def extracted() -> Iterator[tuple[Article, str, tuple[int, int], EntityTags]]:
            # Lazily, so that parallel index writers analyse one article while the next
            # one's entities are found.
            for item in self._extract(
                [(a, p) for a, p, _f in to_read], scanned, None if rebuild else stale
            ):
                to_write.append(item)
                article, path, stat, facts = item
                yield article, path, stat, self._tags(facts)

        self._index.update(
            extracted(),
            removed + [p for p, _o in duplicates if p in base],
            len(to_read),
            progress,
            replace_all=rebuild,
        )
        added = sum(1 for _a, path, _s, _f in to_write if path not in base or base[path].skipped)
        changes = {path: Change(entry) for path, entry in touched.items()}
        for (article, path, stat, facts), (_a, _p, print_) in zip(to_write, to_read, strict=True):
            changes[path] = Change(_entry(article, stat), facts_to_json(facts), print_)
        written = {path: c.entry for path, c in changes.items()}
        for path, original in duplicates:
            source = written.get(original) or base[original]
            changes[path] = Change(_duplicate_entry(source, scanned[path], original))
        for path, reason in skipped:
            # Remembered with its reason, so an unchanged bad file is not read again.
            changes[path] = Change(_skipped_entry(scanned[path], reason))
        self._store.save(changes, removed, touched=set(touched), replace_all=rebuild)
        self._manifest = _revised_manifest(
            base, {path: c.entry for path, c in changes.items()}, removed
        )
        self._graph = self._names = None
        rewritten = [*changes, *removed]
        return IndexReport(
            added=added,
            updated=len(to_write) - added,
            removed=len(removed),
            unchanged=sum(1 for e in kept.values() if not e.skipped),
            skipped=tuple(skipped),
            duplicates=tuple(duplicates),
            seconds=round(time.perf_counter() - started, 3),
            rewritten=None if rebuild or len(rewritten) > RELOAD_ROWS else tuple(rewritten),
        )

    def _extract(
        self,
        articles: list[tuple[Article, str]],
        scanned: dict[str, tuple[int, int]],
        stale: set[str] | None,
    ) -> Iterator[tuple[Article, str, tuple[int, int], ArticleEntities]]:
        """Entity facts for new articles, in two passes so that a name discovered in one
        article is also found in the others (those of this refresh and, but for a rebuild
        (``stale`` None: every stored row is), the names found in the articles kept)."""
        if not articles:
            return
        discovered = {} if stale is None else self._stored_discoveries(stale)
        curated = known_names(self._known)
        for article, _path in articles:
            for entity in _failsafe(discover_entities, article, self._known, curated) or ():
                discovered.setdefault(entity.id, entity)
        known = self._lookups_of.get(frozenset(discovered.values()))
        for article, path in articles:
            facts = _failsafe(extract_entities, article, known) or ArticleEntities()
            yield article, path, scanned[path], facts

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
            manifest = _revised_manifest(self._manifest, rows, set(rewritten) - rows.keys())
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
        stored = discovered_from_json({"discovered": self._store.discoveries(stale)})
        return {entity.id: entity for entity in stored}

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
            return self._answer(result, prepared.text, limit)
        text, problem = rewrite_entities(prepared.text, self._entity_ids)
        if problem and not result.notice:
            result = dataclasses.replace(result, notice=problem)
        text = self._expand_names(text)
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
            return self._answer(result, " ".join(prepared.words), limit)
        suggestion = None
        if total < 3 and not as_you_type:
            suggestion = self._index.suggest(prepared.text)
        return dataclasses.replace(
            result,
            total=total,
            hits=tuple(outcome.hits),
            suggestion=suggestion,
            facets=self._facets(outcome.facets),
            counted=counted,
        )

    def _entity_ids(self, name: str) -> list[str] | None:
        entity = self.names.find(name)
        return self.names.merged_ids(entity.id) if entity else None

    def _expand_names(self, text: str) -> str:
        """Let each entity name among the query's plain words also match the articles that
        mention it; phrases, field clauses and patterns are left exactly as typed."""
        protected = [m.span() for m in _SYNTAX_SPANS.finditer(text)]
        matches = [
            m
            for m in self.names.finder_for_queries().find(text)
            if not any(a < m.end and m.start < b for a, b in protected)
            and m.text not in ("AND", "OR", "NOT")
        ]
        out, position = [], 0
        for match in matches:
            ids = self.names.merged_ids(self.names.resolve_id(match.entity_id))
            own = f'"{match.text}"' if " " in match.text else match.text
            alternatives = " OR ".join(f"entity:{i}" for i in ids)
            out.append(text[position : match.start] + f"({own} OR {alternatives})")
            position = match.end
        return "".join(out) + text[position:]

    def _facets(self, counts: dict[str, dict[str, int]]) -> tuple[Facet, ...]:
        graph = self.names
        by_type: dict[str, list[FacetValue]] = {t: [] for t in ENTITY_TYPES}
        for entity_id, count in counts.get("entity", {}).items():
            entity = graph.entity(entity_id)
            if entity is None or graph.is_hidden(entity.id):
                continue
            by_type[entity.type].append(
                FacetValue(entity.id, entity.name, count, f"entity:{entity.id}")
            )
        facets = [
            Facet(entity_type, tuple(sorted(values, key=lambda v: (-v.count, v.label))[:15]))
            for entity_type, values in by_type.items()
        ]
        # Undated articles carry the column's "missing" value, not a year.
        years = {y: c for y, c in counts.get("year", {}).items() if y.isdigit() and int(y) < 10000}
        facets.append(
            Facet(
                "year",
                tuple(
                    FacetValue(y, y, c, f"date:{y}") for y, c in sorted(years.items(), reverse=True)
                ),
            )
        )
        sources = counts.get("source", {})
        facets.append(
            Facet(
                "source",
                tuple(
                    FacetValue(s, s, c, f'source:"{s}"')
                    for s, c in sorted(sources.items(), key=lambda sc: (-sc[1], sc[0]))[:15]
                ),
            )
        )
        return tuple(f for f in facets if f.values)

    def _alias_pairs(self, text: str) -> list[tuple[list[str], list[str]]]:
        """For each entity named in the question, its name's terms and each alias's terms."""
        pairs = []
        graph = self.names
        for match in graph.finder_for_queries().find(text):
            entity = graph.entity(match.entity_id)
            if entity is None:
                continue
            own = analyze(match.text)
            for alias in (entity.name, *entity.aliases):
                other = analyze(alias)
                if own and other and other != own and alias.isascii():
                    pairs.append((own, other))
        return pairs

    def _answer(self, result: SearchResult, question: str, limit: int) -> SearchResult:
        pairs = self._alias_pairs(question)
        totals: dict[str, tuple[int, int]] = {}

        def frequency(term: str) -> tuple[int, int]:
            if term not in totals:
                count, frequencies = self._index.document_frequencies([term])
                totals[term] = (count, frequencies[term])
            return totals[term]

        content = [w for w in answers.content_terms(question, lambda s: s.split()) if w.isalnum()]
        loose = " ".join(_rarest(content, frequency) + [" ".join(other) for _own, other in pairs])
        total, pool = self._index.candidates(loose or question, ANSWER_POOL)
        passages = [answers.Passage(_key(c), c.text, c.score) for c in pool]
        by_key = {_key(c): c for c in pool}

        ranked = answers.rank(question, passages, term_spans, frequency, pairs)
        wanted = set(answers.content_terms(question, analyze))
        for own, other in pairs:
            if set(own) <= wanted:
                wanted |= set(other)
        hits = tuple(
            self._index.passage_hit(by_key[p.key], score, sorted(wanted))
            for p, score in ranked[:limit]
        )
        return dataclasses.replace(result, total=total, hits=hits)

    def close(self) -> None:
        """Release the index and the manifest."""
        self._index.close()
        self._store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


#: The candidate pool of a question is found with its rarest words only: common ones ("Hong",
#: "Kong") match half the library and add nothing the ranker would keep.
POOL_WORDS = 4
COMMON_SHARE = 0.05


class _LastBuilt(Generic[K, V]):
    """The value last built from a key, built again only for another key."""

    def __init__(self, build: Callable[[K], V]) -> None:
        self._build = build
        self._last: tuple[K, V] | None = None

    def get(self, key: K) -> V:
        """The value for ``key``, reused when ``key`` equals the last one."""
        if self._last is None or self._last[0] != key:
            self._last = (key, self._build(key))
        return self._last[1]

    def forget(self) -> None:
        """Build anew next time (what the value is built from changed)."""
        self._last = None


def _failsafe(work: Callable[..., V], *args: Any) -> V | None:
    """What ``work(*args)`` returns, or None when it fails: an article whose entities cannot
    be found (a rule's bug on text it never met) is still indexed and searchable, without."""
    try:
        return work(*args)
    except Exception:  # noqa: BLE001 - one article's entities never stop a refresh
        return None


def _by_id(entity: Entity) -> str:
    return entity.id


def _revised_manifest(
    manifest: dict[str, Entry], written: dict[str, Entry], removed: Iterable[str]
) -> dict[str, Entry]:
    """A new dict, not one changed in place: other threads may be iterating the old one."""
    revised = dict(manifest)
    for path in removed:
        revised.pop(path, None)
    revised.update(written)
    return revised


def _free_bytes(folder: Path) -> int:
    """Free space on the disk of ``folder`` (0 if it cannot be told)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def _out_of_space(error: BaseException) -> bool:
    """True when an error, or one that caused it, is a full disk (or a file-size limit)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return True
        if isinstance(seen, sqlite3.Error) and "full" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _changed(
    manifest: dict[str, Entry], scanned: dict[str, tuple[int, int]], removed: list[str]
) -> list[str]:
    """Paths to read again: new or touched files, and copies whose original went away."""
    changed = [p for p, stat in scanned.items() if p not in manifest or manifest[p].stat != stat]
    gone = {*removed, *changed}
    changed += [
        p
        for p, e in manifest.items()
        if e.duplicate_of in gone and p in scanned and p not in changed
    ]
    return changed


def _date_key(iso: str | None) -> int:
    """A stored ISO date's ``yyyymmdd`` sort key (as ArticleDate.sort_key), 0 for none.

    >>> _date_key("2024-12-02"), _date_key("2022-01"), _date_key(None)
    (20241202, 20220100, 0)
    """
    if not iso:
        return 0
    parts = iso.split("-")
    return sum(int(part) * scale for part, scale in zip(parts, (10000, 100, 1), strict=False))


def _rarest(words: list[str], frequency: Callable[[str], tuple[int, int]]) -> list[str]:
    """The words worth finding candidates with: the rare ones, at least three, at most six."""
    scored = []
    for word in words:
        stems = analyze(word)
        if stems:
            total, df = min(frequency(stem) for stem in stems)
            scored.append((df / max(total, 1), word))
    scored.sort()
    rare = [w for share, w in scored if share <= COMMON_SHARE]
    return (rare if len(rare) >= 3 else [w for _s, w in scored[:3]])[:POOL_WORDS]


def _key(candidate: Candidate) -> str:
    return f"{candidate.article_id}/{candidate.passage_id}"


def _distinct_id(article_id: str, path: str) -> str:
    return article_id + "-" + hashlib.blake2b(path.encode(), digest_size=2).hexdigest()


def _skipped_entry(stat: tuple[int, int], reason: str) -> Entry:
    return Entry("", stat, "", "", None, None, None, 0, skipped=reason)


def _duplicate_entry(original: Entry, stat: tuple[int, int], of: str) -> Entry:
    """A copy of an indexed article: remembered (to show "also at"), not indexed again."""
    return dataclasses.replace(original, stat=stat, duplicate_of=of)


def _entry(article: Article, stat: tuple[int, int]) -> Entry:
    return Entry(
        article_id=article.id,
        stat=stat,
        content_hash=article.content_hash,
        title=article.title,
        date=article.date.iso() if article.date else None,
        kicker=article.kicker,
        lead_question=article.lead_question,
        passages=len(article.passages),
    )
