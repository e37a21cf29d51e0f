"""The graph's labels: node names and edge labels overlap nothing placed before them, edge
labels are readable, and opening the graph never widens the window."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtWidgets import QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.core.model import ENTITY_TYPES, Entity
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.graph_view import GraphView
from desktop.view.entity_data import GraphData, load_graph
from tests.ui.helpers import WAIT_MS


def _overlaps(view: GraphView) -> int:
    texts = [i for i in view.scene.items() if isinstance(i, QGraphicsSimpleTextItem)]
    boxes = [t.sceneBoundingRect() for t in texts]
    return sum(a.intersects(b) for a, b in itertools.combinations(boxes, 2))


def _shown(qtbot: QtBot, data: GraphData) -> GraphView:
    view = GraphView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.show_graph(data)
    return view


def test_a_crowded_ring_has_no_label_on_another(qtbot: QtBot) -> None:
    hub = Entity("hub", "Hong Kong Science and Technology Parks", "organisation")
    others = [Entity(f"e{n}", f"Neighbour number {n} Limited", "organisation") for n in range(24)]
    edges = tuple(("hub", "partners with", e.id) for e in others)
    view = _shown(qtbot, GraphData("hub", (hub, *others), edges, 1, ENTITY_TYPES))
    assert _overlaps(view) == 0


def test_the_library_s_busiest_graph_keeps_its_labels_apart(qtbot: QtBot, library: Library) -> None:
    view = _shown(qtbot, load_graph(library, "hkstp", 2, ENTITY_TYPES))
    assert len(view.nodes) > 10
    assert _overlaps(view) == 0


def test_edge_labels_are_nearly_the_size_of_node_names(qtbot: QtBot) -> None:
    hub, other = Entity("a", "A", "organisation"), Entity("b", "B", "place")
    view = _shown(qtbot, GraphData("a", (hub, other), (("a", "runs", "b"),), 1, ENTITY_TYPES))
    texts = {
        t.text(): t.font().pointSizeF()
        for t in view.scene.items()
        if isinstance(t, QGraphicsSimpleTextItem)
    }
    assert texts["runs"] >= 0.85 * texts["B"]


def test_opening_the_graph_does_not_widen_the_window(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> None:
    window = make_window(library)
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=WAIT_MS)
    window.entities.open_entity("hkstp")
    window.entities.action_show_graph.trigger()
    qtbot.waitUntil(lambda: window.entities.graph.data is not None, timeout=WAIT_MS)
    qtbot.wait(50)
    assert window.width() == 1024
