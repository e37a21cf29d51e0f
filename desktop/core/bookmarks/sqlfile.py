"""The bookmarks' SQLite file as a file: opened to write or only to read, checked, in words.

:mod:`~desktop.core.bookmarks.store` decides what the file holds; this module knows how SQLite
behaves around it when things are not as they should be:

- a file in a folder that cannot be written (a read-only disk, another user's folder, a full
  disk) still opens to be read: ``mode=ro``, which needs SQLite's ``-shm`` beside it, or, when
  that cannot be made either, ``immutable=1``, which reads the file alone and so misses
  changes still in a ``-wal`` (they are there only after a crash; :func:`open_read_only` says
  so);
- a busy file (another process holding a lock) is never taken for a damaged or read-only one;
- SQLite's result codes become sentences (:func:`plain`).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import IO

if sys.platform != "win32":
    import fcntl

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
#: What SQLite answers when it may read the file but not write beside it.
_CANNOT_WRITE_CODES = frozenset(
    {
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
    }
)
_CANNOT_WRITE_ERRNOS = frozenset(
    {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT}
)
#: The files SQLite may keep beside a database while it writes it.
COMPANIONS = ("-journal", "-wal", "-shm")


def _code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def plain(error: sqlite3.Error) -> str:
    """What went wrong in SQLite, in words, for messages like “could not be saved: <this>”.

    >>> plain(sqlite3.OperationalError("database or disk is full"))
    'database or disk is full'
    """
    return _PLAIN.get(_code(error) or -1, str(error))


def cannot_write(error: BaseException) -> bool:
    """Whether ``error`` says the file or its folder cannot be written now (read-only, full).

    A busy file (``SQLITE_BUSY``) is not one: it can be written once the other process is done.

    >>> cannot_write(OSError(errno.EROFS, "Read-only file system")), cannot_write(OSError())
    (True, False)
    """
    if isinstance(error, sqlite3.Error):
        return _code(error) in _CANNOT_WRITE_CODES
    return isinstance(error, OSError) and error.errno in _CANNOT_WRITE_ERRNOS


def is_full(error: BaseException) -> bool:
    """Whether ``error`` says the disk is full (or the user's quota is used up)."""
    if isinstance(error, sqlite3.Error):
        return _code(error) == sqlite3.SQLITE_FULL
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def writable(path: Path) -> bool:
    """Whether ``path``'s folder, and ``path`` and its companions where they exist, can be
    written by this process (a read-only disk counts, as ``access`` checks it)."""
    files = [path, *(path.with_name(path.name + suffix) for suffix in COMPANIONS)]
    return os.access(path.parent, os.W_OK) and all(
        os.access(item, os.W_OK) for item in files if item.exists()
    )


def connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection to write ``path``: WAL journal, ``synchronous=FULL``, the busy timeout."""
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


def open_read_only(path: Path, busy_timeout: float) -> tuple[sqlite3.Connection, bool]:
    """A connection that only reads ``path``, checked; and whether a ``-wal`` was left unread.

    Tries ``mode=ro`` first: it reads what a crash left in the ``-wal``, but needs the
    ``-shm`` beside the file or the right to make it. Where neither is there (a clean close
    removes both, and a read-only folder cannot have them made), ``immutable=1`` reads the
    file alone.

    Raises:
        sqlite3.DatabaseError: the file is damaged (``quick_check`` fails) or not SQLite.
        sqlite3.OperationalError: it cannot be read at all (busy, no permission to read).
    """
    uri = f"{path.as_uri()}?mode=ro"
    try:
        return _checked(uri, busy_timeout), False
    except sqlite3.OperationalError as error:
        if not cannot_write(error):
            raise
    wal = path.with_name(path.name + "-wal")
    return _checked(f"{uri}&immutable=1", busy_timeout), wal.exists() and wal.stat().st_size > 0


def _checked(uri: str, busy_timeout: float) -> sqlite3.Connection:
    connection = sqlite3.connect(
        uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            raise sqlite3.DatabaseError(f"quick_check: {rows[0][0] if rows else 'no answer'}")
    except BaseException:
        connection.close()
        raise
    return connection


def is_healthy(path: Path) -> bool:
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


def is_good_backup(path: Path) -> bool:
    """Whether a backup can be restored from: healthy, and readable now."""
    try:
        return is_healthy(path)
    except sqlite3.Error:
        return False


def rollback(connection: sqlite3.Connection) -> None:
    """Roll back the open transaction, if SQLite has not already (it does on a full disk)."""
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def held(stream: IO[bytes]) -> bool:
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
