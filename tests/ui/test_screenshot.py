"""The README screenshot: the real window with a search, its results and an open article."""

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
from tests.ui.screenshot import SIZE, save_screenshot, show_search_and_article

SCREENSHOT = resources_dir() / "screenshot.png"


def _check_png(path: Path) -> None:
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == SIZE


@pytest.mark.skipif(shutil.which("Xvfb") is not None, reason="the Xvfb test takes the screenshot")
def test_screenshot_offscreen(qtbot: QtBot, window: MainWindow) -> None:
    show_search_and_article(window)
    assert window.results.model.rowCount() > 0
    assert window.reader.highlighted_words()
    _check_png(save_screenshot(window, SCREENSHOT))


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_screenshot_under_xvfb(tmp_path: Path) -> None:
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
        data_dir = tmp_path / "data"
        out = tmp_path / "screenshot.png"
        subprocess.run(
            [sys.executable, "-m", "tests.ui.screenshot", str(out), str(data_dir)],
            env=env,
            cwd=Path(__file__).resolve().parents[2],
            check=True,
            timeout=90,
        )
        _check_png(out)
        if QImage(str(out)) != QImage(str(SCREENSHOT)):
            shutil.copyfile(out, SCREENSHOT)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
