"""End-to-end entity features in the real window over the real bundled library: facets,
names as links, the entity panel, history across entities, the graph and corrections."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QScrollArea, QToolTip, QTreeView
from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.models.entity_models import EntityIdRole
from desktop.ui.models.facets_model import CountRole, FilterRole
from desktop.ui.models.grouped_model import GroupedModel
from desktop.ui.widgets.reader import ReaderView
from tests.ui.helpers import WAIT_MS, wait_for_article, wait_for_query


def _leaf(model: GroupedModel, role: int, value: str) -> QModelIndex:
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(role) == value:
                return index
    raise AssertionError(f"no row with {value!r}")


def _click_row(qtbot: QtBot, view: QTreeView, index: QModelIndex) -> None:
    view.expand(index.parent())

    def visible() -> bool:
        view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        rect = view.visualRect(index)
        return rect.isValid() and view.viewport().rect().contains(rect.center())

    qtbot.waitUntil(visible, timeout=WAIT_MS)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def _wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)


def _entity_link_cursor(reader: ReaderView, entity_id: str) -> QTextCursor:
    """A cursor inside the first link to ``entity_id`` in the reader."""
    href = f"innoatlas:entity/{entity_id}"
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(reader.document())
                cursor.setPosition(fragment.position() + 1)
                return cursor
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {entity_id}")


def _click_entity_link(qtbot: QtBot, reader: ReaderView, entity_id: str) -> None:
    cursor = _entity_link_cursor(reader, entity_id)
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    point = reader.cursorRect(cursor).center() + QPoint(2, 0)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)


def _shown(window: MainWindow, entity_id: str) -> bool:
    return window.entities.panel.entity_id == entity_id and not window.tasks.busy


def test_a_facet_filters_on_click_and_unfilters_on_a_second(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.submit_search("startups")
    wait_for_query(qtbot, window, "startups")
    assert window.last_result is not None and window.last_result.total == 4
    facets = window.results.facets
    assert facets.isVisible()
    assert facets.accessibleName()
    index = _leaf(facets.facets_model, FilterRole, "entity:lalamove")
    assert index.data(CountRole) == 1
    _click_row(qtbot, facets, index)
    wait_for_query(qtbot, window, "startups entity:lalamove")
    assert window.last_result.total == 1
    assert window.results.model.rowCount() == 1
    assert window.results.count_label.text() == "1 article"
    assert window.search_bar.text == "startups entity:lalamove"
    index = _leaf(facets.facets_model, FilterRole, "entity:lalamove")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    _click_row(qtbot, facets, index)
    wait_for_query(qtbot, window, "startups")
    assert window.last_result.total == 4
    assert window.results.model.rowCount() == 4


def test_a_facet_works_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.submit_search("startups")
    wait_for_query(qtbot, window, "startups")
    facets = window.results.facets
    index = _leaf(facets.facets_model, FilterRole, "date:2024")
    facets.setFocus()
    facets.setCurrentIndex(index)
    qtbot.keyClick(facets, Qt.Key.Key_Space)
    wait_for_query(qtbot, window, "startups date:2024")
    assert window.last_result is not None and window.last_result.total == 1


def test_names_in_the_reader_are_links_with_a_hover_card(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    article_id = library.entity("HKSTP").mentions[0].article_id
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    cursor = _entity_link_cursor(window.reader, "hkstp")
    card = cursor.charFormat().toolTip()
    assert "<b>Hong Kong Science and Technology Parks Corporation</b>" in card
    assert "Organisation" in card
    assert "statutory body" in card
    reader = window.reader  # hovering shows it as a tooltip
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    pos = reader.cursorRect(cursor).center() + QPoint(2, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, reader.viewport().mapToGlobal(pos))
    QApplication.sendEvent(reader.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=WAIT_MS)
    assert QToolTip.text() == card
    QToolTip.hideText()


def test_follow_organisation_initiative_article_and_back(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    article_id = library.entity("HKSTP").mentions[0].article_id
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    _wait_idle(qtbot, window)

    # organisation: a click on its name in the reader opens the panel
    _click_entity_link(qtbot, window.reader, "hkstp")
    qtbot.waitUntil(lambda: _shown(window, "hkstp"), timeout=WAIT_MS)
    panel = window.entities.panel
    assert window.entities.dock.isVisible()
    assert "Hong Kong Science and Technology Parks Corporation" in panel.header.text()
    assert panel.mentions_model.leaf_count() == len(library.entity("hkstp").mentions)

    # initiative: follow the "runs" relation
    _click_row(qtbot, panel.links_view, _leaf(panel.links_model, EntityIdRole, "techconnect"))
    qtbot.waitUntil(lambda: _shown(window, "techconnect"), timeout=WAIT_MS)
    assert "TechConnect" in panel.header.text()

    # article: a mention opens the reader at its passage
    group = panel.mentions_model.index(0, 0)
    mention = panel.mentions_model.index(0, 0, group)
    target = mention.data(Qt.ItemDataRole.UserRole + 30)
    _click_row(qtbot, panel.mentions_view, mention)
    wait_for_article(qtbot, window, target)
    _wait_idle(qtbot, window)
    assert window.reader.content is not None
    assert window.reader.content.target_block == mention.data(Qt.ItemDataRole.UserRole + 31)
    assert window.reader.highlighted_words()

    # back twice: TechConnect, then HKSTP again
    window.go_back()
    qtbot.waitUntil(lambda: _shown(window, "techconnect"), timeout=WAIT_MS)
    window.go_back()
    qtbot.waitUntil(lambda: _shown(window, "hkstp"), timeout=WAIT_MS)
    assert window.article_id == article_id
    window.go_forward()
    qtbot.waitUntil(lambda: _shown(window, "techconnect"), timeout=WAIT_MS)


def test_graph_opens_from_the_panel_and_a_node_click_opens_the_entity(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.entities.open_entity("hkstp")
    qtbot.waitUntil(lambda: _shown(window, "hkstp"), timeout=WAIT_MS)
    qtbot.mouseClick(window.entities.panel.graph_button, Qt.MouseButton.LeftButton)
    graph = window.entities.graph
    qtbot.waitUntil(lambda: graph.center_id == "hkstp", timeout=WAIT_MS)
    assert window.entities.graph_dock.isVisible()
    assert {"gba-innoexpress", "gba-innoacademy", "techconnect"} <= set(graph.nodes)
    pos = graph.node_position("techconnect")
    assert pos is not None
    qtbot.mouseClick(graph.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos.toPoint())
    qtbot.waitUntil(lambda: _shown(window, "techconnect"), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: graph.center_id == "techconnect", timeout=WAIT_MS)

    graph.depth_combo.setCurrentIndex(1)  # two steps
    qtbot.waitUntil(lambda: graph.data is not None and graph.data.depth == 2, timeout=WAIT_MS)
    two_steps = set(graph.nodes)
    assert "hkstp" in two_steps and len(two_steps) > 3
    graph.type_boxes["place"].click()
    qtbot.waitUntil(
        lambda: graph.data is not None and "place" not in graph.data.types, timeout=WAIT_MS
    )
    assert all(e.type != "place" for e in graph.data.entities if e.id != "techconnect")

    # Back to before any entity was open: the graph does not keep showing a stale one.
    while window.history.current is not None and window.history.current.entity_id:
        window.go_back()
    qtbot.waitUntil(lambda: graph.data is None, timeout=WAIT_MS)
    assert graph.status.text().startswith("Open an entity first")


def test_graph_from_the_view_menu(qtbot: QtBot, window: MainWindow) -> None:
    window.entities.action_show_graph.trigger()
    assert window.entities.graph_dock.isVisible()
    assert "Open an entity first" in window.entities.graph.status.text()
    window.entities.open_entity("idea")
    qtbot.waitUntil(lambda: _shown(window, "idea"), timeout=WAIT_MS)
    window.entities.action_show_graph.trigger()  # Ctrl+Shift+G again: it closes
    assert not window.entities.graph_dock.isVisible()
    window.entities.action_show_graph.trigger()
    assert window.entities.graph_dock.isVisible()
    qtbot.waitUntil(lambda: window.entities.graph.center_id == "idea", timeout=WAIT_MS)
    assert "harry-shum" in window.entities.graph.nodes


def test_rename_shows_at_once_and_undo_takes_it_back(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    window.entities.open_entity("hkstp")
    qtbot.waitUntil(lambda: _shown(window, "hkstp"), timeout=WAIT_MS)
    panel = window.entities.panel
    panel.request_rename("Science Park Corporation <HK>")
    qtbot.waitUntil(
        lambda: "Science Park Corporation &lt;HK&gt;" in panel.header.text(), timeout=WAIT_MS
    )
    _wait_idle(qtbot, window)
    assert library.entity("hkstp").entity.name == "Science Park Corporation <HK>"
    assert "Hong Kong Science and Technology Parks Corporation" in panel.page.entity.aliases
    window.entities.action_undo_correction.trigger()
    qtbot.waitUntil(
        lambda: (
            "<h2" in panel.header.text()
            and "Hong Kong Science and Technology Parks Corporation</h2>" in panel.header.text()
        ),
        timeout=WAIT_MS,
    )
    _wait_idle(qtbot, window)
    assert (
        library.entity("hkstp").entity.name == "Hong Kong Science and Technology Parks Corporation"
    )
    window.entities.action_undo_correction.trigger()
    qtbot.waitUntil(
        lambda: "no entity correction to undo" in window.status_label.text(), timeout=WAIT_MS
    )


def test_hide_and_merge_apply_and_undo(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    window.entities.open_entity("eric-or")
    qtbot.waitUntil(lambda: _shown(window, "eric-or"), timeout=WAIT_MS)
    window.entities.panel.request_hide()
    qtbot.waitUntil(lambda: "Hidden." in window.entities.panel.header.text(), timeout=WAIT_MS)
    _wait_idle(qtbot, window)
    assert all(e.id != "eric-or" for e in library.entities())
    window.entities.undo_correction()
    qtbot.waitUntil(lambda: "Hidden." not in window.entities.panel.header.text(), timeout=WAIT_MS)
    _wait_idle(qtbot, window)
    window.entities.panel.request_merge("albert-wong")
    qtbot.waitUntil(lambda: _shown(window, "albert-wong"), timeout=WAIT_MS)
    assert "Eric Or" in window.entities.panel.page.entity.aliases
    window.entities.undo_correction()
    qtbot.waitUntil(lambda: _shown(window, "eric-or"), timeout=WAIT_MS)


def test_menus_have_the_entity_commands(window: MainWindow) -> None:
    menus = window.commands.menus
    edit = [a.text() for a in menus["edit"].actions()]
    view = [a.text() for a in menus["view"].actions()]
    assert "Undo Entity &Correction" in edit
    assert "Entity &Graph" in view
    assert window.entities.dock.toggleViewAction().text() in view


def test_a_library_reload_shows_the_entity_afresh_without_a_history_entry(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.entities.open_entity("idea")
    qtbot.waitUntil(lambda: _shown(window, "idea"), timeout=WAIT_MS)
    entries = len(window.history)
    window.entities.dock.hide()
    shown: list[str] = []
    window.entities.sig_page_shown.connect(shown.append)
    window.entities.reload()
    qtbot.waitUntil(lambda: shown == ["idea"], timeout=WAIT_MS)
    assert len(window.history) == entries
    assert not window.entities.dock.isVisible()


def test_the_entity_panel_scrolls_as_one_page_without_boxes_of_its_own(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1200, 700)
    window.entities.open_entity("hkstp")
    qtbot.waitUntil(lambda: _shown(window, "hkstp"), timeout=WAIT_MS)
    _wait_idle(qtbot, window)
    panel = window.entities.panel
    page = window.entities.dock.widget()
    assert isinstance(page, QScrollArea)
    views = (panel.figures_view, panel.links_view, panel.mentions_view)
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 0, timeout=WAIT_MS)
    for view in views:  # each list as tall as its rows: the page scrolls, not the list
        assert view.verticalScrollBar().maximum() == 0, view.accessibleName()
        assert view.height() >= view.sizeHint().height()
