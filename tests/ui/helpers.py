"""Helpers shared by GUI tests."""

from __future__ import annotations

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
