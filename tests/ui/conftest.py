"""Fixtures for GUI tests: a real library over the bundled seeds in a temporary data folder."""

from __future__ import annotations

import multiprocessing
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.core.spec import LibrarySpec
from desktop.locations import bundled_sources, knowledge_base
from desktop.ui.compat import guard_singletons
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.ui.helpers import WAIT_MS

guard_singletons()  # PySide6 6.12.0 on Python < 3.12: see desktop/ui/compat.py


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Qt warnings fail GUI tests (but not the offscreen platform's notes about itself)."""
    for item in items:
        if "tests/ui" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))


@pytest.fixture(autouse=True)
def _restore_app_palette(qapp: QApplication) -> Iterator[None]:
    """Theme tests change the application palette: give the next test the original one."""
    palette = QPalette(qapp.palette())
    yield
    qapp.setPalette(palette)


@pytest.fixture(autouse=True)
def _no_leftover_children() -> Iterator[None]:
    """No child process outlives its test."""
    yield
    assert multiprocessing.active_children() == []


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder for this test."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def sources() -> list[Path]:
    """The bundled library."""
    return bundled_sources()


@pytest.fixture
def spec(data_dir: Path, sources: list[Path]) -> LibrarySpec:
    """The library of a test: the bundled seeds and knowledge base in its own data folder."""
    return LibrarySpec(data_dir, tuple(sources), knowledge_base())


@pytest.fixture(scope="session")
def indexed_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the bundled library indexed, once per run: a test copies it rather
    than index the seeds again."""
    folder = tmp_path_factory.mktemp("indexed-seeds") / "data"
    folder.mkdir()
    lib = LibrarySpec(folder, tuple(bundled_sources()), knowledge_base()).open()
    try:
        lib.refresh()
    finally:
        lib.close()
    return folder


@pytest.fixture
def library(spec: LibrarySpec, indexed_seeds: Path) -> Iterator[Library]:
    """A real library over the bundled seeds (or the test's own sources), already indexed."""
    if spec.sources == tuple(bundled_sources()):
        shutil.copytree(indexed_seeds, spec.data_dir, dirs_exist_ok=True)
    lib = spec.open()
    lib.refresh()  # up to date when copied: this only checks the sources
    yield lib
    lib.close()


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    """Settings isolated in this test's data folder."""
    return Settings(data_dir / "settings.ini")


@pytest.fixture
def make_window(
    qtbot: QtBot, spec: LibrarySpec, settings: Settings
) -> Iterator[Callable[[Library], MainWindow]]:
    """Build, show and start a main window over a library; closed (and checked) after the test."""
    windows: list[MainWindow] = []

    def make(lib: Library) -> MainWindow:
        window = MainWindow(lib, settings, spec)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.start()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        assert window.tasks.wait(WAIT_MS)
        assert not window.tasks.busy
        assert window.indexing.job is None


@pytest.fixture
def window(
    make_window: Callable[[Library], MainWindow], library: Library, qtbot: QtBot
) -> MainWindow:
    """A started main window on the indexed bundled library, showing the whole library."""
    win = make_window(library)
    qtbot.waitUntil(lambda: win.last_result is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not win.tasks.busy, timeout=WAIT_MS)
    return win
