"""The searcher and the writer of one index on disk: the only place Whoosh indexes are opened.

Every result is copied into core dataclasses while the searcher is open, so no Whoosh object
ever leaves the index package.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import shutil
import threading
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import collectors, highlight, index, query, searching, sorting, writing

from desktop.core.errors import (
    IndexBusy,
    IndexDamaged,
    IndexUnavailable,
    InnoAtlasError,
)
from desktop.core.index import files
from desktop.core.index.completions import Completions, revised
from desktop.core.index.counting import FacetColumns, count_matches
from desktop.core.index.failures import damaged, raised_in_whoosh, unwritable
from desktop.core.index.highlighting import SnippetFormatter, lead, mark_terms
from desktop.core.index.queries import (
    bound_patterns,
    expand_last_word,
    of_kind,
    parser,
    suggestion,
)
from desktop.core.index.schema import (
    FIELDS,
    SCHEMA_VERSION,
    EntityTags,
    article_body,
    article_from_payload,
    date_from_key,
    entity_fields,
    payload_of,
    schema,
)
from desktop.core.index.writers import ParallelWriter
from desktop.core.model import Article, Hit, Snippet
from desktop.core.progress import NullProgress, Progress, check_cancelled


@dataclass(frozen=True)
class IndexOptions:
    """How long searches may take and how the index is written.

    Attributes:
        search_seconds: a search that takes longer is stopped and shows what it found so far.
        quick_seconds: an uncounted search (a keystroke) shows what it found in this long: on
            a large library Whoosh's block skipping still walks thousands of matches for
            common words, and the counted search that follows gives the full ranking.
        answer_seconds: the answer ranker's candidate passages are those found in this long:
            a question's rarest words can still match a few per cent of a large library's
            paragraphs each, and the ranker re-scores only a few dozen anyway.
        max_expansion: a wildcard or prefix matches at most this many words (the most
            frequent are kept).
        completions: search-as-you-type lets a word being typed stand for this many of its
            completions, by the number of letters typed: the fewer letters, the more common
            (and costly to match) they are.
        parallel_from: a refresh writing at least this many articles splits the work over
            the machine's cores.
        max_writers: at most this many writer processes (each holds one segment's postings
            in memory).
    """

    search_seconds: float = 2.0
    quick_seconds: float = 0.04
    answer_seconds: float = 0.4
    max_expansion: int = 256
    completions: tuple[int, ...] = (4, 4, 6, 8)
    parallel_from: int = 200
    max_writers: int = 4


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
    location: str = ""


#: The date column's value for a document without a date (an unsigned 32-bit column's default).
_NO_DATE = 2**32 - 1
#: Newest first, undated last: the column's default for "no date" would sort above every date.
_NEWEST_FIRST = sorting.TranslateFacet(
    lambda key: 0 if key == _NO_DATE else key, sorting.FieldFacet("date")
)


class SearchIndex:
    """A Whoosh index in ``folder``: one writer at a time, one long-lived searcher.

    Reads go through a searcher that is refreshed after each commit (opening a searcher reads
    every segment's files, too slow to do per query on a large index). All methods are
    thread-safe.

    The index is derived data. An index that is outdated or damaged is started again, but only
    by an opening allowed to ``reset`` it (one that holds the library's index lock: another
    process may be half-way through writing it). Damage shows at opening (a segment file whose
    size is not the one its commit recorded: a truncated file) or when it is read (Whoosh
    fails on bytes it did not write): then :class:`IndexDamaged` is raised and the index is
    marked, so that the next opening allowed to reset it starts it again.

    Attributes:
        folder: the index folder.
        options: its time limits and writing options.
        was_reset: True when opening started the index again.
        was_damaged: True when that was because it was damaged (not outdated).
    """

    def __init__(
        self, folder: Path, reset: bool = True, options: IndexOptions | None = None
    ) -> None:
        self.folder = folder
        self.options = options or IndexOptions()
        self.was_reset = False
        self.was_damaged = False
        self._lock = threading.RLock()
        self._completions: Completions | None = None  # built when first typed, then revised
        self._facet_columns = FacetColumns()  # each segment's, read when first counted
        try:
            self._index = self._open_or_create(reset)
            self._opened_made = files.made(self.folder)
            self._searcher = self._index.searcher()
        except OSError as error:
            raise IndexUnavailable(
                f"The index in {folder} cannot be opened: {error.strerror or error}."
            ) from error

    # -- lifecycle -----------------------------------------------------------------------------

    def _open_or_create(self, reset: bool) -> Any:
        if self.folder.exists() and any(self.folder.iterdir()):
            with warnings.catch_warnings():
                # Whoosh leaves a damaged index's files open: close them quietly.
                warnings.simplefilter("ignore", ResourceWarning)
                ix = self._open_existing()
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
            files.remove_index_files(self.folder)
        elif not reset:
            raise IndexBusy(
                "The library's index is being built by another InnoAtlas; try again when it "
                "has finished."
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(self.folder), schema())
        files.write_meta(self.folder, SCHEMA_VERSION)
        return ix

    def _open_existing(self) -> Any:
        """The index on disk, or None when it is outdated or damaged (derived data: rebuild);
        :attr:`was_damaged` says which."""
        if files.schema_version(self.folder) != SCHEMA_VERSION:
            return None
        self.was_damaged = True
        try:
            if files.is_marked_damaged(self.folder):
                return None
            ix = index.open_dir(str(self.folder))
            if not files.files_as_committed(self.folder, ix):
                ix.close()
                return None
            ix.doc_count()  # touches the segments: fails on damage
        except Exception:  # noqa: BLE001 - any failure to open derived data means rebuild
            return None
        self.was_damaged = False
        return ix

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
                if not raised_in_whoosh(error):
                    raise
                files.mark_damaged(self.folder)
                raise damaged() from error

    def marked_damaged(self) -> bool:
        """True when a read found the index damaged (it is started again at the next
        opening allowed to reset it)."""
        return files.is_marked_damaged(self.folder)

    def is_current(self) -> bool:
        """True when the searcher sees the newest commit of the same index."""
        with self._reading():
            return files.made(self.folder) == self._opened_made and bool(
                self._searcher.up_to_date()
            )

    def reload(self) -> None:
        """Refresh the searcher to see the newest commit (from this or another process), or
        the index another process started again in the same folder."""
        with self._reading():
            made = files.made(self.folder)
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
                        self._completions = revised(self._completions, old, self._searcher)
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
        writers, threshold = self.options.max_writers, self.options.parallel_from
        procs = min(os.cpu_count() or 1, writers) if total >= threshold else 1
        if multiprocessing.current_process().daemon:
            procs = 1  # a daemonic process may not start writer processes
        # Segments as plain files, not one compound file: Whoosh reads a compound file's
        # parts through BytesIO copies, so opening a searcher copied the whole index into
        # memory (48 MB of RSS for a 27 MB index); plain files are read where they lie.
        options: dict[str, Any] = {"limitmb": 128, "compound": False}
        try:
            writer = (
                ParallelWriter(self._index, procs=procs, multisegment=True, **options)
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
            raise unwritable(error) from error
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
            raise unwritable(error) from error
        except BaseException:
            self._abandon(writer)
            raise
        with contextlib.suppress(OSError):
            files.record_files(self.folder, self._index)
        files.unmark_damaged(self.folder)
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
            files.record_files(self.folder, self._index)
        files.unmark_damaged(self.folder)
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
            payload=payload_of(article),
            **entity_fields({e for e, _t in everything}),
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
                **({"plocation": block.location} if block.location else {}),
                **entity_fields({e for e, _t in tags.get(block.id, ())}),
                etype=",".join(sorted({t for _e, t in tags.get(block.id, ())})),
                **common,
            )

    # -- reading -------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        with self._reading():
            stored = self._searcher.document(key=article_id)
            return article_from_payload(stored["payload"]) if stored else None

    def article_count(self) -> int:
        """How many articles are indexed (deleted documents not counted: doc_frequency would,
        until the segments are merged)."""
        with self._reading():
            return sum(1 for _ in self._searcher.docs_for_query(query.Term("kind", "article")))

    def parse(self, text: str, kind: str, any_word: bool = False) -> Any:
        """Parse a query for one kind of document. The text is one :mod:`desktop.core.query`
        wrote (well formed by construction): a failure here is a bug, not the user's."""
        return parser(kind, self._index.schema, any_word).parse(text)

    def search(
        self,
        text: str,
        kind: str,
        limit: int,
        sort_by_date: bool,
        typed: str | None = None,
        counted: bool = True,
    ) -> Outcome:
        """Run a query (stopped after the options' search_seconds, quick_seconds if uncounted)
        and copy out what it found.

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
            parsed = self.parse(text, kind)
            parsed = bound_patterns(parsed, searcher.reader(), self.options.max_expansion)
            if typed:
                parsed = expand_last_word(
                    parsed, typed, FIELDS[kind], self.vocabulary(), self.options.completions
                )
            restricted = of_kind(parsed, kind)
            top: Any = (
                collectors.SortingCollector(_NEWEST_FIRST, limit=limit, reverse=True)
                if sort_by_date
                # Block quality skips what cannot make the top: the top is still exact, and
                # the total and facets are counted apart (see counting).
                else collectors.TopCollector(limit, usequality=True)
            )
            # Knowing each hit's matched terms lets the highlighter read their character spans
            # from the index instead of re-analysing the whole article (42% of typing time).
            collector = collectors.TermsCollector(top)
            seconds = self.options.search_seconds if counted else self.options.quick_seconds
            started = time.monotonic()
            timed = collectors.TimeLimitCollector(collector, seconds, use_alarm=False)
            complete = True
            try:
                searcher.search_with_collector(restricted, timed)
            except searching.TimeLimit:
                complete = False  # the hits found so far are shown, marked as partial
            results = timed.results()
            results.fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=60)
            results.formatter = SnippetFormatter()
            results.order = highlight.SCORE
            hits = [self._hit(hit, kind) for hit in itertools.islice(results, limit)]
            if counted:
                # What is left of the search's time (a little at least: the count says when
                # it is a floor).
                left = max(0.05, seconds - (time.monotonic() - started))
                count = count_matches(searcher, restricted, self._facet_columns, left)
                return Outcome(count.total, hits, count.facets, complete and count.complete)
            if sort_by_date:  # every match was collected to be sorted
                return Outcome(top.count(), hits, {}, complete, True)
            if complete and len(hits) < limit:
                # Nothing is skipped until the top is full: all matches were seen. (Asking
                # the collector to count them would run the whole query again.)
                return Outcome(len(hits), hits, {}, complete, True)
            total = max(results.estimated_length(), len(hits))
            return Outcome(total, hits, {}, complete, False)

    def words_near(self, word: str, edits: int) -> list[str]:
        """The library's words (at most 20) within ``edits`` edits of ``word``: what a fuzzy
        word (``word~``) stands for. Whole words, not stems: "cybersecurty" is two edits
        from "cybersecurity" but more from its stem "cybersecur"."""
        return self.vocabulary().within(word, edits, 20)

    def suggest(self, text: str) -> str | None:
        """A corrected query when some of its words are not in the library, else None."""
        return suggestion(text, self.vocabulary())

    def candidates(self, text: str, limit: int) -> tuple[int, list[Candidate]]:
        """Passages that contain any of the words: the pool the answer ranker re-scores."""
        with self._reading():
            restricted = of_kind(self.parse(text, "passage", any_word=True), "passage")
            # The best ``limit`` only, skipping blocks that cannot make it: an OR of words
            # matches a large share of a big library's paragraphs. The total is an estimate.
            top = collectors.TopCollector(limit, usequality=True)
            timed = collectors.TimeLimitCollector(top, self.options.answer_seconds, use_alarm=False)
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
                    hit.get("plocation", ""),
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
            date=date_from_key(stored.get("date")),
            source=stored["source"],
            score=round(score, 4),
            snippet=snippet,
            passage_id=candidate.passage_id,
            text=candidate.text,
            location=candidate.location,
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
            date=date_from_key(hit.get("date")),
            source=hit["source"],
            score=round(float(hit.score or 0.0), 4),
            snippet=marked if isinstance(marked, Snippet) and marked.text else lead(body),
            passage_id=hit["passage_id"] if kind == "passage" else None,
            text=body if kind == "passage" else None,
            location=hit.get("plocation", "") if kind == "passage" else "",
        )

    def vocabulary(self) -> Completions:
        """The library's words by use: built when first needed, then revised at each commit
        by the words of the segments it changed."""
        with self._reading():
            if self._completions is None:
                self._completions = Completions.of(self._searcher.reader())
            return self._completions
