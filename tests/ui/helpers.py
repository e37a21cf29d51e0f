"""Helpers shared by GUI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow

WAIT_MS = 10_000


def wait_for_query(qtbot: QtBot, window: MainWindow, query: str) -> None:
    """Wait until the results for ``query`` are on screen."""
    qtbot.waitUntil(
        lambda: window.last_result is not None and window.last_result.query == query,
        timeout=WAIT_MS,
    )


def wait_for_article(qtbot: QtBot, window: MainWindow, article_id: str) -> None:
    """Wait until the reader shows ``article_id``."""
    qtbot.waitUntil(lambda: window.article_id == article_id, timeout=WAIT_MS)


def screenshot_under_xvfb(module: str, out: Path, data_dir: Path) -> None:
    """Run ``python -m module OUT DATA_DIR`` on a fresh Xvfb display (the README's screenshots
    are refreshed by running the module by hand: the tests never write into the checkout).

    Xvfb picks a free display itself (``-displayfd``), so parallel runs never collide.
    """
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as ready:
            display = ":" + ready.readline().strip()
        assert display != ":", "Xvfb did not start"
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        subprocess.run(
            [sys.executable, "-m", module, str(out), str(data_dir)],
            env=env,
            cwd=Path(__file__).resolve().parents[2],
            check=True,
            timeout=90,
        )
        assert not QImage(str(out)).isNull()
    finally:
        xvfb.terminate()
        xvfb.wait(10)
