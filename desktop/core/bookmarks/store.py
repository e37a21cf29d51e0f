"""The bookmark store: one SQLite file of user data in the data folder, never in the index.

The index can be rebuilt from the sources at any time; bookmarks cannot, so this file is
treated like a document a user would hate to lose:

- WAL journal and ``synchronous=FULL``: a change is on disk when its method returns, so a
  killed process (or a power cut) keeps every bookmark whose save returned.
- Every change is one ``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction: all of it or none.
- ``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` upgrade older files in order,
  and a file from a newer InnoAtlas is left untouched rather than misread.
- At open, ``PRAGMA quick_check``; a damaged file is moved aside as
  ``bookmarks.sqlite3.damaged-<timestamp>`` and the newest good backup is restored, with a
  plain-words :attr:`BookmarkStore.notice` saying so.
- At open, a copy is taken with SQLite's online backup API into ``backups/``, keeping the last
  few distinct copies. What a backup killed halfway left there (``bookmarks-*.partial`` and its
  journal) is removed at the next open, unless another process is still writing it.
- Another process may be changing the file (a long import): a change waits up to
  :data:`BUSY_TIMEOUT` for it, then fails with a sentence, never a traceback.
"""

from __future__ import annotations

import builtins
import dataclasses
import functools
import json
import os
import sqlite3
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from desktop.core.bookmarks.anchors import Placement, locate_all
from desktop.core.bookmarks.model import (
    DEFAULT_COLOUR,
    Anchor,
    AnchorStatus,
    Bookmark,
    BookmarkError,
    BookmarkNotFound,
    check_colour,
    normalize_tags,
)
from desktop.core.model import Article
from desktop.core.text import fold

if sys.platform != "win32":
    import fcntl

FILENAME = "bookmarks.sqlite3"
BACKUP_FOLDER = "backups"
#: How many distinct backups are kept; the oldest goes when a new one is taken.
BACKUPS_KEPT = 5
#: Seconds a change waits while another process changes the file: an import of 100,000
#: bookmarks holds it for a few seconds, and a bookmark added meanwhile must wait, not fail.
BUSY_TIMEOUT = 30.0

#: Ordered schema migrations: ``MIGRATIONS[n]`` takes a file from version ``n`` to ``n + 1``.
#: Append, never edit: files in the wild were made by the earlier entries.
MIGRATIONS: tuple[str, ...] = (
    # 1: bookmarks with their anchor, note, tags (a JSON list) and colour.
    """
    CREATE TABLE bookmarks (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        passage_id TEXT NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        colour TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    """,
    # 2: a citation that outlives the article, the anchor's status, lookups by article.
    """
    ALTER TABLE bookmarks ADD COLUMN article_title TEXT NOT NULL DEFAULT '';
    ALTER TABLE bookmarks ADD COLUMN article_date TEXT;
    ALTER TABLE bookmarks ADD COLUMN article_source TEXT NOT NULL DEFAULT '';
    ALTER TABLE bookmarks ADD COLUMN status TEXT NOT NULL DEFAULT 'attached';
    CREATE INDEX bookmarks_by_article ON bookmarks (article_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
#: The files SQLite may keep beside a database while it writes it.
_COMPANIONS = ("-journal", "-wal", "-shm")

_COLUMNS = (
    'id, article_id, passage_id, quote, prefix, suffix, start, "end", note, tags, colour, '
    "created, updated, article_title, article_date, article_source, status"
)
_NAMES = [name.strip() for name in _COLUMNS.split(",")]
_INSERT = f"INSERT INTO bookmarks ({_COLUMNS}) VALUES ({', '.join('?' * len(_NAMES))})"
#: Every column but the id and the article, which never change: leaving the article out
#: spares SQLite rewriting the by-article index entry of each row.
_UPDATE = f"UPDATE bookmarks SET {', '.join(f'{n} = ?' for n in _NAMES[2:])} WHERE id = ?"
#: What re-anchoring changes: the anchor, the citation and the status.
_REANCHORED = (
    "passage_id",
    "quote",
    "prefix",
    "suffix",
    "start",
    '"end"',
    "article_title",
    "article_date",
    "article_source",
    "status",
)
_REANCHOR = f"UPDATE bookmarks SET {', '.join(f'{n} = ?' for n in _REANCHORED)} WHERE id = ?"
#: The same, only where the row still holds what was read (``IS``: the date may be NULL).
_REANCHOR_IF_SAME = f"{_REANCHOR} AND {' AND '.join(f'{n} IS ?' for n in _REANCHORED)}"
#: How many re-anchored rows one transaction of :meth:`BookmarkStore.reanchor_all` writes:
#: enough to share each commit's fsync among many rows, few enough that another writer (the
#: window adding a bookmark) waits a fraction of a second.
REANCHOR_BATCH = 5_000
#: Stored status strings to their values (calling the enum costs more than the rest of a row).
_STATUS = {status.value: status for status in AnchorStatus}
#: How many ids one ``IN (...)`` lookup names: well under SQLite's limit on parameters.
_LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class MergeReport:
    """What :meth:`BookmarkStore.merge` did.

    Attributes:
        added: bookmarks that were new to the store.
        updated: bookmarks already present whose note, tags or colour the newer copy changed.
        unchanged: bookmarks already present and at least as new as the imported copy.
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema to version ``target``, one transaction per step; return the old version.

    Each step and its new ``user_version`` commit together, so an interrupted upgrade resumes at
    the step it stopped at. Raises BookmarkError for a file newer than this program knows.
    """
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise BookmarkError(
            "The bookmarks file was written by a newer version of InnoAtlas; update InnoAtlas "
            "to open it (the file was left untouched)."
        )
    for step in range(version, target):
        statements = [s for s in MIGRATIONS[step].split(";") if s.strip()]
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {step + 1}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    return int(version)


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    connection = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute(f"PRAGMA busy_timeout = {round(busy_timeout * 1000)}")
    except BaseException:
        connection.close()
        raise
    return connection


#: SQLite's primary result codes, in the words a user reads.
_PLAIN = {
    sqlite3.SQLITE_BUSY: (
        "another InnoAtlas (a window or a command) is changing the bookmarks; try again when "
        "it has finished"
    ),
    sqlite3.SQLITE_LOCKED: "another InnoAtlas is changing the bookmarks; try again in a moment",
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "the data folder cannot be written",
    sqlite3.SQLITE_IOERR: "the disk could not be read or written",
    sqlite3.SQLITE_CANTOPEN: "the file cannot be opened",
    sqlite3.SQLITE_PERM: "there is no permission to change it",
}


def plain(error: sqlite3.Error) -> str:
    """What went wrong in SQLite, in words, for messages like “could not be saved: <this>”.

    >>> plain(sqlite3.OperationalError("database or disk is full"))
    'database or disk is full'
    """
    code = getattr(error, "sqlite_errorcode", None)
    return _PLAIN.get(code & 0xFF, str(error)) if isinstance(code, int) else str(error)


def _rollback(connection: sqlite3.Connection) -> None:
    """Roll back the open transaction, if SQLite has not already (it does on a full disk)."""
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def _held(stream: IO[bytes]) -> bool:
    """Take an exclusive lock on an open file without waiting; False if another holds it.

    A backup being written holds the lock on its ``.partial`` file, so the open of another
    process, cleaning up, can tell a killed backup's leftovers from one in progress. Windows
    has no ``flock``, but there a file open in another process cannot be deleted anyway.
    """
    if sys.platform == "win32":
        return True
    try:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _is_healthy(path: Path) -> bool:
    """True when ``path`` opens as SQLite and passes ``quick_check`` (opened read-only).

    Only damage counts: a file that is busy or cannot be read (``OperationalError``: locked,
    I/O error, no permission) raises, so a healthy file held by another process is never
    mistaken for a damaged one and moved aside.
    """
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            rows = connection.execute("PRAGMA quick_check").fetchall()
            connection.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def _is_good_backup(path: Path) -> bool:
    try:
        return _is_healthy(path)
    except sqlite3.Error:
        return False


@functools.lru_cache(maxsize=4096)
def _tags_from(stored: str) -> tuple[str, ...]:
    """Tags as stored (a JSON list) read back; most bookmarks share a few sets of tags."""
    return tuple(json.loads(stored))


@functools.lru_cache(maxsize=4096)
def _tags_to(tags: tuple[str, ...]) -> str:
    return json.dumps(list(tags), ensure_ascii=False)


def _row(row: tuple[Any, ...]) -> Bookmark:
    values = list(row)
    values[9] = _tags_from(values[9])
    values[16] = _STATUS.get(values[16]) or AnchorStatus(values[16])
    return Bookmark(*values)


def _values(bookmark: Bookmark) -> tuple[Any, ...]:
    """The row of ``bookmark``, in the order of :data:`_COLUMNS`."""
    b = bookmark
    return (
        *(b.id, b.article_id, b.passage_id, b.quote, b.prefix, b.suffix, b.start, b.end),
        *(b.note, _tags_to(b.tags), b.colour, b.created, b.updated),
        *(b.article_title, b.article_date, b.article_source, b.status.value),
    )


def _update_values(bookmark: Bookmark) -> tuple[Any, ...]:
    """The parameters of :data:`_UPDATE` for ``bookmark``."""
    return (*_values(bookmark)[2:], bookmark.id)


def _reanchor_values(bookmark: Bookmark) -> tuple[Any, ...]:
    """The values of :data:`_REANCHORED` for ``bookmark``, in that order."""
    b = bookmark
    return (
        *(b.passage_id, b.quote, b.prefix, b.suffix, b.start, b.end),
        *(b.article_title, b.article_date, b.article_source, b.status.value),
    )


Citation = tuple[str, str | None, str]


def _citation(article: Article) -> Citation:
    """The title, date and source a bookmark of ``article`` is cited with."""
    return article.title, article.date.iso() if article.date else None, article.source


def _placed(old: Bookmark, placement: Placement, citation: Citation) -> Bookmark:
    """``old`` where ``placement`` puts it, cited as ``citation``; ``old`` itself if the same.

    A bookmark ``moved`` stays marked so, even where it is now found in place, until the user
    edits it. Returning ``old`` unchanged lets callers skip writing it by identity, and a new
    one is built in one step (``dataclasses.replace`` costs ten times as much): this runs for
    every bookmark each time the bookmarks are listed.
    """
    status = placement.status
    if status is AnchorStatus.ATTACHED and old.status is AnchorStatus.MOVED:
        status = AnchorStatus.MOVED
    anchor = placement.anchor
    if (
        status is old.status
        and citation == (old.article_title, old.article_date, old.article_source)
        and anchor == old.anchor
    ):
        return old
    title, date, source = citation
    return Bookmark(
        **{
            **vars(old),
            "passage_id": anchor.passage_id,
            "quote": anchor.quote,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
            "start": anchor.start,
            "end": anchor.end,
            "article_title": title,
            "article_date": date,
            "article_source": source,
            "status": status,
        }
    )


def _orphaned(old: Bookmark) -> Bookmark:
    """``old`` marked orphaned (its article left the library); ``old`` itself if it was."""
    if old.status is AnchorStatus.ORPHANED:
        return old
    return Bookmark(**{**vars(old), "status": AnchorStatus.ORPHANED})


class BookmarkStore:
    """The user's bookmarks in ``<data_dir>/bookmarks.sqlite3``.

    Thread-safe: one connection, shared under a lock, so the GUI thread and a worker may both
    use the store. Every method that changes something commits before it returns. Close it (or
    use it as a context manager) to release the file.

    Attributes:
        path: the database file.
        notice: a sentence for the user when opening had to repair something (a damaged file
            restored from a backup), else None.
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
        self._backup_dir = Path(data_dir) / BACKUP_FOLDER
        self._backups = backups
        self._clock = clock
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and not _is_healthy(self.path):
                self._recover()
            self._connection: sqlite3.Connection | None = _connect(self.path, busy_timeout)
        except (OSError, sqlite3.Error) as error:
            raise BookmarkError(
                f"The bookmarks file {self.path} cannot be opened: {error}."
            ) from error
        try:
            migrate(self._connection)
        except sqlite3.Error as error:
            self.close()
            raise BookmarkError(
                f"The bookmarks file {self.path} could not be upgraded: {error}."
            ) from error
        except BaseException:
            self.close()
            raise
        try:
            self._remove_partial_backups()
            self._back_up()
        except (OSError, sqlite3.Error) as error:
            # The bookmarks are fine; only the safety copy failed (a full disk, say).
            self.notice = f"No backup of the bookmarks could be taken: {error}."

    # -- safety ---------------------------------------------------------------------------------

    def _backups_newest_first(self) -> builtins.list[Path]:
        return sorted(self._backup_dir.glob("bookmarks-*.sqlite3"), reverse=True)

    def _recover(self) -> None:
        """Move the damaged file aside and put the newest good backup in its place."""
        moment = self._clock()
        aside = self.path.with_name(f"{FILENAME}.damaged-{_stamp(moment)}")
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(FILENAME + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
        for backup in self._backups_newest_first():
            if _is_good_backup(backup):
                with (
                    closing(sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)) as source,
                    closing(sqlite3.connect(self.path)) as target,
                ):
                    source.backup(target)
                taken = backup.stem.removeprefix("bookmarks-")
                when = datetime.strptime(taken, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
                self.notice = (
                    f"The bookmarks file was damaged. It was set aside as {aside.name}, and "
                    f"the bookmarks were restored from the backup of {_iso(when)}; changes made "
                    "after that backup are missing."
                )
                return
        self.notice = (
            f"The bookmarks file was damaged and no good backup was found. It was set aside as "
            f"{aside.name}, and a new, empty bookmarks file was started."
        )

    def _remove_partial_backups(self) -> None:
        """Delete what backups killed halfway left in ``backups/``, and nothing else.

        Only this store's names are touched: ``bookmarks-<time>.partial`` and the journal
        SQLite keeps beside it (``-journal``, ``-wal``, ``-shm``). One another process is still
        writing holds a lock on it (:func:`_held`) and is left alone.
        """
        if not self._backup_dir.is_dir():
            return
        for partial in self._backup_dir.glob("bookmarks-*.partial"):
            with partial.open("rb") as stream:
                if not _held(stream):
                    continue  # another process's backup, in progress
                partial.unlink(missing_ok=True)
            for suffix in _COMPANIONS:
                partial.with_name(partial.name + suffix).unlink(missing_ok=True)
        for companion in self._backup_dir.glob("bookmarks-*.partial-*"):
            main = companion.with_name(companion.name.rsplit("-", 1)[0])
            if companion.name.endswith(_COMPANIONS) and not main.exists():
                companion.unlink(missing_ok=True)

    def _back_up(self) -> None:
        """Copy the database into ``backups/``, unless the newest backup is already the same.

        The copy is written as ``.partial``, locked while it is written, and renamed when
        whole, so a backup is never half a file, and a killed one is cleaned up later.
        """
        if self._backups <= 0:
            return
        self._backup_dir.mkdir(exist_ok=True)
        target = self._backup_dir / f"bookmarks-{_stamp(self._clock())}.sqlite3"
        partial = target.with_suffix(".partial")
        with partial.open("wb") as guard:
            _held(guard)
            with closing(sqlite3.connect(partial, isolation_level=None)) as copy:
                with self._lock:
                    self._open().backup(copy)
                # A backup must be one self-contained file: no WAL beside it.
                copy.execute("PRAGMA journal_mode = DELETE")
            existing = self._backups_newest_first()
            if existing and existing[0].read_bytes() == partial.read_bytes():
                partial.unlink()
                return
            os.replace(partial, target)
        for old in self._backups_newest_first()[self._backups :]:
            old.unlink(missing_ok=True)

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            raise BookmarkError("The bookmarks store is closed.")
        return self._connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` ... ``COMMIT``: all of the change or none of it.

        What SQLite says when the change cannot be made (another process holds the file past
        the busy timeout, the disk is full or read-only) becomes a BookmarkError in plain
        words; other errors (a broken bookmark, a bug) roll back and propagate as they are.
        """
        with self._lock:
            connection = self._open()
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise BookmarkError(
                    f"The bookmarks could not be changed: {plain(error)}."
                ) from error
            try:
                yield connection
            except sqlite3.OperationalError as error:
                _rollback(connection)
                raise BookmarkError(
                    f"The bookmarks could not be changed: {plain(error)}."
                ) from error
            except BaseException:
                _rollback(connection)
                raise
            try:
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                _rollback(connection)
                raise BookmarkError(f"The bookmark could not be saved: {plain(error)}.") from error

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, for reads; what SQLite says when it cannot read, in plain words."""
        with self._lock:
            connection = self._open()
            try:
                yield connection
            except sqlite3.OperationalError as error:
                raise BookmarkError(f"The bookmarks could not be read: {plain(error)}.") from error

    def _fetch(self, connection: sqlite3.Connection, bookmark_id: str) -> Bookmark:
        row = connection.execute(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (bookmark_id,)
        ).fetchone()
        if row is None:
            raise BookmarkNotFound(f"There is no bookmark with id “{bookmark_id}”.")
        return _row(row)

    def _insert(self, connection: sqlite3.Connection, bookmark: Bookmark) -> None:
        connection.execute(_INSERT, _values(bookmark))

    def _replace(self, connection: sqlite3.Connection, bookmark: Bookmark) -> None:
        connection.execute(_UPDATE, _update_values(bookmark))

    def _present(self, connection: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Bookmark]:
        """The bookmarks already stored under any of ``ids``, by id (a few lookups per 500)."""
        wanted = builtins.list(dict.fromkeys(ids))
        found: dict[str, Bookmark] = {}
        for first in range(0, len(wanted), _LOOKUP_CHUNK):
            chunk = wanted[first : first + _LOOKUP_CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = connection.execute(
                f"SELECT {_COLUMNS} FROM bookmarks WHERE id IN ({marks})", chunk
            )
            found.update((row[0], _row(row)) for row in rows)
        return found

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
        now = _iso(self._clock())
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
            new = dataclasses.replace(new, updated=_iso(self._clock()))
            self._replace(connection, new)
        return new

    def delete(self, bookmark_id: str) -> Bookmark:
        """Delete a bookmark and return it, so the caller can :meth:`restore` it (undo)."""
        with self._transaction() as connection:
            old = self._fetch(connection, bookmark_id)
            connection.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
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
        added = updated = unchanged = 0
        with self._transaction() as connection:
            present = self._present(connection, (b.id for b in incoming))
            new: dict[str, Bookmark] = {}
            changed: dict[str, Bookmark] = {}
            for bookmark in incoming:
                kept = new.get(bookmark.id) or changed.get(bookmark.id) or present.get(bookmark.id)
                if kept is None:
                    new[bookmark.id] = bookmark
                    added += 1
                    continue
                if bookmark.updated <= kept.updated or (
                    (bookmark.note, bookmark.tags, bookmark.colour)
                    == (kept.note, kept.tags, kept.colour)
                ):
                    unchanged += 1
                    continue
                merged = dataclasses.replace(
                    kept,
                    note=bookmark.note,
                    tags=bookmark.tags,
                    colour=bookmark.colour,
                    updated=bookmark.updated,
                )
                (new if bookmark.id in new else changed)[bookmark.id] = merged
                updated += 1
            connection.executemany(_INSERT, map(_values, new.values()))
            connection.executemany(_UPDATE, map(_update_values, changed.values()))
        return MergeReport(added, updated, unchanged)

    def reanchor(self, article: Article) -> builtins.list[Bookmark]:
        """Re-find every bookmark of ``article`` in its current text and save where each is.

        Call it whenever an article is shown or re-indexed. Also refreshes the citation (the
        source path changes when the file moves). Writes only what changed, in one transaction;
        returns all the article's bookmarks as they now are.
        """
        citation = _citation(article)
        with self._transaction() as connection:
            stored = self._select(connection, "WHERE article_id = ?", (article.id,))
            placements = locate_all(article, [b.anchor for b in stored])
            result = [_placed(old, p, citation) for old, p in zip(stored, placements, strict=True)]
            changed = [new for old, new in zip(stored, result, strict=True) if new is not old]
            connection.executemany(_REANCHOR, [(*_reanchor_values(new), new.id) for new in changed])
        return result

    def mark_missing(self, article_id: str) -> builtins.list[Bookmark]:
        """Mark every bookmark of an article that left the library as orphaned, and return them.

        Nothing else changes: if the article comes back, :meth:`reanchor` attaches them again.
        """
        with self._transaction() as connection:
            connection.execute(
                "UPDATE bookmarks SET status = ? WHERE article_id = ? AND status != ?",
                (AnchorStatus.ORPHANED.value, article_id, AnchorStatus.ORPHANED.value),
            )
            return self._select(connection, "WHERE article_id = ?", (article_id,))

    def reanchor_all(self, lookup: Callable[[str], Article | None]) -> None:
        """Re-anchor every bookmark; ``lookup`` gives an article by id, or None if it is gone.

        A bookmark whose article is gone is marked orphaned (as :meth:`mark_missing` does).
        The time grows with the number of bookmarks, not its square: each article is looked
        up once and its bookmarks are located together (:func:`locate_all`), outside any
        transaction. What changed is then written in the file's order, :data:`REANCHOR_BATCH`
        rows per transaction: an article's bookmarks are spread over the whole file, and
        writing them article by article would rewrite most of its pages once per article.
        A row is rewritten only if it still holds what was read, so a bookmark edited
        meanwhile (by the window, or by another process) keeps that edit.
        """
        with self._reading() as connection:
            ids = [r[0] for r in connection.execute("SELECT DISTINCT article_id FROM bookmarks")]
        moves: builtins.list[tuple[int, Bookmark, tuple[Any, ...]]] = []
        for article_id in ids:
            article = lookup(article_id)
            with self._reading() as connection:
                rows = connection.execute(
                    f"SELECT rowid, {_COLUMNS} FROM bookmarks WHERE article_id = ?", (article_id,)
                )
                stored = [(row[0], _row(row[1:])) for row in rows]
            if article is None:
                news = [_orphaned(old) for _rowid, old in stored]
            else:
                citation = _citation(article)
                placements = locate_all(article, [old.anchor for _rowid, old in stored])
                news = [
                    _placed(old, placement, citation)
                    for (_rowid, old), placement in zip(stored, placements, strict=True)
                ]
            moves += [
                (rowid, new, _reanchor_values(old))
                for (rowid, old), new in zip(stored, news, strict=True)
                if new is not old
            ]
            del stored, news
        moves.sort(key=lambda move: move[0])
        for first in range(0, len(moves), REANCHOR_BATCH):
            batch = moves[first : first + REANCHOR_BATCH]
            with self._transaction() as connection:
                connection.executemany(
                    _REANCHOR_IF_SAME,
                    [(*_reanchor_values(new), new.id, *old) for _rowid, new, old in batch],
                )

    # -- reading --------------------------------------------------------------------------------

    def _select(
        self, connection: sqlite3.Connection, where: str, parameters: tuple[Any, ...]
    ) -> builtins.list[Bookmark]:
        rows = connection.execute(
            f"SELECT {_COLUMNS} FROM bookmarks {where} ORDER BY created, rowid", parameters
        ).fetchall()
        return [_row(row) for row in rows]

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
            found = self._select(connection, where, tuple(parameters))
        if tag is not None:
            wanted = " ".join(tag.split()).casefold()
            found = [b for b in found if any(t.casefold() == wanted for t in b.tags)]
        if text and (needle := fold(text)):
            found = [b for b in found if needle in fold(b.quote) or needle in fold(b.note)]
        return found

    def tags(self) -> builtins.list[str]:
        """Every tag in use, most used first (then alphabetical), for completion."""
        with self._reading() as connection:
            rows = connection.execute("SELECT tags FROM bookmarks ORDER BY created, rowid")
            uses: Counter[str] = Counter()
            spelling: dict[str, str] = {}
            for (tags,) in rows:
                for tag in json.loads(tags):
                    spelling.setdefault(tag.casefold(), tag)
                    uses[tag.casefold()] += 1
        return [spelling[k] for k in sorted(uses, key=lambda k: (-uses[k], k))]

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
