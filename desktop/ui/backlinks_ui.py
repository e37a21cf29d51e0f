"""Go ▸ Backlinks and View ▸ Link First Mention Only: what the user and the library say about
the article in one place, and a page with fewer links.

The backlinks section closes the article (Obsidian's backlinks pane): the user's bookmarks and
notes in it, each a link to its paragraph, then the articles that share its people and bodies.
It is built with the page, from the bookmarks the window holds, so a bookmark added or deleted
shows there at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.core.bookmarks import AnchorStatus, Bookmark
from desktop.ui.settings import Settings
from desktop.ui.widgets.reader import ReaderView
from desktop.view.backlinks import BACKLINKS_ANCHOR, NotedPassage
from desktop.view.reader_html import ReaderContent


class BacklinksUi(QObject):
    """The Backlinks command, the first-mention toggle, and what they add to the page.

    Attributes:
        action_backlinks: Go ▸ Backlinks (Ctrl+Shift+B).
        action_first_mentions: View ▸ Link First Mention Only (checkable, remembered).

    Signals:
        sig_status(str): that an article has no backlinks yet.
    """

    sig_status = Signal(str)

    def __init__(
        self,
        reader: ReaderView,
        bookmarks: Callable[[str], Iterable[Bookmark]],
        settings: Settings,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._reader, self._bookmarks, self._settings = reader, bookmarks, settings
        self.action_backlinks = QAction("Back&links", window)
        self.action_backlinks.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.action_backlinks.setStatusTip(
            "The article's bookmarks and notes, and the articles sharing its entities"
        )
        self.action_first_mentions = QAction("Link &First Mention Only", window)
        self.action_first_mentions.setCheckable(True)
        self.action_first_mentions.setChecked(settings.first_mentions_only())
        self.action_first_mentions.setStatusTip(
            "Link each name once per section instead of at every mention"
        )
        for action in (self.action_backlinks, self.action_first_mentions):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        self.action_backlinks.triggered.connect(self.show_backlinks)
        self.action_first_mentions.toggled.connect(self._on_first_mentions_toggled)
        reader.preparers.append(self.prepare)
        reader.sig_rendered.connect(self._on_reader_rendered)
        self._on_reader_rendered()

    def prepare(self, content: ReaderContent) -> ReaderContent:
        """``content`` with the article's bookmarks and notes and the linking choice."""
        notes = tuple(
            NotedPassage(b.passage_id, b.quote, b.note, b.status is AnchorStatus.ORPHANED)
            for b in self._bookmarks(content.article.id)
        )
        only_first = self.action_first_mentions.isChecked()
        return dataclasses.replace(content, notes=notes, first_mentions_only=only_first)

    def show_backlinks(self) -> bool:
        """Scroll to the article's backlinks; False (and a status line) when it has none."""
        content = self._reader.content
        if content is None:
            return False
        if not content.notes and not content.shared:
            self.sig_status.emit(
                "No backlinks yet: no bookmarks or notes here, and no other article shares "
                "its people and bodies."
            )
            return False
        self._reader.scrollToAnchor(BACKLINKS_ANCHOR)
        return True

    def _on_first_mentions_toggled(self, checked: bool) -> None:
        self._settings.set_first_mentions_only(checked)
        content = self._reader.content
        if content is not None:
            self._reader.show_content(content, self._reader.scroll_fraction())

    def _on_reader_rendered(self) -> None:
        self.action_backlinks.setEnabled(self._reader.article is not None)
