from __future__ import annotations

import os
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.index import IndexOptions
from desktop.core.model import IndexReport
from desktop.core.spec import LibrarySpec
from desktop.ui.tasks import TaskManager


def test_newest_task_wins_and_stale_callbacks_are_dropped(qtbot: QtBot) -> None:
    tasks = TaskManager()
    gate = threading.Event()
    started = threading.Event()
    done: list[str] = []
    threads: list[int] = []

    def slow() -> str:
        started.set()
        gate.wait(5)
        threads.append(threading.get_ident())
        return "slow"

    first = tasks.submit("search", slow, done.append)
    assert started.wait(5)  # running: its result will arrive, and be dropped
    second = tasks.submit("search", lambda: "skipped", done.append)
    third = tasks.submit("search", lambda: "fresh", done.append)
    assert first < second < third
    assert not tasks.is_current("search", first)
    gate.set()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert done == ["fresh"]
    assert threads and threads[0] != threading.get_ident()
    tasks.shutdown()


def test_errors_come_back_as_messages(qtbot: QtBot) -> None:
    tasks = TaskManager()
    errors: list[str] = []

    def fail() -> None:
        raise ValueError("bad things")

    with qtbot.waitSignal(tasks.sig_busy_changed, check_params_cb=lambda busy: not busy):
        tasks.submit("x", fail, lambda _r: None, errors.append)
    assert errors == ["bad things"]
    tasks.shutdown()


def test_cancel_drops_the_result(qtbot: QtBot) -> None:
    tasks = TaskManager()
    done: list[int] = []
    tasks.submit("article", lambda: 1, done.append)
    tasks.cancel("article")
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert done == []
    tasks.shutdown()
    assert tasks.submit("article", lambda: 2, done.append) == 0


def test_indexing_runs_in_a_child_process_with_progress(qtbot: QtBot, spec: LibrarySpec) -> None:
    spec.open().close()
    tasks = TaskManager()
    job = tasks.start_indexing(spec)
    progress: list[tuple[int, int, str]] = []
    job.sig_progress.connect(lambda d, t, m: progress.append((d, t, m)))
    with qtbot.waitSignal(job.sig_finished, timeout=60_000) as blocker:
        pass
    report = blocker.args[0]
    assert isinstance(report, IndexReport)
    assert report.added == 5
    assert progress and progress[-1][:2] == (5, 5)
    assert not job.running
    lib = spec.open()
    assert not lib.needs_refresh()
    assert lib.search("singapore").total > 0
    lib.close()
    tasks.shutdown()


def test_a_large_refresh_in_the_child_uses_parallel_writers(qtbot: QtBot, tmp_path: Path) -> None:
    """The indexer child is a daemon for the window, yet starts the index writer processes."""
    folder = tmp_path / "articles"
    folder.mkdir()
    count = IndexOptions().parallel_from + 10
    for number in range(count):
        (folder / f"{number:04d}.txt").write_text(
            f"Harbour Report {number}\nMarch 3, 2023\nRobots unload ship number{number} today.\n",
            "utf-8",
        )
    spec = LibrarySpec(tmp_path / "data", (folder,))
    tasks = TaskManager()
    job = tasks.start_indexing(spec)
    failures: list[str] = []
    job.sig_failed.connect(failures.append)
    with qtbot.waitSignal(job.sig_ended, timeout=120_000):
        pass
    assert failures == []
    writers = min(os.cpu_count() or 1, IndexOptions().max_writers)
    segments = list((tmp_path / "data" / "index").glob("*.trm"))  # a segment per writer
    assert len(segments) == writers
    with spec.open() as library:
        assert len(library.articles()) == count
        assert library.search(f"number{count - 1}").total == 1
    tasks.shutdown()


def test_indexing_can_be_cancelled(qtbot: QtBot, spec: LibrarySpec) -> None:
    tasks = TaskManager()
    job = tasks.start_indexing(spec)
    job.cancel()
    outcomes: list[str] = []
    job.sig_finished.connect(lambda _r: outcomes.append("finished"))
    job.sig_cancelled.connect(lambda: outcomes.append("cancelled"))
    with qtbot.waitSignal(job.sig_ended, timeout=60_000):
        pass
    # Cancelled at the first checkpoint, or done before it looked: both are fine outcomes.
    assert outcomes in (["cancelled"], ["finished"])
    tasks.shutdown()


def test_shutdown_stops_a_running_indexer(qtbot: QtBot, spec: LibrarySpec) -> None:
    tasks = TaskManager()
    job = tasks.start_indexing(spec)
    tasks.shutdown()
    assert not job.running


def test_a_killed_indexer_is_reported(qtbot: QtBot, spec: LibrarySpec) -> None:
    tasks = TaskManager()
    job = tasks.start_indexing(spec)
    job._process.kill()  # as if the system killed it
    outcomes: list[str] = []
    job.sig_failed.connect(outcomes.append)
    job.sig_finished.connect(lambda _r: outcomes.append("finished"))
    with qtbot.waitSignal(job.sig_ended, timeout=60_000):
        pass
    assert len(outcomes) == 1
    assert outcomes[0] == "finished" or "stopped unexpectedly (exit code -9)" in outcomes[0]
    tasks.shutdown()


def test_after_a_refresh_a_spare_indexer_waits_and_takes_the_next_job(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour Report\nRobots unload ships.\n", "utf-8")
    spec = LibrarySpec(tmp_path / "data", (folder,))
    tasks = TaskManager()
    first = tasks.start_indexing(spec)
    with qtbot.waitSignal(first.sig_finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: tasks.spare_pid is not None, timeout=10_000)
    spare = tasks.spare_pid
    assert spare != first.pid
    # Saved after the spare opened the library: its refresh still sees it.
    (folder / "b.txt").write_text("Drone Park\nThe drone park opened.\n", "utf-8")
    second = tasks.start_indexing(spec, within=[folder])
    assert second.pid == spare and tasks.spare_pid is None
    with qtbot.waitSignal(second.sig_finished, timeout=60_000) as blocker:
        pass
    assert blocker.args[0].added == 1
    with spec.open() as library:
        assert library.search("drone").total == 1
    qtbot.waitUntil(lambda: tasks.spare_pid is not None, timeout=10_000)
    tasks.shutdown()
    assert tasks.spare_pid is None


def test_a_spare_of_another_library_is_let_go(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour Report\nRobots unload ships.\n", "utf-8")
    spec = LibrarySpec(tmp_path / "data", (folder,))
    tasks = TaskManager()
    with qtbot.waitSignal(tasks.start_indexing(spec).sig_ended, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: tasks.spare_pid is not None, timeout=10_000)
    spare = tasks.spare_pid
    more = tmp_path / "more"
    more.mkdir()
    (more / "b.txt").write_text("Drone Park\nThe drone park opened.\n", "utf-8")
    job = tasks.start_indexing(LibrarySpec(tmp_path / "data", (folder, more)))
    assert job.pid != spare
    assert spare is not None and not _alive(spare)
    with qtbot.waitSignal(job.sig_finished, timeout=60_000) as blocker:
        pass
    assert blocker.args[0].added == 1
    tasks.shutdown()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
