"""The lazy library handle: opened once on first use, thread-safe, closed for good."""

from __future__ import annotations

import threading
from typing import cast

import pytest

from desktop.core.library import Library
from desktop.core.library_handle import LibraryHandle


class _FakeLibrary:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_the_library_is_opened_on_first_use_and_only_once() -> None:
    opened: list[_FakeLibrary] = []

    def opener() -> Library:
        opened.append(_FakeLibrary())
        return cast(Library, opened[-1])

    handle = LibraryHandle(opener)
    assert not handle.is_open and not opened
    threads = [threading.Thread(target=handle.get) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 1 and handle.is_open
    assert handle.get() is cast(Library, opened[0])


def test_a_failed_open_is_tried_again_on_the_next_call() -> None:
    calls: list[int] = []

    def opener() -> Library:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("not yet")
        return cast(Library, _FakeLibrary())

    handle = LibraryHandle(opener)
    with pytest.raises(OSError, match="not yet"):
        handle.get()
    assert not handle.is_open
    handle.get()
    assert len(calls) == 2 and handle.is_open


def test_close_closes_the_opened_library_and_later_calls_fail() -> None:
    library = _FakeLibrary()
    handle = LibraryHandle.of(cast(Library, library))
    assert handle.is_open
    handle.close()
    assert library.closed and not handle.is_open
    with pytest.raises(RuntimeError, match="closed"):
        handle.get()
