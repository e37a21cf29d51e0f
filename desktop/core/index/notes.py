"""The notes index: the user's bookmark notes and tags, searchable with the articles.

Derived data, never the source of truth: the bookmarks live in their SQLite store, and this
small Whoosh index is rebuilt from them whenever they change. It sits in a folder of its own
beside the article index (``<data>/notes-index/``), so the article index's schema, its writers
and its rebuilds are untouched, and a damaged or missing notes index costs one rebuild of a
few thousand short documents, never a bookmark.

Each build goes in a folder named after a fingerprint of what it holds, written under a
temporary name and renamed into place whole: a window and a command that rebuild at the same
time each make a complete one (the same one, for the same bookmarks), and a reader never sees
half an index. Older builds are removed afterwards. Where the data folder cannot be written,
the index is built in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from whoosh import fields, index, qparser
from whoosh.filedb.filestore import RamStorage

from desktop.core.bookmarks.model import Bookmark
from desktop.core.index.analysis import ANALYZER, term_spans
from desktop.core.model import NoteMatch, Snippet

FOLDER = "notes-index"
#: Part of every fingerprint: a new schema here makes every older build stale.
SCHEMA_VERSION = 1
#: How much of a long note a result shows (from its first match).
SNIPPET_CHARS = 240


def _schema() -> fields.Schema:
    text = dict(analyzer=ANALYZER, stored=True)
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        article_id=fields.ID(stored=True),
        passage_id=fields.STORED(),
        quote=fields.STORED(),
        note=fields.TEXT(phrase=True, **text),
        tags=fields.TEXT(field_boost=0.8, **text),
        tag_list=fields.STORED(),
        title=fields.STORED(),
        date=fields.STORED(),
        source=fields.STORED(),
    )


def fingerprint(bookmarks: Sequence[Bookmark]) -> str:
    """What the index built from ``bookmarks`` holds, as a short hash: same bookmarks, same
    fingerprint, whatever their order."""
    digest = hashlib.blake2b(str(SCHEMA_VERSION).encode(), digest_size=10)
    for b in sorted(bookmarks, key=lambda b: b.id):
        fields_ = (b.id, b.article_id, b.passage_id, b.quote, b.note, list(b.tags))
        citation = (b.article_title, b.article_date, b.article_source)
        digest.update(json.dumps([*fields_, *citation]).encode())
    return digest.hexdigest()


class NotesIndex:
    """The notes of ``<data_dir>/notes-index``, kept current by :meth:`update`.

    Thread-safe: a search and an update may come from two threads.
    """

    def __init__(self, data_dir: Path) -> None:
        self.folder = Path(data_dir) / FOLDER
        self._lock = threading.Lock()
        self._index: Any = None
        self._fingerprint: str | None = None

    def update(self, bookmarks: Sequence[Bookmark]) -> bool:
        """Make the index hold ``bookmarks`` (only those with a note or tags); True if it
        had to be built (or opened from another process's build)."""
        wanted = [b for b in bookmarks if b.note.strip() or b.tags]
        key = fingerprint(wanted)
        with self._lock:
            if key == self._fingerprint:
                return False
            if not wanted:  # nothing to search: no folder is made for an empty index
                self._index = None
            else:
                self._index = self._open(key) or self._build(key, wanted)
            self._fingerprint = key
        return True

    def _open(self, key: str) -> Any:
        folder = self.folder / key
        try:
            if folder.is_dir() and index.exists_in(str(folder)):
                return index.open_dir(str(folder))
        except (OSError, index.IndexError, ValueError, EOFError):
            shutil.rmtree(folder, ignore_errors=True)  # damaged: built again below
        return None

    def _build(self, key: str, bookmarks: Sequence[Bookmark]) -> Any:
        temporary = self.folder / f".{key}.{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            temporary.mkdir(parents=True)
            built = index.create_in(str(temporary), _schema())
            _write(built, bookmarks)
            built.close()
            try:
                temporary.rename(self.folder / key)
            except OSError:
                shutil.rmtree(temporary, ignore_errors=True)  # another process's is there
            self._sweep(key)
            opened = self._open(key)
            if opened is not None:
                return opened
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)
        # A data folder that cannot be written: the notes are searched from memory.
        in_memory = RamStorage().create_index(_schema())
        _write(in_memory, bookmarks)
        return in_memory

    def _sweep(self, key: str) -> None:
        """Remove the older builds (a build another process still reads keeps its files open)."""
        for folder in self.folder.iterdir():
            if folder.name != key and not folder.name.startswith("."):
                shutil.rmtree(folder, ignore_errors=True)

    def search(self, text: str, limit: int) -> list[NoteMatch]:
        """The bookmarks whose note or tags match ``text`` (in the index's syntax, as
        :func:`desktop.core.query.for_notes` writes it), best first."""
        with self._lock:
            ix = self._index
        if ix is None or not text.strip():
            return []
        parser = qparser.MultifieldParser(["note", "tags"], ix.schema, group=qparser.AndGroup)
        parser.add_plugin(qparser.FuzzyTermPlugin())
        parsed = parser.parse(text)
        wanted = {
            term.decode() if isinstance(term, bytes) else term
            for _f, term in parsed.iter_all_terms()
        }
        with ix.searcher() as searcher:
            return [_match(hit, wanted) for hit in searcher.search(parsed, limit=limit)]

    def close(self) -> None:
        """Let the index's files go."""
        with self._lock:
            if self._index is not None:
                self._index.close()
            self._index, self._fingerprint = None, None


def _write(ix: Any, bookmarks: Sequence[Bookmark]) -> None:
    writer = ix.writer()
    for b in bookmarks:
        writer.add_document(
            id=b.id,
            article_id=b.article_id,
            passage_id=b.passage_id,
            quote=b.quote,
            note=b.note,
            tags=" ; ".join(b.tags),
            tag_list=list(b.tags),
            title=b.article_title,
            date=b.article_date,
            source=b.article_source,
        )
    writer.commit()


def _snippet(text: str, wanted: set[str]) -> Snippet:
    """``text`` with the words whose terms are ``wanted`` marked, cut around the first."""
    marks = [(start, end) for term, start, end in term_spans(text) if term in wanted]
    if len(text) <= SNIPPET_CHARS or not marks:
        cut = text[:SNIPPET_CHARS]
        return Snippet(cut, tuple(m for m in marks if m[1] <= len(cut)))
    begin = max(0, marks[0][0] - SNIPPET_CHARS // 4)
    cut = text[begin : begin + SNIPPET_CHARS]
    shifted = [(s - begin, e - begin) for s, e in marks if s >= begin and e - begin <= len(cut)]
    return Snippet(cut, tuple(shifted))


def _match(hit: Any, wanted: set[str]) -> NoteMatch:
    """A NoteMatch from stored fields (a value that was None or empty is not stored)."""
    stored = hit.fields()
    note, tags = stored.get("note", ""), tuple(stored.get("tag_list") or ())
    shown = note if note.strip() else ", ".join(tags)
    return NoteMatch(
        bookmark_id=stored["id"],
        article_id=stored["article_id"],
        passage_id=stored.get("passage_id", ""),
        quote=stored.get("quote", ""),
        note=note,
        tags=tags,
        title=stored.get("title", ""),
        date=stored.get("date"),
        source=stored.get("source", ""),
        score=round(float(hit.score or 0.0), 4),
        snippet=_snippet(shown, wanted),
    )
