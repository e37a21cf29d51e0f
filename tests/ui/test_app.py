"""The composition root: the window opens at once and the library opens on the worker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import build_parser, create_window
from desktop.core.errors import IndexUnavailable
from desktop.core.library_handle import LibraryHandle
from desktop.core.spec import LibrarySpec
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.ui.helpers import WAIT_MS


def test_importing_the_app_does_not_import_the_core_library() -> None:
    code = (
        "import sys, desktop.app\n"
        "heavy = [m for m in ('desktop.core.library', 'whoosh') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_arguments_match_the_cli() -> None:
    args = build_parser().parse_args(["--data-dir", "d", "--source", "a", "--source", "b"])
    assert (args.data_dir, args.source) == (Path("d"), [Path("a"), Path("b")])


def test_the_window_indexes_and_lists_a_new_data_folder(
    qtbot: QtBot, tmp_path: Path, sources: list[Path]
) -> None:
    window = create_window(tmp_path / "fresh", sources)
    qtbot.addWidget(window)
    assert not window.library.is_open
    window.show()
    window.start()
    qtbot.waitUntil(
        lambda: window.last_result is not None and window.last_result.total == 5,
        timeout=60_000,
    )
    qtbot.waitUntil(lambda: window.indexing.job is None and not window.tasks.busy, timeout=WAIT_MS)
    window.close()
    window.library.close()
    assert (tmp_path / "fresh" / "settings.ini").exists()


def test_a_library_that_cannot_open_is_reported(
    qtbot: QtBot, tmp_path: Path, sources: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text))
    )

    def broken() -> object:
        raise IndexUnavailable("The index folder is not writable.")

    window = MainWindow(
        LibraryHandle(broken),  # type: ignore[arg-type]
        Settings(tmp_path / "settings.ini"),
        LibrarySpec(tmp_path, tuple(sources)),
    )
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert "not writable" in shown[0]
    assert "could not be opened" in window.status_label.text()
    window.close()


def test_handle_opens_once_and_closes(tmp_path: Path) -> None:
    opened: list[int] = []

    class Fake:
        closed = False

        def close(self) -> None:
            self.closed = True

    fake = Fake()
    handle = LibraryHandle(lambda: opened.append(1) or fake)  # type: ignore[arg-type, return-value]
    assert not handle.is_open
    assert handle.get() is fake and handle.get() is fake
    assert opened == [1]
    handle.close()
    assert fake.closed and not handle.is_open
    with pytest.raises(RuntimeError):
        handle.get()


def test_without_a_display_one_line_says_so_instead_of_a_qt_abort(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environment.pop("QT_QPA_PLATFORM", None)
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith("InnoAtlas cannot open its window: no display is set (DISPLAY).")
    assert "python -m desktop --help" in run.stderr


def test_a_display_that_does_not_answer_is_named() -> None:
    from desktop.app import display_problem

    problem = display_problem({"DISPLAY": ":4711"}, "linux")
    assert problem is not None and "the display :4711 does not answer" in problem
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({}, "darwin") is None
