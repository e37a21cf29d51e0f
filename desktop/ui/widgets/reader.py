"""The reader: a QTextBrowser that shows generated HTML and never loads anything itself."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QGuiApplication,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextBrowser, QTextEdit, QWidget

from desktop.core.model import Article
from desktop.ui.settings import ZOOM_MAX, ZOOM_MIN
from desktop.ui.theme import reader_colors
from desktop.view.reader_html import (
    RELATED_ANCHOR,
    ReaderContent,
    block_anchor,
    block_id_from_anchor,
    build_article_html,
    build_start_html,
    citation_text,
    parse_internal_url,
)

ZOOM_STEP = 1.12
MAX_FIND_MATCHES = 2000


class ReaderView(QTextBrowser):
    """Shows one article (or the start page), highlights, finds, zooms and cites.

    Attributes:
        content: the article shown, or None on the start page.
        preparers: what features add to an article before it is shown (the user's tags and
            notes, the linking choice); each replaces its own fields, so one shown again is
            prepared afresh.
        zoom_level: steps from the default text size.
        find_matches: cursors over every find-in-article match.
        find_index: the current match (0-based), or -1.

    Signals:
        sig_article_requested(str): an internal link to an article was clicked.
        sig_search_requested(str): an internal link to a search was clicked.
        sig_entity_requested(str): an entity name (a link to the entity) was clicked.
        sig_find_changed(int, int): the current match (1-based, 0 if none) and the count.
        sig_zoom_changed(int): the zoom level changed.
        sig_related_requested(): "More Like This" was chosen in the context menu.
        sig_copied(str): text was put on the clipboard.
        sig_rendered(): the document was (re)built; decorations such as bookmarks go on now.
        sig_bookmark_requested(QPoint): "Bookmark…" was chosen in the context menu at this
            viewport point (the selection, else the paragraph there, is to be bookmarked).
    """

    sig_article_requested = Signal(str)
    sig_search_requested = Signal(str)
    sig_entity_requested = Signal(str)
    sig_find_changed = Signal(int, int)
    sig_zoom_changed = Signal(int)
    sig_related_requested = Signal()
    sig_copied = Signal(str)
    sig_rendered = Signal()
    sig_bookmark_requested = Signal(QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: What features add to the context menu: each is called with the menu and the
        #: click's position ("Copy Link to Passage").
        self.context_actions: list[Callable[[QMenu, QPoint], None]] = []
        self.setObjectName("reader")
        self.setAccessibleName("Article reader")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setReadOnly(True)
        self.document().setDocumentMargin(24)
        self.content: ReaderContent | None = None
        self.preparers: list[Callable[[ReaderContent], ReaderContent]] = []
        self.zoom_level = 0
        self._base_point_size = self.font().pointSizeF()
        self.find_matches: list[QTextCursor] = []
        self.find_index = -1
        self._find_text = ""
        self._start_args: tuple[tuple[str, ...], str] = ((), "")
        self._rendering = False
        self.anchorClicked.connect(self._on_self_anchor_clicked)

    # -- safety -------------------------------------------------------------------------------
    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Load nothing: no images, style sheets or files, local or remote."""
        return None

    def setSource(self, name: QUrl | str, type: Any = None) -> None:
        """Ignore navigation by URL; the window decides what is shown."""

    # -- content ------------------------------------------------------------------------------
    @property
    def article(self) -> Article | None:
        """The article shown, or None."""
        return self.content.article if self.content else None

    def show_start(self, examples: tuple[str, ...] = (), message: str = "") -> None:
        """Show the start page with example searches."""
        self.content = None
        self._start_args = (examples, message)
        self._render()
        self.verticalScrollBar().setValue(0)

    def show_content(self, content: ReaderContent, scroll: float | None = None) -> None:
        """Show an article: at ``scroll`` (a fraction) if given, else at its best passage."""
        for prepare in self.preparers:
            content = prepare(content)
        self.content = content
        self._render()
        if scroll is not None:
            self.set_scroll_fraction(scroll)
        elif content.target_block:
            self.scroll_to_block(content.target_block)
        else:
            self.verticalScrollBar().setValue(0)

    def scroll_to_block(self, block_id: str) -> None:
        """Bring a block into view with some context above it.

        A block already visible on the first screen leaves the view at the top, so the title
        and date stay in sight.
        """
        block = self._text_block(block_anchor(block_id))
        if block is None:
            self.scrollToAnchor(block_anchor(block_id))
            return
        rect = self.document().documentLayout().blockBoundingRect(block)
        height = self.viewport().height()
        if rect.bottom() <= height * 0.9:
            self.verticalScrollBar().setValue(0)
        else:
            self.verticalScrollBar().setValue(max(0, round(rect.top() - height * 0.2)))

    def _text_block(self, anchor: str) -> QTextBlock | None:
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if anchor in it.fragment().charFormat().anchorNames():
                    return block
                it += 1
            block = block.next()
        return None

    def scroll_to_related(self) -> None:
        """Scroll to the "More like this" list."""
        self.scrollToAnchor(RELATED_ANCHOR)

    def scroll_fraction(self) -> float:
        """How far down the article the view is (0 top, 1 bottom)."""
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        """Scroll to a fraction of the article's height."""
        bar = self.verticalScrollBar()
        bar.setValue(round(min(max(fraction, 0.0), 1.0) * bar.maximum()))

    def _render(self) -> None:
        colors = reader_colors(self.palette())
        self._rendering = True
        try:
            if self.content is None:
                self.setHtml(build_start_html(colors, *self._start_args))
            else:
                self.setHtml(build_article_html(self.content, colors))
        finally:
            self._rendering = False
        self.sig_rendered.emit()
        if self._find_text:
            self.find_text(self._find_text)

    def changeEvent(self, event: QEvent) -> None:
        """Re-render with the new colours when the palette (theme) changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._rendering:
            fraction = self.scroll_fraction()
            self._render()
            self.set_scroll_fraction(fraction)

    def highlighted_words(self) -> list[str]:
        """The text of every query-word highlight in the document, in order (for tests)."""
        mark = QColor(reader_colors(self.palette()).mark_bg)
        found: list[str] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            end = -1  # where the last highlight fragment ended: adjacent ones are one word
            while not it.atEnd():
                fragment = it.fragment()
                brush = fragment.charFormat().background()
                if brush.style() != Qt.BrushStyle.NoBrush and brush.color() == mark:
                    if fragment.position() == end and found:
                        found[-1] += fragment.text()
                    else:
                        found.append(fragment.text())
                    end = fragment.position() + fragment.length()
                it += 1
            block = block.next()
        return found

    # -- links --------------------------------------------------------------------------------
    def _on_self_anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        internal = parse_internal_url(text)
        if internal is not None:
            kind, value = internal
            if kind == "article":
                self.sig_article_requested.emit(value)
            elif kind == "entity":
                self.sig_entity_requested.emit(value)
            else:
                self.sig_search_requested.emit(value)
        elif url.scheme().lower() in ("http", "https"):
            QDesktopServices.openUrl(url)
        elif text.startswith("#"):
            self.scrollToAnchor(text[1:])

    # -- zoom ---------------------------------------------------------------------------------
    def set_zoom(self, level: int) -> None:
        """Set the text size in steps from the default (clamped)."""
        level = min(max(level, ZOOM_MIN), ZOOM_MAX)
        fraction = self.scroll_fraction()
        font = self.font()
        font.setPointSizeF(max(self._base_point_size * ZOOM_STEP**level, 4.0))
        self.setFont(font)
        self.document().setDefaultFont(font)
        changed = level != self.zoom_level
        self.zoom_level = level
        self.set_scroll_fraction(fraction)
        if changed:
            self.sig_zoom_changed.emit(level)

    def zoom_in_step(self) -> None:
        """One step larger (Ctrl+=)."""
        self.set_zoom(self.zoom_level + 1)

    def zoom_out_step(self) -> None:
        """One step smaller (Ctrl+-)."""
        self.set_zoom(self.zoom_level - 1)

    def reset_zoom(self) -> None:
        """Back to the default size (Ctrl+0)."""
        self.set_zoom(0)

    # -- find ---------------------------------------------------------------------------------
    def find_text(self, text: str) -> int:
        """Mark every match of ``text`` and go to the first one after the top; returns the count."""
        self._find_text = text
        self.find_matches = []
        self.find_index = -1
        if text:
            doc = self.document()
            cursor = QTextCursor(doc)
            while len(self.find_matches) < MAX_FIND_MATCHES:
                cursor = doc.find(text, cursor, QTextDocument.FindFlag(0))
                if cursor.isNull():
                    break
                self.find_matches.append(QTextCursor(cursor))
        if self.find_matches:
            self.find_index = 0
            self._show_find()
        else:
            self.setExtraSelections([])
            self.sig_find_changed.emit(0, 0)
        return len(self.find_matches)

    def find_step(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) match, wrapping around."""
        if not self.find_matches:
            if self._find_text:
                self.sig_find_changed.emit(0, 0)
            return
        self.find_index = (self.find_index + step) % len(self.find_matches)
        self._show_find()

    def clear_find(self) -> None:
        """Remove find highlights."""
        self._find_text = ""
        self.find_matches = []
        self.find_index = -1
        self.setExtraSelections([])
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def _show_find(self) -> None:
        colors = reader_colors(self.palette())
        selections: list[QTextEdit.ExtraSelection] = []
        for i, match in enumerate(self.find_matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            bg = colors.find_current_bg if i == self.find_index else colors.find_bg
            selection.format.setBackground(QColor(bg))
            selections.append(selection)
        self.setExtraSelections(selections)
        current = QTextCursor(self.find_matches[self.find_index])
        current.setPosition(current.selectionStart())
        self.setTextCursor(current)
        self.ensureCursorVisible()
        self.sig_find_changed.emit(self.find_index + 1, len(self.find_matches))

    # -- citation -----------------------------------------------------------------------------
    def block_id_at(self, cursor: QTextCursor) -> str | None:
        """The article block (passage or heading) that holds ``cursor``, or None."""
        block = cursor.block()
        it = block.begin()
        while not it.atEnd():
            for name in it.fragment().charFormat().anchorNames():
                block_id = block_id_from_anchor(name)
                if block_id is not None:
                    return block_id
            it += 1
        return None

    def passage_citation(self, pos: QPoint | None = None) -> str | None:
        """The selection, or the passage at ``pos`` (viewport coordinates), with its citation."""
        article = self.article
        if article is None:
            return None
        selected = self.textCursor().selectedText().replace("\u2029", "\n").strip()
        if selected:
            return citation_text(article, selected)
        if pos is not None:
            block_id = self.block_id_at(self.cursorForPosition(pos))
        else:  # from the keyboard: the caret's passage, else the first one in view
            block_id = self.block_id_at(self.textCursor()) or self.first_visible_block_id()
        block = article.block(block_id) if block_id else None
        if block is None:
            return None
        return citation_text(article, block.text, block.location)

    def first_visible_block_id(self) -> str | None:
        """The id of the first paragraph in view, or None."""
        block = self.cursorForPosition(QPoint(8, 8)).block()
        bottom = self.verticalScrollBar().value() + self.viewport().height()
        layout = self.document().documentLayout()
        article = self.article
        while article and block.isValid() and layout.blockBoundingRect(block).top() < bottom:
            block_id = self.block_id_at(QTextCursor(block))
            found = article.block(block_id) if block_id else None
            if found is not None and found.kind == "paragraph":
                return found.id
            block = block.next()
        return None

    def copy_passage_with_citation(self, pos: QPoint | None = None) -> str | None:
        """Put the passage (or selection) and its citation on the clipboard; returns the text."""
        text = self.passage_citation(pos)
        if text:
            QGuiApplication.clipboard().setText(text)
            self.sig_copied.emit(text)
        return text

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The standard menu plus "Copy Passage with Citation" and "More Like This"."""
        menu = self.createStandardContextMenu(event.pos())
        pos = QPoint(event.pos())
        if self.article is not None:
            menu.addSeparator()
            cite = QAction("Copy Passage with Citation", menu)
            cite.setEnabled(self.passage_citation(pos) is not None)
            cite.triggered.connect(lambda: self.copy_passage_with_citation(pos))
            menu.addAction(cite)
            related = QAction("More Like This", menu)
            related.triggered.connect(self.sig_related_requested)
            menu.addAction(related)
            bookmark = QAction("Bookmark…", menu)
            bookmark.triggered.connect(lambda: self.sig_bookmark_requested.emit(pos))
            menu.addAction(bookmark)
            for add in self.context_actions:
                add(menu, pos)
        menu.exec(event.globalPos())
        menu.deleteLater()


def main() -> int:
    """Show the reader alone with a sample article."""
    from desktop.core.model import ArticleDate, Block, Hit, Snippet

    app = QApplication(sys.argv)
    article = Article(
        "sample",
        "Hong Kong Science Park Seeks Collaborative Digital Solutions with Singapore",
        "seeds/000_sample.txt",
        (
            Block(
                "p1", "paragraph", "The Hong Kong Science Park will collaborate with <Singapore>."
            ),
            Block("h1", "heading", "Key Areas of Collaboration"),
            Block("p2", "paragraph", "Artificial intelligence, big data and https://example.org."),
        ),
        kicker="HKSTP Boosts Startups",
        date=ArticleDate(2024, 12, 2),
    )
    content = ReaderContent(
        article,
        ("collaboration",),
        {"p1": [(33, 44)], "h1": [(13, 26)]},
        "p2",
        (Hit("x", "A related article", ArticleDate(2022, 1), "s.txt", 1.0, Snippet("")),),
    )
    reader = ReaderView()
    reader.resize(700, 600)
    reader.show_content(content)
    reader.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
