"""A library that is opened on first use, on the worker thread, so the window shows at once.

Importing and opening the core (the index, its query parser, the readers) takes about a second;
the window does not wait for it: the first task the window submits opens it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.library import Library


class LibraryHandle:
    """Opens a library lazily and thread-safely; every core call goes through :meth:`get`.

    Attributes:
        opener: makes the library (called at most once successfully).
    """

    def __init__(self, opener: Callable[[], Library]) -> None:
        self.opener = opener
        self._library: Library | None = None
        self._closed = False
        self._lock = threading.Lock()

    @classmethod
    def of(cls, library: Library) -> LibraryHandle:
        """A handle on a library that is already open (tests, scripts)."""
        handle = cls(lambda: library)
        handle._library = library
        return handle

    @property
    def is_open(self) -> bool:
        """True once the library has been opened (and not closed)."""
        return self._library is not None

    def get(self) -> Library:
        """The library, opened now if needed (call from the worker thread).

        Raises:
            Whatever the opener raises (e.g. ``IndexUnavailable``); the next call tries again.
        """
        with self._lock:
            if self._closed:
                raise RuntimeError("The library was closed.")
            if self._library is None:
                self._library = self.opener()
            return self._library

    def close(self) -> None:
        """Close the library if it was opened; later calls to :meth:`get` fail."""
        with self._lock:
            self._closed = True
            library, self._library = self._library, None
        if library is not None:
            library.close()
