"""The entity panel alone, with the hand-made sample pages."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from desktop.core.entities.corrections import Correction, Provenance
from desktop.ui.widgets.entity_panel import (
    EMPTY_HTML,
    EntityPanel,
    header_html,
    sample_discovered_page,
    sample_page,
)


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
    panel.request_retype("place")
    panel.request_retype("organisation")  # ignored: the type it has
    panel.request_retype("planet")  # ignored: no such type
    panel.request_confirm()  # ignored: a curated entity has nothing to confirm
    assert asked == [
        Correction("rename", "hkstp", "HK Science Park Corp"),
        Correction("merge", "hkstp", "gba-innoexpress"),
        Correction("split", "hkstp", "HKSTP"),
        Correction("hide", "hkstp"),
        Correction("retype", "hkstp", "place"),
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


def test_a_curated_entity_says_it_is_from_the_knowledge_base(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    label = panel.provenance_label
    assert label.text() == "From the knowledge base"
    assert label.isVisible()
    assert label.toolTip() == "This entity is curated in InnoAtlas's knowledge base."
    assert label.accessibleName() == "Where this entity came from"
    assert label.accessibleDescription().startswith("From the knowledge base. ")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert panel.confirm_button.isHidden()
    assert panel.correct_button.isVisible()
    assert "found in the articles" not in panel.header.text()
    panel.show_page(None)
    assert label.isHidden() and label.text() == ""


@pytest.mark.parametrize(
    ("confidence", "word"), [(0.9, "likely"), (0.7, "likely"), (0.6, "possible"), (0.5, "possible")]
)
def test_a_discovered_entity_says_how_sure_and_offers_confirm(
    qtbot: QtBot, confidence: float, word: str
) -> None:
    panel = _panel(qtbot)
    page = sample_discovered_page()
    entity = dataclasses.replace(page.entity, confidence=confidence)
    page = dataclasses.replace(
        page,
        details=dataclasses.replace(page.details, entity=entity),
        provenance=Provenance.of(entity),
    )
    panel.show_page(page)
    assert panel.provenance_label.text() == f"Found in the articles · {word}"
    assert f"({confidence:.0%} sure)" in panel.provenance_label.toolTip()
    assert panel.confirm_button.isVisible()
    assert panel.confirm_button.accessibleName() == "Confirm this entity"
    assert panel.confirm_button.toolTip()
    asked: list[Correction] = []
    panel.sig_correction_requested.connect(asked.append)
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    assert asked == [Correction("confirm", "d-kowloon-quantum-institute")]


def test_a_confirmed_entity_says_so_and_offers_no_confirm(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_page(sample_discovered_page(confirmed=True))
    assert panel.provenance_label.text() == "Found in the articles · confirmed by you"
    assert "You confirmed it is right." in panel.provenance_label.toolTip()
    assert panel.confirm_button.isHidden()
    asked: list[Correction] = []
    panel.sig_correction_requested.connect(asked.append)
    panel.request_confirm()
    assert asked == []
    # A page made without a provenance reads it from the entity: found, never confirmed.
    panel.show_page(dataclasses.replace(sample_discovered_page(), provenance=None))
    assert panel.provenance_label.text() == "Found in the articles · likely"


def test_correct_offers_every_correction_and_change_type_asks_for_a_type(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = _panel(qtbot)
    panel.show_page(sample_discovered_page())
    menu = panel.correct_button.menu()
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "&Rename…",
        "Change &Type…",
        "&Merge Into…",
        "&Split Off Alias…",
        "&Hide Entity",
    ]
    offered: list[list[str]] = []

    def get_item(*args: object) -> tuple[str, bool]:
        items = args[3]
        assert isinstance(items, list)
        offered.append(items)
        return "Person", True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    asked: list[Correction] = []
    panel.sig_correction_requested.connect(asked.append)
    panel.action_retype.trigger()
    assert offered == [["Initiative", "Person", "Place", "Topic"]]  # not the type it has
    assert asked == [Correction("retype", "d-kowloon-quantum-institute", "person")]


def test_empty_sections_are_hidden_and_counts_read_right(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    page = sample_page()
    sections = panel._sections
    assert all(section.isVisible() for section in sections)
    no_figures = dataclasses.replace(
        page, details=dataclasses.replace(page.details, figures=(), links=())
    )
    panel.show_page(no_figures)
    figures, related, mentions = sections
    assert not figures.isVisible() and not related.isVisible()
    assert mentions.isVisible()
    assert panel.mentions_label.text().endswith("in 2 articles)")
    one = dataclasses.replace(
        no_figures,
        details=dataclasses.replace(no_figures.details, mentions=page.details.mentions[:1]),
        snippets=page.snippets[:1],
    )
    panel.show_page(one)
    assert panel.mentions_label.text().endswith("(1 in 1 article)")


def test_the_timeline_shows_mentions_by_year_and_hides_without_dates(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    dated = dataclasses.replace(sample_page(), timeline=((2021, 2), (2024, 5)), undated=3)
    panel.show_page(dated)
    assert panel.timeline.isVisible() and panel.timeline_label.isVisible()
    assert panel.timeline.years == [(2021, 2), (2022, 0), (2023, 0), (2024, 5)]  # gaps show
    description = panel.timeline.accessibleDescription()
    assert description == "2021: 2, 2024: 5; undated articles: 3 mentions"
    image = panel.timeline.grab().toImage()
    bar = panel.timeline.palette().highlight().color().rgb()
    assert any(
        image.pixel(x, y) == bar for x in range(image.width()) for y in range(image.height())
    )
    panel.show_page(dataclasses.replace(dated, timeline=(), undated=7))
    assert not panel.timeline.isVisible()
