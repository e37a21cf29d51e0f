"""A refresh that ran out of disk space, remembered beside the index.

Each attempt would fill the disk again before failing, so a command (or the window's
watcher) does not try again by itself until more space is free; an explicit refresh always
tries. Light to import: the window asks before it starts its indexer.
"""

from __future__ import annotations

import contextlib
import errno
import json
import shutil
import sqlite3
from pathlib import Path

#: The record of the last refresh that ran out of space, and the free space after it: not
#: tried again by itself until at least SPACE_TO_RETRY more bytes are free.
FAILED_FILE = "innoatlas-refresh-failed.json"
SPACE_TO_RETRY = 16 * 1024 * 1024


def out_of_space(error: BaseException) -> bool:
    """True when an error, or one that caused it, is a full disk (or a file-size limit)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return True
        if isinstance(seen, sqlite3.Error) and "full" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def remember_failure(folder: Path, reason: str) -> None:
    """Note in ``folder`` a refresh that ran out of space, and how much was free after it
    gave up (best effort: the disk is full)."""
    record = {"reason": reason, "free": free_bytes(folder)}
    with contextlib.suppress(OSError):
        (folder / FAILED_FILE).write_text(json.dumps(record), "utf-8")


def forget_failure(folder: Path) -> None:
    """A refresh succeeded: the next one may run by itself again."""
    with contextlib.suppress(OSError):
        (folder / FAILED_FILE).unlink(missing_ok=True)


def last_failure(folder: Path) -> str | None:
    """Why the index in ``folder`` is not refreshed by itself: its last refresh ran out of
    space and no more is free now; None when it may be tried."""
    try:
        record = json.loads((folder / FAILED_FILE).read_text("utf-8"))
        free = int(record["free"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if free_bytes(folder) > free + SPACE_TO_RETRY:
        return None
    return (
        f"The index was not brought up to date: its last update ran out of disk space "
        f"({free // 2**20:,} MB free). Free some space, then run `index` (or Rescan in the "
        "Library window)."
    )


def free_bytes(folder: Path) -> int:
    """Free space on the disk of ``folder`` (0 if it cannot be told)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0
