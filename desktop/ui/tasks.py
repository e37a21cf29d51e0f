"""The one place that starts threads and processes, so that each one's life (start, cancel,
shut down with the window) is decided here and nowhere else.

* :class:`TaskManager` runs short core calls (searches, article loads) on one worker thread.
  Each call belongs to a *channel*; a newer call on a channel supersedes the older one, which
  is skipped if it has not started and whose result is dropped if it has. Results come back to
  the GUI thread through a queued signal and are handed to the caller's callback there.
* :class:`IndexJob` refreshes the index in a child process (``spawn``), so the GIL never stalls
  the window; progress comes back over a queue that a timer polls. After a refresh the next
  child is started ahead (a *spare*: interpreter started, modules imported, library open) and
  waits for its job, so a file saved later is indexed without that second of start-up.
"""

from __future__ import annotations

import functools
import itertools
import logging
import queue as queue_module
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop.core.child_indexer import ChildIndexer
from desktop.core.errors import IndexDamaged
from desktop.core.model import IndexReport
from desktop.core.spec import LibrarySpec

log = logging.getLogger(__name__)

T = TypeVar("T")

POLL_MS = 40
CANCEL_GRACE_MS = 5000
EXIT_GRACE_MS = 5000
#: The spare indexer starts this long after a refresh, not while the window reloads.
SPARE_AFTER_MS = 2000


class _Relay(QObject):
    """Lives in the GUI thread; workers emit on it, so delivery is queued to the GUI thread.

    Signals:
        sig_done(int, object): a task finished with a result.
        sig_failed(int, str): a task raised; the message is readable by a user.
        sig_index_damaged(): a task found the index damaged (it is rebuilt from the sources).
    """

    sig_done = Signal(int, object)
    sig_failed = Signal(int, str)
    sig_index_damaged = Signal()


@dataclass
class _Pending:
    channel: str
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None] | None


class _Call(QRunnable):
    """Runs one function on a pool thread; never touches a widget."""

    def __init__(
        self, task_id: int, fn: Callable[[], object], relay: _Relay, is_stale: Callable[[], bool]
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task_id = task_id
        self._fn = fn
        self._relay = relay
        self._is_stale = is_stale

    def run(self) -> None:
        """Call the function unless a newer task superseded it, and send the outcome back."""
        if self._is_stale():
            self._relay.sig_done.emit(self._task_id, None)
            return
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - errors travel back to the GUI as messages
            log.debug("task %d failed:\n%s", self._task_id, traceback.format_exc())
            self._relay.sig_failed.emit(self._task_id, str(exc) or type(exc).__name__)
            if isinstance(exc, IndexDamaged):  # after the failure: its repair has the last word
                self._relay.sig_index_damaged.emit()
        else:
            self._relay.sig_done.emit(self._task_id, result)


class TaskManager(QObject):
    """Runs core calls off the GUI thread, newest-wins per channel.

    Attributes:
        pool: the worker pool (one thread: core reads are serialised, in order).
        network_pool: one thread for fetching pages and feeds, so a slow server never holds
            up a search.
        closing: set when the window shuts down; long work polls it to stop early.

    Signals:
        sig_busy_changed(bool): True when work starts, False when the last task came back.
        sig_index_damaged(): a task found the index damaged: it wants rebuilding.
    """

    sig_busy_changed = Signal(bool)
    sig_index_damaged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.network_pool = QThreadPool(self)
        self.network_pool.setMaxThreadCount(1)
        self.closing = threading.Event()
        self._relay = _Relay(self)
        self._relay.sig_done.connect(self._on_relay_done)
        self._relay.sig_failed.connect(self._on_relay_failed)
        self._relay.sig_index_damaged.connect(self.sig_index_damaged)
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._pending: dict[int, _Pending] = {}
        self._jobs: list[IndexJob] = []
        self._spare: ChildIndexer | None = None
        self._spare_timer = QTimer(self)
        self._spare_timer.setSingleShot(True)
        self._spare_timer.setInterval(SPARE_AFTER_MS)
        self._spare_timer.timeout.connect(self._on_spare_timer_timeout)
        self._spare_spec: LibrarySpec | None = None
        self._closed = False

    def submit(
        self,
        channel: str,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None] | None = None,
        network: bool = False,
    ) -> int:
        """Run ``fn()`` on the worker; call ``on_done(result)`` in the GUI thread if still newest.
        ``network``: on the network thread instead (work that waits on servers).

        Returns:
            The task's sequence number; a later submit on the same channel makes it stale.
        """
        if self._closed:
            return 0
        task_id = next(self._ids)
        self._latest[channel] = task_id
        was_idle = not self._pending
        self._pending[task_id] = _Pending(channel, on_done, on_error)
        runnable = _Call(task_id, fn, self._relay, lambda: self._latest.get(channel) != task_id)
        (self.network_pool if network else self.pool).start(runnable)
        if was_idle:
            self.sig_busy_changed.emit(True)
        return task_id

    def cancel(self, channel: str) -> None:
        """Make every task of ``channel`` stale: none of their callbacks will be called."""
        self._latest[channel] = next(self._ids)

    def is_current(self, channel: str, task_id: int) -> bool:
        """True if ``task_id`` is the newest task of ``channel``."""
        return self._latest.get(channel) == task_id

    @property
    def busy(self) -> bool:
        """True while any task has not come back."""
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the workers are idle (for tests and shutdown); True if they are."""
        return bool(self.pool.waitForDone(msecs)) and bool(self.network_pool.waitForDone(msecs))

    def start_indexing(
        self, spec: LibrarySpec, rebuild: bool = False, within: Sequence[Path] | None = None
    ) -> IndexJob:
        """Refresh the index of the library ``spec`` opens, in a child process (looking for
        changes only under ``within``, when given): the spare one when it opened the same
        library."""
        self._spare_timer.stop()
        spare, self._spare = self._spare, None
        if spare is not None and (spare.spec != spec or not spare.process.is_alive()):
            spare.dismiss()
            spare = None
        job = IndexJob(spec, rebuild, self, within, spare)
        self._jobs.append(job)
        job.sig_ended.connect(functools.partial(self._on_job_ended, job, spec))
        job.start()
        return job

    def _on_job_ended(self, job: IndexJob, spec: LibrarySpec) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if not self._closed and not self._jobs:
            self._spare_spec = spec
            self._spare_timer.start()

    def _on_spare_timer_timeout(self) -> None:
        if self._closed or self._jobs or self._spare_spec is None:
            return
        spare = ChildIndexer.create(self._spare_spec, False, None, spare=True)
        try:
            spare.process.start()
        except Exception:
            log.exception("could not start a spare indexer")
            spare.close()
            return
        self._spare = spare

    @property
    def spare_pid(self) -> int | None:
        """The process id of the spare indexer, if one waits."""
        return self._spare.process.pid if self._spare is not None else None

    def shutdown(self) -> None:
        """Stop everything: drop queued work, wait for the worker, stop child processes."""
        self._closed = True
        self.closing.set()
        for channel in list(self._latest):
            self.cancel(channel)
        self.pool.clear()
        self.network_pool.clear()
        self.pool.waitForDone(-1)
        self.network_pool.waitForDone(-1)
        for job in list(self._jobs):
            job.stop()
        self._jobs.clear()
        self._spare_timer.stop()
        if self._spare is not None:
            self._spare.dismiss()
            self._spare = None
        self._pending.clear()

    def _on_relay_done(self, task_id: int, result: object) -> None:
        pending = self._take(task_id)
        if pending is not None and self.is_current(pending.channel, task_id):
            pending.on_done(result)

    def _on_relay_failed(self, task_id: int, message: str) -> None:
        pending = self._take(task_id)
        if pending is None or not self.is_current(pending.channel, task_id):
            return
        if pending.on_error is not None:
            pending.on_error(message)
        else:
            log.warning("background task failed: %s", message)

    def _take(self, task_id: int) -> _Pending | None:
        pending = self._pending.pop(task_id, None)
        if not self._pending:
            self.sig_busy_changed.emit(False)
        return pending


class IndexJob(QObject):
    """One background refresh of the index, in a child process (the spare one, if given).

    Attributes:
        pid: the child's process id, once started.

    Signals:
        sig_progress(int, int, str): done, total and a message from the indexer.
        sig_finished(object): the :class:`IndexReport` of a completed refresh.
        sig_cancelled(): the user cancelled; the index keeps what was committed.
        sig_failed(str): the indexer failed or died; the message is for the user.
        sig_ended(): after any of the three outcomes above.
    """

    sig_progress = Signal(int, int, str)
    sig_finished = Signal(object)
    sig_cancelled = Signal()
    sig_failed = Signal(str)
    sig_ended = Signal()

    def __init__(
        self,
        spec: LibrarySpec,
        rebuild: bool,
        parent: QObject | None,
        within: Sequence[Path] | None = None,
        spare: ChildIndexer | None = None,
    ) -> None:
        super().__init__(parent)
        child = spare or ChildIndexer.create(spec, rebuild, within, spare=False)
        self._queue: Any = child.queue
        self._cancel = child.cancel
        self._process = child.process
        self._orders = child.orders
        self._order = (rebuild, within)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.setInterval(CANCEL_GRACE_MS)
        self._kill_timer.timeout.connect(self._on_kill_timer_timeout)
        self.pid: int | None = None
        self._ended = False
        self._started = False
        self._outcome: Callable[[], None] | None = None
        self._exit_polls = 0

    @property
    def running(self) -> bool:
        """True until the job has ended one way or another."""
        return not self._ended

    def start(self) -> None:
        """Start the child process (or send a spare its job) and begin polling its messages.

        A child that cannot start is reported through :attr:`sig_failed` from the event loop.
        """
        if self._orders is not None:  # a spare: already running, waiting for this job
            self.pid = self._process.pid
            self._orders.put(self._order)
            self._started = True
            self._timer.start()
            return
        try:
            self._process.start()
            self.pid = self._process.pid
        except Exception as exc:
            log.exception("could not start the indexer")
            self._started = False
            message = f"The indexer could not start: {exc}"
            QTimer.singleShot(0, self, functools.partial(self._end_unstarted, message))
            return
        self._started = True
        self._timer.start()

    def _end_unstarted(self, message: str) -> None:
        if self._ended:
            return
        self._ended = True
        self._queue.close()
        self._queue.join_thread()
        self.sig_failed.emit(message)
        self.sig_ended.emit()

    def cancel(self) -> None:
        """Ask the child to stop at its next checkpoint (killed if it does not, after a grace)."""
        if not self._ended:
            self._cancel.set()
            self._kill_timer.start()

    def stop(self) -> None:
        """Stop now and wait for the child (window closing); emits nothing."""
        if self._ended:
            return
        if not self._started:
            self._end_unstarted("Stopped.")
            return
        self._cancel.set()
        self._process.join(3)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(3)
        self._finish_quietly()

    def _on_timer_timeout(self) -> None:
        """Forward progress; once the child has said how it ended and exited, report that.

        Never blocks: the child takes a moment to exit after its last message, and waiting for
        it here would stall the window for that moment.
        """
        alive = self._process.is_alive()
        if self._outcome is None:
            self._drain()
        if self._outcome is None and not alive:
            self._drain()  # it may have spoken and exited since the first look
            if self._outcome is None:
                code = self._process.exitcode
                if self._cancel.is_set():
                    self._outcome = self.sig_cancelled.emit
                else:
                    msg = f"The indexer stopped unexpectedly (exit code {code})."
                    self._outcome = functools.partial(self.sig_failed.emit, msg)
        if self._outcome is None:
            return
        if alive:
            self._exit_polls += 1
            if self._exit_polls * POLL_MS < EXIT_GRACE_MS:
                return
            log.warning("indexer did not exit after its last message; terminating it")
            self._process.terminate()
        self._process.join(1)
        self._finish_quietly()
        self._outcome()
        self.sig_ended.emit()

    def _drain(self) -> None:
        while self._outcome is None:
            try:
                message = self._queue.get_nowait()
            except queue_module.Empty:
                return
            except (EOFError, OSError, ValueError):  # pragma: no cover - a broken pipe
                return
            kind = message[0]
            if kind == "progress":
                self.sig_progress.emit(int(message[1]), int(message[2]), str(message[3]))
            elif kind == "done":
                self._outcome = functools.partial(self.sig_finished.emit, message[1])
            elif kind == "cancelled":
                self._outcome = self.sig_cancelled.emit
            elif kind == "error":
                self._outcome = functools.partial(self.sig_failed.emit, str(message[1]))

    def _on_kill_timer_timeout(self) -> None:
        if not self._ended and self._process.is_alive():
            log.warning("indexer did not stop after cancel; terminating it")
            self._process.terminate()

    def _finish_quietly(self) -> None:
        self._ended = True
        self._timer.stop()
        self._kill_timer.stop()
        self._queue.close()
        self._queue.join_thread()
        if self._orders is not None:
            self._orders.close()
            self._orders.join_thread()
        self._process.close()


__all__ = ["IndexJob", "IndexReport", "TaskManager"]
