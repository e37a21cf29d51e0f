"""Locks between processes on one data folder: a window, its indexer and commands in terminals.

A lock is an advisory ``flock`` on a small file in the data folder. The operating system
releases it when its holder exits, however it exits (a crash, a kill), so a lock is never
stale: a held lock always means a live holder. Each acquisition opens the file anew, so two
threads of one process exclude each other as two processes do.

Two locks are used:

- ``user-data.lock`` around every read-merge-write of a user's file (``sources.json``,
  ``corrections.json``), so that concurrent commands never lose each other's changes;
- ``index.lock`` around every change to the index and its manifest (a refresh, a rebuild, a
  repair), so that no process repairs what another is half-way through writing, and searches
  go on on the last complete index meanwhile.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: locks are then only within one process
    fcntl = None  # type: ignore[assignment]

USER_DATA_LOCK = "user-data.lock"
INDEX_LOCK = "index.lock"
#: How often a waiting acquisition tries again.
POLL_SECONDS = 0.05


class LockUnavailable(OSError):
    """The lock file cannot be created (a read-only or full data folder)."""


class FileLock:
    """An exclusive lock on ``path``, held by at most one process (or thread) at a time.

    Attributes:
        path: the lock file (created when first acquired, never removed: removing it would
            let a second holder lock a new file while the first still holds the old one).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(
        self, timeout: float | None = None, waiting: Callable[[], None] | None = None
    ) -> bool:
        """Take the lock; True once held, False if ``timeout`` seconds passed first.

        ``timeout`` 0 tries once, None waits as long as it takes. ``waiting`` is called
        between tries (to report progress, or to raise for a cancelled wait).

        Raises:
            LockUnavailable: the lock file cannot be created or opened.
        """
        if self._fd is not None:
            raise RuntimeError(f"{self.path} is already held by this lock")
        try:
            # Read-only is enough for flock: a lock file another user made stays usable.
            fd = os.open(self.path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise LockUnavailable(error.errno, error.strerror, str(self.path)) from error
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            while not _try_lock(fd):
                if deadline is not None and time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                if waiting is not None:
                    waiting()
                time.sleep(POLL_SECONDS)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        """Let the lock go (closing the file releases it)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

    @contextlib.contextmanager
    def holding(
        self, timeout: float | None = None, waiting: Callable[[], None] | None = None
    ) -> Iterator[bool]:
        """Hold the lock for the block; yields False (and holds nothing) after ``timeout``."""
        held = self.acquire(timeout, waiting)
        try:
            yield held
        finally:
            if held:
                self.release()


def _try_lock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


def user_data_lock(data_dir: Path) -> FileLock:
    """The lock every writer of the user's own files in ``data_dir`` holds while it writes."""
    return FileLock(Path(data_dir) / USER_DATA_LOCK)


@contextlib.contextmanager
def user_data_write(data_dir: Path) -> Iterator[None]:
    """Hold the user-data lock while a file of ``data_dir`` is read, merged and written.

    The folder is made first, if it is missing: concurrent first commands on a new data
    folder lock each other out as any others do. Where the lock file cannot be made (a
    read-only folder), the write that follows cannot be made either and fails with its own
    error: the block runs unlocked.
    """
    lock = user_data_lock(data_dir)
    try:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except OSError:
        yield
        return
    try:
        yield
    finally:
        lock.release()


def write_atomically(path: Path, data: bytes, sweep: bool = True) -> None:
    """Write ``path`` whole or not at all: into a temporary file of its own beside it (no
    two writers share one), flushed to disk, then renamed over ``path``.

    With ``sweep``, temporary files left by writers that were killed are removed first: call
    it so holding the user-data lock, so that none of them belongs to a live writer (a file
    written elsewhere, an export, is not swept).

    Raises:
        OSError: the file cannot be written (nothing is left behind).
    """
    for stale in path.parent.glob(f".{path.name}.*.partial") if sweep else ():
        stale.unlink(missing_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.partial")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def set_aside(path: Path) -> Path:
    """Move a damaged user file out of the way under a name of its own, never overwriting an
    earlier one (``sources.json.damaged-20261203T101500123456``); return the new path.

    Call it holding the user-data lock, having read the file under it: another process may
    otherwise have just written a good one.

    Raises:
        OSError: the file cannot be moved (a read-only folder): it is left as it is.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    os.replace(path, aside)
    return aside
