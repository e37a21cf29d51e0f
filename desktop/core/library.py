"""The facade the UI and the CLI use: articles read from source paths, and their index.

Opening is cheap: the index on disk is opened, not rebuilt. :meth:`Library.refresh` brings it up
to date with the sources, reading only files whose size or modification time changed and
re-indexing only articles whose clean content changed. What the library knows of each source
(its state, summary and entity facts) is kept in a manifest beside the index: derived data,
rebuilt with it. User corrections to entities live in the data folder and are applied on top.

The work is done by three parts this only composes: :class:`IndexKeeper` keeps the index
current, :class:`LibraryEntities` holds the entities, :func:`searching.search` searches.
"""

from __future__ import annotations

import dataclasses
import heapq
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.core import searching
from desktop.core.entities.corrections import Correction
from desktop.core.entities.graph import EntityGraph
from desktop.core.errors import ArticleNotFound, IndexUnavailable
from desktop.core.index import IndexOptions, analyze, query_terms, term_spans
from desktop.core.index_keeper import IndexKeeper
from desktop.core.library_entities import EntityDetails, LibraryEntities
from desktop.core.manifest import Entry
from desktop.core.model import (
    Article,
    ArticleDate,
    ArticleSummary,
    Entity,
    EntityType,
    Hit,
    IndexReport,
    SearchMode,
    SearchResult,
    SortOrder,
)
from desktop.core.notes_search import NotesSearch
from desktop.core.notices import READ_ONLY_NOTICE
from desktop.core.progress import Progress
from desktop.core.sources import SourceList, SourcesUnavailable

__all__ = ["EntityDetails", "Library"]


class Library:
    """Articles read from ``sources`` and indexed in ``data_dir``.

    Thread-safe: searches may run while another thread refreshes; refreshes are serialised.

    Attributes:
        data_dir: the folder holding the index and the user's data.
        sources: the files and folders articles are read from.
        notices: sentences about what opening or refreshing found wrong, for the user.
        read_only: the data folder cannot be written (nothing can be indexed or corrected).
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
        self._entities = LibraryEntities(self.data_dir, knowledge_base, lambda: self._keeper.store)
        if self._entities.notice:
            self.notices.append(self._entities.notice)
        # Each article's files, by id, for the manifest they were found in (every article
        # shown, and every bookmarked one re-anchored, asks).
        self._paths_of: tuple[dict[str, Entry], dict[str, list[str]]] = ({}, {})
        self._all_sources()  # says now, not at the next refresh, if the list was damaged
        self._keeper = IndexKeeper(
            self.data_dir,
            read_only=self.read_only,
            entities=self._entities,
            sources=self._all_sources,
            notice=self._notice,
            repair=repair,
            options=index_options,
        )
        # The user's bookmark notes, searched with the articles (their own derived index).
        self._notes = NotesSearch(self.data_dir)

    # -- keeping the index current -------------------------------------------------------------

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
        return self._keeper.needs_refresh()

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
        A name discovered in the articles read is then looked for in the others too.

        Unreadable files are skipped and listed in the report with their reason; they never
        stop the rest.

        Raises:
            Cancelled: ``progress`` asked to stop (nothing half-written is committed).
            IndexBusy: another process is still changing the index after ``wait`` seconds.
            IndexUnavailable: the data folder is read-only, or the index cannot be written
                (a full disk: the attempt is then remembered, see :meth:`refresh_if_needed`).
        """
        return self._keeper.refresh(progress, rebuild, within, wait)

    def refresh_if_needed(self, progress: Progress | None = None) -> str | None:
        """Bring the index up to date if the sources changed, as a command does before it
        answers; None when it is current (or now is), else a sentence saying why it is not.

        The index as it is still answers in every case. A refresh that ran out of disk space
        is not tried again until more space is free (each attempt would fill the disk again
        before failing); an explicit :meth:`refresh` always tries.
        """
        return self._keeper.refresh_if_needed(progress)

    def warm_up(self) -> None:
        """Build ahead what a refresh needs first (the entity lookups over every name), for
        an indexer that waits for its job: an edit seldom changes which names exist."""
        self._entities.warm_up()

    def is_current(self) -> bool:
        """True when no other process has committed to the index since this one read it."""
        return self._keeper.is_current()

    def reload(self, rewritten: Sequence[str] | None = None) -> None:
        """See commits made by another process (a child indexer). ``rewritten``, the files
        whose rows its refresh wrote (from its report), are read again instead of every row;
        if the rows then do not add up, all are read."""
        self._keeper.reload(rewritten)

    # -- reading -------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        """The clean article; raises ArticleNotFound."""
        article = self._keeper.index.article(article_id)
        if article is None:
            raise ArticleNotFound(f"No article with id “{article_id}” is in the library.")
        copies = tuple(p for p in self.locations(article_id) if p != article.source)
        return dataclasses.replace(article, also_at=copies) if copies else article

    def articles(self, limit: int | None = None) -> list[ArticleSummary]:
        """Every article, or the newest ``limit``, newest first (undated last).

        Ranked on the stored dates as they are: the window's first list of a large library
        needs 500 summaries, not one for each of its articles.
        """
        indexed = [(path, e) for path, e in self._keeper.manifest.items() if e.indexed]

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
        return {e.article_id: e.title for e in self._keeper.manifest.values() if e.indexed}

    def article_count(self) -> int:
        """How many articles the library holds."""
        return sum(1 for e in self._keeper.manifest.values() if e.indexed)

    def skipped_files(self) -> list[tuple[str, str]]:
        """Source files that could not be read, each with its one-line reason."""
        return sorted((p, e.skipped) for p, e in self._keeper.manifest.items() if e.skipped)

    def locations(self, article_id: str) -> list[str]:
        """Every file that holds this article: where it was read, then its copies ("also at")."""
        manifest = self._keeper.manifest  # replaced whole when it changes, never changed in place
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
        return self._keeper.index.related(article_id, limit)

    def match_spans(self, text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
        """Character spans in ``text`` whose words match the query terms (after stemming)."""
        wanted = {t for term in terms for t in [*analyze(term), *query_terms(term)]}
        return [(start, end) for term, start, end in term_spans(text) if term in wanted]

    # -- entities ------------------------------------------------------------------------------

    @property
    def graph(self) -> EntityGraph:
        """The entity graph, built on first use after each refresh or correction."""
        return self._entities.graph

    @property
    def names(self) -> EntityGraph:
        """The entities without their mentions: what searching needs (a name in a query, a
        facet's label), cheap to build on a large library where the whole graph is not."""
        return self._entities.names

    def entities(self, entity_type: EntityType | None = None) -> list[Entity]:
        """Entities mentioned in the library (hidden ones left out), most mentioned first."""
        return self._entities.entities(entity_type)

    def entity(self, name: str) -> EntityDetails:
        """An entity by id, name or any alias, with its mentions, links and figures."""
        return self._entities.entity(name)

    def correct(self, correction: Correction) -> None:
        """Record a user correction (rename, merge, split, hide); it applies at once."""
        self._entities.correct(correction)

    def undo_correction(self) -> Correction | None:
        """Take back the newest correction; return it, or None when there was none."""
        return self._entities.undo_correction()

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
        return searching.search(
            self._keeper.index,
            self._entities,
            query,
            mode=mode,
            limit=limit,
            sort=sort,
            as_you_type=as_you_type,
            counted=counted,
            notes=self._notes,
        )

    def close(self) -> None:
        """Release the index, the manifest and the notes index."""
        self._notes.close()
        self._keeper.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _date_key(iso: str | None) -> int:
    """A stored ISO date's ``yyyymmdd`` sort key (as ArticleDate.sort_key), 0 for none.

    >>> _date_key("2024-12-02"), _date_key("2022-01"), _date_key(None)
    (20241202, 20220100, 0)
    """
    if not iso:
        return 0
    parts = iso.split("-")
    return sum(int(part) * scale for part, scale in zip(parts, (10000, 100, 1), strict=False))
