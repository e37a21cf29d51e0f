from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.search_bar import DEBOUNCE_MS, SearchBar


def test_typing_is_debounced_into_one_search(qtbot: QtBot) -> None:
    bar = SearchBar()
    qtbot.addWidget(bar)
    seen: list[str] = []
    bar.sig_query_changed.connect(seen.append)
    with qtbot.waitSignal(bar.sig_query_changed, timeout=DEBOUNCE_MS * 20):
        qtbot.keyClicks(bar.edit, "science")
    qtbot.wait(DEBOUNCE_MS * 2)
    assert seen == ["science"]


def test_enter_submits_at_once_and_cancels_the_pending_search(qtbot: QtBot) -> None:
    bar = SearchBar()
    qtbot.addWidget(bar)
    changed: list[str] = []
    bar.sig_query_changed.connect(changed.append)
    qtbot.keyClicks(bar.edit, "park")
    with qtbot.waitSignal(bar.sig_query_submitted, timeout=1000) as blocker:
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert blocker.args == ["park"]
    qtbot.wait(DEBOUNCE_MS * 2)
    assert changed == []


def test_up_and_down_navigate_and_set_text_is_silent(qtbot: QtBot) -> None:
    bar = SearchBar()
    qtbot.addWidget(bar)
    steps: list[int] = []
    bar.sig_navigate.connect(steps.append)
    changed: list[str] = []
    bar.sig_query_changed.connect(changed.append)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Down)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Up)
    bar.set_text("quiet")
    qtbot.wait(DEBOUNCE_MS * 2)
    assert steps == [1, -1]
    assert changed == []
    assert bar.text == "quiet"
    assert bar.edit.accessibleName() == "Search the library"
