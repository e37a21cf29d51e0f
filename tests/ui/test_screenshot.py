"""The README screenshot: the real window with a search, its results and an open article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.ui.helpers import screenshot_under_xvfb
from tests.ui.screenshot import SIZE, save_screenshot, show_search_and_article


def _check_png(path: Path) -> None:
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == SIZE


@pytest.mark.skipif(shutil.which("Xvfb") is not None, reason="the Xvfb test takes the screenshot")
def test_screenshot_offscreen(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    show_search_and_article(window)
    assert window.results.model.rowCount() > 0
    assert window.reader.highlighted_words()
    _check_png(save_screenshot(window, tmp_path / "screenshot.png"))


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_screenshot_under_xvfb(tmp_path: Path) -> None:
    out = tmp_path / "screenshot.png"
    screenshot_under_xvfb("tests.ui.screenshot", out, tmp_path / "data")
    _check_png(out)
