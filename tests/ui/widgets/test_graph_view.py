"""The graph view alone, with the hand-made sample neighbourhood."""

from __future__ import annotations

import doctest

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.model import Entity
from desktop.ui.widgets import graph_view
from desktop.ui.widgets.graph_view import GraphView, radial_layout, sample_graph


def _view(qtbot: QtBot) -> GraphView:
    view = GraphView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    qtbot.waitExposed(view)
    view.show_graph(sample_graph())
    return view


def test_layout_is_radial_and_deterministic() -> None:
    data = sample_graph()
    first = radial_layout(data.center, data.entities, data.edges)
    again = radial_layout(data.center, tuple(reversed(data.entities)), data.edges[::-1])
    assert {k: (v.x(), v.y()) for k, v in first.items()} == {
        k: (v.x(), v.y()) for k, v in again.items()
    }
    assert (first["hkstp"].x(), first["hkstp"].y()) == (0.0, 0.0)

    def distance(key: str) -> float:
        x = first[key].x() / graph_view.WIDTH_FACTOR  # rings are ellipses, wider than tall
        return round(float((x**2 + first[key].y() ** 2) ** 0.5), 3)

    ring1 = {distance(k) for k in ("singapore", "gba-innoexpress", "albert-wong", "microsoft-hk")}
    assert len(ring1) == 1
    assert distance("ai") > ring1.pop()


def test_nodes_are_coloured_by_type_and_clickable(qtbot: QtBot) -> None:
    view = _view(qtbot)
    assert set(view.nodes) == {e.id for e in sample_graph().entities}
    colour = view.nodes["singapore"].brush().color().name()
    assert colour == graph_view.TYPE_COLOURS["place"]
    assert view.depth_combo.currentData() == 2
    pos = view.node_position("singapore")
    assert pos is not None
    with qtbot.waitSignal(view.sig_entity_requested) as blocker:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert blocker.args == ["singapore"]


def test_filters_and_depth_ask_again(qtbot: QtBot) -> None:
    view = _view(qtbot)
    with qtbot.waitSignal(view.sig_reload_requested) as blocker:
        view.type_boxes["topic"].click()
    assert blocker.args[0] == "hkstp"
    assert "topic" not in blocker.args[2]
    with qtbot.waitSignal(view.sig_reload_requested) as blocker:
        view.depth_combo.setCurrentIndex(0)
    assert blocker.args[1] == 1


def test_unconnected_entities_still_get_a_place() -> None:
    lone = (Entity("a", "A", "topic"), Entity("b", "B", "place"))
    positions = radial_layout("a", lone, ())
    assert set(positions) == {"a", "b"}


def test_doctests() -> None:
    result = doctest.testmod(graph_view)
    assert result.attempted > 0 and result.failed == 0


def test_nodes_are_reachable_from_the_keyboard(qtbot: QtBot) -> None:
    view = _view(qtbot)
    canvas = view.canvas
    assert canvas.order[0] == "hkstp"  # the centre first, then ring by ring
    assert canvas.order[-1] == "ai"
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    chosen = canvas.order[1]
    assert view.status.text().startswith(next(e.name for e in view.data.entities if e.id == chosen))
    with qtbot.waitSignal(view.sig_entity_requested) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert blocker.args == [chosen]
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert canvas.current == 0
    view.show_message("Nothing")
    assert canvas.order == []


def test_a_theme_change_redraws_in_its_colours(qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QPalette

    view = _view(qtbot)
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#fafafa"))
    view.setPalette(palette)
    label = next(i for i in view.nodes["hkstp"].childItems())
    assert label.brush().color().name() == "#fafafa"  # type: ignore[attr-defined]
