"""The full-text index: the only module that imports Whoosh.

One Whoosh index on disk holds two kinds of documents: one per article (title and whole body,
plus the clean article as a stored payload so nothing needs re-parsing to show it) and one per
paragraph (for passage search). Every result is copied into core dataclasses while the searcher
is open, so no Whoosh object ever leaves this module.

The analyzer folds case and accents, maps British spellings to American ones before Porter2
stemming (so "specialise" finds "specializing"), indexes hyphenated words both as parts and
joined ("start-ups" finds "startups"), and turns runs of CJK characters into overlapping bigrams.
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import errno
import functools
import gc
import heapq
import itertools
import json
import multiprocessing
import os
import re
import shutil
import threading
import uuid
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from whoosh import (
    collectors,
    columns,
    fields,
    highlight,
    index,
    qparser,
    query,
    searching,
    sorting,
    writing,
)
from whoosh.analysis import Analyzer, Token
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.lang.porter2 import stem as porter2_stem
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.support.charset import accent_map

from desktop.core.errors import (
    IndexBusy,
    IndexDamaged,
    IndexUnavailable,
    InnoAtlasError,
    QueryNotUnderstood,
)
from desktop.core.lifetime import die_with_parent
from desktop.core.model import (
    Article,
    ArticleDate,
    Block,
    Hit,
    Removal,
    Snippet,
)
from desktop.core.progress import NullProgress, Progress, check_cancelled
from desktop.core.text import is_cjk

#: A search that takes longer than this is stopped and shows what it found so far.
SEARCH_SECONDS = 2.0
#: An uncounted search (a keystroke) shows what it found in this long: on a large library
#: Whoosh's block skipping still walks thousands of matches for common words, and the
#: counted search that follows gives the full ranking.
QUICK_SECONDS = 0.04
#: The answer ranker's candidate passages are those found in this long: a question's rarest
#: words can still match a few per cent of a large library's paragraphs each (one question
#: of twenty took over 4 s at 100,000 articles), and the ranker re-scores only 40 anyway.
ANSWER_SECONDS = 0.4
#: A wildcard or prefix matches at most this many words (the most frequent are kept).
MAX_EXPANSION = 256

#: Search-as-you-type lets a word being typed stand for this many of its completions, by the
#: number of letters typed: the fewer letters, the more common (and costly to match) they are.
COMPLETIONS = (4, 4, 6, 8)
#: A refresh writing at least this many articles splits the work over the machine's cores.
PARALLEL_FROM = 200
#: At most this many writer processes (each holds one segment's postings in memory).
MAX_WRITERS = 4

#: Bump when the schema or the analyzer changes: the index is then rebuilt from the sources.
SCHEMA_VERSION = 5
_META_FILE = "innoatlas-index.json"
#: The size of every segment file at its commit, and the mark of an index found damaged.
_FILES_FILE = "innoatlas-files.json"
_DAMAGED_FILE = "innoatlas-damaged"
_MARK_START, _MARK_END = "\ue000", "\ue001"

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "have",
        "if",
        "in",
        "is",
        "it",
        "may",
        "not",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "us",
        "we",
        "when",
        "will",
        "with",
        "yet",
        "you",
        "your",
        "its",
        "their",
        "his",
        "her",
        "our",
        "was",
        "were",
        "been",
        "has",
        "had",
        "do",
        "does",
        "did",
        "s",
        "t",
    ]
) | frozenset("bcdefghjklmnopqruvwxyz")

# ---------------------------------------------------------------------------------------------
# Analysis


_TOKEN = re.compile(
    r"(?P<cjk>[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+)"
    r"|(?P<word>\w+(?:[&.]\w+)*(?:[-\u2010\u2011]\w+(?:[&.]\w+)*)*)"
)
_HYPHEN = re.compile(r"[-\u2010\u2011]")


class _Analyzer(Analyzer):  # type: ignore[misc]
    """Words (hyphenated parts plus the joined form) and CJK bigrams, case and accents folded,
    stop words dropped, British spellings made American, then Porter2 stems.

    One generator instead of a tokenizer and four filters: this runs for every word of every
    article, and each extra stage cost a generator hop per token. It behaves as the chain
    ``tokenizer | LowercaseFilter | CharsetFilter(accent_map) | StopFilter | stem`` did,
    positions renumbered over the kept words included; ``no_morph`` (Whoosh's request for the
    spelling words) skips the stemming. It holds no state, so the schema pickles small.
    """

    def has_morph(self) -> bool:
        return True  # so Whoosh keeps a separate field of unstemmed spelling words

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        pos = start_pos - 1  # renumbered over the kept words, as StopFilter(renumber=True)
        for match in _TOKEN.finditer(value):
            for text, start, end in _pieces(match, mode == "query"):
                folded = text.lower().translate(accent_map)
                stopped = folded in STOP_WORDS
                if stopped and removestops:
                    continue
                token.text = folded if no_morph else _stem(folded)
                token.stopped = stopped
                if keeporiginal:
                    token.original = text
                if positions:
                    if stopped:
                        token.pos = pos + 1
                    else:
                        pos += 1
                        token.pos = pos
                if chars:
                    token.startchar = start_char + start
                    token.endchar = start_char + end
                yield token


def _pieces(match: re.Match[str], query_mode: bool) -> Iterator[tuple[str, int, int]]:
    """(text, start, end) for one regex match: a word, its hyphenated parts, or CJK bigrams."""
    start = match.start()
    if match.group("cjk"):
        run = match.group("cjk")
        if len(run) == 1:
            yield run, start, start + 1
        for i in range(len(run) - 1):
            yield run[i : i + 2], start + i, start + i + 2
        return
    word = match.group("word")
    parts = _HYPHEN.split(word)
    if len(parts) == 1:
        yield word, start, match.end()
        return
    yield "".join(parts), start, match.end()
    if query_mode:
        return
    offset = start
    for part in parts:
        yield part, offset, offset + len(part)
        offset += len(part) + 1


_BRITISH = [
    (re.compile(r"^programme(s?)$"), r"program\1"),
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w{3,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{3,})tre(s?)$"), r"\1ter\2"),
    (re.compile(r"^(\w{3,})our(s|ed|ing|able)?$"), r"\1or\2"),
]


def american_spelling(word: str) -> str:
    """Map common British spellings to American ones, so both stem alike.

    >>> [american_spelling(w) for w in ["specialise", "programmes", "centre", "labour", "four"]]
    ['specialize', 'programs', 'center', 'labor', 'four']
    """
    for pattern, replacement in _BRITISH:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return word


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """British-to-American spelling, then Porter2; CJK bigrams and numbers pass unchanged."""
    return word if is_cjk(word[0]) else porter2_stem(american_spelling(word))


_ANALYZER = _Analyzer()


def analyze(text: str) -> list[str]:
    """The index terms of ``text``, in order (stems, stop words removed).

    >>> analyze("Start-ups are collaborating on 香港科技")
    ['startup', 'start', 'up', 'collabor', '香港', '港科', '科技']
    """
    return [term for term, _start, _end in term_spans(text)]


@functools.lru_cache(maxsize=4096)
def term_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each index term of ``text`` with its character span.

    Cached: answering re-reads the same candidate paragraphs for every keystroke of a question.
    """
    return tuple((t.text, t.startchar, t.endchar) for t in _ANALYZER(text, chars=True))


def query_terms(text: str) -> list[str]:
    """The terms a query word becomes (hyphenated words joined, as the query parser does)."""
    return [t.text for t in _ANALYZER(text, mode="query")]


# ---------------------------------------------------------------------------------------------
# Schema and documents


def _schema() -> fields.Schema:
    text = dict(analyzer=_ANALYZER, phrase=True, chars=True)
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        kind=fields.ID(stored=True),
        article_id=fields.ID(stored=True),
        passage_id=fields.STORED(),
        ordinal=fields.STORED(),
        title=fields.TEXT(stored=True, field_boost=3.0, spelling=True, **text),
        body=fields.TEXT(stored=True, spelling=True, multitoken_query="phrase", **text),
        # Passage documents have fields of their own, lighter than the article's: no spelling
        # words (the article already gives them), no character offsets on the title.
        ptext=fields.TEXT(stored=True, multitoken_query="phrase", **text),
        ptitle=fields.TEXT(analyzer=_ANALYZER, stored=True, field_boost=0.5),
        pcontext=fields.TEXT(analyzer=_ANALYZER, field_boost=0.3),
        # One term per value (shift_step=0), not eight: a library has a few thousand distinct
        # dates, so a range query enumerates them cheaply, and every document saves 14 postings.
        date=fields.NUMERIC(int, bits=32, stored=True, sortable=True, signed=False, shift_step=0),
        year=fields.NUMERIC(int, bits=32, sortable=True, signed=False, shift_step=0),
        entity=fields.KEYWORD(commas=True),
        # The same ids as one value per document, for counting facets (see _ListFacet).
        entities=fields.COLUMN(columns.VarBytesColumn()),
        etype=fields.KEYWORD(commas=True),
        source=fields.ID(stored=True, sortable=True),
        path=fields.ID(stored=True),
        stat=fields.STORED(),
        content_hash=fields.STORED(),
        payload=fields.STORED(),
    )


def article_body(article: Article) -> str:
    """The text indexed as an article's body; highlight offsets refer to it."""
    parts = [p for p in (article.kicker, article.lead_question) if p]
    parts += [block.text for block in article.blocks]
    return "\n\n".join(parts)


def _payload(article: Article) -> str:
    return json.dumps(
        {
            "id": article.id,
            "title": article.title,
            "source": article.source,
            "kicker": article.kicker,
            "lead_question": article.lead_question,
            "date": article.date.iso() if article.date else None,
            "content_hash": article.content_hash,
            "authors": list(article.authors),
            "blocks": [[b.id, b.kind, b.text] for b in article.blocks],
            "removals": [[r.line, r.text, r.rule, r.reason] for r in article.removals],
        },
        ensure_ascii=False,
    )


def _article_from_payload(payload: str) -> Article:
    data = json.loads(payload)
    return Article(
        id=data["id"],
        title=data["title"],
        source=data["source"],
        blocks=tuple(Block(i, kind, text) for i, kind, text in data["blocks"]),
        kicker=data["kicker"],
        lead_question=data["lead_question"],
        date=ArticleDate.from_iso(data["date"]) if data["date"] else None,
        content_hash=data["content_hash"],
        authors=tuple(data.get("authors", ())),
        removals=tuple(Removal(*r) for r in data["removals"]),
    )


def _entity_fields(ids: set[str]) -> dict[str, Any]:
    """The entity ids of a document, searchable and as a column for facets."""
    ordered = sorted(ids)
    return {"entity": ",".join(ordered), "entities": " ".join(ordered).encode()}


#: Per block id, the (entity id, entity type) pairs mentioned in it.
EntityTags = dict[str, list[tuple[str, str]]]


# ---------------------------------------------------------------------------------------------
# Queries


@dataclass(frozen=True)
class Outcome:
    """What one search found.

    Attributes:
        total: how many documents matched.
        hits: the best ``limit`` of them, with snippets.
        facets: per facet (entity, year, source), each value's count over every match.
        complete: False when the time limit stopped the search early.
        exact: False when ``total`` is an estimate (an uncounted search).
    """

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    complete: bool = True
    exact: bool = True


@dataclass(frozen=True)
class Candidate:
    """A passage found by a loose (any-word) search, for the answer ranker to re-score."""

    article_id: str
    passage_id: str
    ordinal: int
    text: str
    score: float


#: A query's field clauses (left as typed), else its plain words: not part of a pattern or a
#: fuzzy word, no digits.
_PLAIN_WORD = re.compile(
    r'(?P<clause>\b\w+:(?:"[^"]*"|\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|\S+))'
    r"|(?<![\w~*?\\-])(?P<word>[^\W\d_]+)(?![\w:~*?])"
)
_OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})
_FUZZY = re.compile(r"(?<![\w~])(\w+)~(\d?)(?![\w~])")


@dataclass(frozen=True)
class _Fields:
    """The fields one kind of document is searched in, and what users may call them."""

    text: str
    title: str
    default: tuple[str, ...]


FIELDS = {
    "article": _Fields("body", "title", ("title", "body")),
    "passage": _Fields("ptext", "ptitle", ("ptext", "pcontext")),
}


def _parser(kind: str, schema: fields.Schema, any_word: bool) -> Any:
    names = FIELDS[kind]
    group = qparser.OrGroup.factory(0.9) if any_word else qparser.AndGroup
    parser = qparser.MultifieldParser(list(names.default), schema, group=group)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    aliases = {
        names.text: ["text", "content", "body"] if names.text != "body" else ["text", "content"],
        names.title: ["headline", "title"] if names.title != "title" else ["headline"],
        "etype": ["type"],
    }
    parser.add_plugin(qparser.FieldAliasPlugin(aliases))
    return parser


class SearchIndex:
    """A Whoosh index in ``folder``: one writer at a time, one long-lived searcher.

    Reads go through a searcher that is refreshed after each commit (a new searcher per query
    would cost ~80 ms on a large index). All methods are thread-safe.

    The index is derived data. An index that is outdated or damaged is started again, but only
    by an opening allowed to ``reset`` it (one that holds the library's index lock: another
    process may be half-way through writing it). Damage shows at opening (a segment file whose
    size is not the one its commit recorded: a truncated file) or when it is read (Whoosh
    fails on bytes it did not write): then :class:`IndexDamaged` is raised and the index is
    marked, so that the next opening allowed to reset it starts it again.

    Attributes:
        folder: the index folder.
        was_reset: True when opening started the index again.
        was_damaged: True when that was because it was damaged (not outdated).
    """

    def __init__(self, folder: Path, reset: bool = True) -> None:
        self.folder = folder
        self.was_reset = False
        self.was_damaged = False
        self._lock = threading.RLock()
        self._completions: Completions | None = None  # built when first typed, then revised
        try:
            self._index = self._open_or_create(reset)
            self._opened_made = self._made()
            self._searcher = self._index.searcher()
        except OSError as error:
            raise IndexUnavailable(
                f"The index in {folder} cannot be opened: {error.strerror or error}."
            ) from error

    # -- lifecycle -----------------------------------------------------------------------------

    def _open_or_create(self, reset: bool) -> Any:
        meta = self.folder / _META_FILE
        if self.folder.exists() and any(self.folder.iterdir()):
            with warnings.catch_warnings():
                # Whoosh leaves a damaged index's files open: close them quietly.
                warnings.simplefilter("ignore", ResourceWarning)
                ix = self._open_existing(meta)
                gc.collect()
            if ix is not None:
                return ix
            if not reset and self.was_damaged:
                raise IndexDamaged(
                    "The library's index is damaged, and cannot be rebuilt now (another "
                    "InnoAtlas is changing it, or the data folder cannot be written). Your "
                    "bookmarks, notes and corrections are not touched."
                )
            if not reset:
                raise IndexBusy(
                    "The library's index is being rebuilt by another InnoAtlas; try again when "
                    "it has finished."
                )
            self.was_reset = True
            _remove_index_files(self.folder)
        elif not reset:
            raise IndexBusy(
                "The library's index is being built by another InnoAtlas; try again when it "
                "has finished."
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(self.folder), _schema())
        # Each index made gets a name of its own: one started again restarts Whoosh's
        # generations, and a process still reading the old one must see it is another.
        meta.write_text(
            json.dumps({"schema_version": SCHEMA_VERSION, "made": uuid.uuid4().hex}), "utf-8"
        )
        return ix

    def _open_existing(self, meta: Path) -> Any:
        """The index on disk, or None when it is outdated or damaged (derived data: rebuild);
        :attr:`was_damaged` says which."""
        try:
            version = json.loads(meta.read_text("utf-8")).get("schema_version")
        except (OSError, ValueError, AttributeError):
            version = None
        if version != SCHEMA_VERSION:
            return None
        self.was_damaged = True
        try:
            if (self.folder / _DAMAGED_FILE).exists():
                return None
            ix = index.open_dir(str(self.folder))
            if not self._files_as_committed(ix):
                ix.close()
                return None
            ix.doc_count()  # touches the segments: fails on damage
        except Exception:  # noqa: BLE001 - any failure to open derived data means rebuild
            return None
        self.was_damaged = False
        return ix

    def _segment_files(self, ix: Any) -> dict[str, int]:
        """The files of the index's current segments, with their sizes."""
        prefixes = tuple(f"{segment.segment_id()}." for segment in ix._segments())
        return {
            entry.name: entry.stat().st_size
            for entry in os.scandir(self.folder)
            if entry.name.startswith(prefixes)
        }

    def _record_files(self) -> None:
        """Write down the size of every segment file just committed: a file that later has
        another size was cut short (a full disk, a copy that stopped), which Whoosh does not
        always notice, and then answers searches wrongly."""
        record = self.folder / _FILES_FILE
        temporary = record.with_name(record.name + ".tmp")
        temporary.write_text(json.dumps(self._segment_files(self._index)), "utf-8")
        os.replace(temporary, record)

    def _files_as_committed(self, ix: Any) -> bool:
        """False when a current segment file is missing or not the size recorded for it.

        Files committed by another process after the record was written are not in it yet,
        and pass: only what the record knows is checked.
        """
        try:
            recorded = json.loads((self.folder / _FILES_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return True  # an index of an older version, or one not yet recorded
        present = self._segment_files(ix)
        prefixes = {name.split(".", 1)[0] for name in present}
        return all(
            present.get(name) == size
            for name, size in recorded.items()
            if name.split(".", 1)[0] in prefixes
        )

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Hold the lock while the index is read, and turn a failure inside Whoosh's reading
        code (bytes it did not write) into :class:`IndexDamaged`, marking the index."""
        with self._lock:
            try:
                yield
            except InnoAtlasError:
                raise
            except Exception as error:
                if not _raised_in_whoosh(error):
                    raise
                self._mark_damaged()
                raise _damaged() from error

    def marked_damaged(self) -> bool:
        """True when a read found the index damaged (it is started again at the next
        opening allowed to reset it)."""
        return (self.folder / _DAMAGED_FILE).exists()

    def _mark_damaged(self) -> None:
        with contextlib.suppress(OSError):  # a read-only folder: it is detected again next time
            (self.folder / _DAMAGED_FILE).write_text("damaged\n", "utf-8")

    def _made(self) -> str | None:
        """The name the index on disk was made with (None for an older or a missing one)."""
        try:
            made = json.loads((self.folder / _META_FILE).read_text("utf-8")).get("made")
        except (OSError, ValueError, AttributeError):
            return None
        return made if isinstance(made, str) else None

    def is_current(self) -> bool:
        """True when the searcher sees the newest commit of the same index."""
        with self._reading():
            return self._made() == self._opened_made and bool(self._searcher.up_to_date())

    def reload(self) -> None:
        """Refresh the searcher to see the newest commit (from this or another process), or
        the index another process started again in the same folder."""
        with self._reading():
            made = self._made()
            if made != self._opened_made:
                self._searcher.close()
                self._index.close()
                self._index = index.open_dir(str(self.folder))
                self._searcher = self._index.searcher()
                self._opened_made, self._completions = made, None
            elif not self._searcher.up_to_date():
                old, self._searcher = self._searcher, self._index.searcher()
                try:
                    if self._completions is not None:
                        self._completions = _revised(self._completions, old, self._searcher)
                finally:
                    old.close()

    def close(self) -> None:
        """Close the searcher and the index."""
        with self._lock:
            self._searcher.close()
            self._index.close()

    # -- writing -------------------------------------------------------------------------------

    def update(
        self,
        articles: Iterable[tuple[Article, str, tuple[int, int], EntityTags]],
        remove_paths: Iterable[str] = (),
        total: int = 0,
        progress: Progress | None = None,
        replace_all: bool = False,
    ) -> int:
        """Add or replace articles (with their source path and stat); drop removed paths.
        With ``replace_all`` the articles written replace the whole index, at the commit:
        until then searches see the index as it was (a rebuild serves the last good index).

        One writer, cancelled on any error so a failed commit never leaves the index locked,
        and the files it wrote before failing are removed (a full disk gets its space back).
        Returns the number of articles written.
        """
        progress = progress or NullProgress()
        procs = min(os.cpu_count() or 1, MAX_WRITERS) if total >= PARALLEL_FROM else 1
        if multiprocessing.current_process().daemon:
            procs = 1  # a daemonic process may not start writer processes
        # Segments as plain files, not one compound file: Whoosh reads a compound file's
        # parts through BytesIO copies, so opening a searcher copied the whole index into
        # memory (48 MB of RSS for a 27 MB index); plain files are read where they lie.
        options: dict[str, Any] = {"limitmb": 128, "compound": False}
        try:
            writer = (
                _ParallelWriter(self._index, procs=procs, multisegment=True, **options)
                if procs > 1
                else self._index.writer(**options)
            )
        except index.LockError as error:
            # Held by a live process (a lock left by a dead one is free: it is an OS lock).
            raise IndexBusy(
                "Another InnoAtlas is updating this library's index; searches use the index "
                "as it was until it has finished."
            ) from error
        except OSError as error:
            raise _unwritable(error) from error
        written = 0
        try:
            # The deletions read the old segments; a rebuild drops them whole instead (and
            # so also replaces an index too damaged to be read).
            for path in () if replace_all else remove_paths:
                writer.delete_by_term("path", path)
            for article, path, stat, tags in articles:
                check_cancelled(progress)
                if not replace_all:
                    writer.delete_by_term("path", path)
                    writer.delete_by_term("article_id", article.id)
                self._add(writer, article, path, stat, tags)
                written += 1
                progress.report(written, total, f"Indexing {written} of {total}")
            progress.report(total, total, "Saving the index")
            writer.commit(mergetype=writing.CLEAR if replace_all else None)
        except OSError as error:
            self._abandon(writer)
            raise _unwritable(error) from error
        except BaseException:
            self._abandon(writer)
            raise
        with contextlib.suppress(OSError):
            self._record_files()
        with contextlib.suppress(OSError):
            (self.folder / _DAMAGED_FILE).unlink(missing_ok=True)
        self.reload()
        return written

    def _abandon(self, writer: Any) -> None:
        """Cancel a writer that failed, and remove what it wrote: files of no committed
        segment, and its temporary pool (a full disk gets its space back). Cancelling may
        itself fail on a full disk: the lock is then let go all the same."""
        try:
            writer.cancel()
        except Exception:  # noqa: BLE001 - the first failure is the one reported
            with contextlib.suppress(Exception):
                writer.writelock.release()
        with contextlib.suppress(Exception):
            generation = index.TOC._latest_generation(self._index.storage, "MAIN")
            segments = self._index._segments()
            index.clean_files(self._index.storage, "MAIN", generation, segments)
        for leftover in self.folder.glob("*.tmp"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)

    def clear(self) -> None:
        """Remove every document (a rebuild from scratch)."""
        writer = self._index.writer()
        try:
            writer.commit(mergetype=writing.CLEAR)
        except BaseException:
            self._abandon(writer)
            raise
        with contextlib.suppress(OSError):
            self._record_files()
            (self.folder / _DAMAGED_FILE).unlink(missing_ok=True)
        self.reload()

    @staticmethod
    def _add(
        writer: Any, article: Article, path: str, stat: tuple[int, int], tags: EntityTags
    ) -> None:
        date = article.date.sort_key() if article.date else None
        common: dict[str, Any] = dict(article_id=article.id, source=Path(article.source).name)
        if date is not None:
            common["date"] = date
            common["year"] = article.date.year if article.date else 0
        everything = [tag for block_tags in tags.values() for tag in block_tags]
        writer.add_document(
            key=article.id,
            kind="article",
            title=article.title,
            body=article_body(article),
            path=path,
            stat=list(stat),
            content_hash=article.content_hash,
            payload=_payload(article),
            **_entity_fields({e for e, _t in everything}),
            etype=",".join(sorted({t for _e, t in everything})),
            **common,
        )
        heading = ""
        for ordinal, block in enumerate(article.blocks):
            if block.kind == "heading":
                heading = block.text
                continue
            writer.add_document(
                key=f"{article.id}/{block.id}",
                kind="passage",
                passage_id=block.id,
                ordinal=ordinal,
                ptitle=article.title,
                ptext=block.text,
                pcontext=heading,
                **_entity_fields({e for e, _t in tags.get(block.id, ())}),
                etype=",".join(sorted({t for _e, t in tags.get(block.id, ())})),
                **common,
            )

    # -- reading -------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        with self._reading():
            stored = self._searcher.document(key=article_id)
            return _article_from_payload(stored["payload"]) if stored else None

    def article_count(self) -> int:
        """How many articles are indexed (deleted documents not counted: doc_frequency would,
        until the segments are merged)."""
        with self._reading():
            return sum(1 for _ in self._searcher.docs_for_query(query.Term("kind", "article")))

    def parse(self, text: str, kind: str, any_word: bool = False) -> Any:
        """Parse a user query (already checked by core.query) for one kind of document.

        Raises:
            QueryNotUnderstood: Whoosh's parser failed on it (the caller searches its words).
        """
        try:
            return _parser(kind, self._index.schema, any_word).parse(text)
        except Exception as error:  # the parser's own failures, whatever they are
            raise QueryNotUnderstood(
                f"The query could not be read ({type(error).__name__})."
            ) from error

    def search(
        self,
        text: str,
        kind: str,
        limit: int,
        sort_by_date: bool,
        typed: str | None = None,
        counted: bool = True,
    ) -> Outcome:
        """Run a query (stopped after SEARCH_SECONDS, QUICK_SECONDS if uncounted) and copy
        out what it found.

        ``typed``, for search-as-you-type, is the query as typed (``text`` may have names
        expanded): its last word, unless followed by a space, also stands for its most
        frequent completions.

        ``counted`` visits every match for the exact total and the facet counts. Without it
        only the best ``limit`` are sought, skipping blocks of postings whose best score cannot
        make the top (Whoosh's block quality), and the total is an estimate: the cost then
        grows with ``limit``, not with the number of matches, which is what typing needs.
        """
        with self._reading():
            searcher = self._searcher
            if searcher.doc_count_all() == 0:
                return Outcome(0, [], {})  # an empty index's reader has no columns to count
            parsed = self._bound_patterns(self.parse(self._resolve_fuzzy(text), kind))
            if typed:
                parsed = self._expand_last_word(parsed, typed, FIELDS[kind])
            restricted = _of_kind(parsed, kind)
            top: Any = (
                collectors.SortingCollector("date", limit=limit, reverse=True)
                if sort_by_date
                else collectors.TopCollector(limit, usequality=not counted)
            )
            collector = top
            if counted:
                # Whoosh's own collector() would keep *every* match once facets are asked for,
                # and then each would get a snippet: here the top ``limit`` only.
                groups = {
                    "entity": _ListFacet("entities"),
                    "year": sorting.FieldFacet("year", maptype=sorting.Count),
                    "source": sorting.FieldFacet("source", maptype=sorting.Count),
                }
                collector = collectors.FacetCollector(collector, groups, maptype=sorting.Count)
            # Knowing each hit's matched terms lets the highlighter read their character spans
            # from the index instead of re-analysing the whole article (42% of typing time).
            collector = collectors.TermsCollector(collector)
            seconds = SEARCH_SECONDS if counted else QUICK_SECONDS
            timed = collectors.TimeLimitCollector(collector, seconds, use_alarm=False)
            complete = True
            try:
                searcher.search_with_collector(restricted, timed)
            except searching.TimeLimit:
                complete = False  # the hits found so far are shown, marked as partial
            results = timed.results()
            results.fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=60)
            results.formatter = _SnippetFormatter()
            results.order = highlight.SCORE
            hits = [self._hit(hit, kind) for hit in itertools.islice(results, limit)]
            if not counted:
                if sort_by_date:  # every match was collected to be sorted
                    return Outcome(top.count(), hits, {}, complete, True)
                if complete and len(hits) < limit:
                    # Nothing is skipped until the top is full: all matches were seen. (Asking
                    # the collector to count them would run the whole query again.)
                    return Outcome(len(hits), hits, {}, complete, True)
                total = max(results.estimated_length(), len(hits))
                return Outcome(total, hits, {}, complete, False)
            counts = {
                name: {str(k): int(v) for k, v in results.groups(name).items() if k not in ("", 0)}
                for name in ("entity", "year", "source")
            }
            return Outcome(top.count(), hits, counts, complete)

    def suggest(self, text: str) -> str | None:
        """A corrected query when some of its words are not in the library, else None."""
        with self._reading():
            vocabulary = self.vocabulary()

        def replace(match: re.Match[str]) -> str:
            if match.group("clause"):
                return match.group(0)  # a field's value: an id, a source name, a date
            word = match.group("word")
            folded = [t.text for t in _ANALYZER(word, no_morph=True, removestops=False)]
            if word in _OPERATORS or len(folded) != 1 or is_cjk(word[0]):
                return word
            if folded[0] in STOP_WORDS or folded[0] in vocabulary:
                return word
            near = vocabulary.within(folded[0], 2 if len(folded[0]) >= 6 else 1, 1)
            return near[0] if near else word

        suggestion = _PLAIN_WORD.sub(replace, text)
        return suggestion if suggestion != text else None

    def candidates(self, text: str, limit: int) -> tuple[int, list[Candidate]]:
        """Passages that contain any of the words: the pool the answer ranker re-scores."""
        with self._reading():
            restricted = _of_kind(self.parse(text, "passage", any_word=True), "passage")
            # The best ``limit`` only, skipping blocks that cannot make it: an OR of words
            # matches a large share of a big library's paragraphs. The total is an estimate.
            top = collectors.TopCollector(limit, usequality=True)
            timed = collectors.TimeLimitCollector(top, ANSWER_SECONDS, use_alarm=False)
            try:
                self._searcher.search_with_collector(restricted, timed)
                complete = True
            except searching.TimeLimit:
                complete = False  # the ranker takes the best of what was found
            results = timed.results()
            # Nothing is skipped until the top is full: with fewer, every match was seen.
            seen_all = complete and results.scored_length() < limit
            total = results.scored_length() if seen_all else results.estimated_length()
            return total, [
                Candidate(
                    hit["article_id"],
                    hit["passage_id"],
                    hit["ordinal"],
                    hit["ptext"],
                    float(hit.score or 0.0),
                )
                for hit in results
            ]

    def passage_hit(self, candidate: Candidate, score: float, terms: Sequence[str]) -> Hit:
        """A Hit for a re-ranked passage, with the question's words marked in its snippet."""
        with self._reading():
            stored = self._searcher.document(key=candidate.article_id)
        snippet = mark_terms(candidate.text, set(terms))
        return Hit(
            article_id=candidate.article_id,
            title=stored["title"],
            date=_date_from_key(stored.get("date")),
            source=stored["source"],
            score=round(score, 4),
            snippet=snippet,
            passage_id=candidate.passage_id,
            text=candidate.text,
        )

    def document_frequencies(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        """How many passages there are, and how many contain each term (for idf weights)."""
        with self._reading():
            searcher = self._searcher
            total = searcher.doc_frequency("kind", "passage")
            return total, {t: searcher.doc_frequency("ptext", t) for t in terms}

    def related(self, article_id: str, limit: int) -> list[Hit]:
        """Articles most like this one, by their key terms ("more like this")."""
        with self._reading():
            searcher = self._searcher
            docnum = searcher.document_number(key=article_id)
            if docnum is None:
                return []
            keywords = [
                word
                for word, _score in searcher.key_terms([docnum], "body", numterms=25)
                if not word.isdigit()
            ]
            if not keywords:
                return []
            similar = query.And(
                [
                    query.Or([query.Term("body", w) for w in keywords]),
                    query.Term("kind", "article"),
                    query.Not(query.Term("key", article_id)),
                ]
            )
            results = searcher.search(similar, limit=limit)
            return [self._hit(hit, "article", snippet=False) for hit in results]

    @staticmethod
    def _hit(hit: Any, kind: str, snippet: bool = True) -> Hit:
        """A Hit from stored fields alone (no payload to parse: this runs for every result)."""
        field = FIELDS[kind]
        body = hit[field.text]
        marked = hit.highlights(field.text, top=2, minscore=0) if snippet else None
        return Hit(
            article_id=hit["article_id"],
            title=hit[field.title],
            date=_date_from_key(hit.get("date")),
            source=hit["source"],
            score=round(float(hit.score or 0.0), 4),
            snippet=marked if isinstance(marked, Snippet) and marked.text else _lead(body),
            passage_id=hit["passage_id"] if kind == "passage" else None,
            text=body if kind == "passage" else None,
        )

    def _bound_patterns(self, parsed: Any) -> Any:
        """Replace each wildcard or prefix by at most MAX_EXPANSION of its most frequent words,
        so that ``a*`` on a large library costs no more than a long OR query."""
        reader = self._searcher.reader()

        def bound(node: Any) -> Any:
            if isinstance(node, (query.Wildcard, query.Prefix)):
                field = node.fieldname
                words = [
                    w.decode("utf-8") if isinstance(w, bytes) else w
                    for w in itertools.islice(node._btexts(reader), MAX_EXPANSION * 8)
                ]
                words.sort(key=lambda w: -reader.doc_frequency(field, w))
                terms = [query.Term(field, w) for w in words[:MAX_EXPANSION]]
                return query.Or(terms) if terms else query.NullQuery
            return node.apply(bound)

        return bound(parsed)

    def _resolve_fuzzy(self, text: str) -> str:
        """Rewrite ``word~`` into the library's words within two edits of it.

        Whoosh would match the misspelling against stems, which misses ("cybersecurty" is two
        edits from the stem "cybersecur"); whole words are what the user misspelt.
        """

        def replace(match: re.Match[str]) -> str:
            word, distance = match.group(1).lower(), match.group(2)
            maxdist = int(distance) if distance else (2 if len(word) >= 6 else 1)
            words = self.vocabulary().within(word, min(maxdist, 3), 20)
            return "(" + " OR ".join(sorted(words)) + ")" if words else word

        return _FUZZY.sub(replace, text)

    def vocabulary(self) -> Completions:
        """The library's words by use: built when first needed, then revised at each commit
        by the words of the segments it changed."""
        with self._reading():
            if self._completions is None:
                self._completions = Completions.of(self._searcher.reader())
            return self._completions

    def _expand_last_word(self, parsed: Any, text: str, names: _Fields) -> Any:
        """Search-as-you-type: let the last word also match its most frequent completions."""
        match = re.search(r"(\w+)$", text)
        if not match or text.endswith((" ", '"', ")")):
            return parsed
        prefix = match.group(1).lower()
        wanted = COMPLETIONS[min(len(prefix), len(COMPLETIONS)) - 1]
        stems = {
            stem
            for word in self.vocabulary().complete(prefix, wanted)
            for stem in analyze(word)[:1]
        }
        if not stems:
            return parsed
        # In the text only: a title's words are nearly always in its text too, and each
        # extra term is one more posting list to walk on every keystroke. A lone letter or
        # two is matched in titles: its completions are the commonest words, found in most
        # of the library's texts but in few titles.
        alone = len(prefix) <= 2 and text.strip().lower() == prefix
        field = names.title if alone else names.text
        alternatives = query.Or([query.Term(field, stem) for stem in sorted(stems)])
        return _replace_last_term(parsed, prefix, alternatives)


_SPELLING_FIELDS = ("spell_title", "spell_body")


def _segments(reader: Any) -> dict[str, Any]:
    """A reader's segment readers by segment id (an empty index has none)."""
    found = {}
    for leaf, _offset in reader.leaf_readers():
        segment = leaf.segment()
        if segment is not None:
            found[segment.segment_id()] = leaf
    return found


def _word_counts(leaves: Iterable[Any]) -> dict[str, int]:
    """How many articles use each word (in the title or the text), summed over these
    segments (an article lies in one segment).

    Read segment by segment: through the index-wide reader, each word's counts are looked
    up again in every segment (11 s instead of 1 s for 10,000 articles).
    """
    counts: dict[str, int] = {}
    for leaf in leaves:
        names = leaf.indexed_field_names()
        in_segment: dict[str, int] = {}
        for field in _SPELLING_FIELDS:
            if field in names:
                for term, info in leaf.iter_field(field):
                    word = term.decode("utf-8") if isinstance(term, bytes) else term
                    in_segment[word] = max(in_segment.get(word, 0), info.doc_frequency())
        for word, count in in_segment.items():
            counts[word] = counts.get(word, 0) + count
    return counts


def _revised(completions: Completions, old: Any, new: Any) -> Completions | None:
    """``completions`` of the ``old`` searcher, revised for the ``new`` one by the words of
    the segments that came and went (a commit writes a small segment, merges a few small
    ones). None, to build them afresh when next needed, after a rebuild (no segment kept)
    or if a segment cannot be read."""
    before, after = _segments(old.reader()), _segments(new.reader())
    if not after:
        return Completions([])
    if not before.keys() & after.keys():
        return None
    try:
        changes = _word_counts(after[k] for k in after.keys() - before.keys())
        for word, count in _word_counts(before[k] for k in before.keys() - after.keys()).items():
            changes[word] = changes.get(word, 0) - count
    except Exception:  # noqa: BLE001 - derived data: build it afresh instead
        return None
    return completions.adjusted({w: c for w, c in changes.items() if c})


class Completions:
    """The library's words ranked by how many articles use them, to complete a typed prefix
    or to find the words near a misspelt one.

    Built in one pass over the spelling words when first needed, then adjusted by what each
    commit changed; a prefix is answered from a table (up to three letters) or a bisected
    slice of the sorted words, never by expanding the prefix over the index's term list on
    every keystroke.
    """

    TABLE_LETTERS = 3

    def __init__(self, words: Sequence[tuple[str, int]], keep: int = 8) -> None:
        self._words = [w for w, _f in words]  # in sorted order, as the index keeps them
        self._counts = [f for _w, f in words]
        # Per prefix, a heap of the best (count, -position): the least used, and of equally
        # used ones the last in order, goes first when a better word comes.
        best: dict[str, list[tuple[int, int]]] = {}
        for position, (word, count) in enumerate(words):
            for size in range(1, min(len(word), self.TABLE_LETTERS) + 1):
                heap = best.setdefault(word[:size], [])
                if len(heap) < keep:
                    heapq.heappush(heap, (count, -position))
                elif count > heap[0][0]:
                    heapq.heapreplace(heap, (count, -position))
        self._table = {
            prefix: [self._words[-p] for _c, p in sorted(heap, reverse=True)]
            for prefix, heap in best.items()
        }
        self._keep = keep

    @classmethod
    def of(cls, reader: Any) -> Completions:
        """The completions of an index's article words (titles' and bodies')."""
        return cls(sorted(_word_counts(_segments(reader).values()).items()))

    def adjusted(self, changes: Mapping[str, int]) -> Completions:
        """A copy with each word's count changed by its amount (a word at 0 is gone); the
        table is redone only for the changed words' prefixes, so a commit of a few articles
        costs what they changed, not a pass over the whole vocabulary.

        >>> before = Completions([("park", 5), ("part", 9)])
        >>> after = before.adjusted({"park": 7, "parts": 1, "part": -9})
        >>> after.complete("par", 5), before.complete("par", 5)
        (['park', 'parts'], ['part', 'park'])
        """
        words, counts = list(self._words), list(self._counts)
        for word, change in sorted(changes.items()):
            at = bisect.bisect_left(words, word)
            present = at < len(words) and words[at] == word
            count = (counts[at] if present else 0) + change
            if present and count > 0:
                counts[at] = count
            elif present:
                del words[at], counts[at]
            elif count > 0:
                words.insert(at, word)
                counts.insert(at, count)
        revised = copy.copy(self)
        revised._words, revised._counts = words, counts
        revised._table = dict(self._table)
        by_prefix: dict[str, list[str]] = {}
        for word in changes:
            for size in range(1, min(len(word), self.TABLE_LETTERS) + 1):
                by_prefix.setdefault(word[:size], []).append(word)
        for prefix, changed in by_prefix.items():
            best = self._table.get(prefix, [])
            if any(changes.get(word, 0) < 0 for word in best):
                revised._table[prefix] = revised._ranked(prefix, self._keep)
            else:  # the best are still among the best and the words that gained uses
                candidates = {*best, *(w for w in changed if w in revised)}
                ranked = sorted(candidates, key=lambda w: (-revised._count(w), w))
                revised._table[prefix] = ranked[: self._keep]
        return revised

    def _count(self, word: str) -> int:
        at = bisect.bisect_left(self._words, word)
        return self._counts[at] if at < len(self._words) and self._words[at] == word else 0

    def complete(self, prefix: str, limit: int) -> list[str]:
        """At most ``limit`` words starting with ``prefix``, the most used first.

        >>> Completions([("park", 5), ("parks", 1), ("part", 9), ("pearl", 7)]).complete("par", 2)
        ['part', 'park']
        """
        if len(prefix) <= self.TABLE_LETTERS and limit <= self._keep:
            return self._table.get(prefix, [])[:limit]
        return self._ranked(prefix, limit)

    def _ranked(self, prefix: str, limit: int) -> list[str]:
        start = bisect.bisect_left(self._words, prefix)
        end = bisect.bisect_left(self._words, prefix + "\U0010ffff", start)
        ranked = heapq.nlargest(limit, range(start, end), key=lambda i: (self._counts[i], -i))
        return [self._words[i] for i in ranked]

    def counts(self) -> dict[str, int]:
        """Every word with its count."""
        return dict(zip(self._words, self._counts, strict=True))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._count(word) > 0

    def within(self, word: str, distance: int, limit: int) -> list[str]:
        """At most ``limit`` words within ``distance`` edits of ``word`` (transpositions count
        one) that share its first letter, the closest and then the most used first.

        Scored by rapidfuzz in C: Whoosh's terms_within ran a Python edit distance over every
        word with that first letter, a tenth of a second per fuzzy word on 2,000 articles.

        >>> Completions([("robot", 3), ("robots", 9), ("rabbit", 1)]).within("rboot", 2, 5)
        ['robot', 'robots']
        """
        if not word:
            return []
        start = bisect.bisect_left(self._words, word[0])
        end = bisect.bisect_left(self._words, word[0] + "\U0010ffff", start)
        found = process.extract(
            word,
            self._words[start:end],
            scorer=DamerauLevenshtein.distance,
            score_cutoff=distance,
            limit=None,
        )
        found.sort(key=lambda match: (match[1], -self._counts[start + match[2]], match[0]))
        return [match[0] for match in found[:limit]]


class _ListFacet(sorting.FacetType):  # type: ignore[misc]
    """A facet over a column holding each document's values as one space-separated value.

    Whoosh's overlapping facet on a keyword field decodes each match's term vector: 74 us a
    match against 4 us for a column read (cProfile, 20 results with facets); a query with
    thousands of matches spent most of its time there.
    """

    def __init__(self, fieldname: str) -> None:
        self.fieldname = fieldname
        self.maptype = sorting.Count

    def categorizer(self, global_searcher: Any) -> Any:
        return _ListCategorizer(self.fieldname)


class _ListCategorizer(sorting.Categorizer):  # type: ignore[misc]
    allow_overlap = True

    def __init__(self, fieldname: str) -> None:
        self._fieldname = fieldname
        self._column: Any = None

    def set_searcher(self, segment_searcher: Any, docoffset: int) -> None:
        self._column = segment_searcher.reader().column_reader(self._fieldname)

    def keys_for(self, matcher: Any, segment_docnum: int) -> list[str]:
        return str(self._column[segment_docnum].decode()).split()

    def key_to_name(self, key: str) -> str:
        return key


def _of_kind(parsed: Any, kind: str) -> Any:
    """The query restricted to one kind of document. Terms of the kind's own text fields
    match nothing else, so the restriction (one more posting list to walk, a tenth of the
    library long) is only added when a clause could match the other kind: a shared field
    (entity, date, source...), a range, a negation or everything."""
    own = set(FIELDS[kind].default) | {FIELDS[kind].title, FIELDS[kind].text}
    leaves = list(parsed.leaves()) if parsed.children() else [parsed]
    if (
        leaves
        and not _matches_beyond_terms(parsed)
        and all(
            isinstance(leaf, (query.Term, query.Phrase, query.PatternQuery))
            and leaf.fieldname in own
            for leaf in leaves
        )
    ):
        return parsed
    return query.And([parsed, query.Term("kind", kind)])


def _matches_beyond_terms(node: Any) -> bool:
    """True if a part of the query matches documents its terms do not (NOT x, everything)."""
    if isinstance(node, (query.Not, query.Every)):
        return True
    return any(_matches_beyond_terms(child) for child in node.children())


def _cached_lengths_reader(self: Any, fieldname: str, column: Any) -> Any:
    """Whoosh's W3PerDocReader._cached_reader, also remembering that a field has *no* lengths
    column: writing a segment asks for every posting's field length, and for unscored fields
    (spelling words, ids, numbers, keywords) Whoosh checked the disk again each time, 13% of
    the whole indexing time (cProfile of a 300-article build)."""
    if fieldname not in self._readers:
        has = self.has_column(fieldname)
        self._readers[fieldname] = self.column_reader(fieldname, column) if has else None
    return self._readers[fieldname]


W3PerDocReader._cached_reader = _cached_lengths_reader


#: A writer process that failed on the system (a full disk) exits with this plus the errno.
_OS_ERROR_EXIT = 64


class _WriterTask(SubWriterTask):  # type: ignore[misc]
    """A writer process that dies with its parent, so a killed refresh never leaves an orphan
    holding the index lock (the lock's file descriptor is inherited)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.daemon = True
        self._parent = os.getpid()

    def run(self) -> None:
        die_with_parent()
        if os.getppid() != self._parent:  # the parent died before the signal was armed
            os._exit(1)
        try:
            super().run()
        except OSError as error:
            # A full disk, say: its number is the exit code, for the parent to report in
            # words (a traceback from a writer process is not the user's to read).
            number = error.errno or 0
            os._exit(_OS_ERROR_EXIT + number if 0 < number < 256 - _OS_ERROR_EXIT else 1)


class _ParallelWriter(MpWriter):  # type: ignore[misc]
    """Whoosh's multi-process writer: each process analyses its share of the documents into
    a segment of its own. Cancelling stops the processes (Whoosh's cancel only sets a flag in
    the parent's copy of each task, so they would wait for work forever)."""

    def _new_task(self) -> Any:
        task = _WriterTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task.start()
        self.tasks.append(task)  # only once started: cancel() stops what runs
        return task

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        """Whoosh's commit, refusing to proceed when a writer process failed: Whoosh would
        commit without that writer's segment, silently losing its share of the articles."""
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
        for task in self.tasks:
            task.join()
        failed = [task.exitcode for task in self.tasks if task.exitcode != 0]
        number = failed[0] - _OS_ERROR_EXIT if failed else 0
        if number in errno.errorcode:
            error = OSError(number, os.strerror(number))
            raise _unwritable(error) from error
        if failed:
            raise IndexUnavailable(
                f"An index writer process failed (exit code {failed[0]}); nothing was "
                "changed, and the next refresh will try again."
            )
        super()._commit(mergetype, optimize, merge)

    def cancel(self) -> None:
        try:
            for task in self.tasks:
                task.terminate()
            for task in self.tasks:
                task.join()
        finally:
            writing.SegmentWriter.cancel(self)


def _replace_last_term(parsed: Any, prefix: str, alternatives: Any) -> Any:
    stemmed = analyze(prefix)
    if not stemmed:
        return query.And([parsed, alternatives]) if parsed is not query.NullQuery else alternatives
    target = stemmed[-1]

    def swap(node: Any) -> Any:
        if isinstance(node, query.Term) and node.text == target:
            return query.Or([node, alternatives])
        return node.apply(swap)

    if isinstance(parsed, query.Term) and parsed.text == target:
        return query.Or([parsed, alternatives])
    return parsed.apply(swap)


class _SnippetFormatter(highlight.Formatter):  # type: ignore[misc]
    """Builds a Snippet (plain text plus mark offsets) instead of an HTML string."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return _MARK_START + str(highlight.get_text(text, token, replace)) + _MARK_END

    def format(self, fragments: list[Any], replace: bool = False) -> Snippet:
        if not fragments:
            return Snippet("")
        fragments = sorted(fragments, key=lambda f: f.startchar)
        for fragment in fragments:
            _trim_to_words(fragment)
        body = self.between.join(self.format_fragment(f, replace).strip() for f in fragments)
        lead = "… " if fragments[0].startchar > 0 else ""
        tail = " …" if fragments[-1].endchar < len(fragments[-1].text) else ""
        return _unmark(lead + body + tail)


_BLOCK_BREAK = re.compile(r"\s*\n\s*\n\s*")


def _trim_to_words(fragment: Any) -> None:
    """Move a fragment's ends to word boundaries, so no snippet starts or ends mid-word."""
    text = fragment.text
    first = min((t.startchar for t in fragment.matches), default=fragment.endchar)
    last = max((t.endchar for t in fragment.matches), default=fragment.startchar)
    if fragment.startchar > 0 and not text[fragment.startchar - 1].isspace():
        space = text.find(" ", fragment.startchar, first)
        if space != -1:
            fragment.startchar = space + 1
    if fragment.endchar < len(text) and not text[fragment.endchar].isspace():
        space = text.rfind(" ", last, fragment.endchar)
        if space != -1:
            fragment.endchar = space


def _unmark(marked: str) -> Snippet:
    # A break between blocks (a heading and its paragraph) reads as a separator, not a space.
    marked = _BLOCK_BREAK.sub(" · ", marked)
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    start = 0
    for char in marked:
        if char == _MARK_START:
            start = length
        elif char == _MARK_END:
            marks.append((start, length))
        elif char.isspace():
            if text and text[-1] != " ":  # paragraph breaks become single spaces
                text.append(" ")
                length += 1
        else:
            text.append(char)
            length += 1
    return Snippet("".join(text), tuple(marks))


def _remove_index_files(folder: Path) -> None:
    """Remove Whoosh's files and our notes on them, and only those: the manifest beside them
    may be open in other processes, which must see it emptied, not deleted under them."""
    for entry in os.scandir(folder):
        if entry.name.startswith(("MAIN", "_MAIN", "innoatlas-index", "innoatlas-files")) or (
            entry.name == _DAMAGED_FILE
        ):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _raised_in_whoosh(error: BaseException) -> bool:
    """True when the innermost frame of the error is Whoosh's own code: what it read was not
    what it wrote (our own code's failures are bugs, and stay what they are)."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return frame is not None and f"{os.sep}whoosh{os.sep}" in frame.tb_frame.f_code.co_filename


def _damaged() -> IndexDamaged:
    return IndexDamaged(
        "The library's index is damaged (its files are not what InnoAtlas wrote). It is "
        "derived data: it is rebuilt from your files, and your bookmarks, notes and "
        "corrections are not touched."
    )


def _unwritable(error: OSError) -> IndexUnavailable:
    """A failed write (disk full, read-only disk) as a message: searching still works."""
    return IndexUnavailable(
        f"The index could not be updated ({error.strerror or error}). Searching the articles "
        "already indexed still works; free some disk space or make the data folder writable, "
        "then refresh the library."
    )


def _date_from_key(key: int | None) -> ArticleDate | None:
    """The inverse of ArticleDate.sort_key (0 parts are the ones the article did not state)."""
    if not key:
        return None
    month, day = (key // 100) % 100, key % 100
    return ArticleDate(key // 10000, month or None, day or None)


def _lead(text: str, limit: int = 240) -> Snippet:
    return Snippet(text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …")


def mark_terms(text: str, terms: set[str]) -> Snippet:
    """The whole text with every word whose term is in ``terms`` marked."""
    marks = [(start, end) for term, start, end in term_spans(text) if term in terms]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(marks):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return Snippet(text, tuple(merged))
