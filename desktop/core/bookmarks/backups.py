"""The bookmark file's safety copies in ``backups/``: one taken at each open (the last few
kept), what a copy killed halfway left removed, and a damaged file set aside for the newest
good copy. Bookmarks cannot be rebuilt from anything, so these copies are all there is."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager, closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.core.bookmarks.rows import iso
from desktop.core.bookmarks.sqlfile import COMPANIONS, held, is_good_backup

BACKUP_FOLDER = "backups"
#: How many distinct backups are kept; the oldest goes when a new one is taken.
BACKUPS_KEPT = 5


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def newest_first(folder: Path) -> list[Path]:
    """The backups in ``folder``, the newest first (their names sort by when they were taken)."""
    return sorted(folder.glob("bookmarks-*.sqlite3"), reverse=True)


def recover(path: Path, folder: Path, moment: datetime) -> str:
    """Move the damaged file aside and put the newest good backup in its place.

    Returns the notice that says so, for the user: ``moment`` names the file set aside.
    """
    aside = path.with_name(f"{path.name}.damaged-{_stamp(moment)}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    for backup in newest_first(folder):
        if is_good_backup(backup):
            with (
                closing(sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)) as source,
                closing(sqlite3.connect(path)) as target,
            ):
                source.backup(target)
            taken = backup.stem.removeprefix("bookmarks-")
            when = datetime.strptime(taken, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
            return (
                f"The bookmarks file was damaged. It was set aside as {aside.name}, and "
                f"the bookmarks were restored from the backup of {iso(when)}; changes made "
                "after that backup are missing."
            )
    return (
        f"The bookmarks file was damaged and no good backup was found. It was set aside as "
        f"{aside.name}, and a new, empty bookmarks file was started."
    )


def remove_partial_backups(folder: Path) -> None:
    """Delete what backups killed halfway left in ``folder``, and nothing else.

    Only this store's names are touched: ``bookmarks-<time>.partial`` and the journal
    SQLite keeps beside it (``-journal``, ``-wal``, ``-shm``). One another process is still
    writing holds a lock on it (:func:`~desktop.core.bookmarks.sqlfile.held`) and is left alone.
    """
    if not folder.is_dir():
        return
    for partial in folder.glob("bookmarks-*.partial"):
        with partial.open("rb") as stream:
            if not held(stream):
                continue  # another process's backup, in progress
            partial.unlink(missing_ok=True)
        for suffix in COMPANIONS:
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    for companion in folder.glob("bookmarks-*.partial-*"):
        main = companion.with_name(companion.name.rsplit("-", 1)[0])
        if companion.name.endswith(COMPANIONS) and not main.exists():
            companion.unlink(missing_ok=True)


def back_up(
    connection: sqlite3.Connection,
    lock: AbstractContextManager[Any],
    folder: Path,
    keep: int,
    clock: Callable[[], datetime],
) -> None:
    """Copy the database into ``folder``, unless the newest backup is already the same.

    ``lock`` is held while ``connection`` is read; the last ``keep`` backups are kept (none
    is taken if ``keep`` is 0). The copy is written as ``.partial``, locked while it is
    written, and renamed when whole, so a backup is never half a file, and a killed one is
    cleaned up later.
    """
    if keep <= 0:
        return
    folder.mkdir(exist_ok=True)
    target = folder / f"bookmarks-{_stamp(clock())}.sqlite3"
    partial = target.with_suffix(".partial")
    with partial.open("wb") as guard:
        held(guard)
        try:
            with closing(sqlite3.connect(partial, isolation_level=None)) as copy:
                with lock:
                    connection.backup(copy)
                # A backup must be one self-contained file: no WAL beside it.
                copy.execute("PRAGMA journal_mode = DELETE")
        except BaseException:
            partial.unlink(missing_ok=True)  # a full disk, say: no half copy left behind
            raise
        existing = newest_first(folder)
        if existing and existing[0].read_bytes() == partial.read_bytes():
            partial.unlink()
            return
        os.replace(partial, target)
    for old in newest_first(folder)[keep:]:
        old.unlink(missing_ok=True)
