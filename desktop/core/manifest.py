"""What the library knows of each source file, in SQLite beside the index.

A refresh must know, for every source file, whether it changed (its stat), what it became (an
article, a copy of another, or a file that could not be read) and, for new files, whether an
indexed article already says the same thing. Held in one JSON file, all of that was read at
every start and rewritten at every refresh: 55 MB for 10,000 articles, so both grew with the
library. Here the short facts of each file are one row, loaded at start (a few hundred bytes
each); entity facts and duplicate fingerprints are read only when needed, and near-duplicate
candidates come from an indexed table of sampled shingle hashes, and the entities discovered in
the articles from a table of distinct ones with how many articles found each (ten thousand
articles repeat some three thousand names a hundred thousand times). A refresh writes only the
rows of the files it read, in one transaction.

Paths are kept as the file system's bytes: a file name need not be valid text.

The manifest is derived data, like the index: when the two disagree (a killed refresh) the
library rebuilds both from the sources.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import Any

from desktop.core.errors import IndexUnavailable
from desktop.core.ingest.duplicates import Fingerprint, is_near_duplicate

#: Bump when the tables change: an older manifest is then discarded (and the index rebuilt).
LAYOUT = 4
#: How many of the best candidates (most shared hashes) a new article is compared with.
CANDIDATES = 20
#: A long text is looked up by the sampled hashes divisible by this (a quarter of its sample,
#: some forty for a news article): a copy shares most of them, and the table stays small.
LOOKUP_MODULUS = 16

#: Paths per query when rows are read by path (SQLite allows 999 parameters at least).
_BATCH = 500
#: SQLite's result codes for a file that is not a database or is damaged.
_DAMAGED = {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}
_DROP = """
DROP TABLE IF EXISTS discoveries;
DROP TABLE IF EXISTS shingles;
DROP TABLE IF EXISTS sources;
DROP TABLE IF EXISTS meta;
"""
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,
    entry TEXT NOT NULL,
    indexed INTEGER NOT NULL,
    facts BLOB,
    discovered TEXT,
    exact TEXT,
    fingerprint BLOB
);
CREATE INDEX IF NOT EXISTS sources_exact ON sources (exact);
CREATE TABLE IF NOT EXISTS shingles (
    hash INTEGER NOT NULL,
    source INTEGER NOT NULL,
    PRIMARY KEY (hash, source)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS shingles_source ON shingles (source);
"""
_DISCOVERIES = """
CREATE TABLE IF NOT EXISTS discoveries (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    articles INTEGER NOT NULL
) WITHOUT ROWID
"""


@dataclasses.dataclass
class Entry:
    """The short facts of one source file, kept in memory for the whole library."""

    article_id: str
    stat: tuple[int, int]
    content_hash: str
    title: str
    date: str | None
    kicker: str | None
    lead_question: str | None
    passages: int
    duplicate_of: str | None = None
    skipped: str | None = None

    @property
    def indexed(self) -> bool:
        """True for a file whose article is in the index (not a copy, not unreadable)."""
        return self.duplicate_of is None and self.skipped is None


@dataclasses.dataclass(frozen=True)
class Change:
    """One file's new row: its entry, and for an indexed article its facts (as a dict, or
    packed by :meth:`packed`, with their ``discovered`` entities as JSON) and fingerprint."""

    entry: Entry
    facts: dict[str, Any] | bytes | None = None
    fingerprint: Fingerprint | None = None
    discovered: str | None = None

    @classmethod
    def packed(cls, entry: Entry, facts: dict[str, Any], print_: Fingerprint | None) -> Change:
        """A row with its facts compressed now rather than when saved: a refresh keeps every
        row it wrote until its end, and the facts as objects are the bulk of them."""
        found = facts.get("discovered")
        return cls(entry, _pack(facts), print_, json.dumps(found) if found else None)


class Manifest:
    """The rows of one library, in ``path`` (an SQLite file); ``key`` names what produced the
    stored entity facts: rows made with another key are discarded.

    Only an opening allowed to ``reset`` (one holding the library's index lock) discards rows
    or replaces a damaged file; another one reads what is there, and a manifest of another
    key or layout then reads as empty and says it is :attr:`outdated`. A ``read_only`` one
    (a data folder that cannot be written) never writes.

    Attributes:
        outdated: True when the file was made by another version (rows not read).
    """

    def __init__(self, path: Path, key: str, reset: bool = True, read_only: bool = False) -> None:
        self._lock = threading.Lock()
        self.outdated = False
        try:
            if read_only:
                self._db = _connect_read_only(path)
            else:
                try:
                    self._db = _connect(path)
                except sqlite3.DatabaseError as error:
                    if not reset or getattr(error, "sqlite_errorcode", None) not in _DAMAGED:
                        raise
                    _remove(path)  # not a database, or a damaged one: derived data, anew
                    self._db = _connect(path)
            if _stored_meta(self._db) != {"key": key, "layout": str(LAYOUT)}:
                self.outdated = True
                if reset and not read_only:
                    self._start_again(key)
            elif not _has_table(self._db, "discoveries") and not read_only:
                self._add_discoveries_table()
            self._version = self._data_version()
        except sqlite3.Error as error:
            raise IndexUnavailable(
                f"The library's list of articles in {path.parent} cannot be opened ({error})."
            ) from error

    def _start_again(self, key: str) -> None:
        with self._db:
            self._db.executescript(_DROP)  # another layout or another key: anew
        self._db.executescript(_TABLES + _DISCOVERIES + ";")
        with self._db:
            self._db.executemany(
                "INSERT INTO meta VALUES (?, ?)", [("key", key), ("layout", str(LAYOUT))]
            )
        self.outdated = False

    def _data_version(self) -> int:
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def changed_elsewhere(self) -> bool:
        """True when another process committed rows since this one last looked (cheap)."""
        with self._lock:
            version = self._data_version()
            changed, self._version = version != self._version, version
        return changed

    def entries(self) -> dict[str, Entry]:
        """Every file's entry, by path (none for an outdated manifest)."""
        if self.outdated:
            return {}
        with self._lock:
            rows = self._db.execute("SELECT path, entry FROM sources").fetchall()
        return {os.fsdecode(path): _entry_from_json(entry) for path, entry in rows}

    def entries_of(self, paths: Iterable[str]) -> dict[str, Entry]:
        """The entries of these files, by path (those without a row left out)."""
        keys = [os.fsencode(path) for path in paths]
        found: dict[str, Entry] = {}
        with self._lock:
            for start in range(0, len(keys), _BATCH):
                batch = keys[start : start + _BATCH]
                rows = self._db.execute(
                    f"SELECT path, entry FROM sources WHERE path IN ({','.join('?' * len(batch))})",
                    batch,
                )
                found.update((os.fsdecode(p), _entry_from_json(e)) for p, e in rows)
        return found

    def count(self) -> int:
        """How many files have a row."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM sources").fetchone()[0])

    def facts(self) -> Iterator[dict[str, Any]]:
        """The stored entity facts of every indexed article."""
        with self._lock:
            rows = self._db.execute("SELECT facts FROM sources WHERE indexed").fetchall()
        return (_unpack(facts) for (facts,) in rows if facts)

    def _add_discoveries_table(self) -> None:
        """Give a manifest of the first layout 4 its table of distinct discoveries, counted
        from the articles' rows once (rather than discarding a large library's index).

        In one transaction that holds the write lock from the start: a process killed half
        way leaves no empty table, and of two processes opening at once one counts."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            if not _has_table(self._db, "discoveries"):
                self._db.execute(_DISCOVERIES)
                rows = self._db.execute("SELECT discovered FROM sources WHERE discovered NOT NULL")
                _count_discoveries(self._db, [json.loads(d) for (d,) in rows], +1)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def discoveries(self, ignore: Set[str] = frozenset()) -> list[list[Any]]:
        """Every entity discovered in the indexed articles, as stored, but those found only
        in ``ignore`` (files changed or removed since they were stored)."""
        with self._lock:
            ignored: dict[str, int] = {}
            for path in ignore:
                for entity_id in self._discovered_in(path):
                    ignored[entity_id] = ignored.get(entity_id, 0) + 1
            rows = self._db.execute("SELECT id, entity, articles FROM discoveries ORDER BY id")
            return [json.loads(e) for i, e, n in rows.fetchall() if n > ignored.get(i, 0)]

    def discovered_in(self, paths: Set[str]) -> list[list[Any]]:
        """The entities discovered in these files when they were stored, as stored."""
        with self._lock:
            return [e for path in paths for e in self._discovered_in(path).values()]

    def _discovered_in(self, path: str) -> dict[str, list[Any]]:
        row = self._db.execute(
            "SELECT discovered FROM sources WHERE path = ? AND discovered NOT NULL",
            (os.fsencode(path),),
        ).fetchone()
        return _distinct_ids(json.loads(row[0]) if row else [])

    def fingerprint(self, path: str) -> Fingerprint | None:
        """The stored fingerprint of an indexed file."""
        with self._lock:
            row = self._db.execute(
                "SELECT fingerprint FROM sources WHERE path = ? AND indexed", (os.fsencode(path),)
            ).fetchone()
        return Fingerprint.from_json(_unpack(row[0])) if row and row[0] else None

    def original_of(self, print_: Fingerprint, ignore: set[str]) -> str | None:
        """The indexed file that ``print_`` is a near-duplicate of, or None; files in
        ``ignore`` (changed or removed since they were stored) are not candidates."""
        with self._lock:
            for (path,) in self._db.execute(
                "SELECT path FROM sources WHERE exact = ? AND indexed ORDER BY path",
                (print_.exact,),
            ):
                if os.fsdecode(path) not in ignore:
                    return os.fsdecode(path)
            hashes = _lookup_hashes(print_)
            if not hashes:
                return None
            marks = ",".join("?" * len(hashes))
            candidates = self._db.execute(
                "SELECT path FROM sources JOIN ("
                f"  SELECT source, COUNT(*) AS shared FROM shingles WHERE hash IN ({marks})"
                "   GROUP BY source ORDER BY shared DESC, source LIMIT ?"
                ") ON id = source ORDER BY shared DESC, source",
                (*hashes, CANDIDATES + len(ignore)),
            ).fetchall()
        for (key,) in candidates:
            path = os.fsdecode(key)
            other = None if path in ignore else self.fingerprint(path)
            if other is not None and is_near_duplicate(print_, other):
                return path
        return None

    def save(
        self,
        changes: dict[str, Change],
        removed: Iterable[str],
        touched: Set[str] = frozenset(),
        replace_all: bool = False,
    ) -> None:
        """Replace the rows of changed files and drop removed ones, all or nothing; for
        ``touched`` files (same content, new stat) only the entry changes. With
        ``replace_all`` (a rebuild) the changes replace every row, in the same transaction."""
        updates = [
            (json.dumps(_entry_to_json(changes[p].entry)), os.fsencode(p)) for p in sorted(touched)
        ]
        changes = {p: c for p, c in changes.items() if p not in touched}
        gone = [(os.fsencode(p),) for p in (*removed, *changes)]
        rows = [
            (
                os.fsencode(path),
                json.dumps(_entry_to_json(change.entry)),
                change.entry.indexed,
                _packed_facts(change.facts),
                _discovered_json(change),
                change.fingerprint.exact if change.fingerprint else None,
                _pack(change.fingerprint.to_json()) if change.fingerprint else None,
            )
            for path, change in changes.items()
        ]
        try:
            with self._lock, self._db:
                if replace_all:
                    for table in ("sources", "shingles", "discoveries"):
                        self._db.execute(f"DELETE FROM {table}")
                replaced = [
                    json.loads(row[0])
                    for key in gone
                    for row in self._db.execute(
                        "SELECT discovered FROM sources WHERE path = ? AND discovered NOT NULL",
                        key,
                    )
                ]
                _count_discoveries(self._db, replaced, -1)
                _count_discoveries(self._db, [json.loads(r[4]) for r in rows if r[4]], +1)
                self._db.executemany(
                    "DELETE FROM shingles WHERE source IN (SELECT id FROM sources WHERE path = ?)",
                    gone,
                )
                self._db.executemany("DELETE FROM sources WHERE path = ?", gone)
                for row, change in zip(rows, changes.values(), strict=True):
                    cursor = self._db.execute(
                        "INSERT INTO sources (path, entry, indexed, facts, discovered, exact, "
                        "fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        row,
                    )
                    if change.fingerprint and change.entry.indexed:
                        source = cursor.lastrowid
                        hashes = _lookup_hashes(change.fingerprint)
                        self._db.executemany(
                            "INSERT OR IGNORE INTO shingles VALUES (?, ?)",
                            [(value, source) for value in hashes],
                        )
                self._db.executemany("UPDATE sources SET entry = ? WHERE path = ?", updates)
        except sqlite3.Error as error:
            raise IndexUnavailable(
                f"The library's list of articles could not be saved ({error}); searching "
                "still works, and the next refresh will repair it."
            ) from error
        with self._lock:
            self._version = self._data_version()

    def clear(self) -> None:
        """Forget every file (a rebuild from scratch)."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM sources")
            self._db.execute("DELETE FROM shingles")
            self._db.execute("DELETE FROM discoveries")

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


def _distinct_ids(discovered: list[list[Any]]) -> dict[str, list[Any]]:
    """An article's stored discoveries by entity id (the id is each one's first field)."""
    return {entity[0]: entity for entity in discovered}


def _count_discoveries(db: sqlite3.Connection, articles: list[list[list[Any]]], step: int) -> None:
    """Count each article's discoveries once more (``step`` 1) or once less (-1); an entity
    no article finds any more is dropped."""
    counted: dict[str, int] = {}
    first: dict[str, str] = {}
    for discovered in articles:
        for entity_id, entity in _distinct_ids(discovered).items():
            counted[entity_id] = counted.get(entity_id, 0) + step
            first.setdefault(entity_id, json.dumps(entity))
    db.executemany(
        "INSERT INTO discoveries VALUES (?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET articles = articles + excluded.articles",
        [(entity_id, first[entity_id], n) for entity_id, n in counted.items()],
    )
    if step < 0:
        db.execute("DELETE FROM discoveries WHERE articles <= 0")


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return db.execute(query, (name,)).fetchone() is not None


def _lookup_hashes(print_: Fingerprint) -> list[int]:
    """The hashes a fingerprint is filed and looked up under: all of a short text's, a sample
    of a long text's sample (a short text filed in full still meets a long one's sample)."""
    if print_.full:
        return sorted(print_.hashes)
    return sorted(h for h in print_.hashes if h % LOOKUP_MODULUS == 0)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # a window reads while a child indexer writes
        db.execute("PRAGMA synchronous=NORMAL")  # derived data: a lost last commit is rebuilt
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails on a damaged file
    except sqlite3.Error:
        db.close()
        raise
    return db


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """The file opened for reading only (a read-only data folder). A WAL file needs its
    shared-memory file, which a read-only folder cannot get: then it is read as immutable."""
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        db = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True, check_same_thread=False)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:
            db.close()
    raise sqlite3.OperationalError(f"unable to open {path} for reading")


def _stored_meta(db: sqlite3.Connection) -> dict[str, str]:
    """What made the tables (key and layout), or nothing for a new or foreign file."""
    try:
        return dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError:
        return {}


def _pack(data: dict[str, Any]) -> bytes:
    """Compressed JSON: evidence sentences and hash lists are the bulk of a row."""
    return zlib.compress(json.dumps(data).encode(), 1)


def _packed_facts(facts: dict[str, Any] | bytes | None) -> bytes | None:
    return _pack(facts) if isinstance(facts, dict) else facts


def _discovered_json(change: Change) -> str | None:
    if isinstance(change.facts, dict):
        found = change.facts.get("discovered")
        return json.dumps(found) if found else None
    return change.discovered


def _unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob))


def _entry_to_json(entry: Entry) -> dict[str, Any]:
    return dataclasses.asdict(entry)


def _entry_from_json(text: str) -> Entry:
    data = json.loads(text)
    data["stat"] = tuple(data["stat"])
    return Entry(**data)
