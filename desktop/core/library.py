"""The facade the UI and the CLI use: articles read from source paths, and their index.

Opening is cheap: the index on disk is opened, not rebuilt. :meth:`Library.refresh` brings it up
to date with the sources, reading only files whose size or modification time changed and
re-indexing only articles whose clean content changed. What the library knows of each source is
kept in a manifest beside the index (derived data, rebuilt with it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.core import answers
from desktop.core.entities.acronyms import alias_table, find_acronyms
from desktop.core.errors import ArticleNotFound, IndexUnavailable, SourceError
from desktop.core.index import Candidate, SearchIndex, analyze, query_terms, term_spans
from desktop.core.ingest import find_source_files, read_article
from desktop.core.model import (
    Article,
    ArticleDate,
    ArticleSummary,
    Hit,
    IndexReport,
    SearchMode,
    SearchResult,
    SortOrder,
)
from desktop.core.progress import NullProgress, Progress, check_cancelled
from desktop.core.query import expand_aliases, prepare

#: How many loosely matching passages the answer ranker re-scores.
ANSWER_POOL = 80
_MANIFEST = "manifest.json"


@dataclasses.dataclass
class _Entry:
    """What the manifest remembers of one source file."""

    article_id: str
    stat: tuple[int, int]
    content_hash: str
    title: str
    date: str | None
    kicker: str | None
    lead_question: str | None
    passages: int
    acronyms: list[tuple[str, str]]


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return (info.st_mtime_ns, info.st_size)


class Library:
    """Articles read from ``sources`` and indexed in ``data_dir``.

    Thread-safe: searches may run while another thread refreshes; refreshes are serialised.

    Attributes:
        data_dir: the folder holding the index (and, later, user data).
        sources: the files and folders articles are read from.
    """

    def __init__(self, data_dir: Path, sources: Sequence[Path]) -> None:
        self.data_dir = Path(data_dir)
        self.sources = [Path(s) for s in sources]
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise IndexUnavailable(
                f"The data folder {self.data_dir} cannot be created: {error.strerror or error}."
            ) from error
        self._index_dir = self.data_dir / "index"
        self._index = SearchIndex(self._index_dir)
        self._refresh_lock = threading.Lock()
        self._manifest: dict[str, _Entry] = {}
        self._aliases: dict[str, str] = {}
        self._load_manifest()

    # -- keeping the index current -------------------------------------------------------------

    def _load_manifest(self) -> None:
        path = self._index_dir / _MANIFEST
        manifest: dict[str, _Entry] = {}
        try:
            raw = json.loads(path.read_text("utf-8"))
            for source, data in raw.items():
                data["stat"] = tuple(data["stat"])
                data["acronyms"] = [tuple(pair) for pair in data["acronyms"]]
                manifest[source] = _Entry(**data)
        except (OSError, ValueError, TypeError, KeyError):
            manifest = {}
        if not manifest and self._index.article_count():
            # The index holds articles the manifest does not know: start again from scratch.
            self._index.clear()
        self._manifest = manifest
        self._aliases = alias_table(p for e in manifest.values() for p in e.acronyms)

    def _save_manifest(self) -> None:
        path = self._index_dir / _MANIFEST
        temporary = path.with_suffix(".tmp")
        data = {source: dataclasses.asdict(entry) for source, entry in self._manifest.items()}
        temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(temporary, path)
        self._aliases = alias_table(p for e in self._manifest.values() for p in e.acronyms)

    def _scan(self) -> dict[str, tuple[int, int]]:
        found = {}
        for path in find_source_files(self.sources):
            try:
                found[str(path)] = _stat(path)
            except OSError:
                continue
        return found

    def needs_refresh(self) -> bool:
        """True when sources were added, changed or removed since the last refresh (cheap)."""
        scanned = self._scan()
        return scanned.keys() != self._manifest.keys() or any(
            self._manifest[p].stat != stat for p, stat in scanned.items()
        )

    def refresh(self, progress: Progress | None = None, rebuild: bool = False) -> IndexReport:
        """Read changed sources and update the index; ``rebuild`` starts from scratch.

        Unreadable files are skipped and listed in the report with their reason; they never
        stop the rest. Raises Cancelled when ``progress`` asks to stop (nothing half-written
        is committed).
        """
        progress = progress or NullProgress()
        started = time.perf_counter()
        with self._refresh_lock:
            if rebuild:
                self._index.clear()
                self._manifest = {}
            scanned = self._scan()
            removed = [p for p in self._manifest if p not in scanned]
            changed = [
                p
                for p, stat in scanned.items()
                if p not in self._manifest or self._manifest[p].stat != stat
            ]
            skipped: list[tuple[str, str]] = []
            to_write: list[tuple[Article, str, tuple[int, int]]] = []
            unchanged_content = 0
            kept = {p: e for p, e in self._manifest.items() if p in scanned and p not in changed}
            ids_in_use = {e.article_id: p for p, e in kept.items()}
            hashes = {p: e.content_hash for p, e in kept.items()}
            for number, path in enumerate(changed, start=1):
                check_cancelled(progress)
                progress.report(number, len(changed), f"Reading {number} of {len(changed)}")
                try:
                    article = read_article(Path(path))
                except SourceError as error:
                    skipped.append((path, str(error)))
                    continue
                previous = self._manifest.get(path)
                if previous and previous.content_hash == article.content_hash:
                    unchanged_content += 1
                    self._manifest[path] = dataclasses.replace(previous, stat=scanned[path])
                    continue
                owner = ids_in_use.get(article.id)
                if owner is not None and owner != path:
                    if hashes.get(owner) == article.content_hash:
                        skipped.append((path, f"The same article as {owner}."))
                        continue
                    article = dataclasses.replace(article, id=_distinct_id(article.id, path))
                ids_in_use[article.id] = path
                hashes[path] = article.content_hash
                to_write.append((article, path, scanned[path]))
            self._index.update(to_write, removed, len(to_write), progress)
            added = sum(1 for _a, path, _s in to_write if path not in self._manifest)
            for path in removed:
                del self._manifest[path]
            for article, path, stat in to_write:
                self._manifest[path] = _entry(article, stat)
            for path, _reason in skipped:
                self._manifest.pop(path, None)
            self._save_manifest()
        return IndexReport(
            added=added,
            updated=len(to_write) - added,
            removed=len(removed),
            unchanged=len(scanned) - len(changed) + unchanged_content,
            skipped=tuple(skipped),
            seconds=round(time.perf_counter() - started, 3),
        )

    def reload(self) -> None:
        """See commits made by another process (a child indexer)."""
        self._index.reload()
        self._load_manifest()

    # -- reading -------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        """The clean article; raises ArticleNotFound."""
        article = self._index.article(article_id)
        if article is None:
            raise ArticleNotFound(f"No article with id “{article_id}” is in the library.")
        return article

    def articles(self) -> list[ArticleSummary]:
        """Every article, newest first (undated last)."""
        summaries = [
            ArticleSummary(
                e.article_id,
                e.title,
                path,
                ArticleDate.from_iso(e.date) if e.date else None,
                e.kicker,
                e.lead_question,
                e.passages,
            )
            for path, e in self._manifest.items()
        ]
        summaries.sort(key=lambda s: (-(s.date.sort_key() if s.date else 0), s.title))
        return summaries

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        """Articles most like this one ("more like this")."""
        return self._index.related(article_id, limit)

    def match_spans(self, text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
        """Character spans in ``text`` whose words match the query terms (after stemming)."""
        wanted = {t for term in terms for t in [*analyze(term), *query_terms(term)]}
        return [(start, end) for term, start, end in term_spans(text) if term in wanted]

    # -- searching -----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        mode: SearchMode = "articles",
        limit: int = 20,
        sort: SortOrder = "relevance",
        as_you_type: bool = False,
    ) -> SearchResult:
        """Search articles or passages; never raises for a malformed query.

        In passage mode a question is answered: its candidate paragraphs are re-ranked so the
        one that answers it comes first.
        """
        prepared = prepare(query)
        result = SearchResult(query, mode, 0, (), notice=prepared.notice, terms=prepared.words)
        if not prepared.text:
            return result
        kind = "article" if mode == "articles" else "passage"
        if mode == "passages" and prepared.is_question and sort == "relevance":
            return self._answer(result, prepared.text, limit)
        text = expand_aliases(prepared.text, self._aliases)
        try:
            total, hits = self._index.search(
                text, kind, limit, sort == "date", expand_last=as_you_type
            )
        except Exception:  # noqa: BLE001 - the parser's own failures become a notice
            words = " ".join(prepared.words)
            total, hits = self._index.search(words, kind, limit, sort == "date")
            result = dataclasses.replace(
                result,
                notice="The query could not be read as written, so InnoAtlas searched for its "
                "words instead.",
            )
        if total == 0 and mode == "passages" and len(prepared.words) >= 3:
            return self._answer(result, " ".join(prepared.words), limit)
        suggestion = None
        if total < 3 and not as_you_type:
            suggestion = self._index.suggest(prepared.text)
        return dataclasses.replace(result, total=total, hits=tuple(hits), suggestion=suggestion)

    def _alias_pairs(self, text: str) -> list[tuple[list[str], list[str]]]:
        folded = f" {' '.join(analyze(text))} "
        pairs = []
        for name, other in self._aliases.items():
            terms = analyze(name)
            if terms and f" {' '.join(terms)} " in folded:
                pairs.append((terms, analyze(other)))
        return pairs

    def _answer(self, result: SearchResult, question: str, limit: int) -> SearchResult:
        pairs = self._alias_pairs(question)
        content = [w for w in answers.content_terms(question, lambda s: s.split()) if w.isalnum()]
        loose = " ".join(content + [" ".join(other) for _own, other in pairs])
        total, pool = self._index.candidates(loose or question, ANSWER_POOL)
        passages = [answers.Passage(_key(c), c.text, c.score) for c in pool]
        by_key = {_key(c): c for c in pool}
        totals: dict[str, tuple[int, int]] = {}

        def frequency(term: str) -> tuple[int, int]:
            if term not in totals:
                count, frequencies = self._index.document_frequencies([term])
                totals[term] = (count, frequencies[term])
            return totals[term]

        ranked = answers.rank(question, passages, analyze, frequency, pairs)
        wanted = set(answers.content_terms(question, analyze))
        for own, other in pairs:
            if set(own) <= wanted:
                wanted |= set(other)
        hits = tuple(
            self._index.passage_hit(by_key[p.key], score, sorted(wanted))
            for p, score in ranked[:limit]
        )
        return dataclasses.replace(result, total=total, hits=hits)

    def close(self) -> None:
        """Release the index."""
        self._index.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _key(candidate: Candidate) -> str:
    return f"{candidate.article_id}/{candidate.passage_id}"


def _distinct_id(article_id: str, path: str) -> str:
    return article_id + "-" + hashlib.blake2b(path.encode(), digest_size=2).hexdigest()


def _entry(article: Article, stat: tuple[int, int]) -> _Entry:
    return _Entry(
        article_id=article.id,
        stat=stat,
        content_hash=article.content_hash,
        title=article.title,
        date=article.date.iso() if article.date else None,
        kicker=article.kicker,
        lead_question=article.lead_question,
        passages=len(article.passages),
        acronyms=find_acronyms(" ".join(b.text for b in article.blocks)),
    )
