from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.bookmarks import AnchorStatus, Bookmark
from desktop.ui.models.bookmarks_model import QUOTE, SAVED
from desktop.ui.widgets.bookmarks_panel import ALL_ARTICLES, ALL_TAGS, BookmarksPanel
from tests.ui.models.test_bookmarks_model import bookmark

SAMPLE = [
    bookmark(1, quote="Science Park and Singapore", note="first", tags=("HKSTP",)),
    bookmark(2, quote="Big data", tags=("AI", "big data"), article="a2"),
    bookmark(3, quote="Cyberport fund", note="Café money", tags=("ai",), article="a2"),
    bookmark(4, quote="Deleted paragraph", status=AnchorStatus.ORPHANED),
]


def _panel(qtbot: QtBot) -> BookmarksPanel:
    panel = BookmarksPanel()
    qtbot.addWidget(panel)
    panel.model.set_bookmarks(SAMPLE)
    return panel


def _ids(panel: BookmarksPanel) -> list[str]:
    return [b.id for b in panel.shown_bookmarks()]


def test_newest_first_and_any_column_sorts(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    assert _ids(panel) == ["id4", "id3", "id2", "id1"]
    assert panel.count_label.text() == "4 bookmarks"
    panel.view.sortByColumn(QUOTE, Qt.SortOrder.AscendingOrder)
    assert _ids(panel) == ["id2", "id3", "id4", "id1"]
    panel.view.sortByColumn(SAVED, Qt.SortOrder.AscendingOrder)
    assert _ids(panel) == ["id1", "id2", "id3", "id4"]


def test_filters_by_tag_article_and_text(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    tags = [panel.tag_combo.itemText(i) for i in range(panel.tag_combo.count())]
    assert tags == [ALL_TAGS, "AI", "big data", "HKSTP"]
    articles = [panel.article_combo.itemText(i) for i in range(panel.article_combo.count())]
    assert articles == [ALL_ARTICLES, "Title of a1 <&>", "Title of a2 <&>"]

    panel.set_filter(tag="AI")
    assert _ids(panel) == ["id3", "id2"]  # "ai" and "AI" are one tag
    assert panel.count_label.text() == "2 of 4 bookmarks"
    panel.set_filter(article_id="a1")
    assert _ids(panel) == ["id4", "id1"]
    panel.set_filter(text="cafe")  # accents and case ignored, notes searched
    assert _ids(panel) == ["id3"]
    qtbot.keyClicks(panel.filter_edit, "x")
    assert _ids(panel) == []
    panel.set_filter()
    assert len(_ids(panel)) == 4


def test_a_filter_survives_changes_and_an_emptied_choice_resets(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.set_filter(tag="HKSTP")
    assert _ids(panel) == ["id1"]
    panel.model.upsert(bookmark(5, tags=("HKSTP",)))
    assert _ids(panel) == ["id5", "id1"]
    panel.model.remove("id1")
    panel.model.remove("id5")
    assert panel.tag_combo.currentText() == ALL_TAGS
    assert len(_ids(panel)) == 3


def test_enter_and_double_click_open_delete_key_deletes(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show()
    qtbot.waitExposed(panel)
    opened: list[Bookmark] = []
    deleted: list[Bookmark] = []
    edited: list[Bookmark] = []
    panel.sig_open_requested.connect(opened.append)
    panel.sig_delete_requested.connect(deleted.append)
    panel.sig_edit_requested.connect(edited.append)
    assert not panel.edit_button.isEnabled()
    assert panel.select_bookmark("id2")
    assert panel.edit_button.isEnabled()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    index = panel.view.currentIndex()
    center = panel.view.visualRect(index).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert [b.id for b in opened] == ["id2", "id2"]
    assert [b.id for b in deleted] == ["id2"] and [b.id for b in edited] == ["id2"]


def test_empty_panel_says_how_to_bookmark(qtbot: QtBot) -> None:
    panel = BookmarksPanel()
    qtbot.addWidget(panel)
    assert "Ctrl+D" in panel.count_label.text()
    assert panel.accessibleName() and panel.view.accessibleName()
