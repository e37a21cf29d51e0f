"""Reading a refresh's files over the machine's cores: read, clean, fingerprint, discover.

A bulk refresh spent almost half its time reading, cleaning and looking for new names one
file after another in one process, before the index writers had anything to do (400
generated articles: 1.7 s reading, 2.5 s discovering, then 4.9 s writing). Each file's work
depends on that file alone, so a large refresh spreads it over a pool of processes; the
refresh keeps what needs all of them at once (copies, ids, the second entity pass).

The pool's processes are forked, so they start with what they need (the library's guard
and the knowledge base) instead of having it pickled to them, and they die with their
parent (a killed refresh leaves none behind holding the library's files).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import threading
import zlib
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import SourceError
from desktop.core.ingest import read_article
from desktop.core.ingest.duplicates import Fingerprint, fingerprint
from desktop.core.lifetime import die_with_parent
from desktop.core.model import Article, Entity

#: Finds the names an article gives that the library does not know yet.
Discover = Callable[[Article], Sequence[Entity]]
#: Says why a path leads out of the library, or None.
Guard = Callable[[Path], str | None]
#: One file to read: its path, and the content hash its row has (None: none, or read again).
Task = tuple[str, str | None]

#: Files per batch handed to a process (fewer round trips; still an even share at the end).
CHUNK = 8


@dataclass(frozen=True)
class Read:
    """What reading one file gave.

    Attributes:
        path: the file.
        packed: the clean article, compressed (see :func:`unpack`); None when skipped.
        article_id: its id.
        skipped: why it was skipped ("" when it was read).
        unchanged: its content hash is the one its row has (nothing else was worked out).
        fingerprint: for finding copies.
        found: the names it gives that the library does not know yet.
    """

    path: str
    packed: bytes | None = None
    article_id: str = ""
    skipped: str = ""
    unchanged: bool = False
    fingerprint: Fingerprint | None = None
    found: tuple[Entity, ...] = ()


def read_one(task: Task, guard: Guard, discover: Discover | None) -> Read:
    """Read one file and work out what the refresh needs of it."""
    path, known_hash = task
    try:
        outside = guard(Path(path))
        if outside is not None:
            raise SourceError(outside)
        article = read_article(Path(path))
    except SourceError as error:
        return Read(path, skipped=str(error))
    packed = pack(article)
    if known_hash is not None and article.content_hash == known_hash:
        return Read(path, packed, article.id, unchanged=True)
    found = tuple(discover(article)) if discover is not None else ()
    print_ = fingerprint(article.plain_text())
    return Read(path, packed, article.id, fingerprint=print_, found=found)


def pack(article: Article) -> bytes:
    """An article as a refresh keeps it until it is written: a tenth of its size as objects
    (a rebuild holds every article it read, gigabytes for 100,000 of them)."""
    return zlib.compress(pickle.dumps(article, pickle.HIGHEST_PROTOCOL), 1)


def unpack(packed: bytes) -> Article:
    """The inverse of :func:`pack`."""
    article: Article = pickle.loads(zlib.decompress(packed))
    return article


#: What a forked reader works with (set before the pool is made: the processes inherit it).
_work: tuple[Guard, Discover | None] | None = None


def _read_in_pool(task: Task) -> Read:
    assert _work is not None, "set before the pool was forked"
    return read_one(task, *_work)


#: Why a file was skipped when the process reading it died (a crash in a native library,
#: the memory killer): the rest of the refresh goes on without it.
READER_DIED = "Reading this file stopped the process reading it (a damaged or hostile file?)."


def read_files(
    tasks: Sequence[Task], guard: Guard, discover: Discover | None, processes: int
) -> Generator[Read, None, None]:
    """Each task's :class:`Read`, in the tasks' order (the refresh's choices, such as which
    of two copies is the original, then do not depend on timing). With ``processes`` > 1
    the files are read by that many forked processes; closing the iterator stops them.

    A reading process that dies takes its batch with it: the files handed out then are read
    again one at a time in one process, which finds the one that kills it, skipped with
    :data:`READER_DIED`; the rest go on in parallel.
    """
    if processes <= 1 or len(tasks) < 2 * CHUNK or not _can_fork():
        for task in tasks:
            yield read_one(task, guard, discover)
        return
    global _work
    _work = (guard, discover)
    start, careful_until = 0, 0
    try:
        while start < len(tasks):
            careful = start < careful_until
            batch = tasks[start:careful_until] if careful else tasks[start:]
            try:
                with contextlib.closing(
                    _pooled(batch, 1 if careful else processes, careful)
                ) as got:
                    for read in got:
                        yield read
                        start += 1
            except BrokenProcessPool:
                if careful:
                    yield Read(tasks[start][0], skipped=READER_DIED)
                    start += 1
                else:  # at most a batch a process and one queued are out: read those alone
                    careful_until = start + (2 * processes + 2) * CHUNK
    finally:
        _work = None


def _pooled(tasks: Sequence[Task], processes: int, alone: bool) -> Generator[Read, None, None]:
    """The tasks' reads from a pool of forked processes (``alone``: one file a batch)."""
    fork = _RecordingFork()
    pool = ProcessPoolExecutor(processes, mp_context=fork, initializer=die_with_parent)
    finished = False
    try:
        yield from pool.map(_read_in_pool, tasks, chunksize=1 if alone else CHUNK)
        finished = True
    finally:
        manager: threading.Thread | None = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=finished, cancel_futures=True)
        _stop_all(fork.made)  # stopped early or broken: none may go on holding files
        if manager is not None:  # it may yet replace a reader that was stopped
            manager.join(timeout=10)
            _stop_all(fork.made)


def _stop_all(processes: Sequence[multiprocessing.process.BaseProcess]) -> None:
    for child in list(processes):
        child.terminate()
        child.join()


class _RecordingFork(multiprocessing.context.ForkContext):
    """The fork context, remembering every process it makes: the pool's own list of its
    processes misses the reader it starts in place of one that was stopped (in one run of six
    a reader outlived a stopped read)."""

    def __init__(self) -> None:
        super().__init__()
        self.made: list[multiprocessing.process.BaseProcess] = []

    def Process(self, *args: Any, **kwargs: Any) -> multiprocessing.process.BaseProcess:  # type: ignore[override]  # noqa: N802
        process = multiprocessing.context.ForkProcess(*args, **kwargs)
        self.made.append(process)
        return process


def _can_fork() -> bool:
    """A daemonic process may not have children; fork exists on POSIX only."""
    return hasattr(os, "fork") and not multiprocessing.current_process().daemon
