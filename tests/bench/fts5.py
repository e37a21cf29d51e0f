"""The same corpus and queries through SQLite FTS5: a baseline measured on the same machine.

Why: the machine is shared and noisy, so absolute milliseconds drift between runs; the ratio
InnoAtlas / FTS5 on the same run does not drift as much and says how far Whoosh is from a
native engine.

What makes it comparable:

- two tables, as InnoAtlas holds two kinds of document: ``articles(title, body)`` and
  ``passages(title, body)`` (one row per paragraph), Porter stemming and accent folding
  (``porter unicode61 remove_diacritics 2``), prefix indexes of 1-4 characters for typing;
- every query counts all its matches (Whoosh does, for the result total), orders by ``bm25()``
  with the title weighted 3x, and builds a ``snippet()`` for each hit it returns;
- ``word~`` is expanded to the vocabulary's stems within the same edit distance InnoAtlas uses,
  first letter fixed, like Whoosh's ``terms_within(prefix=1)``; FTS5 has no fuzzy matching.

What it does not do: no cleaning of site chrome, no article structure (first line is the
title, every other non-blank line a paragraph), no answer re-ranking of questions (plain bm25
over any of the question's words), and CJK runs stay one token (``unicode61``).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

TOKENIZE = "porter unicode61 remove_diacritics 2"
SNIPPET_TOKENS = 24


@dataclass(frozen=True)
class Fts5Hit:
    """One result: where it came from, its title, its snippet and its score."""

    path: str
    title: str
    snippet: str
    score: float


def split_article(text: str) -> tuple[str, list[str]]:
    """(title, paragraphs) of a raw article file: the first non-blank line is the title.

    >>> split_article("Title\\n\\nMarch 3, 2023\\nFirst.\\n\\nSecond.\\n")
    ('Title', ['March 3, 2023', 'First.', 'Second.'])
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "", []
    return lines[0], lines[1:]


def source_files(folder: Path) -> Iterator[Path]:
    """Every ``.txt`` file under ``folder`` (hidden ones skipped), in a stable order."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".txt") and not name.startswith("."):
                yield Path(root, name)


def quote(word: str) -> str:
    """A word as an FTS5 string (no operator or punctuation can break the query).

    >>> print(quote("start-up"), quote('a"b'))
    "start-up" "a""b"
    """
    return '"' + word.replace('"', '""') + '"'


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit`` (then ``limit + 1``).

    >>> edit_distance("kitten", "sitting", 3), edit_distance("abc", "xyz", 1)
    (3, 2)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


class Fts5Library:
    """An FTS5 database of a corpus folder: build it, update one file, search it."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.db = sqlite3.connect(str(db_path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._stems: dict[tuple[str, int], list[str]] | None = None

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def create(self) -> None:
        """Create empty tables."""
        self.db.executescript(
            f"""
            DROP TABLE IF EXISTS articles;
            DROP TABLE IF EXISTS passages;
            CREATE VIRTUAL TABLE articles USING fts5(
                path UNINDEXED, title, body, tokenize='{TOKENIZE}', prefix='1 2 3 4');
            CREATE VIRTUAL TABLE passages USING fts5(
                path UNINDEXED, ordinal UNINDEXED, title, body, tokenize='{TOKENIZE}');
            """
        )

    def _insert(self, paths: Iterable[Path]) -> int:
        count = 0
        for path in paths:
            title, paragraphs = split_article(path.read_text("utf-8", errors="replace"))
            self.db.execute(
                "INSERT INTO articles(path, title, body) VALUES (?, ?, ?)",
                (str(path), title, "\n\n".join(paragraphs)),
            )
            self.db.executemany(
                "INSERT INTO passages(path, ordinal, title, body) VALUES (?, ?, ?, ?)",
                [(str(path), n, title, p) for n, p in enumerate(paragraphs)],
            )
            count += 1
        return count

    def build(self, folder: Path) -> int:
        """Index every file under ``folder`` in one transaction, then optimise; returns count."""
        self.create()
        self.db.execute("BEGIN")
        count = self._insert(source_files(folder))
        self.db.execute("COMMIT")
        for table in ("articles", "passages"):
            self.db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        self._stems = None
        return count

    def update(self, path: Path) -> None:
        """Replace one file's rows (delete, insert, commit)."""
        self.db.execute("BEGIN")
        for table in ("articles", "passages"):
            self.db.execute(f"DELETE FROM {table} WHERE path = ?", (str(path),))
        self._insert([path])
        self.db.execute("COMMIT")
        self._stems = None

    def _stem_buckets(self) -> dict[tuple[str, int], list[str]]:
        """The articles' stems by (first letter, length), read once (for ``word~``)."""
        if self._stems is None:
            self.db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, articles, row)"
            )
            buckets: dict[tuple[str, int], list[str]] = {}
            for (term,) in self.db.execute("SELECT term FROM temp.vocab"):
                buckets.setdefault((term[:1], len(term)), []).append(term)
            self._stems = buckets
        return self._stems

    def fuzzy_terms(self, word: str, limit: int = 20) -> list[str]:
        """Stems within InnoAtlas's edit distance of ``word`` (a stem may drop a suffix)."""
        word = word.lower()
        maxdist = 2 if len(word) >= 6 else 1
        buckets = self._stem_buckets()
        found = []
        for length in range(max(1, len(word) - 3), len(word) + maxdist + 1):
            for term in buckets.get((word[:1], length), ()):
                target = word[: len(term)] if len(term) < len(word) else word
                if edit_distance(target, term, maxdist) <= maxdist:
                    found.append(term)
        return sorted(found)[:limit]

    def match_expression(self, words: list[str], kind: str) -> str:
        """The MATCH string for a row's words; ``kind`` is one of the bench's query kinds."""
        if kind == "phrase":
            return quote(" ".join(words))
        if kind == "prefix":
            return " ".join([*map(quote, words[:-1]), quote(words[-1]) + " *"])
        if kind == "fuzzy":
            terms = self.fuzzy_terms(words[0]) or [words[0]]
            return "(" + " OR ".join(map(quote, terms)) + ")"
        if kind == "any":
            return " OR ".join(map(quote, words))
        return " ".join(map(quote, words))

    def search(self, match: str, passages: bool, limit: int) -> tuple[int, list[Fts5Hit]]:
        """The total number of matches and the best ``limit`` hits with snippets."""
        table = "passages" if passages else "articles"
        body = 3 if passages else 2
        weights = "0, 0, 3.0, 1.0" if passages else "0, 3.0, 1.0"
        (total,) = self.db.execute(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (match,)
        ).fetchone()
        rows = self.db.execute(
            f"SELECT path, title, snippet({table}, {body}, '[', ']', '…', {SNIPPET_TOKENS}),"
            f" bm25({table}, {weights}) AS score FROM {table} WHERE {table} MATCH ?"
            " ORDER BY score LIMIT ?",
            (match, limit),
        ).fetchall()
        return int(total), [Fts5Hit(p, t, s, float(score)) for p, t, s, score in rows]

    def size_mb(self) -> float:
        """The database's size on disk (main file and write-ahead log)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        files = [self.db_path, Path(str(self.db_path) + "-wal")]
        return sum(f.stat().st_size for f in files if f.exists()) / 2**20
