"""A fresh bookmark store per test, on a clock that ticks one second per reading."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.bookmarks.store import BookmarkStore


class Clock:
    """A fake clock: 2024-05-01 12:00:00 UTC, one second later at every call."""

    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def open_store(tmp_path: Path, clock: Clock) -> Iterator[Callable[[], BookmarkStore]]:
    """Opens stores on ``tmp_path / "data"`` and closes every one of them after the test."""
    opened: list[BookmarkStore] = []

    def opener() -> BookmarkStore:
        store = BookmarkStore(tmp_path / "data", clock=clock)
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Callable[[], BookmarkStore]) -> BookmarkStore:
    return open_store()
