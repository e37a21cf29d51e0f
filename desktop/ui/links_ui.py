"""``innoatlas://`` links in the window: "Copy Link to Passage" in the reader's menu, and a
link opened (from a later launch, a terminal or another program) at its passage.

The link is read and re-anchored by :mod:`desktop.core.links`; the article is loaded on the
worker, and the bookmark the link names, if the store still has it, gives its anchor as found
now. A link that cannot be read, or whose passage is gone, says so in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu

from desktop.core.bookmarks import BookmarkError, BookmarkNotFound, BookmarkStore
from desktop.core.library_handle import LibraryHandle
from desktop.core.links import BadLink, Landing, parse, passage_link, resolve
from desktop.ui.tasks import TaskManager
from desktop.ui.widgets.reader import ReaderView
from desktop.ui.widgets.reader_marks import selection_range

COPY_TEXT = "Copy Link to Passage"


class LinksUi(QObject):
    """Passage links for a window, handed what it uses.

    Signals:
        sig_status(str): a sentence for the status bar.
        sig_opened(str, object): a link landed: the article id and the passage id (or None).
    """

    sig_status = Signal(str)
    sig_opened = Signal(str, object)

    def __init__(
        self,
        parent: QObject,
        reader: ReaderView,
        tasks: TaskManager,
        library: LibraryHandle,
        store: Callable[[], BookmarkStore | None],
        open_article: Callable[[str, str | None], object],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("links_ui")
        self.reader = reader
        self.tasks = tasks
        self.library = library
        self.store = store
        self.open_article = open_article
        self.last_landing: Landing | None = None
        self._pending_message: str | None = None
        reader.context_actions.append(self._add_to_menu)
        reader.sig_rendered.connect(self._on_reader_rendered)

    def _on_reader_rendered(self) -> None:
        """Say where a link landed once its article is shown (after the window's own line)."""
        message, self._pending_message = self._pending_message, None
        if message:
            QTimer.singleShot(0, self, lambda: self.sig_status.emit(message))

    def _add_to_menu(self, menu: QMenu, pos: QPoint) -> None:
        action = QAction(COPY_TEXT, menu)
        action.setObjectName("copy_passage_link")
        action.setEnabled(self.link_at(pos) is not None)
        action.triggered.connect(lambda: self.copy_link(pos))
        menu.addAction(action)

    def link_at(self, pos: QPoint | None = None) -> str | None:
        """The link of the selection, else of the paragraph at ``pos`` (or the caret)."""
        article = self.reader.article
        found = selection_range(self.reader, pos) if article is not None else None
        if article is None or found is None:
            return None
        try:
            return passage_link(article, found.passage_id, found.start, found.end)
        except BadLink:
            return None  # an article whose id no link can carry (never made by InnoAtlas)

    def copy_link(self, pos: QPoint | None = None) -> str | None:
        """Put the passage's link on the clipboard; returns it (None: nothing to link)."""
        link = self.link_at(pos)
        if link is None:
            self.sig_status.emit("Click in a paragraph (or select text) to copy a link to it.")
            return None
        QGuiApplication.clipboard().setText(link)
        self.sig_status.emit("Copied a link to the passage.")
        return link

    def open_link(self, text: str) -> bool:
        """Open the link ``text`` at its passage (on the worker); False if it is not one."""
        try:
            link = parse(text)
        except BadLink as error:
            self.sig_status.emit(str(error))
            return False
        library, store = self.library, self.store()

        def find() -> Landing:
            article = library.get().article(link.article_id)
            bookmark = None
            if link.bookmark_id and store is not None:
                try:
                    bookmark = store.get(link.bookmark_id)
                except (BookmarkNotFound, BookmarkError):
                    bookmark = None  # deleted since: the link's own anchor is used
                if bookmark is not None and bookmark.article_id != article.id:
                    bookmark = None
            return resolve(link, article, bookmark)

        def found(landing: Landing) -> None:
            self.last_landing = landing
            self._pending_message = landing.message
            self.open_article(link.article_id, landing.passage_id)
            self.sig_opened.emit(link.article_id, landing.passage_id)

        def failed(message: str) -> None:
            self.sig_status.emit(f"The link cannot be opened: {message}")

        self.tasks.submit("link", find, found, failed)
        return True
