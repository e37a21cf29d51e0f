"""The body of the child indexing process (Qt-free, so the child never imports Qt).

:mod:`desktop.ui.tasks` starts it with the ``spawn`` context and reads its messages:
``("progress", done, total, message)`` (a spare first says ``("ready",)``), then one of
``("done", IndexReport)``, ``("cancelled",)`` or ``("error", message)``.
"""

from __future__ import annotations

import multiprocessing
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
    # process (the index module arms a parent-death signal), so it may vouch for them.
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
