"""The user's feeds, and what each has given, in ``feeds.sqlite3`` in the data folder.

A subscription is user data (the user typed or pasted it), so it lives in SQLite beside the
bookmarks, never in the index, and every change is one transaction. The store also remembers
each entry seen (by the feed's id for it, or its link), so a page is fetched once; an entry
whose page failed stays pending and is tried again at the next refresh, at most
:data:`MAX_ATTEMPTS` times.

The file carries its schema version (``PRAGMA user_version``); a newer app migrates it after
copying it to ``feeds.sqlite3.v<N>.bak``. A file SQLite cannot read is set aside as
``feeds.sqlite3.damaged-<time>`` (never overwritten) and the store starts empty, with a
:attr:`FeedStore.notice` saying so.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.errors import InnoAtlasError
from desktop.core.fetching import check_url
from desktop.core.locks import set_aside

FILE_NAME = "feeds.sqlite3"
VERSION = 1
#: An entry whose page failed this many times is given up (its reason stays on record).
MAX_ATTEMPTS = 3

_SCHEMA = {
    1: """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        added TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        checked TEXT,
        status TEXT NOT NULL DEFAULT 'new',
        message TEXT NOT NULL DEFAULT '',
        new_entries INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE entries (
        feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        key TEXT NOT NULL,
        link TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        seen TEXT NOT NULL,
        saved_path TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (feed_url, key)
    );
    """,
}


class FeedsUnavailable(InnoAtlasError):
    """The feeds file cannot be read or written (permissions, disk full, another writer)."""


class FeedNotFound(InnoAtlasError):
    """No feed of this address is subscribed."""


@dataclass(frozen=True)
class Feed:
    """One subscription and how its last refresh went.

    Attributes:
        status: "new" (never refreshed), "ok", "not-modified" or "failed".
        message: the last refresh's outcome in one line.
        new_entries: how many pages the last refresh saved.
    """

    url: str
    title: str
    added: str
    etag: str | None = None
    last_modified: str | None = None
    checked: str | None = None
    status: str = "new"
    message: str = ""
    new_entries: int = 0


@dataclass(frozen=True)
class Entry:
    """An entry a feed listed: its key, its page's link, and what became of it."""

    feed_url: str
    key: str
    link: str
    title: str
    saved_path: str | None
    attempts: int
    error: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedStore:
    """The feeds in ``data_dir/feeds.sqlite3``; each call opens the file, changes it in one
    transaction and closes it, so a window and a command can share it.

    Attributes:
        path: the SQLite file.
        notice: a sentence for the user when a damaged file was set aside, else None.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.notice: str | None = None
        self._prepare()

    # -- the file ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise FeedsUnavailable(
                f"The feeds file {self.path} cannot be opened: {error}."
            ) from error
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            if write:
                connection.execute("BEGIN IMMEDIATE")
            yield connection
            if write:
                connection.execute("COMMIT")
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise FeedsUnavailable(
                f"The feeds file {self.path} could not be {'changed' if write else 'read'}: "
                f"{error}."
            ) from error
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    def _prepare(self) -> None:
        """Create or migrate the schema; set a damaged file aside and start afresh."""
        try:
            self._migrate()
        except FeedsUnavailable as error:
            if not isinstance(error.__cause__, sqlite3.DatabaseError) or isinstance(
                error.__cause__, sqlite3.OperationalError
            ):
                raise
            try:
                aside = set_aside(self.path)
            except OSError as moved:
                raise FeedsUnavailable(
                    f"The feeds file {self.path} is damaged and cannot be moved aside: {moved}."
                ) from moved
            self.notice = (
                f"The feeds file was damaged; it was kept as {aside.name} and the list of "
                "feeds starts empty: add your feeds again (the pages they saved are kept)."
            )
            self._migrate()

    def _migrate(self) -> None:
        with self._connect(write=True) as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > VERSION:
                raise FeedsUnavailable(
                    f"The feeds file {self.path} was written by a newer InnoAtlas (schema "
                    f"{version}); update the app to use it."
                )
            if 0 < version < VERSION:
                shutil.copy2(self.path, self.path.with_name(f"{FILE_NAME}.v{version}.bak"))
            for step in range(version + 1, VERSION + 1):
                for statement in _SCHEMA[step].split(";"):
                    if statement.strip():
                        db.execute(statement)
            if version != VERSION:
                db.execute(f"PRAGMA user_version = {VERSION}")

    # -- feeds ------------------------------------------------------------------------------

    def add(self, url: str) -> bool:
        """Subscribe to a feed; False when it was subscribed already.

        Raises:
            FetchError: the address is not http or https.
        """
        url = url.strip()
        check_url(url)
        with self._connect(write=True) as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO feeds (url, added) VALUES (?, ?)", (url, _now())
            )
            return cursor.rowcount == 1

    def move(self, old: str, new: str) -> bool:
        """Follow the feed at ``new`` instead of ``old`` (a page that named it as its feed),
        with its title, date added and entries; False when ``new`` is followed already.

        Raises:
            FetchError: ``new`` is not http or https.
        """
        check_url(new)
        with self._connect(write=True) as db:
            if db.execute("SELECT 1 FROM feeds WHERE url = ?", (new,)).fetchone():
                return False
            db.execute(
                "INSERT INTO feeds (url, title, added) SELECT ?, title, added FROM feeds "
                "WHERE url = ?",
                (new, old),
            )
            db.execute("UPDATE entries SET feed_url = ? WHERE feed_url = ?", (new, old))
            db.execute("DELETE FROM feeds WHERE url = ?", (old,))
            return True

    def remove(self, url: str) -> bool:
        """Unsubscribe (the pages it saved stay in the library); False when not subscribed."""
        with self._connect(write=True) as db:
            return db.execute("DELETE FROM feeds WHERE url = ?", (url.strip(),)).rowcount == 1

    def feeds(self) -> list[Feed]:
        """Every feed, in the order they were added."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT url, title, added, etag, last_modified, checked, status, message, "
                "new_entries FROM feeds ORDER BY added, rowid"
            ).fetchall()
        return [Feed(*row) for row in rows]

    def feed(self, url: str) -> Feed:
        """One feed by its address.

        Raises:
            FeedNotFound: it is not subscribed.
        """
        for feed in self.feeds():
            if feed.url == url.strip():
                return feed
        raise FeedNotFound(f"No feed {url.strip()} is subscribed (see: feeds list).")

    def record_check(
        self,
        url: str,
        status: str,
        message: str,
        new_entries: int = 0,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        validators: bool = False,
    ) -> None:
        """Say how a refresh of the feed went; ``validators``: replace its ETag and
        Last-Modified with these (after a full answer; a 304 or a failure keeps them)."""
        with self._connect(write=True) as db:
            db.execute(
                "UPDATE feeds SET status = ?, message = ?, new_entries = ?, checked = ?, "
                "title = COALESCE(?, title) WHERE url = ?",
                (status, message, new_entries, _now(), title, url),
            )
            if validators:
                db.execute(
                    "UPDATE feeds SET etag = ?, last_modified = ? WHERE url = ?",
                    (etag, last_modified, url),
                )

    # -- entries ----------------------------------------------------------------------------

    def add_entries(self, url: str, entries: list[tuple[str, str, str]]) -> int:
        """Remember the (key, link, title) entries not seen before as pending; how many."""
        with self._connect(write=True) as db:
            added = 0
            for key, link, title in entries:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO entries (feed_url, key, link, title, seen) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (url, key, link, title, _now()),
                )
                added += cursor.rowcount
            return added

    def pending(self, url: str) -> list[Entry]:
        """The feed's entries whose page is not saved yet and may still be tried, oldest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT feed_url, key, link, title, saved_path, attempts, error FROM entries "
                "WHERE feed_url = ? AND saved_path IS NULL AND attempts < ? ORDER BY rowid",
                (url, MAX_ATTEMPTS),
            ).fetchall()
        return [Entry(*row) for row in rows]

    def entries(self, url: str) -> list[Entry]:
        """Every entry the feed has listed, in the order seen."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT feed_url, key, link, title, saved_path, attempts, error FROM entries "
                "WHERE feed_url = ? ORDER BY rowid",
                (url,),
            ).fetchall()
        return [Entry(*row) for row in rows]

    def record_entry(
        self, url: str, key: str, saved_path: str | None, error: str = "", final: bool = False
    ) -> None:
        """Say what became of an entry's page: saved at ``saved_path``, or failed (``error``);
        ``final``: never try it again (the link is refused, not just unreachable today)."""
        with self._connect(write=True) as db:
            db.execute(
                "UPDATE entries SET saved_path = ?, error = ?, attempts = "
                "CASE WHEN ? THEN ? ELSE attempts + 1 END WHERE feed_url = ? AND key = ?",
                (saved_path, error, final, MAX_ATTEMPTS, url, key),
            )


__all__ = ["MAX_ATTEMPTS", "Entry", "Feed", "FeedNotFound", "FeedStore", "FeedsUnavailable"]
