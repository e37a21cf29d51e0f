"""Take the README screenshot: a search with results and an open article.

Used in-process by ``test_screenshot.py`` (offscreen), and as a program under Xvfb when it is
installed: ``python -m tests.ui.screenshot OUT.png DATA_DIR``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.core.spec import LibrarySpec
from desktop.locations import bundled_sources, knowledge_base
from desktop.ui.compat import guard_singletons
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings

QUERY = "collaboration Singapore"
SIZE = (1280, 800)


def _wait(condition: object, msecs: int = 15_000) -> None:
    deadline = QDeadlineTimer(msecs)
    while not condition() and not deadline.hasExpired():  # type: ignore[operator]
        QCoreApplication.processEvents()
    if not condition():  # type: ignore[operator]
        raise TimeoutError("the window did not get there in time")


def show_search_and_article(window: MainWindow, query: str = QUERY) -> None:
    """Drive the window like a user: type, search, open the first result."""
    window.resize(*SIZE)
    window.search_bar.edit.setText(query)
    window.submit_search(query)
    _wait(lambda: window.last_result is not None and window.last_result.query == query)
    hit = window.results.model.hit(0)
    assert hit is not None
    window.results.select_row(0)
    window.results.sig_open_requested.emit(hit)
    _wait(lambda: window.article_id == hit.article_id)
    _wait(lambda: not window.tasks.busy)
    window.results.view.setFocus()  # no blinking text cursor in the picture
    settle = QDeadlineTimer(400)  # let the search box's clear button finish fading in
    while not settle.hasExpired():
        QCoreApplication.processEvents()


def save_screenshot(window: MainWindow, path: Path) -> Path:
    """Grab the whole window into a PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = window.grab().toImage()
    if path.exists() and QImage(str(path)) == image:
        return path  # unchanged: keep the file (and git) quiet
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def take(
    argv: list[str],
    arrange: Callable[[MainWindow], None],
    save: Callable[[MainWindow, Path], Path] = save_screenshot,
) -> int:
    """Open the real window on the bundled library in ``argv[1]``, let ``arrange`` set the
    scene, and ``save`` the window to ``argv[0]``."""
    out, data_dir = Path(argv[0]), Path(argv[1])
    guard_singletons()
    app = QApplication([sys.argv[0]])
    spec = LibrarySpec(data_dir, tuple(bundled_sources()), knowledge_base())
    library = spec.open()
    library.refresh()
    window = MainWindow(library, Settings(data_dir / "settings.ini"), spec)
    window.show()
    window.start()
    try:
        arrange(window)
        save(window, out)
    finally:
        window.close()
        library.close()
    app.processEvents()
    return 0


def main(argv: list[str]) -> int:
    """The README screenshot: a search with results and an open article."""
    return take(argv, show_search_and_article)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
