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

import multiprocessing
import os
import pickle
import zlib
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

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


def read_files(
    tasks: Sequence[Task], guard: Guard, discover: Discover | None, processes: int
) -> Generator[Read, None, None]:
    """Each task's :class:`Read`, in the tasks' order (the refresh's choices, such as which
    of two copies is the original, then do not depend on timing). With ``processes`` > 1
    the files are read by that many forked processes; closing the iterator stops them."""
    if processes <= 1 or len(tasks) < 2 * CHUNK or not _can_fork():
        for task in tasks:
            yield read_one(task, guard, discover)
        return
    global _work
    _work = (guard, discover)
    pool = multiprocessing.get_context("fork").Pool(processes, initializer=die_with_parent)
    try:
        yield from pool.imap(_read_in_pool, tasks, chunksize=CHUNK)
        pool.close()
    finally:
        _work = None
        pool.terminate()
        pool.join()


def _can_fork() -> bool:
    """A daemonic process may not have children; fork exists on POSIX only."""
    return hasattr(os, "fork") and not multiprocessing.current_process().daemon
