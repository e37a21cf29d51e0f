"""A large refresh reads its files over several processes: the same reads, in order, and no
process left behind when it stops early."""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.bulk_reading import CHUNK, READER_DIED, Read, read_files, unpack
from desktop.core.entities.extract import discover_entities
from desktop.core.errors import Cancelled
from desktop.core.ingest.reader import link_guard
from desktop.core.library import Library
from tests.core.test_parallel_writing import PARALLEL, write_articles


class CancelWhileReading:
    """Asks to stop once ``limit`` files were read."""

    def __init__(self, limit: int) -> None:
        self.limit, self.read = limit, 0

    def report(self, done: int, total: int, message: str) -> None:
        if message.startswith("Reading"):
            self.read = done

    def is_cancelled(self) -> bool:
        return self.read >= self.limit


def library_files(tmp_path: Path) -> tuple[Path, list[str]]:
    folder = write_articles(tmp_path / "articles", 3 * CHUNK)
    (folder / "empty.txt").write_text("", "utf-8")
    (folder / "Named.txt").write_text(
        "Harbour Robotics Opens a Lab\nMarch 3, 2024\n"
        "Harbour Robotics Limited opened a lab in Kwun Tong, said Dr Alice Wong, its founder.\n",
        "utf-8",
    )
    return folder, sorted(str(p) for p in folder.iterdir())


def reads(folder: Path, paths: list[str], processes: int, known: str | None) -> list[Read]:
    discover = functools.partial(discover_entities, known=[])
    tasks = [(path, known) for path in paths]
    return list(read_files(tasks, link_guard([folder]), discover, processes))


def test_reading_over_processes_gives_what_one_process_gives_in_order(tmp_path: Path) -> None:
    folder, paths = library_files(tmp_path)
    serial = reads(folder, paths, 1, None)
    parallel = reads(folder, paths, 2, None)
    assert parallel == serial
    assert [r.path for r in parallel] == paths
    by_name = {Path(r.path).name: r for r in parallel}
    assert by_name["empty.txt"].skipped == "The file is empty."
    assert by_name["empty.txt"].packed is None
    assert any(e.name == "Harbour Robotics Limited" for e in by_name["Named.txt"].found)
    assert all(r.fingerprint is not None for r in parallel if r.packed is not None)
    assert multiprocessing.active_children() == []


def test_a_file_whose_content_its_row_vouches_for_is_only_read(tmp_path: Path) -> None:
    folder, paths = library_files(tmp_path)
    first = reads(folder, paths[:1], 1, None)[0]
    assert first.packed is not None
    article = unpack(first.packed)
    assert article.id == first.article_id
    again = reads(folder, paths[:1], 1, article.content_hash)[0]
    assert again.unchanged
    assert again.fingerprint is None
    assert again.found == ()


def test_reads_stopped_early_leave_no_process(tmp_path: Path) -> None:
    folder, paths = library_files(tmp_path)
    tasks = [(path, None) for path in paths]
    running = read_files(tasks, link_guard([folder]), None, 2)
    assert next(running).path == paths[0]
    assert multiprocessing.active_children() != []
    running.close()
    assert multiprocessing.active_children() == []


def test_a_refresh_cancelled_while_reading_changes_nothing_and_leaves_no_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    source = write_articles(tmp_path / "articles", 40)
    with Library(tmp_path / "data", [source], index_options=PARALLEL) as library:
        with pytest.raises(Cancelled):
            library.refresh(progress=CancelWhileReading(5))
        assert multiprocessing.active_children() == []
        assert library.articles() == []
        library.refresh()
        assert len(library.articles()) == 40


def _dies_on_named(guard: Callable[[Path], str | None], path: Path) -> str | None:
    if path.name == "Named.txt":
        os._exit(1)  # as a crash in a native reader would end the process
    return guard(path)


def test_a_file_that_kills_its_reader_is_skipped_and_the_rest_are_read(tmp_path: Path) -> None:
    folder, paths = library_files(tmp_path)
    tasks = [(path, None) for path in paths]
    killer = functools.partial(_dies_on_named, link_guard([folder]))
    got = list(read_files(tasks, killer, None, 2))
    assert [r.path for r in got] == paths
    by_name = {Path(r.path).name: r for r in got}
    assert by_name["Named.txt"].skipped == READER_DIED
    assert sum(r.packed is not None for r in got) == len(paths) - 2  # and the empty file
    assert multiprocessing.active_children() == []
