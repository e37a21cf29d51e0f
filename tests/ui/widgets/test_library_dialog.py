from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.library_dialog import LibraryDialog


def test_sources_skipped_files_and_removal(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = LibraryDialog(
        [Path("/bundled/seeds")],
        [tmp_path / "mine"],
        [("/x/empty.txt", "The file is empty.")],
    )
    qtbot.addWidget(dialog)
    assert [dialog.sources_list.item(i).text() for i in range(2)] == [
        "/bundled/seeds  (bundled)",
        str(tmp_path / "mine"),
    ]
    assert dialog.skipped_list.item(0).text() == "/x/empty.txt: The file is empty."
    dialog.sources_list.setCurrentRow(0)
    assert not dialog.remove_button.isEnabled()  # the bundled library stays
    dialog.sources_list.setCurrentRow(1)
    with qtbot.waitSignal(dialog.sig_remove_requested) as removed:
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert removed.args == [tmp_path / "mine"]
    dialog.show_skipped([])
    assert dialog.skipped_label.text() == "Every file was read."
