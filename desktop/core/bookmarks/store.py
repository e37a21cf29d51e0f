"""The bookmark store: one SQLite file of user data in the data folder, never in the index.

The index can be rebuilt from the sources at any time; bookmarks cannot, so this file is
treated like a document a user would hate to lose:

- WAL journal and ``synchronous=FULL``: a change is on disk when its method returns, so a
  killed process (or a power cut) keeps every bookmark whose save returned.
- Every change is one ``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction: all of it or none.
- ``PRAGMA user_version`` is the schema version;
  :data:`~desktop.core.bookmarks.schema.MIGRATIONS` upgrade older files in order, and a file
  from a newer InnoAtlas is left untouched rather than misread.
- At open, ``PRAGMA quick_check``; a damaged file is moved aside as
  ``bookmarks.sqlite3.damaged-<timestamp>`` and the newest good backup is restored, with a
  plain-words :attr:`BookmarkStore.notice` saying so.
- At open, a copy is taken with SQLite's online backup API into ``backups/``, keeping the last
  few distinct copies. What a backup killed halfway left there (``bookmarks-*.partial`` and its
  journal) is removed at the next open, unless another process is still writing it.
- Another process may be changing the file (a long import): a change waits up to
  :data:`BUSY_TIMEOUT` for it, then fails with a sentence, never a traceback.
- A data folder that cannot be written (a read-only disk, no permission, a full disk) still
  opens, read-only (:attr:`BookmarkStore.read_only`), with no backup and a
  :attr:`BookmarkStore.notice`; changes raise :class:`NotSaved`. Re-anchoring that cannot be
  saved is kept in memory, so listing and exporting show the bookmarks as found now.
"""

from __future__ import annotations

import builtins
import dataclasses
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.bookmarks import labels as tagging
from desktop.core.bookmarks.backups import (
    BACKUP_FOLDER,
    BACKUPS_KEPT,
    back_up,
    remove_partial_backups,
)
from desktop.core.bookmarks.labels import Label, LabelledArticle, Labels
from desktop.core.bookmarks.merging import MergeReport, merged
from desktop.core.bookmarks.model import (
    DEFAULT_COLOUR,
    Anchor,
    AnchorStatus,
    Bookmark,
    BookmarkError,
    NotSaved,
    check_colour,
    normalize_tags,
)
from desktop.core.bookmarks.opening import (
    READ_ONLY_NOTICE,
    WritesRefused,
    open_to_read,
    open_to_write,
)
from desktop.core.bookmarks.queries import by_id, fetch, narrowed, of_article, select, tags_in_use
from desktop.core.bookmarks.reanchoring import (
    REANCHOR_BATCH,
    Citation,
    Move,
    found_now,
    write_moves,
)
from desktop.core.bookmarks.rows import COLUMNS, INSERT, UPDATE, iso, to_row, update_parameters
from desktop.core.bookmarks.saved_searches import SavedSearch, all_saved, put, take
from desktop.core.bookmarks.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from desktop.core.bookmarks.sqlfile import plain, writable
from desktop.core.bookmarks.transactions import reading, transaction
from desktop.core.model import Article

__all__ = [
    "BACKUPS_KEPT",
    "BACKUP_FOLDER",
    "BUSY_TIMEOUT",
    "FILENAME",
    "MIGRATIONS",
    "READ_ONLY_NOTICE",
    "REANCHOR_BATCH",
    "SCHEMA_VERSION",
    "BookmarkStore",
    "Citation",
    "MergeReport",
    "migrate",
]

FILENAME = "bookmarks.sqlite3"
#: Seconds a change waits while another process changes the file: an import of 100,000
#: bookmarks holds it for a few seconds, and a bookmark added meanwhile must wait, not fail.
BUSY_TIMEOUT = 30.0


def _now() -> datetime:
    return datetime.now(UTC)


class BookmarkStore:
    """The user's bookmarks in ``<data_dir>/bookmarks.sqlite3``.

    Thread-safe: one connection, shared under a lock, so the GUI thread and a worker may both
    use the store. Every method that changes something commits before it returns. Close it (or
    use it as a context manager) to release the file.

    Attributes:
        path: the database file.
        notice: a sentence for the user when opening had to repair something (a damaged file
            restored from a backup), when the store could only be opened to read, or when
            re-anchoring could not be saved; else None.
        read_only: True when the data folder (or the file) cannot be written: the bookmarks
            are read as last saved, and every change raises :class:`NotSaved`.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        backups: int = BACKUPS_KEPT,
        clock: Callable[[], datetime] = _now,
        busy_timeout: float = BUSY_TIMEOUT,
    ) -> None:
        self.path = Path(data_dir) / FILENAME
        self.notice: str | None = None
        self.read_only = False
        self._backup_dir = Path(data_dir) / BACKUP_FOLDER
        self._backups = backups
        self._clock = clock
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        #: What to select for a bookmark: the columns, or their defaults in an older file.
        self._columns = COLUMNS
        #: Bookmarks re-anchored in memory whose new place could not be saved, by id.
        self._unsaved: dict[str, Bookmark] = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BookmarkError(
                f"The bookmarks file {self.path} cannot be opened: {error}."
            ) from error
        if self.path.exists() and not writable(self.path):
            self._open_to_read("The data folder cannot be written", busy_timeout)
            return
        try:
            self._connection, self.notice = open_to_write(
                self.path, self._backup_dir, self._clock, busy_timeout
            )
        except WritesRefused as refused:
            self._open_to_read(refused.reason, busy_timeout)
            return
        try:
            remove_partial_backups(self._backup_dir)
            back_up(self._connection, self._lock, self._backup_dir, self._backups, self._clock)
        except (OSError, sqlite3.Error) as error:
            # The bookmarks are fine; only the safety copy failed (a full disk, say).
            self.notice = f"No backup of the bookmarks could be taken: {error}."

    def _open_to_read(self, reason: str, busy_timeout: float) -> None:
        """Open the file only to read it, as last saved, and say so in :attr:`notice`."""
        self._connection, self._columns, self.notice = open_to_read(self.path, reason, busy_timeout)
        self.read_only = True

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            raise BookmarkError("The bookmarks store is closed.")
        return self._connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` ... ``COMMIT`` under the lock: all of the change or none of it.

        What SQLite says when it cannot be made is a BookmarkError in plain words
        (:func:`~desktop.core.bookmarks.transactions.transaction`); a read-only store refuses
        every change with :class:`NotSaved`, the error of a disk or folder that refuses it.
        """
        with self._lock:
            connection = self._open()
            if self.read_only:
                raise NotSaved(
                    "The bookmarks cannot be changed: the data folder cannot be written."
                )
            with transaction(connection):
                yield connection

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, for reads; what SQLite says when it cannot read, in plain words."""
        with self._lock, reading():
            yield self._open()

    def _known(self, bookmark: Bookmark) -> Bookmark:
        """``bookmark`` as stored, or as re-anchored in memory when that could not be saved."""
        return self._unsaved.get(bookmark.id, bookmark) if self._unsaved else bookmark

    def _saved(self, ids: Iterable[str]) -> None:
        """Forget the in-memory places of bookmarks just written: the file has them now."""
        if self._unsaved:
            with self._lock:
                for bookmark_id in ids:
                    self._unsaved.pop(bookmark_id, None)

    def _fetch(self, connection: sqlite3.Connection, bookmark_id: str) -> Bookmark:
        return self._known(fetch(connection, self._columns, bookmark_id))

    def _insert(self, connection: sqlite3.Connection, bookmark: Bookmark) -> None:
        connection.execute(INSERT, to_row(bookmark))
        self._saved([bookmark.id])

    def _replace(self, connection: sqlite3.Connection, bookmark: Bookmark) -> None:
        connection.execute(UPDATE, update_parameters(bookmark))
        self._saved([bookmark.id])

    def _present(self, connection: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Bookmark]:
        """The bookmarks already stored under any of ``ids``, by id (a few lookups per 500)."""
        stored = by_id(connection, self._columns, ids)
        return {bookmark_id: self._known(bookmark) for bookmark_id, bookmark in stored.items()}

    # -- changes --------------------------------------------------------------------------------

    def add(
        self,
        article: Article,
        anchor: Anchor,
        *,
        note: str = "",
        tags: Iterable[str] = (),
        colour: str = DEFAULT_COLOUR,
    ) -> Bookmark:
        """Save a new bookmark of ``anchor`` in ``article``; it is on disk when this returns.

        The article's title, date and source are copied for citations. Raises BookmarkError
        for a colour that is not ``#rrggbb``.
        """
        now = iso(self._clock())
        bookmark = Bookmark(
            id=uuid.uuid4().hex,
            article_id=article.id,
            passage_id=anchor.passage_id,
            quote=anchor.quote,
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            start=anchor.start,
            end=anchor.end,
            note=note.strip(),
            tags=normalize_tags(tags),
            colour=check_colour(colour),
            created=now,
            updated=now,
            article_title=article.title,
            article_date=article.date.iso() if article.date else None,
            article_source=article.source,
            status=AnchorStatus.ATTACHED,
            location=article.location_of(anchor.passage_id),
        )
        with self._transaction() as connection:
            self._insert(connection, bookmark)
        return bookmark

    def update(
        self,
        bookmark_id: str,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        colour: str | None = None,
    ) -> Bookmark:
        """Change the note, tags or colour (None leaves one as it is); return the new bookmark.

        Editing a ``moved`` bookmark marks it ``attached``: the user has looked at where it is
        now. Raises BookmarkNotFound.
        """
        with self._transaction() as connection:
            old = self._fetch(connection, bookmark_id)
            new = dataclasses.replace(
                old,
                note=old.note if note is None else note.strip(),
                tags=old.tags if tags is None else normalize_tags(tags),
                colour=old.colour if colour is None else check_colour(colour),
                status=AnchorStatus.ATTACHED if old.status is AnchorStatus.MOVED else old.status,
            )
            if new == old:
                return old
            new = dataclasses.replace(new, updated=iso(self._clock()))
            self._replace(connection, new)
        return new

    def delete(self, bookmark_id: str) -> Bookmark:
        """Delete a bookmark and return it, so the caller can :meth:`restore` it (undo)."""
        with self._transaction() as connection:
            old = self._fetch(connection, bookmark_id)
            connection.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
            self._saved([bookmark_id])
        return old

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Put back a bookmark exactly as it was (undo of :meth:`delete`).

        Raises BookmarkError when a bookmark with its id is already there.
        """
        with self._transaction() as connection:
            try:
                self._insert(connection, bookmark)
            except sqlite3.IntegrityError as error:
                raise BookmarkError("That bookmark is already in the store.") from error
        return bookmark

    def merge(self, bookmarks: Iterable[Bookmark]) -> MergeReport:
        """Add bookmarks from elsewhere (an import), all in one transaction.

        A bookmark already here is recognised by its id alone, never by where it points: a
        user may bookmark the same words twice with different notes, and an export read back
        must give back every one of them. Of two copies with the same id, the note, tags and
        colour of the one edited last are kept, on this store's anchor. The ids are looked up
        by the primary key, a few hundred at a time, and the rows written in batches, so an
        import takes time in proportion to its size.
        """
        incoming = builtins.list(bookmarks)
        with self._transaction() as connection:
            present = self._present(connection, (b.id for b in incoming))
            new, changed, report = merged(incoming, present)
            connection.executemany(INSERT, map(to_row, new.values()))
            connection.executemany(UPDATE, map(update_parameters, changed.values()))
            self._saved([*new, *changed])
        return report

    def reanchor(self, article: Article) -> builtins.list[Bookmark]:
        """Re-find every bookmark of ``article`` in its current text and save where each is.

        Call it whenever an article is shown or re-indexed. Also refreshes the citation (the
        source path changes when the file moves). Writes only what changed; returns all the
        article's bookmarks as they now are. Where that cannot be saved (a read-only store, a
        full disk), they are kept so in memory, and :attr:`notice` says so.
        """
        result, moves = self._placements(article.id, article)
        self._save_moves(moves)
        return result

    def mark_missing(self, article_id: str) -> builtins.list[Bookmark]:
        """Mark every bookmark of an article that left the library as orphaned, and return them.

        Nothing else changes: if the article comes back, :meth:`reanchor` attaches them again.
        """
        result, moves = self._placements(article_id, None)
        self._save_moves(moves)
        return result

    def reanchor_all(self, lookup: Callable[[str], Article | None]) -> None:
        """Re-anchor every bookmark; ``lookup`` gives an article by id, or None if it is gone.

        A bookmark whose article is gone is marked orphaned (as :meth:`mark_missing` does).
        The time grows with the number of bookmarks, not its square: each article is looked
        up once and its bookmarks are located together
        (:func:`~desktop.core.bookmarks.anchors.locate_all`), outside any transaction. What
        changed is then written in the file's order (:meth:`_save_moves`).
        """
        with self._reading() as connection:
            ids = [r[0] for r in connection.execute("SELECT DISTINCT article_id FROM bookmarks")]
        moves: builtins.list[Move] = []
        for article_id in ids:
            _result, found = self._placements(article_id, lookup(article_id))
            moves += found
        self._save_moves(moves)

    def _placements(
        self, article_id: str, article: Article | None
    ) -> tuple[builtins.list[Bookmark], builtins.list[Move]]:
        """One article's bookmarks as found now (orphaned if it is gone), oldest first, and
        the rows to write for those that moved: ``(rowid, new, old values)``."""
        with self._reading() as connection:
            stored = of_article(connection, self._columns, article_id)
            known = [self._known(old) for _rowid, old in stored]
        return found_now(stored, known, article)

    def _save_moves(self, moves: builtins.list[Move]) -> None:
        """Write re-anchored rows; keep in memory, and say so, what cannot be written.

        Rows go in the file's order, :data:`REANCHOR_BATCH` per transaction: an article's
        bookmarks are spread over the whole file, and writing them article by article would
        rewrite most of its pages once per article. A row is rewritten only if it still holds
        what was read, so a bookmark edited meanwhile (by the window, or by another process)
        keeps that edit.
        """
        moves.sort(key=lambda move: move[0])
        for first in range(0, len(moves), REANCHOR_BATCH):
            batch = moves[first : first + REANCHOR_BATCH]
            try:
                with self._transaction() as connection:
                    write_moves(connection, batch)
            except NotSaved as error:
                self._keep_unsaved(moves[first:], error)
                return
            self._saved(new.id for _rowid, new, _old in batch)

    def _keep_unsaved(self, moves: builtins.list[Move], error: NotSaved) -> None:
        with self._lock:
            self._unsaved.update((new.id, new) for _rowid, new, _old in moves)
            if not self.read_only:  # a read-only store said so when it was opened
                cause = error.__cause__
                why = plain(cause) if isinstance(cause, sqlite3.Error) else str(error)
                self.notice = (
                    f"Where the bookmarks are found now could not be saved ({why}): they are "
                    "shown as found, and the file keeps them as last saved."
                )

    # -- reading --------------------------------------------------------------------------------

    def get(self, bookmark_id: str) -> Bookmark:
        """The bookmark with this id; raises BookmarkNotFound."""
        with self._reading() as connection:
            return self._fetch(connection, bookmark_id)

    def list(
        self,
        *,
        tag: str | None = None,
        article_id: str | None = None,
        text: str | None = None,
    ) -> builtins.list[Bookmark]:
        """Bookmarks, oldest first (then as saved), narrowed by a tag, an article or some text.

        The tag matches ignoring case; ``text`` matches anywhere in the quote or the note,
        ignoring case, accents and spacing (as the reader's search does).
        """
        clauses: builtins.list[str] = []
        parameters: builtins.list[str] = []
        if article_id is not None:
            clauses.append("article_id = ?")
            parameters.append(article_id)
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        with self._reading() as connection:
            stored = select(connection, self._columns, where, tuple(parameters))
            found = [self._known(bookmark) for bookmark in stored]
        return narrowed(found, tag, text)

    # -- saved searches -------------------------------------------------------------------------

    def saved_searches(self) -> builtins.list[SavedSearch]:
        """Every saved search, by name."""
        with self._reading() as connection:
            return all_saved(connection)

    def save_search(self, search: SavedSearch) -> SavedSearch:
        """Save a search (replacing one of the same name); returns it as stored."""
        stored = (
            search if search.created else dataclasses.replace(search, created=iso(self._clock()))
        )
        with self._transaction() as connection:
            put(connection, stored)
        return stored

    def delete_saved_search(self, name: str) -> SavedSearch | None:
        """Delete the saved search called ``name``; returns it (for undo), or None."""
        with self._transaction() as connection:
            return take(connection, name)

    def merge_saved_searches(self, searches: Iterable[SavedSearch]) -> int:
        """Add the searches whose names are not saved yet (an import); returns how many."""
        with self._transaction() as connection:
            names = {s.name.casefold() for s in all_saved(connection)}
            new = [s for s in searches if s.name.casefold() not in names]
            for search in new:
                put(connection, search)
        return len(new)

    # -- tags and collections on articles ---------------------------------------------------

    def tag_article(self, article_id: str, title: str, tags: Iterable[str]) -> tuple[str, ...]:
        """Give an article tags (kept across re-indexing: keyed by its id); returns its tags."""
        with self._transaction() as connection:
            tagging.tag(connection, article_id, title, tags, iso(self._clock()))
            return tagging.tags_of(connection, article_id)

    def untag_article(self, article_id: str, tags: Iterable[str]) -> int:
        """Take tags off an article; returns how many it had."""
        with self._transaction() as connection:
            return tagging.untag(connection, article_id, tags)

    def article_tags(self, article_id: str) -> tuple[str, ...]:
        """An article's tags, alphabetical."""
        with self._reading() as connection:
            return tagging.tags_of(connection, article_id)

    def article_tag_counts(self) -> builtins.list[tuple[str, int]]:
        """Every article tag and how many articles have it, most used first."""
        with self._reading() as connection:
            return tagging.tag_counts(connection)

    def tagged(self, tag: str) -> builtins.list[LabelledArticle]:
        """The articles with this tag (ignoring case), in the order they were tagged."""
        with self._reading() as connection:
            return tagging.tagged(connection, tag)

    def collections(self) -> builtins.list[Label]:
        """Every collection with its articles, by name."""
        with self._reading() as connection:
            return tagging.collections(connection)

    def collection(self, name: str) -> Label | None:
        """The collection called ``name`` (ignoring case), or None."""
        with self._reading() as connection:
            return tagging.find_collection(connection, name)

    def collections_of(self, article_id: str) -> tuple[str, ...]:
        """The collections holding an article, by name."""
        with self._reading() as connection:
            return tagging.collections_of(connection, article_id)

    def add_to_collection(
        self, name: str, articles: Iterable[tuple[str, str]] = ()
    ) -> tuple[str, int]:
        """Make the collection ``name`` if need be and add ``(article id, title)`` pairs to it;
        returns its name as stored and how many articles were new to it."""
        when = iso(self._clock())
        items = [LabelledArticle(article_id, title, when) for article_id, title in articles]
        with self._transaction() as connection:
            stored = tagging.make_collection(connection, name, when)
            return stored, tagging.collect(connection, stored, items)

    def remove_from_collection(self, name: str, article_ids: Iterable[str]) -> int:
        """Take articles out of a collection; returns how many it held."""
        with self._transaction() as connection:
            return tagging.uncollect(connection, name, article_ids)

    def delete_collection(self, name: str) -> Label | None:
        """Delete a collection (never its articles); returns it, or None if there is none."""
        with self._transaction() as connection:
            return tagging.drop_collection(connection, name)

    def labels(self) -> Labels:
        """Every article tag and collection, for an export."""
        with self._reading() as connection:
            return tagging.everything(connection)

    def merge_labels(self, incoming: Labels) -> int:
        """Add the tags and collection entries of an import not here yet; returns how many."""
        if not incoming:
            return 0
        with self._transaction() as connection:
            return tagging.merge(connection, incoming, iso(self._clock()))

    def tags(self) -> builtins.list[str]:
        """Every tag in use, most used first (then alphabetical), for completion."""
        with self._reading() as connection:
            return tags_in_use(connection)

    def close(self) -> None:
        """Close the file (idempotent); later calls raise BookmarkError."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
