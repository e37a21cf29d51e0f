"""Tags and collections in the window: Edit ▸ Tag Article… with completion, Add to
Collection…, the Collections panel, and the tags in the reader's header."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.tag_dialog import TagDialog
from tests.ui.helpers import WAIT_MS, wait_for_article


def _open(qtbot: QtBot, window: MainWindow, library: Library, index: int = 0) -> str:
    article_id = library.articles()[index].id
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    return article_id


def _menu_texts(window: MainWindow, menu_id: str) -> list[str]:
    menu = window.commands.menus[menu_id]  # type: ignore[index]
    return [a.text() for a in menu.actions()]


def test_tag_article_from_the_menu_completes_and_shows_the_tags_in_the_header(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    labels = window.tools.labels
    assert "&Tag Article…" in _menu_texts(window, "edit")
    assert labels.action_tag.shortcut().toString() == "Ctrl+Shift+T"
    assert not labels.action_tag.isEnabled()  # no article yet
    first = _open(qtbot, window, library)
    qtbot.waitUntil(labels.action_tag.isEnabled, timeout=WAIT_MS)
    labels.action_tag.trigger()
    dialog = labels.dialog
    assert isinstance(dialog, TagDialog)
    qtbot.keyClicks(dialog.edit, "fintech, science park")
    dialog.accept()
    store = window.bookmarks.store
    assert store is not None and store.article_tags(first) == ("fintech", "science park")
    qtbot.waitUntil(lambda: "Tags: fintech, science park" in window.reader.toPlainText())

    second = _open(qtbot, window, library, 1)
    dialog2 = labels.open_dialog()
    assert dialog2 is not None and dialog2.edit.text() == ""
    model = dialog2.completer.model()
    known = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert known[:2] == ["fintech", "science park"]
    dialog2.edit.setText("scie")
    dialog2.completer.setCompletionPrefix("scie")
    assert dialog2.completer.currentCompletion() == "science park"
    dialog2.reject()
    assert store.article_tags(second) == ()

    window.open_article(first)
    wait_for_article(qtbot, window, first)
    assert labels.set_tags(library.article(first), ["fintech"]) == ("fintech",)  # one removed
    qtbot.waitUntil(lambda: "science park" not in window.reader.toPlainText())


def test_the_collections_panel_lists_collections_and_tags_and_opens_their_articles(
    qtbot: QtBot, window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    labels = window.tools.labels
    assert "Add to Co&llection…" in _menu_texts(window, "edit")
    assert labels.dock.toggleViewAction() in window.commands.menus["view"].actions()
    first = _open(qtbot, window, library)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_args: ("Reading list", True))
    labels.action_collect.trigger()
    store = window.bookmarks.store
    assert store is not None and store.collections_of(first) == ("Reading list",)
    qtbot.waitUntil(lambda: "In: Reading list" in window.reader.toPlainText())
    labels.set_tags(library.article(first), ["robots"])

    labels.dock.show()
    panel = labels.panel
    assert panel.choose("collection", "reading list")
    assert panel.heading.text() == "In “Reading list”"
    assert panel.articles.count() == 1
    assert panel.choose("tag", "ROBOTS") and panel.articles.count() == 1

    other = _open(qtbot, window, library, 2)
    item = panel.articles.item(0)
    panel.articles.setCurrentItem(item)
    panel.articles.itemActivated.emit(item)  # as Enter or a double-click does
    wait_for_article(qtbot, window, first)
    assert other != first

    panel.choose("collection", "Reading list")
    panel.articles.setCurrentItem(panel.articles.item(0))
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert store.collections_of(first) == ()
    assert store.collection("Reading list") is not None  # emptied, not deleted
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)  # no article chosen
    assert store.collection("Reading list") is None


def test_tags_and_collections_travel_in_the_bookmarks_export(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    first = _open(qtbot, window, library)
    labels = window.tools.labels
    labels.set_tags(library.article(first), ["kept"])
    labels.collect("Shelf", library.article(first))
    out = tmp_path / "all.json"
    window.bookmarks.export_to(out)
    labels.remove("tag", "kept")
    labels.remove("collection", "Shelf")
    store = window.bookmarks.store
    assert store is not None and store.article_tag_counts() == []
    window.bookmarks.import_from(out)
    assert store.article_tags(first) == ("kept",) and store.collections_of(first) == ("Shelf",)
    assert labels.panel.item_for("collection", "Shelf") is not None  # the panel followed


def test_the_results_stay_the_panel_in_front_at_start(window: MainWindow) -> None:
    assert window.results_dock.isVisible() and not window.results.visibleRegion().isEmpty()
    assert window.tools.labels.panel.visibleRegion().isEmpty()  # a tab behind the results
