"""The README's entity screenshot: the real window with an article, the panel and the graph."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.locations import resources_dir
from desktop.ui.main_window import MainWindow
from tests.ui.entities_screenshot import SIZE, show_entity_and_graph
from tests.ui.screenshot import save_screenshot

SCREENSHOT = resources_dir() / "entities.png"


def _check_png(path: Path) -> None:
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == SIZE


@pytest.mark.skipif(shutil.which("Xvfb") is not None, reason="the Xvfb test takes the screenshot")
def test_entities_screenshot_offscreen(qtbot: QtBot, window: MainWindow) -> None:
    show_entity_and_graph(window)
    assert window.entities.panel.entity_id == "hkstp"
    assert window.entities.graph.nodes
    _check_png(save_screenshot(window, SCREENSHOT))


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_entities_screenshot_under_xvfb(tmp_path: Path) -> None:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as ready:  # Xvfb picks a free display and writes it when ready
            display = ":" + ready.readline().strip()
        assert display != ":", "Xvfb did not start"
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        out = tmp_path / "entities.png"
        subprocess.run(
            [sys.executable, "-m", "tests.ui.entities_screenshot", str(out), str(tmp_path / "d")],
            env=env,
            cwd=Path(__file__).resolve().parents[2],
            check=True,
            timeout=90,
        )
        _check_png(out)
        if not SCREENSHOT.exists() or QImage(str(out)) != QImage(str(SCREENSHOT)):
            shutil.copyfile(out, SCREENSHOT)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
