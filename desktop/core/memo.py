"""Keeping the last thing built: the library's name lookups are rebuilt only when the
entities they are built from change (most refreshes discover nothing new)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LastBuilt(Generic[K, V]):
    """The value last built from a key, built again only for another key."""

    def __init__(self, build: Callable[[K], V]) -> None:
        self._build = build
        self._last: tuple[K, V] | None = None

    def get(self, key: K) -> V:
        """The value for ``key``, reused when ``key`` equals the last one."""
        if self._last is None or self._last[0] != key:
            self._last = (key, self._build(key))
        return self._last[1]

    def forget(self) -> None:
        """Build anew next time (what the value is built from changed)."""
        self._last = None


class BuiltFor(Generic[K, V]):
    """A value built once for each live object it is built from, and forgotten with it.

    The library's entity graph is a new object after each refresh or correction, so what is
    derived from a graph (mentions by article, articles by entity) is kept per graph, weakly,
    and built again only for a new one. Thread-safe: two readers build it once.
    """

    def __init__(self, build: Callable[[K], V]) -> None:
        self._build = build
        self._values: weakref.WeakKeyDictionary[Any, V] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, key: K) -> V:
        """The value for ``key``, built the first time it is asked for."""
        with self._lock:
            value = self._values.get(key)
            if value is None:
                value = self._values[key] = self._build(key)
            return value
