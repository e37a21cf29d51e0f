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
  few distinct copies.
"""

from __future__ import annotations

import builtins
import dataclasses
import json
import os
import sqlite3
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.core.bookmarks.anchors import locate
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

FILENAME = "bookmarks.sqlite3"
BACKUP_FOLDER = "backups"
#: How many distinct backups are kept; the oldest goes when a new one is taken.
BACKUPS_KEPT = 5

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

_COLUMNS = (
    'id, article_id, passage_id, quote, prefix, suffix, start, "end", note, tags, colour, '
    "created, updated, article_title, article_date, article_source, status"
)


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


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA busy_timeout = 5000")
    except BaseException:
        connection.close()
        raise
    return connection


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


def _row(row: tuple[Any, ...]) -> Bookmark:
    values = list(row)
    values[9] = tuple(json.loads(values[9]))
    values[16] = AnchorStatus(values[16])
    return Bookmark(*values)


def _values(bookmark: Bookmark) -> tuple[Any, ...]:
    data = bookmark.to_dict()
    data["tags"] = json.dumps(data["tags"], ensure_ascii=False)
    return tuple(data.values())


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
            self._connection: sqlite3.Connection | None = _connect(self.path)
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

    def _back_up(self) -> None:
        """Copy the database into ``backups/``, unless the newest backup is already the same."""
        if self._backups <= 0:
            return
        self._backup_dir.mkdir(exist_ok=True)
        target = self._backup_dir / f"bookmarks-{_stamp(self._clock())}.sqlite3"
        partial = target.with_suffix(".partial")
        partial.unlink(missing_ok=True)  # left by a backup that was interrupted
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
        with self._lock:
            connection = self._open()
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise BookmarkError(f"The bookmarks could not be changed: {error}.") from error
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            try:
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                connection.execute("ROLLBACK")
                raise BookmarkError(f"The bookmark could not be saved: {error}.") from error

    def _fetch(self, connection: sqlite3.Connection, bookmark_id: str) -> Bookmark:
        row = connection.execute(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (bookmark_id,)
        ).fetchone()
        if row is None:
            raise BookmarkNotFound(f"There is no bookmark with id “{bookmark_id}”.")
        return _row(row)

    def _insert(self, connection: sqlite3.Connection, bookmark: Bookmark) -> None:
        marks = ", ".join("?" * len(_COLUMNS.split(",")))
        connection.execute(
            f"INSERT INTO bookmarks ({_COLUMNS}) VALUES ({marks})", _values(bookmark)
        )

    def _replace(self, connection: sqlite3.Connection, bookmark: Bookmark) -> None:
        names = [c.strip() for c in _COLUMNS.split(",")][1:]
        assignments = ", ".join(f"{name} = ?" for name in names)
        connection.execute(
            f"UPDATE bookmarks SET {assignments} WHERE id = ?",
            (*_values(bookmark)[1:], bookmark.id),
        )

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
        colour of the one edited last are kept, on this store's anchor. Each bookmark costs one
        lookup of its id (the primary key), so an import takes time in proportion to its size.
        """
        added = updated = unchanged = 0
        with self._transaction() as connection:
            for incoming in bookmarks:
                row = connection.execute(
                    f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (incoming.id,)
                ).fetchone()
                if row is None:
                    self._insert(connection, incoming)
                    added += 1
                    continue
                present = _row(row)
                if incoming.updated <= present.updated or (
                    (incoming.note, incoming.tags, incoming.colour)
                    == (present.note, present.tags, present.colour)
                ):
                    unchanged += 1
                    continue
                self._replace(
                    connection,
                    dataclasses.replace(
                        present,
                        note=incoming.note,
                        tags=incoming.tags,
                        colour=incoming.colour,
                        updated=incoming.updated,
                    ),
                )
                updated += 1
        return MergeReport(added, updated, unchanged)

    def reanchor(self, article: Article) -> builtins.list[Bookmark]:
        """Re-find every bookmark of ``article`` in its current text and save where each is.

        Call it whenever an article is shown or re-indexed. Also refreshes the citation (the
        source path changes when the file moves). Writes only what changed, in one transaction;
        returns all the article's bookmarks as they now are.
        """
        date = article.date.iso() if article.date else None
        result: builtins.list[Bookmark] = []
        with self._transaction() as connection:
            for old in self._select(connection, "WHERE article_id = ?", (article.id,)):
                placement = locate(article, old.anchor)
                status = placement.status
                if status is AnchorStatus.ATTACHED and old.status is AnchorStatus.MOVED:
                    status = AnchorStatus.MOVED
                new = dataclasses.replace(
                    old.with_anchor(placement.anchor, status),
                    article_title=article.title,
                    article_date=date,
                    article_source=article.source,
                )
                if new != old:
                    self._replace(connection, new)
                result.append(new)
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
        """Re-anchor every bookmark; ``lookup`` gives an article by id, or None if it is gone."""
        with self._lock:
            ids = [r[0] for r in self._open().execute("SELECT DISTINCT article_id FROM bookmarks")]
        for article_id in ids:
            article = lookup(article_id)
            if article is None:
                self.mark_missing(article_id)
            else:
                self.reanchor(article)

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
        with self._lock:
            return self._fetch(self._open(), bookmark_id)

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
        with self._lock:
            found = self._select(self._open(), where, tuple(parameters))
        if tag is not None:
            wanted = " ".join(tag.split()).casefold()
            found = [b for b in found if any(t.casefold() == wanted for t in b.tags)]
        if text and (needle := fold(text)):
            found = [b for b in found if needle in fold(b.quote) or needle in fold(b.note)]
        return found

    def tags(self) -> builtins.list[str]:
        """Every tag in use, most used first (then alphabetical), for completion."""
        with self._lock:
            rows = self._open().execute("SELECT tags FROM bookmarks ORDER BY created, rowid")
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
