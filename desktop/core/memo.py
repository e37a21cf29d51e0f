"""Keeping the last thing built: the library's name lookups are rebuilt only when the
entities they are built from change (most refreshes discover nothing new)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

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
