"""A Qt-free protocol for long work: report progress, honour cancellation.

Core functions stay synchronous and take a ``Progress``; the UI (or the CLI) supplies one that
forwards to a progress bar or a terminal line (Orange3's ``run(data, state)`` pattern).
"""

from __future__ import annotations

from typing import Protocol

from desktop.core.errors import Cancelled


class Progress(Protocol):
    """What long-running core work reports to and asks."""

    def report(self, done: int, total: int, message: str) -> None:
        """``done`` of ``total`` units are finished; ``message`` says what is happening."""

    def is_cancelled(self) -> bool:
        """True once the user asked to stop."""


class NullProgress:
    """Reports nowhere and never cancels: the default for scripts and tests."""

    def report(self, done: int, total: int, message: str) -> None:
        """Ignore the report."""

    def is_cancelled(self) -> bool:
        """Never cancelled."""
        return False


def check_cancelled(progress: Progress) -> None:
    """Raise :class:`Cancelled` if the user asked to stop; call between units of work."""
    if progress.is_cancelled():
        raise Cancelled("Cancelled.")
