"""Take the README's entity screenshot: an article, the entity panel and the graph.

Used in-process by ``test_entities_screenshot.py`` (offscreen), and as a program under Xvfb
when it is installed: ``python -m tests.ui.entities_screenshot OUT.png DATA_DIR``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, Qt

from desktop.ui.main_window import MainWindow
from tests.ui.screenshot import _wait, take

ENTITY = "hkstp"
QUERY = "startups"
SIZE = (1600, 1000)


def show_entity_and_graph(window: MainWindow, entity_id: str = ENTITY) -> None:
    """Drive the window like a user: search, open an article, its entity, then the graph."""
    window.resize(*SIZE)
    window.submit_search(QUERY)
    _wait(lambda: window.last_result is not None and window.last_result.query == QUERY)
    hit = window.results.model.hit(0)
    assert hit is not None
    window.results.select_row(0)
    window.results.sig_open_requested.emit(hit)
    _wait(lambda: window.article_id == hit.article_id)
    ui = window.entities
    ui.open_entity(entity_id)
    _wait(lambda: ui.panel.entity_id == entity_id)
    ui.show_graph(entity_id)
    _wait(lambda: ui.graph.center_id == entity_id)
    _wait(lambda: not window.tasks.busy)
    window.resizeDocks([ui.dock], [400], Qt.Orientation.Horizontal)
    window.resizeDocks([ui.graph_dock], [400], Qt.Orientation.Vertical)
    settle = QDeadlineTimer(400)
    while not settle.hasExpired():
        QCoreApplication.processEvents()
    ui.graph.canvas.fit()
    window.results.view.setFocus()


def main(argv: list[str]) -> int:
    """The entities screenshot: the panel and the graph of HKSTP."""
    return take(argv, show_entity_and_graph)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
