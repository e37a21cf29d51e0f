"""The background refresh of the index, kept in one place: :class:`IndexingController`.

It starts the child indexer through the task manager, keeps the library's sources, reloads the
library when a refresh ends and then tells whoever subscribed (Anki's ``operation_did_execute``):
the window searches again, the bookmarks re-anchor, the entity panel shows itself afresh. No
feature is called by hand after a refresh, and none rewrites the window's state to index.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core import space
from desktop.core.library_handle import LibraryHandle
from desktop.core.model import IndexReport
from desktop.core.spec import LibrarySpec
from desktop.ui.tasks import IndexJob, TaskManager

RELOAD_CHANNEL = "reload"


class IndexingController(QObject):
    """Refreshes one library's index, one refresh at a time, and says how each one goes.

    A refresh asked for while one runs (:meth:`refresh`) is taken up as soon as it ends, so no
    change is lost; a refresh that did not finish makes the next one look at everything.

    Attributes:
        job: the running refresh, or None.
        spec: what the library is; its sources change only through :meth:`set_sources`.

    Signals:
        sig_started(): a refresh started.
        sig_progress(int, int, str): done, total and a message from the indexer.
        sig_status(str): a sentence for the status bar.
        sig_ended(str): the refresh ended (``job`` is None by now); how, in a sentence.
        sig_library_changed(object): the library was read again after a refresh; the rows it
            rewrote (a tuple of paths), or None when any row may have changed.
    """

    sig_started = Signal()
    sig_progress = Signal(int, int, str)
    sig_status = Signal(str)
    sig_ended = Signal(str)
    sig_library_changed = Signal(object)

    def __init__(
        self,
        tasks: TaskManager,
        library: LibraryHandle,
        spec: LibrarySpec,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.library = library
        self.spec = spec
        self.job: IndexJob | None = None
        self._closed = False
        # A refresh that did not finish may have left changes unseen: the next looks at all.
        self._look_at_all = False
        # Rows rewritten by ended refreshes that the library has not read again yet (None:
        # read every row); a newer reload supersedes an older one that has not run.
        self._unread: list[str] | None = []
        # What to refresh once the running refresh ends: nothing, these folders, or all (None).
        self._again: list[Path] | None = []
        self._refresh_again = False
        tasks.sig_index_damaged.connect(self._on_tasks_index_damaged)

    @property
    def running(self) -> bool:
        """True while a background refresh runs."""
        return self.job is not None

    def start(
        self,
        rebuild: bool = False,
        within: Sequence[Path] | None = None,
        automatic: bool = False,
    ) -> None:
        """Refresh the index in a child process, unless one runs; ``within`` limits the look for
        changes to these folders (what the folder watcher saw).

        An ``automatic`` refresh (at start, or for what the watcher saw) is not tried when the
        last one ran out of disk space and no more is free: it would fill the disk again.
        """
        if self.job is not None or self._closed:
            return
        blocked = space.last_failure(self.spec.data_dir / "index") if automatic else None
        if blocked is not None:
            self.sig_status.emit(blocked)
            return
        if self._look_at_all:
            within, self._look_at_all = None, False
        job = self.tasks.start_indexing(self.spec, rebuild, within)
        self.job = job
        job.sig_progress.connect(self._on_job_progress)
        job.sig_finished.connect(self._on_job_finished)
        job.sig_cancelled.connect(self._on_job_cancelled)
        job.sig_failed.connect(self._on_job_failed)
        self.sig_started.emit()
        self.sig_status.emit("Indexing the library… results may be incomplete")

    def refresh(self, within: Sequence[Path] | None = None, automatic: bool = False) -> None:
        """Index what changed (looking only under ``within``, when given); if indexing runs
        already, once more when it ends. ``automatic``: not asked for by the user."""
        if self.job is None:
            self.start(within=within, automatic=automatic)
            return
        if not self._refresh_again:
            self._again, self._refresh_again = [], True
        if within is None or self._again is None:
            self._again = None
        else:
            self._again += within

    def cancel(self) -> None:
        """Ask the indexer to stop (the index keeps what is done)."""
        if self.job is not None:
            self.job.cancel()
            self.sig_status.emit("Cancelling indexing…")

    def set_sources(self, sources: Sequence[Path]) -> None:
        """Index these files and folders from now on: the library learns them, then refreshes."""
        sources = tuple(sources)
        self.spec = dataclasses.replace(self.spec, sources=sources)
        handle = self.library
        self.tasks.submit(
            "sources", lambda: handle.get().set_sources(sources), lambda _none: self.refresh()
        )

    def reload_committed(self, then: Callable[[], None]) -> None:
        """Read what the running refresh has committed so far (a first run has nothing else to
        show), then call ``then``."""
        handle = self.library
        self.tasks.submit(RELOAD_CHANNEL, lambda: handle.get().reload(), lambda _none: then())

    def shutdown(self) -> None:
        """Start no refresh any more (the task manager stops the running one)."""
        self._closed = True
        self.job = None

    def _on_job_progress(self, done: int, total: int, message: str) -> None:
        self.sig_progress.emit(done, total, message)
        if total > 0:
            self.sig_status.emit(f"Indexing {done} of {total}… results may be incomplete")
        elif message:
            self.sig_status.emit(f"{message}… results may be incomplete")

    def _on_job_finished(self, report: IndexReport) -> None:
        changed = report.added + report.updated + report.removed
        text = (
            f"Library indexed: {report.added} added, {report.updated} updated, "
            f"{report.removed} removed"
        )
        if report.skipped:
            text += f", {len(report.skipped)} skipped"
        named = report.rewritten or ()
        if changed and 0 < len(named) <= 3:  # a save the watcher saw: say which file
            text += ": " + ", ".join(Path(p).name for p in named)
        self._end(
            text + "." if changed or report.skipped else "Library is up to date.",
            report.rewritten,
        )

    def _on_job_cancelled(self) -> None:
        self._look_at_all = True
        self._end("Indexing cancelled: results may be incomplete (File ▸ Refresh Library).")

    def _on_job_failed(self, message: str) -> None:
        self._look_at_all = True
        self._end(f"Indexing failed: {message}")

    def _end(self, message: str, rewritten: tuple[str, ...] | None = None) -> None:
        """Read the rewritten rows again, say how the refresh ended, take up the next one."""
        self.job = None
        if rewritten is None or self._unread is None:
            self._unread = None
        else:
            self._unread = [*self._unread, *rewritten]
        rows, handle = self._unread, self.library
        self.tasks.submit(
            RELOAD_CHANNEL,
            lambda: handle.get().reload(rows),
            lambda _none: self._on_library_reloaded(rows),
        )
        self.sig_ended.emit(message)
        if self._refresh_again:
            self._refresh_again = False
            self.refresh(self._again, automatic=True)

    def _on_library_reloaded(self, rows: list[str] | None) -> None:
        self._unread = []
        self.sig_library_changed.emit(tuple(rows) if rows is not None else None)

    def _on_tasks_index_damaged(self) -> None:
        """A read found the index damaged: it is derived data, so rebuild it (once at a
        time: every search meanwhile finds the same damage)."""
        if self.job is None:
            self.start(rebuild=True)
            self.sig_status.emit(
                "The library's index was damaged: rebuilding it from your files (bookmarks, "
                "notes and corrections are not touched)… results may be incomplete"
            )
