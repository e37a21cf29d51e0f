"""Take the README's table-of-contents screenshot: an article with sections and Go ▸
Contents (Ctrl+T) open over it, the current section checked.

``python -m tests.ui.contents_screenshot OUT.png DATA_DIR`` (under Xvfb; see README). The
menu is a window of its own, so the picture is taken from the screen, not the main window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer

from desktop.ui.main_window import MainWindow
from tests.ui.screenshot import SIZE, _wait, take

QUERY = "greater bay area"


def _settle(msecs: int = 400) -> None:
    settle = QDeadlineTimer(msecs)
    while not settle.hasExpired():
        QCoreApplication.processEvents()


def show_contents(window: MainWindow) -> None:
    """Open the article with the most sections, scroll into it, and pop up its contents."""
    window.resize(*SIZE)
    window.move(0, 0)
    window.search_bar.edit.setText(QUERY)
    window.submit_search(QUERY)
    _wait(lambda: window.last_result is not None and window.last_result.query == QUERY)
    library = window.library.get()
    best = max(
        library.articles(),
        key=lambda s: sum(b.kind == "heading" for b in library.article(s.id).blocks),
    )
    window.open_article(best.id)
    _wait(lambda: window.article_id == best.id)
    _wait(lambda: not window.tasks.busy)
    window.reader.set_scroll_fraction(0.35)
    window.commands.contents.trigger()
    _wait(lambda: window.contents.menu is not None and window.contents.menu.isVisible())
    _settle()


def save_screen(window: MainWindow, path: Path) -> Path:
    """The screen where the window is (with its popup menu), cut to the window."""
    screen = window.screen()
    frame = window.frameGeometry()
    image = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def main(argv: list[str]) -> int:
    """The contents screenshot."""
    return take(argv, show_contents, save_screen)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
