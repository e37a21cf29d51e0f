from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.find_bar import FindBar


def test_keys_step_and_close_and_status_reads_like_a_browser(qtbot: QtBot) -> None:
    bar = FindBar()
    qtbot.addWidget(bar)
    bar.open_bar("park")
    steps: list[int] = []
    bar.sig_step_requested.connect(steps.append)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert steps == [1, -1]
    bar.set_status(2, 7)
    assert bar.status_label.text() == "2 of 7"
    bar.set_status(0, 0)
    assert bar.status_label.text() == "No matches"
    with qtbot.waitSignal(bar.sig_closed):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
