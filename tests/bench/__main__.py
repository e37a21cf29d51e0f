"""The InnoAtlas benchmark: generated libraries of N articles, InnoAtlas against SQLite FTS5.

Why this shape:

- every phase runs in its own child process, so each peak RSS (``ru_maxrss``) is that phase's
  alone and no phase warms another's caches: the build, the re-index of one changed file (on
  an open library, then as the window does it, by a child indexer), the searches, the window,
  and FTS5's build and searches;
- the same generated corpus and the same queries go through FTS5 in the same run: the machine
  is shared, absolute numbers drift, the ratio InnoAtlas / FTS5 drifts far less;
- queries are drawn deterministically from the corpus itself (so they match something) and each
  is run once, timed, on a reused Library after a few untimed warm-up queries from another
  draw; typing rows replay the keystrokes of a last word in order ("data s", "data sc", ...),
  as the search box sends them, so caching across keystrokes counts but no query is repeated.

Run (the corpus is cached in the work folder; the index is rebuilt each run, unless
``--reuse`` keeps the indexes and build rows of an earlier run to re-time the re-index and the
searches)::

    .venv/bin/python -m tests.bench --sizes 1000,10000 --workdir /tmp/innoatlas-bench \
        --out /tmp/innoatlas-bench/bench.json

Profile one row on an index built by a previous run (pyinstrument when installed, with
``--profiler cprofile`` for cumulative shares per function)::

    .venv/bin/python -m tests.bench --workdir /tmp/innoatlas-bench --profile "typing 1 letter" \
        --size 10000 --profiler cprofile
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.bench import corpus

if TYPE_CHECKING:
    from desktop.core.child_indexer import ChildIndexer
    from desktop.core.library import Library

DEFAULT_WORKDIR = Path("/tmp/innoatlas-bench")
QUERIES_PER_ROW = 60
WARMUP_PER_ROW = 3
REINDEX_ROUNDS = 3
CHILD_TIMEOUT_S = 3600
GUI_TIMEOUT_S = 120
GUI_QUERY = "science park"
#: Words a query is never built from: the corpus's function words and InnoAtlas's stop words.
NOT_CONTENT = frozenset(corpus.FUNCTION_WORDS) | frozenset(
    corpus.word_list(
        "also said will more into than over after such these have been were may yet your"
    )
)
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Row:
    """A kind of query: how InnoAtlas runs it and how FTS5 reads its words."""

    name: str
    mode: str
    limit: int
    as_you_type: bool
    fts_kind: str


ROWS = (
    Row("one word", "articles", 10, False, "all"),
    Row("two words", "articles", 10, False, "all"),
    Row("phrase", "articles", 10, False, "phrase"),
    Row("typing 1 letter", "articles", 20, True, "prefix"),
    Row("typing 2 letters", "articles", 20, True, "prefix"),
    Row("typing 3 letters", "articles", 20, True, "prefix"),
    Row("typing 4 letters", "articles", 20, True, "prefix"),
    Row("typing first letter alone", "articles", 20, True, "prefix"),
    Row("fuzzy word~", "articles", 10, False, "fuzzy"),
    Row("question, passages", "passages", 10, False, "any"),
    Row("20 results + snippets", "articles", 20, False, "all"),
    Row("100 results (Enter)", "articles", 100, False, "all"),
)
ROW_BY_NAME = {row.name: row for row in ROWS}


# ---------------------------------------------------------------------------------------------
# Queries


@dataclass(frozen=True)
class Query:
    """One query: its row, the text InnoAtlas gets and the words FTS5 gets."""

    row: str
    text: str
    words: list[str]


def _content_words(text: str) -> list[str]:
    return [
        w.lower()
        for w in _WORD.findall(text)
        if len(w) >= 3 and w.lower() not in NOT_CONTENT and w.isascii()
    ]


def _paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text("utf-8").splitlines() if line.count(" ") >= 20]


def _misspell(rng: random.Random, word: str) -> str:
    """One edit after the second letter (Whoosh and FTS5 both keep the first letter fixed)."""
    at = rng.randrange(2, len(word))
    letter = rng.choice("aeiounrst")
    edit = rng.choice(("substitute", "delete", "insert", "swap"))
    if edit == "substitute":
        return word[:at] + letter + word[at + 1 :]
    if edit == "delete":
        return word[:at] + word[at + 1 :]
    if edit == "insert":
        return word[:at] + letter + word[at:]
    at = min(at, len(word) - 2)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def make_queries(corpus_dir: Path, size: int, seed: int, count: int, draw: str) -> list[Query]:
    """``count`` queries per row, drawn from random articles of the corpus (``draw`` names it)."""
    rng = random.Random(f"{seed}:{size}:{draw}")
    queries: list[Query] = []
    seen: set[tuple[str, str]] = set()
    typed: set[tuple[str, str]] = set()

    def add(row: str, text: str, words: list[str]) -> bool:
        if (row, text) in seen:
            return False
        seen.add((row, text))
        queries.append(Query(row, text, words))
        return True

    frequent = [w for w in corpus.vocabulary()[60:400] if w.isalpha() and w.islower()]
    for name in ("one word", "two words", "phrase", "fuzzy word~", "question, passages"):
        made = 0
        while made < count:
            paragraphs = _paragraphs(corpus.article_path(corpus_dir, rng.randrange(size)))
            if not paragraphs:
                continue
            paragraph = rng.choice(paragraphs)
            words = _content_words(paragraph)
            if len(words) < 10:
                continue
            if name == "one word":
                word = rng.choice(words)
                made += add(name, word, [word])
            elif name == "two words":
                pair = rng.sample(words, 2)
                made += add(name, " ".join(pair), pair)
            elif name == "phrase":
                tokens = paragraph.split()
                starts = [
                    i
                    for i in range(len(tokens) - 1)
                    if all(t.isalpha() and t.lower() not in NOT_CONTENT for t in tokens[i : i + 2])
                ]
                if starts:
                    at = rng.choice(starts)
                    pair = [t.lower() for t in tokens[at : at + 2]]
                    made += add(name, '"' + " ".join(pair) + '"', pair)
            elif name == "fuzzy word~":
                long_words = [w for w in words if len(w) >= 6]
                if long_words:
                    wrong = _misspell(rng, rng.choice(long_words))
                    made += add(name, wrong + "~", [wrong])
            else:
                at = rng.randrange(len(words) - 8)
                picked = words[at : at + 8]
                made += add(name, "What did " + " ".join(picked) + "?", picked)
    sequences = 0
    while sequences < count:
        paragraphs = _paragraphs(corpus.article_path(corpus_dir, rng.randrange(size)))
        if not paragraphs:
            continue
        words = _content_words(rng.choice(paragraphs))
        if len(words) < 2:
            continue
        at = rng.randrange(len(words) - 1)
        first, last = words[at], words[at + 1]
        if len(last) < 4 or (first, last) in typed:
            continue
        typed.add((first, last))
        sequences += 1
        for letters in range(1, 5):
            row = f"typing {letters} letter" + ("s" if letters > 1 else "")
            queries.append(Query(row, f"{first} {last[:letters]}", [first, last[:letters]]))
    for letter in "abcdefghijklmnopqrstuvwxyz"[: min(count, 26)]:
        add("typing first letter alone", letter, [letter])
    for name in ("20 results + snippets", "100 results (Enter)"):
        for word in rng.sample(frequent, min(count, len(frequent))):
            add(name, word, [word])
    return queries


# ---------------------------------------------------------------------------------------------
# Measuring


def open_library(data_dir: Path, corpus_dir: Path) -> Library:
    """The library as the window opens it (with the bundled knowledge base): opened with
    other entity rules, the window would find the manifest stale and rebuild the index."""
    from desktop.core.library import Library
    from desktop.locations import knowledge_base

    return Library(data_dir, [corpus_dir], knowledge_base())


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds(who: int) -> float:
    """User and system CPU seconds of this process (or of its finished children)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def folder_mb(folder: Path) -> float:
    """The size of the files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    """p50, p95 (nearest rank) and max of millisecond samples, rounded for the report."""
    ordered = sorted(samples)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return {
        "n": len(ordered),
        "p50": round(statistics.median(ordered), 2),
        "p95": round(p95, 2),
        "max": round(ordered[-1], 2),
    }


def _edit_texts(original: str) -> list[tuple[str, str, bool]]:
    """(file text, word searched for, whether the word should be found) per re-index round."""
    words = ["quokkabench", "wombatbench"]
    return [
        (original.rstrip("\n") + f"\n\nThe {w} paragraph was added to time re-indexing.\n", w, True)
        for w in words
    ] + [(original, words[-1], False)]


def phase_build(spec: dict[str, Any]) -> dict[str, Any]:
    """Build a fresh index of the corpus."""

    corpus_dir, data_dir = Path(spec["corpus"]), Path(spec["data_dir"])
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.perf_counter()
    library = open_library(data_dir, corpus_dir)
    report = library.refresh()
    build_s = time.perf_counter() - started
    build_rss = peak_rss_mb()
    writers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    library.close()
    cpu_parent, cpu_children = (
        cpu_seconds(resource.RUSAGE_SELF),
        cpu_seconds(resource.RUSAGE_CHILDREN),
    )
    return {
        "build_s": round(build_s, 2),
        "added": report.added,
        "skipped": len(report.skipped),
        "articles_per_s": round(report.added / build_s, 1),
        # CPU an article, in this process and in its readers and writers: a machine shared
        # with other work changes the wall time far more than this.
        "cpu_ms_parent": round(1000 * cpu_parent / max(report.added, 1), 2),
        "cpu_ms_children": round(1000 * cpu_children / max(report.added, 1), 2),
        "index_mb": round(folder_mb(data_dir / "index"), 1),
        "rss_build_mb": round(build_rss, 1),
        "rss_writer_mb": round(writers_rss, 1),  # the largest parallel writer process
        "rss_mb": round(peak_rss_mb(), 1),
    }


class _WindowRefresh:
    """The window's way of refreshing: a child indexer opens the library and refreshes the
    folder the watcher saw change, then the window's library reloads the rows it rewrote.

    ``spare``: the child was started ahead and has opened the library before the change, as
    the window's spare indexer has; otherwise its start-up and opening are timed too.
    """

    def __init__(self, library: Library, data_dir: Path, corpus_dir: Path, spare: bool) -> None:
        from desktop.core.spec import LibrarySpec
        from desktop.locations import knowledge_base

        self.library = library
        self.spec = LibrarySpec(data_dir, (corpus_dir,), knowledge_base())
        self.spare = spare
        self._child: ChildIndexer | None = None

    def prepare(self) -> None:
        """Start a spare child and wait until its library is open (untimed)."""
        if self.spare:
            self._child = self._start(spare=True)
            if (message := self._child.queue.get())[0] != "ready":
                raise RuntimeError(f"the spare indexer said {message}")

    def refresh(self, folder: Path) -> None:
        """Refresh ``folder`` in the child and reload the window's library."""
        child, self._child = self._child or self._start(spare=False, within=[folder]), None
        if child.orders is not None:
            child.orders.put((False, [folder]))
        while (message := child.queue.get())[0] in ("progress", "ready"):
            pass
        child.process.join()
        child.close()
        if message[0] != "done":
            raise RuntimeError(f"the child indexer said {message}")
        self.library.reload(message[1].rewritten)  # as the window does, with the report

    def _start(self, spare: bool, within: list[Path] | None = None) -> ChildIndexer:
        from desktop.core.child_indexer import ChildIndexer

        child = ChildIndexer.create(self.spec, False, within, spare)
        child.process.start()
        return child


def phase_reindex(spec: dict[str, Any]) -> dict[str, Any]:
    """On the built library, time one-file changes until a search finds them: refreshed in
    this process (the library's own cost), then as the window does, by its spare child
    indexer (started ahead, library open) and by a child started for the change. All look
    at the file's folder, as the folder watcher reports it. The library has searched
    before, as a window has."""

    corpus_dir, data_dir = Path(spec["corpus"]), Path(spec["data_dir"])
    library = open_library(data_dir, corpus_dir)
    path = corpus.article_path(corpus_dir, spec["size"] // 2 + 1)
    original = path.read_text("utf-8")
    record: dict[str, Any] = {}
    for query in _load(spec["warmup"]):
        library.search(query.text, as_you_type=ROW_BY_NAME[query.row].as_you_type)
    spare = _WindowRefresh(library, data_dir, corpus_dir, spare=True)
    cold = _WindowRefresh(library, data_dir, corpus_dir, spare=False)
    ways: list[tuple[str, Callable[[], None], Callable[[Path], Any]]] = [
        ("reindex", lambda: None, lambda folder: library.refresh(within=[folder])),
        ("reindex_window", spare.prepare, spare.refresh),
        ("reindex_cold", cold.prepare, cold.refresh),
    ]
    try:
        for key, prepare, refresh in ways:
            rounds = []
            for text, word, expected in _edit_texts(original):
                prepare()
                path.write_text(text, "utf-8")
                started = time.perf_counter()
                refresh(path.parent)
                total = library.search(word).total
                rounds.append(
                    {"s": round(time.perf_counter() - started, 3), "ok": (total > 0) == expected}
                )
            record[key] = rounds
            record[f"{key}_s"] = round(statistics.median(r["s"] for r in rounds), 3)
    finally:
        path.write_text(original, "utf-8")
        library.refresh()
        library.close()
    record["rss_mb"] = round(peak_rss_mb(), 1)
    return record


def _run_rows(
    queries: list[Query],
    warmup: list[Query],
    search: Callable[[Query], int],
) -> dict[str, Any]:
    for query in warmup:
        search(query)
    timings: dict[str, list[float]] = {}
    totals: dict[str, list[int]] = {}
    for query in queries:
        started = time.perf_counter()
        total = search(query)
        timings.setdefault(query.row, []).append((time.perf_counter() - started) * 1000)
        totals.setdefault(query.row, []).append(total)
    return {
        row: {
            **percentiles(samples),
            "mean_total": round(statistics.mean(totals[row]), 1),
            "no_hits": sum(1 for t in totals[row] if t == 0),
        }
        for row, samples in timings.items()
    }


def phase_search(spec: dict[str, Any]) -> dict[str, Any]:
    """Open the built library once and time every query on it."""

    started = time.perf_counter()
    library = open_library(Path(spec["data_dir"]), Path(spec["corpus"]))
    open_s = time.perf_counter() - started

    def search(query: Query) -> int:
        row = ROW_BY_NAME[query.row]
        result = library.search(
            query.text,
            mode=row.mode,  # type: ignore[arg-type]
            limit=row.limit,
            as_you_type=row.as_you_type,
        )
        return result.total

    rows = _run_rows(_load(spec["queries"]), _load(spec["warmup"]), search)
    library.close()
    return {"open_s": round(open_s, 3), "rows": rows, "rss_mb": round(peak_rss_mb(), 1)}


def phase_fts5_build(spec: dict[str, Any]) -> dict[str, Any]:
    """Build the FTS5 database, then time the same one-file changes until searchable."""
    from tests.bench.fts5 import Fts5Library, source_files

    corpus_dir, db_path = Path(spec["corpus"]), Path(spec["fts5_db"])
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    fts = Fts5Library(db_path)
    added = fts.build(corpus_dir)
    build_s = time.perf_counter() - started
    build_rss = peak_rss_mb()
    writers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size_mb = fts.size_mb()
    path = corpus.article_path(corpus_dir, spec["size"] // 2 + 1)
    original = path.read_text("utf-8")
    stats = {p: p.stat().st_mtime_ns for p in source_files(corpus_dir)}
    rounds = []
    try:
        for text, word, expected in _edit_texts(original):
            path.write_text(text, "utf-8")
            started = time.perf_counter()
            folder = source_files(path.parent)  # the folder a watcher reports, as for InnoAtlas
            changed = [p for p in folder if p.stat().st_mtime_ns != stats.get(p)]
            for changed_path in changed:
                fts.update(changed_path)
                stats[changed_path] = changed_path.stat().st_mtime_ns
            total, _hits = fts.search(fts.match_expression([word], "all"), False, 10)
            rounds.append(
                {"s": round(time.perf_counter() - started, 3), "ok": (total > 0) == expected}
            )
    finally:
        path.write_text(original, "utf-8")
        fts.close()
    return {
        "build_s": round(build_s, 2),
        "added": added,
        "articles_per_s": round(added / build_s, 1),
        "index_mb": round(size_mb, 1),
        "reindex": rounds,
        "reindex_s": round(statistics.median(r["s"] for r in rounds), 3),
        "rss_build_mb": round(build_rss, 1),
        "rss_writer_mb": round(writers_rss, 1),  # the largest parallel writer process
        "rss_mb": round(peak_rss_mb(), 1),
    }


def phase_fts5_search(spec: dict[str, Any]) -> dict[str, Any]:
    """Open the FTS5 database once and time every query on it."""
    from tests.bench.fts5 import Fts5Library

    started = time.perf_counter()
    fts = Fts5Library(Path(spec["fts5_db"]))
    open_s = time.perf_counter() - started

    def search(query: Query) -> int:
        row = ROW_BY_NAME[query.row]
        match = fts.match_expression(query.words, row.fts_kind)
        total, _hits = fts.search(match, row.mode == "passages", row.limit)
        return total

    rows = _run_rows(_load(spec["queries"]), _load(spec["warmup"]), search)
    fts.close()
    return {"open_s": round(open_s, 3), "rows": rows, "rss_mb": round(peak_rss_mb(), 1)}


def phase_gui(spec: dict[str, Any]) -> dict[str, Any]:
    """Open the window offscreen; note when it shows its first results, then a typed query.

    Times are ``time.monotonic()`` marks: the parent subtracts its own mark taken just before
    starting this process, so interpreter start-up and imports count.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from desktop.app import create_application, create_window

    marks: dict[str, Any] = {"imported": time.monotonic()}
    app = create_application(["innoatlas-bench"])
    window = create_window(Path(spec["data_dir"]), [Path(spec["corpus"])])
    window.show()
    window.start()
    marks["shown"] = time.monotonic()

    def poll() -> None:
        result = window.last_result
        if result is None:
            return
        if "first_results" not in marks:
            marks["first_results"] = time.monotonic()
            marks["first_total"] = result.total
            window.submit_search(GUI_QUERY)
        elif result.query == GUI_QUERY and "query_results" not in marks:
            marks["query_results"] = time.monotonic()
            marks["query_total"] = result.total
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(2)
    QTimer.singleShot(GUI_TIMEOUT_S * 1000 - 10_000, app.quit)
    app.exec()
    timer.stop()
    window.shutdown()
    window.library.close()
    marks["rss_mb"] = round(peak_rss_mb(), 1)
    return marks


PHASES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "build": phase_build,
    "reindex": phase_reindex,
    "search": phase_search,
    "fts5-build": phase_fts5_build,
    "fts5-search": phase_fts5_search,
    "gui": phase_gui,
}


def _load(path: str) -> list[Query]:
    return [Query(**q) for q in json.loads(Path(path).read_text("utf-8"))]


def run_child(
    phase: str, spec_path: Path, timeout: float = CHILD_TIMEOUT_S
) -> tuple[dict[str, Any] | None, float, str]:
    """Run one phase in a fresh interpreter: (its result or None, start mark, error text)."""
    result_path = spec_path.with_name(f"{spec_path.stem}-{phase}.json")
    result_path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "tests.bench", "--phase", phase, "--spec", str(spec_path)]
    command += ["--result", str(result_path)]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=Path.cwd()
        )
    except subprocess.TimeoutExpired:
        return None, started, f"timed out after {timeout:.0f} s"
    error = "" if done.returncode == 0 else (done.stderr or done.stdout).strip()[-2000:]
    if not result_path.exists():
        return None, started, error or "no result written"
    # A result with an error: the phase finished but the process died on its way out.
    return json.loads(result_path.read_text("utf-8")), started, error


# ---------------------------------------------------------------------------------------------
# Report


def _fmt(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or theirs is None or theirs == 0:
        return "n/a"
    return f"{ours / theirs:.1f}x" if ours / theirs >= 10 else f"{ours / theirs:.2f}x"


def format_tables(result: dict[str, Any]) -> str:
    """Two aligned plain-text tables: build, re-index, size, memory, window; query latency."""
    ours, theirs = result["innoatlas"], result["fts5"]
    gui = result.get("gui") or {}
    lines = [
        f"== {result['size']:,} articles (seed {result['seed']}; corpus {result['corpus_mb']} MB;"
        f" load {result['load_before']} -> {result['load_after']}) ==",
        f"{'metric':<34}{'InnoAtlas':>12}{'FTS5':>12}{'ratio':>9}",
    ]
    general: list[tuple[str, float | None, float | None]] = [
        ("index build, s", ours.get("build_s"), theirs.get("build_s")),
        ("index build, articles/s", ours.get("articles_per_s"), theirs.get("articles_per_s")),
        ("  CPU ms an article, the refresh", ours.get("cpu_ms_parent"), None),
        ("  CPU ms an article, readers+writers", ours.get("cpu_ms_children"), None),
        ("index size, MB", ours.get("index_mb"), theirs.get("index_mb")),
        ("1 changed file searchable, s", ours.get("reindex_s"), theirs.get("reindex_s")),
        ("  the same, by the spare indexer, s", ours.get("reindex_window_s"), None),
        ("  the same, by a new child, s", ours.get("reindex_cold_s"), None),
        ("open library/db, s", ours.get("open_s"), theirs.get("open_s")),
        ("peak RSS build, MB", ours.get("rss_build_mb"), theirs.get("rss_build_mb")),
        ("peak RSS search, MB", ours.get("rss_search_mb"), theirs.get("rss_search_mb")),
        ("window to first results, s", gui.get("first_results_s"), None),
        (f"window to '{GUI_QUERY}' results, s", gui.get("query_results_s"), None),
        ("peak RSS window, MB", gui.get("rss_mb"), None),
    ]
    for name, a, b in general:
        lines.append(f"{name:<34}{_fmt(a):>12}{_fmt(b):>12}{_ratio(a, b):>9}")
    lines.append("")
    lines.append(
        f"{'query (ms)':<27}{'n':>4}{'p50':>9}{'p95':>9}{'max':>9}{'FTS p50':>9}{'FTS p95':>9}"
        f"{'FTS max':>9}{'r p50':>8}{'r p95':>8}{'hits':>9}"
    )
    for row in ROWS:
        mine = ours.get("rows", {}).get(row.name)
        base = theirs.get("rows", {}).get(row.name)
        if mine is None:
            continue
        base = base or {}
        lines.append(
            f"{row.name:<27}{mine['n']:>4}{_fmt(mine['p50']):>9}{_fmt(mine['p95']):>9}{_fmt(mine['max']):>9}"
            f"{_fmt(base.get('p50')):>9}{_fmt(base.get('p95')):>9}{_fmt(base.get('max')):>9}"
            f"{_ratio(mine['p50'], base.get('p50')):>8}{_ratio(mine['p95'], base.get('p95')):>8}"
            f"{_fmt(mine['mean_total']):>9}"
        )
    lines.append("(hits: mean total matches per query in InnoAtlas; ratio = InnoAtlas / FTS5)")
    for note in result.get("notes", []):
        lines.append(f"note: {note}")
    return "\n".join(lines)


def markdown_table(records: Sequence[dict[str, Any]]) -> str:
    """One Markdown table for the README: a row per measurement, per size InnoAtlas, FTS5 and
    their ratio (p95 for the query rows, as the targets are stated)."""
    sizes = sorted(records, key=lambda r: r["size"])
    head = "| measurement | " + " | ".join(
        f"{r['size']:,}: InnoAtlas | FTS5 | ratio" for r in sizes
    )
    lines = [head + " |", "|---" * (1 + 3 * len(sizes)) + "|"]

    def row(name: str, pick: Callable[[dict[str, Any]], float | None], fts: bool = True) -> None:
        cells = []
        for record in sizes:
            ours = pick(record["innoatlas"] | {"gui": record.get("gui") or {}})
            theirs = pick(record["fts5"] | {"gui": {}}) if fts else None
            cells += [_fmt(ours), _fmt(theirs), _ratio(ours, theirs)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    row("index build, articles/s", lambda r: r.get("articles_per_s"))
    row("index build, s", lambda r: r.get("build_s"))
    row("index size, MB", lambda r: r.get("index_mb"))
    row("1 changed file searchable, s", lambda r: r.get("reindex_s"))
    row(
        "1 changed file searchable in the window (spare indexer), s",
        lambda r: r.get("reindex_window_s"),
        fts=False,
    )
    row(
        "1 changed file searchable in the window (new indexer), s",
        lambda r: r.get("reindex_cold_s"),
        fts=False,
    )
    row("open the library, s", lambda r: r.get("open_s"))
    row("peak RSS building, MB", lambda r: r.get("rss_build_mb"))
    row("peak RSS of a writer process, MB", lambda r: r.get("rss_writer_mb"), fts=False)
    row("peak RSS searching, MB", lambda r: r.get("rss_search_mb"))
    row("window to first results, s", lambda r: r["gui"].get("first_results_s"), fts=False)

    def p95(name: str) -> Callable[[dict[str, Any]], float | None]:
        return lambda r: r.get("rows", {}).get(name, {}).get("p95")

    for query_row in ROWS:
        row(f"{query_row.name}, p95 ms", p95(query_row.name))
    return "\n".join(lines)


def _machine() -> dict[str, Any]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "desktop"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "commit": (commit + ("+dirty" if dirty else "")) if commit else "not a git checkout",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


def _load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def bench_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement for one library size; returns the size's JSON record."""
    workdir: Path = args.workdir
    notes: list[str] = []
    load_before = _load_average()
    started = time.perf_counter()
    corpus_dir = corpus.cached_corpus(workdir, size, args.seed)
    corpus_s = time.perf_counter() - started
    queries = make_queries(corpus_dir, size, args.seed, args.queries, "timed")
    warmup = make_queries(corpus_dir, size, args.seed, WARMUP_PER_ROW, "warm-up")
    run_dir = workdir / f"run-{size}"
    run_dir.mkdir(parents=True, exist_ok=True)
    queries_path, warmup_path = run_dir / "queries.json", run_dir / "warmup.json"
    queries_path.write_text(json.dumps([asdict(q) for q in queries], indent=0), "utf-8")
    warmup_path.write_text(json.dumps([asdict(q) for q in warmup], indent=0), "utf-8")
    spec: dict[str, Any] = {
        "size": size,
        "corpus": str(corpus_dir),
        "data_dir": str(workdir / f"innoatlas-{size}"),
        "fts5_db": str(workdir / f"fts5-{size}.sqlite"),
        "queries": str(queries_path),
        "warmup": str(warmup_path),
    }
    spec_path = run_dir / "spec.json"
    spec_path.write_text(json.dumps(spec, indent=1), "utf-8")

    def child(phase: str, timeout: float = CHILD_TIMEOUT_S) -> tuple[dict[str, Any], float]:
        print(f"  [{size}] {phase} ...", file=sys.stderr, flush=True)
        record, mark, error = run_child(phase, spec_path, timeout)
        if error:
            lines = [line.strip() for line in error.splitlines() if line.strip()]
            what = "failed" if record is None else "finished, then its process crashed"
            notes.append(f"{phase} {what}: {lines[-1] if record is None else lines[:2]}")
            print(f"  [{size}] {phase} {what}:\n{error}", file=sys.stderr, flush=True)
        return record or {}, mark

    def built(phase: str, output: str) -> dict[str, Any]:
        """A build phase's record: measured now, or with --reuse the one saved by an earlier
        run whose index is still there (so search rows can be re-timed after a code change)."""
        saved = run_dir / f"{phase}.json"
        if args.reuse and saved.exists() and Path(output).exists():
            notes.append(f"{phase} reused from {time.ctime(saved.stat().st_mtime)}")
            record: dict[str, Any] = json.loads(saved.read_text("utf-8"))
            return record
        record, _ = child(phase)
        if record:
            saved.write_text(json.dumps(record, indent=1), "utf-8")
        return record

    ours = built("build", spec["data_dir"])
    reindex, _ = child("reindex")
    ours.update({k: v for k, v in reindex.items() if k.startswith("reindex")})
    search, _ = child("search")
    theirs = built("fts5-build", spec["fts5_db"])
    fts_search, _ = child("fts5-search")
    ours.update(open_s=search.get("open_s"), rows=search.get("rows", {}))
    ours["rss_search_mb"] = search.get("rss_mb")
    theirs.update(open_s=fts_search.get("open_s"), rows=fts_search.get("rows", {}))
    theirs["rss_search_mb"] = fts_search.get("rss_mb")
    gui: dict[str, Any] = {}
    if args.skip_gui:
        notes.append("window row skipped (--skip-gui)")
    else:
        marks, mark = child("gui", GUI_TIMEOUT_S)
        for key in ("shown", "first_results", "query_results"):
            if key in marks:
                gui[f"{key}_s"] = round(marks[key] - mark, 3)
        gui.update({k: marks[k] for k in ("first_total", "query_total", "rss_mb") if k in marks})
        if marks and "first_results" not in marks:
            notes.append("the window showed no results before the time limit")
    for name, record in (("InnoAtlas", ours), ("FTS5", theirs)):
        rounds = [
            *record.get("reindex", []),
            *record.get("reindex_window", []),
            *record.get("reindex_cold", []),
        ]
        if any(not r["ok"] for r in rounds):
            notes.append(f"{name}: a re-index round did not show the change in a search")
    if ours.get("skipped"):
        notes.append(
            f"InnoAtlas skipped {ours['skipped']} near-duplicate files (same text as another)"
        )
    return {
        "size": size,
        "seed": args.seed,
        "corpus": str(corpus_dir),
        "corpus_mb": round(folder_mb(corpus_dir), 1),
        "corpus_s": round(corpus_s, 1),
        "load_before": load_before,
        "load_after": _load_average(),
        "innoatlas": ours,
        "fts5": theirs,
        "gui": gui,
        "notes": notes,
    }


def profile_row(args: argparse.Namespace) -> None:
    """Run one row's timed queries on an index built by an earlier run, under a profiler."""

    run_dir = args.workdir / f"run-{args.size}"
    spec = json.loads((run_dir / "spec.json").read_text("utf-8"))
    row = ROW_BY_NAME[args.profile]
    queries = [q for q in _load(spec["queries"]) if q.row == row.name]
    library = open_library(Path(spec["data_dir"]), Path(spec["corpus"]))
    for query in _load(spec["warmup"]):
        library.search(query.text, mode=ROW_BY_NAME[query.row].mode)  # type: ignore[arg-type]

    def run() -> None:
        for query in queries:
            library.search(
                query.text,
                mode=row.mode,  # type: ignore[arg-type]
                limit=row.limit,
                as_you_type=row.as_you_type,
            )

    started = time.perf_counter()
    if args.profiler == "cprofile":
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(run)
        wall = time.perf_counter() - started
        stats = pstats.Stats(profiler)
        total = max(s[3] for s in stats.stats.values())  # type: ignore[attr-defined]
        print(f"{row.name}: {len(queries)} queries, {wall:.2f} s under cProfile")
        print(f"{'cum %':>6}{'cum s':>8}{'self s':>8}{'calls':>9}  function")
        entries = sorted(stats.stats.items(), key=lambda kv: -kv[1][3])  # type: ignore[attr-defined]
        for (file, line, func), (_cc, calls, self_s, cum_s, _callers) in entries[: args.top]:
            where = f"{Path(file).name}:{line}" if line else file
            print(f"{100 * cum_s / total:6.1f}{cum_s:8.2f}{self_s:8.2f}{calls:9d}  {func} {where}")
    else:
        from pyinstrument import Profiler

        sampler = Profiler(interval=0.0005)
        sampler.start()
        run()
        sampler.stop()
        print(sampler.output_text(unicode=False, color=False, show_all=False))
    library.close()


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments; run the benchmark, one phase (in a child) or a profile."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench",
        description="InnoAtlas vs SQLite FTS5 on generated libraries.",
    )
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--out", type=Path, default=None, help="JSON results (default: workdir)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--queries", type=int, default=QUERIES_PER_ROW, help="per row")
    parser.add_argument("--skip-gui", action="store_true", help="do not time the window")
    parser.add_argument(
        "--reuse", action="store_true", help="keep indexes (and build rows) of an earlier run"
    )
    parser.add_argument("--profile", choices=sorted(ROW_BY_NAME), help="profile one row")
    parser.add_argument("--size", type=int, default=10_000, help="the size to profile")
    parser.add_argument("--profiler", choices=("pyinstrument", "cprofile"), default="pyinstrument")
    parser.add_argument("--top", type=int, default=30, help="cProfile lines to print")
    parser.add_argument(
        "--markdown", type=Path, nargs="+", help="print the README table of these JSON results"
    )
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--spec", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.markdown:
        records = [r for path in args.markdown for r in json.loads(path.read_text())["sizes"]]
        print(markdown_table(records))
        return
    if args.phase:
        spec = json.loads(args.spec.read_text("utf-8"))
        args.result.write_text(json.dumps(PHASES[args.phase](spec), indent=1), "utf-8")
        return
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profile_row(args)
        return
    report: dict[str, Any] = {"machine": _machine(), "started": time.ctime(), "sizes": []}
    out = args.out or args.workdir / "bench.json"
    for size in (int(s) for s in args.sizes.split(",")):
        record = bench_size(size, args)
        report["sizes"].append(record)
        out.write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")
        print(format_tables(record), flush=True)
        print(flush=True)
    machine = report["machine"]
    print(
        f"machine: {machine['cpu']}, {machine['cpus']} CPUs, {machine['memory_gb']} GB; "
        f"Python {machine['python']}, SQLite {machine['sqlite']}; commit {machine['commit']}"
    )
    print(f"JSON: {out}")


if __name__ == "__main__":
    main()
