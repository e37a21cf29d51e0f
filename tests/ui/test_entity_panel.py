"""The entity panel alone, with the hand-made sample page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.entities.corrections import Correction
from desktop.ui.widgets.entity_panel import EMPTY_HTML, EntityPanel, header_html, sample_page


def _panel(qtbot: QtBot) -> EntityPanel:
    panel = EntityPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 700)
    panel.show()
    panel.show_page(sample_page())
    return panel


def test_panel_shows_the_entity_escaped(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    text = panel.header.text()
    assert "Hong Kong Science and Technology Parks Corporation" in text
    assert "&lt;and&gt;" in text and "<and>" not in text
    assert "香港科技園公司" in text
    assert panel.mentions_model.leaf_count() == 2
    assert panel.links_model.leaf_count() == 1
    assert panel.figures_model.leaf_count() == 1
    assert panel.entity_id == "hkstp"
    assert panel.graph_button.isVisible()
    panel.show_page(None)
    assert panel.header.text() == EMPTY_HTML
    assert not panel.graph_button.isVisible()
    assert header_html(sample_page()).startswith("<h2")


def test_clicks_ask_for_passages_entities_and_graphs(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    view = panel.mentions_view
    group = panel.mentions_model.index(0, 0)
    row = panel.mentions_model.index(0, 0, group)
    with qtbot.waitSignal(panel.sig_passage_requested) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(row).center()
        )
    assert blocker.args == ["a1", "p1", "HKSTP"]
    links = panel.links_view
    link = panel.links_model.index(0, 0, panel.links_model.index(0, 0))
    links.setFocus()
    links.setCurrentIndex(link)
    with qtbot.waitSignal(panel.sig_entity_requested) as blocker:
        qtbot.keyClick(links, Qt.Key.Key_Return)
    assert blocker.args == ["gba-innoexpress"]
    with qtbot.waitSignal(panel.sig_graph_requested) as blocker:
        qtbot.mouseClick(panel.graph_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["hkstp"]


def test_corrections_are_requested_as_core_values(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    asked: list[Correction] = []
    panel.sig_correction_requested.connect(asked.append)
    panel.request_rename("HK Science Park Corp")
    panel.request_rename("  ")  # ignored
    panel.request_merge("gba-innoexpress")
    panel.request_split("HKSTP")
    panel.request_split("not an alias")  # ignored
    panel.request_hide()
    assert asked == [
        Correction("rename", "hkstp", "HK Science Park Corp"),
        Correction("merge", "hkstp", "gba-innoexpress"),
        Correction("split", "hkstp", "HKSTP"),
        Correction("hide", "hkstp"),
    ]


def test_a_key_figure_opens_its_source_passage(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    view = panel.figures_view
    row = panel.figures_model.index(0, 0, panel.figures_model.index(0, 0))
    with qtbot.waitSignal(panel.sig_passage_requested) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(row).center()
        )
    assert blocker.args == ["a2", "p9", "20 years"]
