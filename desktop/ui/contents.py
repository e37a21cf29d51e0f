"""Go ▸ Contents: the article's sections from its headings, the one being read marked.

Long reports are read by section; Calibre and Kiwix readers list them. The list is a menu
that pops up over the reader (nothing stays on screen taking room from the text), built
from the article's own headings each time, so it always matches what is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.core.model import Article
from desktop.ui.widgets.reader import ReaderView


def current_heading(article: Article, first_visible: str | None) -> str | None:
    """The id of the heading the block ``first_visible`` is under (None: above them all)."""
    current = None
    for block in article.blocks:
        if block.kind == "heading":
            current = block.id
        if block.id == first_visible:
            return current
    return current if first_visible is None else None


class Contents(QObject):
    """Builds the contents menu of the shown article and scrolls to the section chosen.

    Attributes:
        menu: the menu last built (None until the first time).

    Signals:
        sig_status(str): that the article has no sections, for the status bar.
    """

    sig_status = Signal(str)

    def __init__(self, reader: ReaderView, action: QAction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self.menu: QMenu | None = None
        action.triggered.connect(self._on_action_triggered)

    def build(self) -> QMenu | None:
        """The article's headings as a menu, the current section checked; None without any."""
        article = self._reader.article
        headings = [b for b in article.blocks if b.kind == "heading"] if article else []
        if article is None or not headings:
            return None
        current = current_heading(article, self._reader.first_visible_block_id())
        menu = QMenu("Contents", self._reader)
        for heading in headings:
            action = menu.addAction(heading.text)
            action.setCheckable(True)
            action.setChecked(heading.id == current)
            action.triggered.connect(
                lambda _checked=False, block_id=heading.id: self._reader.scroll_to_block(block_id)
            )
        self.menu = menu
        return menu

    def _on_action_triggered(self) -> None:
        menu = self.build()
        if menu is None:
            self.sig_status.emit("This article has no sections: it has no headings.")
            return
        menu.popup(self._reader.mapToGlobal(QPoint(16, 16)))
