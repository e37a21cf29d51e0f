"""A large refresh splits the index writing over processes: same index, safe to cancel."""

from __future__ import annotations

import multiprocessing
import random
from pathlib import Path

import pytest

from desktop.core.errors import Cancelled, IndexUnavailable
from desktop.core.index import IndexOptions, writers
from desktop.core.library import Library

WORDS = "harbour fund robot lab park startup grant talent chip bay data cloud city".split()


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        rng = random.Random(number)
        body = "\n".join(
            " ".join(rng.choice(WORDS) for _ in range(20)) + f" marker{number}." for _ in range(6)
        )
        title = f"Report {number} on {rng.choice(WORDS).title()} Technology"
        (folder / f"{number:03d}.txt").write_text(
            f"{title}\nMarch {1 + number % 28}, 20{20 + number % 5}\n{body}\n", "utf-8"
        )
    return folder


class CancelAfter:
    """Asks to stop once ``limit`` articles were handed to the index writer."""

    def __init__(self, limit: int) -> None:
        self.limit, self.indexed = limit, 0

    def report(self, done: int, total: int, message: str) -> None:
        if message.startswith("Indexing"):
            self.indexed = done

    def is_cancelled(self) -> bool:
        return self.indexed >= self.limit


def summary(library: Library) -> tuple[object, ...]:
    queries = ("harbour robot", '"cloud city"', "marker7", "chip*")
    results = [library.search(q, limit=100) for q in queries]  # every match: ties may reorder
    return (
        len(library.articles()),
        [(r.total, sorted(h.article_id for h in r.hits)) for r in results],
        [(f.name, [(v.key, v.count) for v in f.values]) for f in results[0].facets],
    )


#: Parallel writers from 10 articles on (two of them: see ``two_cores``).
PARALLEL = IndexOptions(parallel_from=10)


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writer processes whatever the machine."""
    monkeypatch.setattr("os.cpu_count", lambda: 2)


def test_parallel_writers_build_the_same_index_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_articles(tmp_path / "articles", 40)
    with Library(tmp_path / "serial", [source]) as library:
        library.refresh()
        expected = summary(library)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    started: list[int] = []
    original_start = writers.WriterTask.start

    def start(task: writers.WriterTask) -> None:
        original_start(task)
        started.append(task.pid or 0)

    monkeypatch.setattr(writers.WriterTask, "start", start)
    with Library(tmp_path / "parallel", [source], index_options=PARALLEL) as library:
        library.refresh()
        assert summary(library) == expected
        assert expected[0] == 40
    assert len(started) == 2
    assert multiprocessing.active_children() == []


def failing_add_document(writer: object, **fields: object) -> None:
    raise RuntimeError("a writer process failed")


@pytest.mark.usefixtures("two_cores")
def test_a_failed_writer_process_fails_the_refresh_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_articles(tmp_path / "articles", 40)
    with Library(tmp_path / "data", [source], index_options=PARALLEL) as library:
        # Forked writers inherit the patch: each fails on its first document.
        monkeypatch.setattr(writers.writing.SegmentWriter, "add_document", failing_add_document)
        with pytest.raises(IndexUnavailable, match="writer process failed"):
            library.refresh()
        monkeypatch.undo()
        assert library.articles() == []
        assert multiprocessing.active_children() == []
    with Library(tmp_path / "data", [source], index_options=PARALLEL) as library:
        library.refresh()
        assert len(library.articles()) == 40


@pytest.mark.usefixtures("two_cores")
def test_a_cancelled_parallel_refresh_changes_nothing_and_leaves_no_process(
    tmp_path: Path,
) -> None:
    source = write_articles(tmp_path / "articles", 40)
    with Library(tmp_path / "data", [source], index_options=PARALLEL) as library:
        with pytest.raises(Cancelled):
            library.refresh(progress=CancelAfter(25))
        assert multiprocessing.active_children() == []
        assert library.articles() == []
        library.refresh()  # the lock was released: the next refresh writes
        assert len(library.articles()) == 40
        assert library.search("marker33").total == 1
