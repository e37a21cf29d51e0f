"""Keeping a library's index current with its sources, one process at a time.

The refresh itself is a plain function (:func:`desktop.core.refresh.run`); this is what goes
around it: the index and its manifest opened (and started again when outdated or damaged),
the index lock that lets one process at a time change them, catching up with what another
process committed, a full disk remembered, and discovery carried to the articles a refresh
did not read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from desktop.core import refresh as pipeline
from desktop.core import space
from desktop.core.errors import IndexBusy, IndexDamaged, IndexUnavailable
from desktop.core.index import IndexOptions, SearchIndex
from desktop.core.library_entities import LibraryEntities
from desktop.core.locks import INDEX_LOCK, FileLock, LockUnavailable
from desktop.core.manifest import Entry, Manifest
from desktop.core.model import IndexReport
from desktop.core.notices import BUSY_NOTICE, DAMAGED_NOTICE, READ_ONLY_NOTICE
from desktop.core.progress import NullProgress, Progress, check_cancelled
from desktop.core.relink import articles_naming

_MANIFEST = "manifest.sqlite3"


class IndexKeeper:
    """The index in ``data_dir/index`` and its manifest, kept current with the sources.

    Thread-safe: searches may run while another thread refreshes; refreshes are serialised.

    Attributes:
        index: the search index (replaced when it is started again).
        store: the manifest beside it (replaced with it).
        manifest: what the library knows of each source file, by path; replaced whole when
            it changes, never changed in place.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        read_only: bool,
        entities: LibraryEntities,
        sources: Callable[[], list[Path]],
        notice: Callable[[str], None],
        repair: bool = True,
        options: IndexOptions | None = None,
    ) -> None:
        """Open the index; with ``repair``, an index that is outdated, damaged or disagrees
        with its manifest (a killed refresh) is started again, if no other process is
        changing it (which only the index lock tells: that one may be half-way through)."""
        self.data_dir = data_dir
        self._read_only = read_only
        self._entities = entities
        self._sources = sources
        self._notice = notice
        self._options = options
        self._index_dir = data_dir / "index"
        self._index_lock = FileLock(data_dir / INDEX_LOCK)
        self._refresh_lock = threading.Lock()
        self.manifest: dict[str, Entry] = {}
        self._rebuild_needed = False  # the index and the manifest disagree: mend by rebuilding
        held = repair and not read_only and self._try_index_lock()
        try:
            self._open_index(reset=held)
        finally:
            if held:
                self._index_lock.release()

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
            self.index = SearchIndex(self._index_dir, reset=reset, options=self._options)
        except IndexBusy as error:
            if not self._read_only:
                raise
            raise IndexUnavailable(
                READ_ONLY_NOTICE.format(folder=self.data_dir) + " It holds no index yet."
            ) from error
        if self.index.was_reset and self.index.was_damaged:
            self._notice(DAMAGED_NOTICE)
        if reset:
            (self._index_dir / "manifest.json").unlink(missing_ok=True)  # old versions'
        key = self._entities.facts_key
        self.store = Manifest(
            self._index_dir / _MANIFEST, key, reset=reset, read_only=self._read_only
        )
        try:
            self._load_manifest(repair=reset)
        except IndexDamaged:  # counting the articles read a damaged segment
            self.index.close()
            self.store.close()
            # The damage was marked: the index starts again.
            self.index = SearchIndex(self._index_dir, reset=True, options=self._options)
            self._notice(DAMAGED_NOTICE)
            self.store = Manifest(self._index_dir / _MANIFEST, key, reset=True)
            self._load_manifest(repair=True)
        self._entities.forget(everything=True)

    def _load_manifest(self, repair: bool = True) -> None:
        """Load the manifest; with ``repair``, mend it when it disagrees with the index.

        They disagree after a refresh killed (or a manifest that could not be saved) between
        the index's commit and the manifest's, or a manifest of another version: the next
        refresh is then a rebuild, and until it is done the index as it is still answers. An
        index with nothing in it has nothing to answer: the manifest starts again with it.

        Only a process holding the index lock repairs: another one may be between its index
        commit and its manifest commit.
        """
        manifest = self.store.entries()
        indexed = sum(1 for e in manifest.values() if e.indexed)
        if repair and indexed != (count := self.index.article_count()):
            if count == 0:
                self.store.clear()
                manifest = {}
            else:
                self._rebuild_needed = True
        self._set_manifest(manifest)

    def _set_manifest(self, manifest: dict[str, Entry]) -> None:
        self.manifest = manifest
        self._entities.forget()

    def _catch_up(self) -> None:
        """With the index lock held: see what other processes committed, and repair what a
        process that was killed, or a damaged disk, left behind."""
        if self.store.outdated or self.index.marked_damaged():
            self.index.close()
            self.store.close()
            self._open_index(reset=True)
        elif not self.index.is_current() or self.store.changed_elsewhere():
            self.index.reload()
            self._load_manifest(repair=True)

    def needs_refresh(self) -> bool:
        """True when sources were added, changed or removed since the last refresh (cheap)."""
        if self._rebuild_needed:
            return True
        scanned = pipeline.scan(self._sources(), self.manifest)
        return scanned.keys() != self.manifest.keys() or any(
            self.manifest[p].stat != stat for p, stat in scanned.items()
        )

    def refresh(
        self,
        progress: Progress | None = None,
        rebuild: bool = False,
        within: Sequence[Path] | None = None,
        wait: float | None = 0,
    ) -> IndexReport:
        """See :meth:`desktop.core.library.Library.refresh`."""
        progress = progress or NullProgress()
        if self._read_only:
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
        """See :meth:`desktop.core.library.Library.refresh_if_needed`."""
        if not self.needs_refresh():
            return None
        if self._read_only:
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
        before = self.manifest
        report = self._run(progress, rebuild, within)
        discovered = self._entities.newly_discovered
        if rebuild or not discovered:
            return report
        # The rows this refresh wrote are new objects; the others are the very same.
        unread = {p for p, e in self.manifest.items() if before.get(p) is e and e.indexed}
        if not unread:
            return report
        naming = articles_naming(self.index, self.manifest, discovered)
        again = [p for p in naming if p in unread]
        if not again:
            return report
        follow_up = self._run(progress, False, [Path(p) for p in again], again)
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
    ) -> IndexReport:
        self._entities.newly_discovered = []
        report, manifest = pipeline.run(
            manifest=self.manifest,
            store=self.store,
            index=self.index,
            sources=self._sources(),
            extract=self._entities.extract,
            discover=self._entities.discoverer(),
            tags=self._entities.tags,
            progress=progress,
            rebuild=rebuild,
            within=within,
            again=again,
        )
        self._set_manifest(manifest)
        return report

    def is_current(self) -> bool:
        """True when no other process has committed to the index since this one read it."""
        return self.index.is_current()

    def reload(self, rewritten: Sequence[str] | None = None) -> None:
        """See :meth:`desktop.core.library.Library.reload`."""
        self.index.reload()
        if rewritten is not None:
            rows = self.store.entries_of(rewritten)
            manifest = pipeline.revised_manifest(self.manifest, rows, set(rewritten) - rows.keys())
            if len(manifest) == self.store.count():
                self._set_manifest(manifest)
                return
        self._load_manifest(repair=False)

    def close(self) -> None:
        """Release the index and the manifest."""
        self.index.close()
        self.store.close()
