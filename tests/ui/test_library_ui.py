"""Your own articles in the window: import, drag and drop, watching, the import report."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.core.spec import LibrarySpec
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import IndexJob

WAIT_MS = 60_000


def searched(qtbot: QtBot, window: MainWindow, query: str, total: int) -> None:
    """Search until the result has ``total`` hits (indexing runs in the background)."""

    def found() -> bool:
        result = window.last_result
        if result is None or result.query != query or result.total != total:
            if not window.tasks.busy:
                window.submit_search(query)
            return False
        return True

    qtbot.waitUntil(found, timeout=WAIT_MS)


def test_import_a_folder_with_good_and_bad_files(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "big5.txt").write_bytes(
        "數碼港推出新計劃\n數碼港今日宣佈推出新的培育計劃。\n".encode("big5")
    )
    (folder / "gbk.txt").write_bytes(
        "深圳园区开幕\n深圳园区今日开幕，吸引初创企业进驻。\n".encode("gbk")
    )
    (folder / "empty.md").write_bytes(b"")
    window = make_window(library)
    qtbot.waitUntil(lambda: window.indexing.job is None and not window.tasks.busy, timeout=WAIT_MS)
    assert window.library_ui.import_paths([folder]) == [folder.resolve()]
    searched(qtbot, window, "培育計劃", 1)
    searched(qtbot, window, "初创企业", 1)
    dialog = window.library_ui.show_dialog()
    qtbot.waitUntil(lambda: dialog.skipped_list.count() == 1, timeout=WAIT_MS)
    assert (
        dialog.skipped_list.item(0).text() == f"{folder.resolve() / 'empty.md'}: The file is empty."
    )


def _folder_with_story(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "story.txt").write_text(text)
    return folder


def _idle_window(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> MainWindow:
    """A window over ``library`` once its startup indexing and searches are done."""
    window = make_window(library)
    qtbot.waitUntil(lambda: window.indexing.job is None and not window.tasks.busy, timeout=WAIT_MS)
    return window


def test_drop_a_file_then_watch_it_change(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library, tmp_path: Path
) -> None:
    folder = _folder_with_story(
        tmp_path / "dropped", "Drone Park Opens\nThe drone park opened in Tai Po.\n"
    )
    window = _idle_window(qtbot, make_window, library)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers drops only during a real drag, so the window's drop handler is called directly.
    assert window.library_ui.eventFilter(window, drop)
    searched(qtbot, window, "drone", 1)
    (folder / "second.txt").write_text("Harbour Robots Arrive\nRobots arrived at the harbour.\n")
    searched(qtbot, window, "harbour robots", 1)  # the watcher saw the new file
    said: list[str] = []  # what the status bar is told when a refresh ends (searches follow)
    window.indexing.sig_ended.connect(said.append)
    with (folder / "second.txt").open("a") as saved:  # written in place, as editors save
        saved.write("Kingfishers nested on the cranes.\n")
    searched(qtbot, window, "kingfishers", 1)
    qtbot.waitUntil(lambda: any("second.txt" in text for text in said), timeout=WAIT_MS)
    (folder / "story.txt").unlink()
    searched(qtbot, window, "drone", 0)  # and the deleted one


def test_an_import_from_the_terminal_reaches_the_open_window(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library, tmp_path: Path
) -> None:
    from desktop.core.sources import SourceList

    folder = _folder_with_story(
        tmp_path / "from-terminal", "Quantum Lab Opens\nA quantum lab opened in Sha Tin.\n"
    )
    window = _idle_window(qtbot, make_window, library)
    SourceList(window.spec.data_dir).add([folder])  # what `python -m desktop import` does
    searched(qtbot, window, "quantum", 1)


def _folders_of_each_refresh(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> list[Sequence[Path] | None]:
    """What each refresh the window starts is to look at (None: everything), in order."""
    started: list[Sequence[Path] | None] = []
    start = window.tasks.start_indexing

    def recorded(
        spec: LibrarySpec, rebuild: bool = False, within: Sequence[Path] | None = None
    ) -> IndexJob:
        started.append(within)
        return start(spec, rebuild, within)

    monkeypatch.setattr(window.tasks, "start_indexing", recorded)
    return started


def test_folders_seen_changing_during_indexing_are_looked_at_when_it_ends(
    qtbot: QtBot,
    make_window: Callable[[Library], MainWindow],
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _idle_window(qtbot, make_window, library)
    started = _folders_of_each_refresh(window, monkeypatch)
    first, second = tmp_path / "a", tmp_path / "b"
    window.library_ui.refresh(within=[first])
    assert window.indexing.job is not None  # the job ends only through the event loop
    window.library_ui.refresh(within=[second])
    window.library_ui.refresh(within=[first])
    qtbot.waitUntil(lambda: len(started) == 2 and window.indexing.job is None, timeout=WAIT_MS)
    assert started == [[first], [second, first]]
    window.library_ui.refresh(within=[first])
    window.library_ui.refresh()  # a full refresh asked for meanwhile wins
    qtbot.waitUntil(lambda: len(started) == 4 and window.indexing.job is None, timeout=WAIT_MS)
    assert started[3] is None


def test_after_a_cancelled_refresh_the_next_one_looks_at_everything(
    qtbot: QtBot,
    make_window: Callable[[Library], MainWindow],
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _idle_window(qtbot, make_window, library)
    asked = _folders_of_each_refresh(window, monkeypatch)
    window.indexing._on_job_cancelled()  # as when the user cancels a refresh of some folders
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)
    window.library_ui.refresh(within=[tmp_path])
    qtbot.waitUntil(lambda: window.indexing.job is None and not window.tasks.busy, timeout=WAIT_MS)
    window.library_ui.refresh(within=[tmp_path])
    qtbot.waitUntil(lambda: window.indexing.job is None and not window.tasks.busy, timeout=WAIT_MS)
    assert asked == [None, [tmp_path]]


def test_rows_of_a_reload_that_a_newer_one_superseded_are_still_read(
    qtbot: QtBot,
    make_window: Callable[[Library], MainWindow],
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _idle_window(qtbot, make_window, library)
    reloaded: list[object] = []
    reload = library.reload

    def recorded(rewritten: Sequence[str] | None = None) -> None:
        reloaded.append(rewritten)
        reload(rewritten)

    monkeypatch.setattr(library, "reload", recorded)
    gate = threading.Event()
    window.tasks.submit("hold", lambda: gate.wait(10), lambda _r: None)  # the worker is busy
    window.indexing._end("first", ("/a.txt",))
    window.indexing._end("second", ("/b.txt",))  # supersedes the first reload, not yet run
    gate.set()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)
    assert reloaded == [["/a.txt", "/b.txt"]]
