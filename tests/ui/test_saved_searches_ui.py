"""Go ▸ Save Search… and Go ▸ Saved Searches: a query saved in its view, run again from the menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.ui.helpers import WAIT_MS, wait_for_query


def test_a_saved_search_runs_again_from_the_menu_in_its_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert not window.saved.menu.isEnabled()  # none yet
    window.search_ui.set_mode("passages")
    qtbot.keyClicks(window.search_bar.edit, "singapore")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    wait_for_query(qtbot, window, "singapore")
    saved = window.saved.save("Singapore passages")
    assert saved is not None and (saved.query, saved.mode) == ("singapore", "passages")
    assert [a.text() for a in window.saved.menu.actions()][:1] == ["Singapore passages"]

    window.search_ui.set_mode("articles")
    window.submit_search("hkstp")
    wait_for_query(qtbot, window, "hkstp")
    window.saved.menu.actions()[0].trigger()
    wait_for_query(qtbot, window, "singapore")
    qtbot.waitUntil(lambda: window.mode == "passages", timeout=WAIT_MS)
    assert window.search_bar.text == "singapore"
    store = window.bookmarks.store
    assert store is not None and [s.name for s in store.saved_searches()] == ["Singapore passages"]

    window.saved.remove("Singapore passages")
    assert not window.saved.menu.isEnabled()
    assert store.saved_searches() == []


def test_saved_searches_travel_in_the_bookmarks_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.submit_search("cyberport")
    wait_for_query(qtbot, window, "cyberport")
    assert window.saved.save("Cyberport") is not None
    out = tmp_path / "all.json"
    window.bookmarks.export_to(out)
    window.saved.remove("Cyberport")
    window.bookmarks.import_from(out)
    assert [a.text() for a in window.saved.menu.actions()][:1] == ["Cyberport"]
    assert "1 saved search(es) added" in window.status_label.text()
