"""The graph view: an entity's neighbourhood, one or two steps out, coloured by type.

The layout is radial and deterministic: the entity in the middle, its direct neighbours on a
first ring (ordered by type, then name), the second step on an outer ring next to the neighbour
that reaches it. The same data always draws the same picture, so screenshots and tests are
stable. No dependency beyond Qt's graphics view.

Run alone with sample data: ``python -m desktop.ui.widgets.graph_view``.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import ENTITY_TYPES, Entity, EntityType
from desktop.view.entity_data import TYPE_LABELS, GraphData, entity_card
from desktop.view.label_layout import Box, edge_label_candidates, node_label_candidates, place

#: One colour per entity type (readable on light and dark backgrounds).
TYPE_COLOURS: dict[str, str] = {
    "organisation": "#3b78e7",
    "initiative": "#e8710a",
    "person": "#1e8e3e",
    "place": "#9334e6",
    "topic": "#d01884",
}
NODE_RADIUS = 10.0
CENTER_RADIUS = 15.0
RING_GAP = 170.0
#: Rings are ellipses this much wider than tall: docks and windows are wider than tall.
WIDTH_FACTOR = 1.7
LABEL_CHARS = 28
#: The data key under which a node item keeps its entity id.
ENTITY_KEY = 0


def _on_ring(radius: float, angle: float) -> QPointF:
    return QPointF(WIDTH_FACTOR * radius * math.cos(angle), radius * math.sin(angle))


def ring_radius(count: int, minimum: float, spacing: float = 70.0) -> float:
    """A ring big enough for ``count`` nodes ``spacing`` apart.

    >>> ring_radius(3, 150.0), round(ring_radius(30, 150.0))
    (150.0, 334)
    """
    return max(minimum, count * spacing / (2 * math.pi))


def radial_layout(
    center: str, entities: Sequence[Entity], edges: Sequence[tuple[str, str, str]]
) -> dict[str, QPointF]:
    """Positions for every entity: the centre at (0, 0), each further step on a wider ring.

    Deterministic: neighbours are ordered by type and name; a node two steps out sits in the
    order of the first-ring neighbour (by angle) that reaches it.
    """
    by_id = {e.id: e for e in entities}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for source, _label, target in edges:
        if source in by_id and target in by_id:
            neighbours[source].add(target)
            neighbours[target].add(source)
    positions = {center: QPointF(0.0, 0.0)}
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}

    def key(entity_id: str) -> tuple[int, str, str]:
        entity = by_id[entity_id]
        return (order.get(entity.type, 9), entity.name.casefold(), entity.id)

    ring = sorted((n for n in neighbours[center] if n != center), key=key)
    placed = {center, *ring}
    radius = ring_radius(len(ring), RING_GAP)
    angles: dict[str, float] = {}
    for i, entity_id in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(ring))
        angles[entity_id] = angle
        positions[entity_id] = _on_ring(radius, angle)
    previous = ring
    while True:
        parent_of: dict[str, str] = {}
        for parent in previous:
            for other in sorted(neighbours[parent], key=key):
                if other not in placed and other not in parent_of:
                    parent_of[other] = parent
        if not parent_of:
            break
        rank = {p: i for i, p in enumerate(previous)}
        outer = sorted(parent_of, key=lambda n: (rank[parent_of[n]], *key(n)))
        radius = max(radius + RING_GAP, ring_radius(len(outer), radius + RING_GAP, 60.0))
        start = angles.get(parent_of[outer[0]], -math.pi / 2) if outer else -math.pi / 2
        step = 2 * math.pi / len(outer)
        for i, entity_id in enumerate(outer):
            angle = start + step * i
            angles[entity_id] = angle
            positions[entity_id] = _on_ring(radius, angle)
        placed.update(outer)
        previous = outer
    # Anything left unconnected (the core should not send it) goes on a last ring.
    rest = sorted((e.id for e in entities if e.id not in placed), key=key)
    radius += RING_GAP
    for i, entity_id in enumerate(rest):
        angle = 2 * math.pi * i / len(rest)
        positions[entity_id] = _on_ring(radius, angle)
    return positions


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class _Canvas(QGraphicsView):
    """The drawing; a click on a node, or Enter on the node chosen with the arrow keys, reports
    its entity id.

    Attributes:
        order: entity ids in keyboard order (the centre, then ring by ring, clockwise).
        current: the index in ``order`` of the node chosen with the keyboard, or -1.

    Signals:
        sig_node_clicked(str): a node was clicked (or Enter / Space on the chosen one).
        sig_node_focused(str): the arrow keys chose this node.
    """

    sig_node_clicked = Signal(str)
    sig_node_focused = Signal(str)

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Entity graph")
        self.setAccessibleDescription("Arrow keys choose a node, Enter opens it")
        self._press: QPointF | None = None
        self.order: list[str] = []
        self.current = -1
        self._items: dict[str, QGraphicsEllipseItem] = {}
        self._ring: QGraphicsEllipseItem | None = None

    def set_nodes(self, order: list[str], items: dict[str, QGraphicsEllipseItem]) -> None:
        """The nodes drawn now, in keyboard order (the scene was cleared)."""
        self.order = order
        self._items = items
        self.current = -1
        self._ring = None

    def step(self, delta: int) -> None:
        """Choose the next (+1) or previous (-1) node with the keyboard."""
        if not self.order:
            return
        self.current = (self.current + delta) % len(self.order) if self.current >= 0 else 0
        entity_id = self.order[self.current]
        node = self._items[entity_id]
        if self._ring is not None:
            self.scene().removeItem(self._ring)
        rect = node.rect().adjusted(-5, -5, 5, 5)
        ring = QGraphicsEllipseItem(rect)
        ring.setPos(node.pos())
        ring.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight), 2.5))
        ring.setZValue(1)
        self.scene().addItem(ring)
        self._ring = ring
        self.ensureVisible(node)
        self.sig_node_focused.emit(entity_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows choose a node, Enter or Space opens it; the rest is standard."""
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.step(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current >= 0:
            self.sig_node_clicked.emit(self.order[self.current])
        else:
            super().keyPressEvent(event)

    def entity_at(self, pos: QPointF) -> str | None:
        """The entity id of the node under ``pos`` (viewport coordinates), or None."""
        for item in self.items(pos.toPoint()):
            entity_id = item.data(ENTITY_KEY)
            if isinstance(entity_id, str):
                return entity_id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Remember where a press on a node started (a drag pans instead)."""
        self._press = event.position() if self.entity_at(event.position()) else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A press and release on the same node opens it."""
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position() - press).manhattanLength() > QApplication.startDragDistance():
            return
        entity_id = self.entity_at(event.position())
        if entity_id is not None:
            self.sig_node_clicked.emit(entity_id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the whole graph in view (never enlarged beyond its natural size)."""
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Scale so the whole graph shows, at most at 100 %."""
        rect = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        if rect.isEmpty():
            return
        self.resetTransform()
        view = self.viewport().rect()
        scale = min(view.width() / rect.width(), view.height() / rect.height(), 1.0)
        self.scale(scale, scale)
        self.centerOn(rect.center())


class GraphView(QWidget):
    """An entity's neighbourhood with a depth choice, type filters (the legend) and clicks.

    Attributes:
        data: the graph shown, or None.
        depth_combo: one or two steps.
        type_boxes: one checkbox per entity type, coloured like its nodes (the legend).
        scene: the graphics scene.
        canvas: the view that draws the scene.
        nodes: entity id -> the node's circle item.

    Signals:
        sig_entity_requested(str): a node was clicked: open this entity.
        sig_reload_requested(str, int, object): draw this entity again with this depth and
            these types (a tuple of type names).
    """

    sig_entity_requested = Signal(str)
    sig_reload_requested = Signal(str, int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graph_view")
        self.setAccessibleName("Entity graph view")
        self.data: GraphData | None = None
        self.nodes: dict[str, QGraphicsEllipseItem] = {}

        self.depth_combo = QComboBox(self)
        self.depth_combo.addItem("1 step", 1)
        self.depth_combo.addItem("2 steps", 2)
        self.depth_combo.setAccessibleName("Neighbourhood depth")
        self.depth_combo.setToolTip("How many steps out from the entity to draw")
        depth_label = QLabel("&Show:", self)
        depth_label.setBuddy(self.depth_combo)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(depth_label)
        bar.addWidget(self.depth_combo)
        bar.addSpacing(12)
        self.type_boxes: dict[str, QCheckBox] = {}
        for entity_type in ENTITY_TYPES:
            box = QCheckBox(TYPE_LABELS[entity_type], self)
            box.setChecked(True)
            box.setIcon(_swatch(TYPE_COLOURS[entity_type]))
            box.setAccessibleName(f"Show {TYPE_LABELS[entity_type].lower()} nodes")
            box.setToolTip(f"{TYPE_LABELS[entity_type]} nodes are drawn in this colour")
            box.toggled.connect(self._on_type_box_toggled)
            self.type_boxes[entity_type] = box
            bar.addWidget(box)
        bar.addStretch(1)
        self.status = QLabel(self)
        self.status.setAccessibleName("Graph status")
        # Its text grows with the graph; it is cut, never the reason the window widens.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setMinimumWidth(60)
        bar.addWidget(self.status)

        self.scene = QGraphicsScene(self)
        self.canvas = _Canvas(self.scene, self)
        self.canvas.sig_node_clicked.connect(self._on_canvas_node_clicked)
        self.canvas.sig_node_focused.connect(self._on_canvas_node_focused)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        self.depth_combo.currentIndexChanged.connect(self._on_depth_combo_changed)

    # -- state --------------------------------------------------------------------------------
    @property
    def steps(self) -> int:
        """The steps chosen (1 or 2)."""
        return int(self.depth_combo.currentData() or 1)

    @property
    def types(self) -> tuple[EntityType, ...]:
        """The entity types ticked."""
        return tuple(t for t in ENTITY_TYPES if self.type_boxes[t].isChecked())

    @property
    def center_id(self) -> str | None:
        """The entity in the middle, or None."""
        return self.data.center if self.data else None

    def request(self, entity_id: str) -> None:
        """Ask for ``entity_id``'s neighbourhood with the chosen depth and types."""
        self.status.setText("Loading…")
        self.sig_reload_requested.emit(entity_id, self.steps, self.types)

    def show_graph(self, data: GraphData) -> None:
        """Draw ``data``."""
        self.data = data
        self._sync_controls(data)
        self.scene.clear()
        self.nodes = {}
        by_id = {e.id: e for e in data.entities}
        positions = radial_layout(data.center, data.entities, data.edges)
        text_colour = self.palette().color(self.foregroundRole())
        edge_colour = QColor(text_colour)
        edge_colour.setAlpha(110)
        labels: dict[tuple[str, str], list[str]] = defaultdict(list)
        for source, label, target in data.edges:
            if source in positions and target in positions:
                labels[(source, target)].append(label)
        for (source, target), _names in sorted(labels.items()):
            self._draw_edge(
                positions[source], positions[target], edge_colour, source == data.center
            )
        for entity_id, point in sorted(positions.items()):
            entity = by_id.get(entity_id)
            if entity is not None:
                self._draw_node(entity, point, entity_id == data.center)
        edge_texts = {pair: ", ".join(sorted(set(names))) for pair, names in labels.items()}
        self._draw_labels(data.center, positions, by_id, edge_texts, text_colour)
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        self.canvas.set_nodes(
            sorted(
                self.nodes,
                key=lambda n: (
                    round(math.hypot(positions[n].x() / WIDTH_FACTOR, positions[n].y())),
                    (math.atan2(positions[n].y(), positions[n].x()) + math.pi / 2) % (2 * math.pi),
                ),
            ),
            self.nodes,
        )
        self.canvas.fit()
        center = by_id.get(data.center)
        name = center.name if center else data.center
        self.status.setText(f"{name}: {len(data.entities) - 1} related, {len(labels)} links")
        self.canvas.setAccessibleDescription(
            f"Graph of {name} and {len(data.entities) - 1} related entities"
        )

    def changeEvent(self, event: QEvent) -> None:
        """Draw again in the new colours when the theme changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.data is not None:
            self.show_graph(self.data)

    def _sync_controls(self, data: GraphData) -> None:
        """Show the depth and types the data was drawn with, without asking again."""
        blocked = self.depth_combo.blockSignals(True)
        self.depth_combo.setCurrentIndex(max(0, self.depth_combo.findData(data.depth)))
        self.depth_combo.blockSignals(blocked)
        if data.types:
            for entity_type, box in self.type_boxes.items():
                blocked = box.blockSignals(True)
                box.setChecked(entity_type in data.types)
                box.blockSignals(blocked)

    def show_message(self, text: str) -> None:
        """Clear the drawing and say why."""
        self.data = None
        self.scene.clear()
        self.nodes = {}
        self.canvas.set_nodes([], {})
        self.status.setText(text)

    def node_position(self, entity_id: str) -> QPointF | None:
        """Where a node is drawn, in viewport coordinates (for tests and tools)."""
        item = self.nodes.get(entity_id)
        if item is None:
            return None
        return QPointF(self.canvas.mapFromScene(item.sceneBoundingRect().center()))

    # -- drawing ------------------------------------------------------------------------------
    def _draw_edge(self, start: QPointF, end: QPointF, colour: QColor, from_center: bool) -> None:
        dx, dy = end.x() - start.x(), end.y() - start.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        tip = QPointF(end.x() - ux * (NODE_RADIUS + 2), end.y() - uy * (NODE_RADIUS + 2))
        path = QPainterPath(start)
        path.lineTo(tip)
        line = QGraphicsPathItem(path)
        line.setPen(QPen(colour, 1.6 if from_center else 1.0))
        line.setZValue(-2)
        self.scene.addItem(line)
        head = QPolygonF(
            [
                tip,
                QPointF(tip.x() - ux * 8 - uy * 4, tip.y() - uy * 8 + ux * 4),
                QPointF(tip.x() - ux * 8 + uy * 4, tip.y() - uy * 8 - ux * 4),
            ]
        )
        arrow = self.scene.addPolygon(head, QPen(colour), QBrush(colour))
        arrow.setZValue(-2)

    def _draw_node(self, entity: Entity, point: QPointF, center: bool) -> None:
        radius = CENTER_RADIUS if center else NODE_RADIUS
        colour = QColor(TYPE_COLOURS.get(entity.type, "#777777"))
        node = QGraphicsEllipseItem(QRectF(-radius, -radius, 2 * radius, 2 * radius))
        node.setPos(point)
        node.setBrush(QBrush(colour))
        node.setPen(QPen(colour.darker(140), 2.5 if center else 1.2))
        node.setToolTip(entity_card(entity))
        node.setData(ENTITY_KEY, entity.id)
        node.setCursor(Qt.CursorShape.PointingHandCursor)
        node.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.scene.addItem(node)
        self.nodes[entity.id] = node

    def _draw_labels(
        self,
        center: str,
        positions: dict[str, QPointF],
        by_id: dict[str, Entity],
        edge_texts: dict[tuple[str, str], str],
        text_colour: QColor,
    ) -> None:
        """Name the nodes, then the edges, each where it overlaps no label or node placed
        before it (:mod:`desktop.view.label_layout`): the centre first, the inner ring next."""

        def rank(entity_id: str) -> tuple[bool, float, str]:
            point = positions[entity_id]
            return entity_id != center, math.hypot(point.x() / WIDTH_FACTOR, point.y()), entity_id

        order = sorted((n for n in self.nodes if n in positions), key=rank)
        nodes = [
            Box(p.x() - r, p.y() - r, 2 * r, 2 * r)
            for n in order
            for p, r in [(positions[n], CENTER_RADIUS if n == center else NODE_RADIUS)]
        ]
        items: list[tuple[QGraphicsSimpleTextItem, QGraphicsItem | None, QPointF]] = []
        candidates: list[list[Box]] = []
        for entity_id in order:
            name = by_id[entity_id].name
            text = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
            node = self.nodes[entity_id]
            label = QGraphicsSimpleTextItem(text, node)
            if entity_id == center:
                font = label.font()
                font.setBold(True)
                label.setFont(font)
            label.setBrush(text_colour)
            label.setData(ENTITY_KEY, entity_id)
            rect, point = label.boundingRect(), positions[entity_id]
            radius = CENTER_RADIUS if entity_id == center else NODE_RADIUS
            above = point.y() < -1.0  # nodes in the upper half have their name above them
            candidates.append(
                node_label_candidates(
                    point.x(), point.y(), radius, rect.width(), rect.height(), above
                )
            )
            items.append((label, node, point))
        muted = QColor(text_colour)
        muted.setAlpha(200)
        plate = QColor(self.palette().color(self.backgroundRole()))
        plate.setAlpha(210)
        for (source, target), text in sorted(edge_texts.items()):
            label = QGraphicsSimpleTextItem(text)
            font = label.font()
            font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
            label.setFont(font)
            label.setBrush(muted)
            label.setZValue(-1)
            self.scene.addItem(label)
            rect = label.boundingRect()
            start, end = positions[source], positions[target]
            candidates.append(
                edge_label_candidates(
                    (start.x(), start.y()), (end.x(), end.y()), rect.width(), rect.height()
                )
            )
            items.append((label, None, QPointF(0, 0)))
        for (label, parent, origin), options, chosen in zip(
            items, candidates, place(candidates, nodes), strict=True
        ):
            box = options[chosen]
            label.setPos(box.x - origin.x(), box.y - origin.y())
            if parent is None:  # an edge's label sits on a plate, readable over the lines
                back = self.scene.addRect(
                    QRectF(box.x - 2, box.y - 1, box.w + 4, box.h + 2), QPen(Qt.PenStyle.NoPen),
                    QBrush(plate),
                )  # fmt: skip
                back.setZValue(-1.5)

    # -- handlers -----------------------------------------------------------------------------
    def _on_canvas_node_clicked(self, entity_id: str) -> None:
        self.sig_entity_requested.emit(entity_id)

    def _on_canvas_node_focused(self, entity_id: str) -> None:
        entity = (
            next((e for e in self.data.entities if e.id == entity_id), None) if self.data else None
        )
        if entity is not None:
            text = f"{entity.name} ({TYPE_LABELS.get(entity.type, entity.type)}): Enter opens it"
            self.status.setText(text)
            self.canvas.setAccessibleDescription(text)

    def _on_depth_combo_changed(self, _index: int) -> None:
        if self.data is not None:
            self.request(self.data.center)

    def _on_type_box_toggled(self, _checked: bool) -> None:
        if self.data is not None:
            self.request(self.data.center)


def sample_graph() -> GraphData:
    """A small hand-made neighbourhood for running the view alone and for tests."""
    entities = (
        Entity("hkstp", "HKSTP", "organisation"),
        Entity("gba-innoexpress", "GBA InnoExpress", "initiative"),
        Entity("gba-innoacademy", "GBA InnoAcademy", "initiative"),
        Entity("albert-wong", "Albert Wong Hak-keung", "person"),
        Entity("singapore", "Singapore", "place"),
        Entity("ai", "Artificial intelligence", "topic"),
        Entity("microsoft-hk", "Microsoft Hong Kong", "organisation"),
    )
    edges = (
        ("albert-wong", "leads", "hkstp"),
        ("hkstp", "partners with", "singapore"),
        ("hkstp", "runs", "gba-innoacademy"),
        ("hkstp", "runs", "gba-innoexpress"),
        ("hkstp", "partners with", "microsoft-hk"),
        ("microsoft-hk", "invests in", "ai"),
    )
    return GraphData("hkstp", entities, edges, 2, ENTITY_TYPES)


def main() -> int:
    """Show the view alone with sample data; clicks are printed."""
    app = QApplication(sys.argv)
    view = GraphView()
    view.show_graph(sample_graph())
    view.sig_entity_requested.connect(lambda e: print("open", e))
    view.sig_reload_requested.connect(lambda e, d, t: print("reload", e, d, t))
    view.resize(900, 650)
    view.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
