"""The README's entity screenshot: the real window with an article, the panel and the graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.ui.entities_screenshot import SIZE, show_entity_and_graph
from tests.ui.helpers import screenshot_under_xvfb
from tests.ui.screenshot import save_screenshot


def _check_png(path: Path) -> None:
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == SIZE


@pytest.mark.skipif(shutil.which("Xvfb") is not None, reason="the Xvfb test takes the screenshot")
def test_entities_screenshot_offscreen(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    show_entity_and_graph(window)
    assert window.entities.panel.entity_id == "hkstp"
    assert window.entities.graph.nodes
    _check_png(save_screenshot(window, tmp_path / "entities.png"))


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_entities_screenshot_under_xvfb(tmp_path: Path) -> None:
    out = tmp_path / "entities.png"
    screenshot_under_xvfb("tests.ui.entities_screenshot", out, tmp_path / "d")
    _check_png(out)
