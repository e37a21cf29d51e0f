"""A hit found through an entity's alias ("Science Park" for HKSTP) has its snippet marked in
the results panel, not an unmarked lead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from desktop.ui.models.results_model import SnippetHtmlRole
from tests.ui.helpers import wait_for_query


def test_a_hit_found_through_an_alias_shows_the_alias_marked(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClicks(window.search_bar.edit, "hkstp")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    wait_for_query(qtbot, window, "hkstp")
    model = window.results.view.model()
    snippets = [
        str(model.index(row, 0).data(SnippetHtmlRole) or "") for row in range(model.rowCount())
    ]
    hits = [s for s in snippets if s]
    assert len(hits) >= 5 and all("<b>" in s for s in hits)
    assert any("<b>Hong Kong Science Park</b>" in s for s in hits)
