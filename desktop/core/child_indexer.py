"""The child indexing process: its body, and the window's handle on it (:class:`ChildIndexer`).
Qt-free, so the child never imports Qt.

:mod:`desktop.ui.tasks` starts it with the ``spawn`` context and reads its messages:
``("progress", done, total, message)`` (a spare first says ``("ready",)``), then one of
``("done", IndexReport)``, ``("cancelled",)`` or ``("error", message)``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from dataclasses import dataclass
from multiprocessing.queues import Queue
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from desktop.core.spec import LibrarySpec


class _Event(Protocol):
    def is_set(self) -> bool: ...


class QueueProgress:
    """A core ``Progress`` that forwards reports over a queue and reads a shared cancel flag."""

    def __init__(self, queue: Queue[Any], cancel: _Event) -> None:
        self._queue = queue
        self._cancel = cancel

    def report(self, done: int, total: int, message: str) -> None:
        """Send one progress report to the GUI process."""
        self._queue.put(("progress", done, total, message))

    def is_cancelled(self) -> bool:
        """True once the GUI process set the cancel flag."""
        return self._cancel.is_set()


def refresh_in_child(
    spec: LibrarySpec,
    rebuild: bool,
    queue: Queue[Any],
    cancel: _Event,
    within: Sequence[Path] | None = None,
    orders: Queue[Any] | None = None,
) -> None:
    """Open the library in this process, refresh its index (looking for changes only under
    ``within``, when given) and report back over ``queue``.

    With ``orders``, the process was started ahead of its job (a spare): once the library is
    open it says ``("ready",)`` and waits for ``(rebuild, within)``, or None when it is not
    needed after all.
    """
    from desktop.core.errors import Cancelled
    from desktop.core.lifetime import die_with_parent

    die_with_parent()  # a window that crashed leaves no indexer waiting or writing
    # The window starts this process as a daemon (so it never outlives the window); a daemon
    # may not start processes, and a large refresh starts index writers. They die with this
    # process (the index package arms a parent-death signal), so it may vouch for them.
    multiprocessing.current_process().daemon = False
    try:
        # A spare opens unattended, maybe while another process is half-way through a
        # refresh: it must not take that for damage and clear the index.
        library = spec.open(repair=orders is None)
    except Exception as exc:  # noqa: BLE001 - reported to the window, never lost in a child
        queue.put(("error", str(exc) or type(exc).__name__))
        return
    try:
        if orders is not None:
            library.warm_up()
            queue.put(("ready",))
            order = orders.get()
            if order is None:
                return
            rebuild, within = order
            if not library.is_current():
                library.reload()  # another process committed while this one waited
        report = library.refresh(QueueProgress(queue, cancel), rebuild=rebuild, within=within)
    except Cancelled:
        queue.put(("cancelled",))
    except Exception as exc:  # noqa: BLE001 - reported to the window, never lost in a child
        queue.put(("error", str(exc) or type(exc).__name__))
    else:
        queue.put(("done", report))
    finally:
        library.close()


@dataclass
class ChildIndexer:
    """The window's side of a child indexer: its process (not started) and its channels.

    The cancel event is kept with them: a ``spawn`` child unpickles it after it starts.
    """

    spec: LibrarySpec
    process: Any
    queue: Any
    cancel: Any
    orders: Any = None  # a spare's: where its job is sent

    @classmethod
    def create(
        cls, spec: LibrarySpec, rebuild: bool, within: Sequence[Path] | None, spare: bool
    ) -> ChildIndexer:
        """A child (not started) for one refresh, or a ``spare`` that waits for its job."""
        context = multiprocessing.get_context("spawn")
        queue, cancel = context.Queue(), context.Event()
        orders = context.Queue() if spare else None
        process = context.Process(
            target=refresh_in_child,
            args=(spec, rebuild, queue, cancel, within, orders),
            name="innoatlas-indexer",
            daemon=True,
        )
        return cls(spec, process, queue, cancel, orders)

    def dismiss(self) -> None:
        """Let a spare that got no job go (killed if it does not leave at once)."""
        try:
            if self.process.is_alive():
                self.orders.put(None)
                self.process.join(0.2)
            if self.process.is_alive():  # still opening the library
                self.process.terminate()
                self.process.join(1)
        except (OSError, ValueError):  # pragma: no cover - never started, or already gone
            pass
        self.close()

    def close(self) -> None:
        """Release the queues and the process object."""
        for channel in (self.orders, self.queue):
            if channel is not None:
                channel.close()
                channel.join_thread()
        with contextlib.suppress(ValueError):  # still running: left to the daemon flag
            self.process.close()
