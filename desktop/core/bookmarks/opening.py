"""How the store opens its file: checked (a damaged one replaced by its newest good backup),
connected and upgraded, to be written; or, where the folder or the disk refuses writes, as
last saved, only to be read. Kept apart from the store, which only uses what opened."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from desktop.core.bookmarks.backups import recover
from desktop.core.bookmarks.model import BookmarkError
from desktop.core.bookmarks.schema import check_version, migrate, readable_columns
from desktop.core.bookmarks.sqlfile import (
    cannot_write,
    connect,
    is_full,
    is_healthy,
    open_read_only,
    plain,
)

#: Said at open when the store could only be opened to read.
READ_ONLY_NOTICE = "{reason}: bookmarks are shown as last saved; changes cannot be saved."


class WritesRefused(Exception):
    """The data folder refused a write while the store was opened: open it to read instead."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _nearly_full(folder: Path) -> bool:
    """Whether the disk of ``folder`` has next to no room left (to name a refusal right)."""
    try:
        return shutil.disk_usage(folder).free < 2**20
    except OSError:
        return False


def open_to_write(
    path: Path, backups: Path, clock: Callable[[], datetime], busy_timeout: float
) -> tuple[sqlite3.Connection, str | None]:
    """Check (and repair, from a backup in ``backups``) the file, connect and migrate it.

    Returns the connection and, when the file had to be repaired, the notice that says so.

    Raises:
        WritesRefused: the folder, the file or the disk refused a write, and there is a
            file to read instead.
        BookmarkError: the file cannot be opened (busy, not ours) or upgraded.
    """
    notice = None
    try:
        if path.exists() and not is_healthy(path):
            notice = recover(path, backups, clock())
        connection = connect(path, busy_timeout)
    except (OSError, sqlite3.Error) as error:
        _refuse(path, error, "cannot be opened")
    try:
        migrate(connection)
    except sqlite3.Error as error:
        connection.close()
        _refuse(path, error, "could not be upgraded")
    except BaseException:
        connection.close()
        raise
    return connection, notice


def _refuse(path: Path, error: OSError | sqlite3.Error, what: str) -> NoReturn:
    """Raise WritesRefused for a write the folder refused, else BookmarkError saying
    the file ``what`` (cannot be opened, could not be upgraded) and why."""
    if cannot_write(error) and path.exists():
        full = is_full(error) or _nearly_full(path.parent)
        reason = "The disk is full" if full else "The data folder cannot be written"
        raise WritesRefused(reason) from error
    why = plain(error) if isinstance(error, sqlite3.Error) else str(error)
    raise BookmarkError(f"The bookmarks file {path} {what}: {why}.") from error


def open_to_read(
    path: Path, reason: str, busy_timeout: float
) -> tuple[sqlite3.Connection, str, str]:
    """Open the file only to read it, as last saved, because of ``reason`` (a sentence).

    Returns the connection, what to select for a bookmark (the columns, or their defaults in
    an older file), and the notice that says so. A file that needs an upgrade is read with
    the newer columns' defaults; one whose bookmarks cannot be read that way, or that is
    damaged, cannot be opened until the folder can be written (to upgrade or repair it), and
    the error says so.
    """
    try:
        connection, wal_unread = open_read_only(path, busy_timeout)
    except sqlite3.Error as error:
        damaged = not isinstance(error, sqlite3.OperationalError)
        problem = "is damaged, and cannot be repaired" if damaged else "cannot be read"
        raise BookmarkError(
            f"The bookmarks file {path} {problem} while the data folder cannot be "
            f"written ({plain(error)})."
        ) from error
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        check_version(version)
        columns = readable_columns(connection, path)
    except BaseException:
        connection.close()
        raise
    notice = READ_ONLY_NOTICE.format(reason=reason)
    if wal_unread:
        notice += " The last changes before InnoAtlas stopped may be missing until then."
    return connection, columns, notice
