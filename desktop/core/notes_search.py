"""The user's notes as a search sees them: the notes index kept current with the bookmarks.

The bookmark store is the source of truth; this reads it (only to read: no backup is taken,
nothing is migrated) when its file changed since the last look, and has the notes index
(:mod:`desktop.core.index.notes`) rebuilt from it when what it holds changed. A store that
cannot be read leaves the notes out of a search; it never fails one.
"""

from __future__ import annotations

import threading
from pathlib import Path

from desktop.core.bookmarks.model import Bookmark, BookmarkError
from desktop.core.bookmarks.opening import open_to_read
from desktop.core.bookmarks.queries import select
from desktop.core.bookmarks.store import FILENAME
from desktop.core.index.notes import NotesIndex
from desktop.core.model import NoteMatch

#: How long a look at the store waits for a writer (a long import) before leaving notes out.
BUSY_SECONDS = 2.0

Stamp = tuple[tuple[int, int], ...]


def read_bookmarks(data_dir: Path) -> list[Bookmark]:
    """Every bookmark in ``data_dir``'s store as last saved ([] when there is no store)."""
    path = Path(data_dir) / FILENAME
    if not path.exists():
        return []
    connection, columns, _notice = open_to_read(path, "Searching notes", BUSY_SECONDS)
    try:
        return select(connection, columns, "", ())
    finally:
        connection.close()


class NotesSearch:
    """The notes of the bookmarks in ``data_dir``, searchable; see the module docstring."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.index = NotesIndex(self.data_dir)
        self._stamp: Stamp | None = None
        self._lock = threading.Lock()

    def _file_stamp(self) -> Stamp:
        """The store's files' sizes and times: they change whenever a bookmark does."""
        path = self.data_dir / FILENAME
        stamps = []
        for name in (path, path.with_name(path.name + "-wal")):
            try:
                stat = name.stat()
            except OSError:
                stamps.append((0, 0))
            else:
                stamps.append((stat.st_mtime_ns, stat.st_size))
        return tuple(stamps)

    def refresh(self) -> None:
        """Bring the notes index up to date with the store, if the store changed."""
        with self._lock:
            stamp = self._file_stamp()
            if stamp == self._stamp:
                return
            try:
                bookmarks = read_bookmarks(self.data_dir)
            except (BookmarkError, OSError):
                return  # tried again at the next search
            self.index.update(bookmarks)
            self._stamp = stamp

    def search(self, text: str, limit: int) -> list[NoteMatch]:
        """The bookmarks whose notes match ``text`` (the notes index's syntax), best first."""
        self.refresh()
        return self.index.search(text, limit)

    def close(self) -> None:
        """Let the notes index's files go."""
        self.index.close()
        self._stamp = None
