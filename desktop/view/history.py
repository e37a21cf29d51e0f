"""Browser-like back/forward over what the user looked at (Qt-free).

A :class:`Location` is a snapshot of the panes: the search that was shown, the article that
was open and the entity in the entity panel. Going back restores the snapshot; visiting a new
one drops the forward entries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.core.model import SearchMode, SortOrder


@dataclass(frozen=True)
class Location:
    """What the window showed at one point of the user's path.

    Attributes:
        query: the search text ("" shows the whole library).
        mode: article results or passage results.
        sort: relevance or date order.
        article_id: the article open in the reader, or None for the start page.
        passage_id: the passage the reader was asked to show, or None.
        terms: query words to highlight in the reader.
        scroll: the reader's scroll position as a fraction (0..1), or None if unknown.
        entity_id: the entity open in the entity panel, or None.
    """

    query: str = ""
    mode: SearchMode = "articles"
    sort: SortOrder = "relevance"
    article_id: str | None = None
    passage_id: str | None = None
    terms: tuple[str, ...] = ()
    scroll: float | None = None
    entity_id: str | None = None

    def same_place(self, other: Location | None) -> bool:
        """True if ``other`` shows the same search, article and entity (scroll does not count).

        >>> Location(entity_id="hkstp").same_place(Location(entity_id="techconnect"))
        False
        """
        if other is None:
            return False
        return replace(self, scroll=None, passage_id=None, terms=()) == replace(
            other, scroll=None, passage_id=None, terms=()
        )


class History:
    """A back/forward stack of :class:`Location` values with a cursor.

    >>> h = History()
    >>> h.visit(Location("a")); h.visit(Location("b"))
    >>> h.back().query, h.can_go_forward
    ('a', True)
    >>> h.visit(Location("c")); h.can_go_forward
    False

    Attributes:
        limit: the most entries kept; the oldest are dropped first.
    """

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._entries: list[Location] = []
        self._index = -1

    @property
    def current(self) -> Location | None:
        """The location shown now, or None before the first visit."""
        return self._entries[self._index] if self._index >= 0 else None

    @property
    def can_go_back(self) -> bool:
        """True when there is an earlier location."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """True after going back, until a new visit."""
        return self._index < len(self._entries) - 1

    def __len__(self) -> int:
        return len(self._entries)

    def visit(self, location: Location) -> None:
        """Record a new location; revisiting the current place only updates it in place."""
        if location.same_place(self.current):
            self._entries[self._index] = location
            return
        del self._entries[self._index + 1 :]
        self._entries.append(location)
        if len(self._entries) > self.limit:
            del self._entries[0 : len(self._entries) - self.limit]
        self._index = len(self._entries) - 1

    def update_current(self, location: Location) -> None:
        """Replace the current entry (e.g. to remember the scroll position before leaving)."""
        if self._index >= 0:
            self._entries[self._index] = location

    def back(self) -> Location | None:
        """Step back and return the location to show, or None at the start."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> Location | None:
        """Step forward and return the location to show, or None at the end."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._entries[self._index]
