"""File ▸ Print…: the article as the reader shows it, its bookmarks highlighted, on paper.

Printed as Export as PDF writes it (the same page, laid out again in the light colours, since
a dark page does not print), through Qt's own print dialog so the printer, pages and copies
are the platform's choice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from desktop.core.bookmarks import Bookmark
from desktop.ui.theme import light_palette
from desktop.ui.widgets.reader import ReaderView
from desktop.ui.widgets.reader_marks import paint_bookmarks
from desktop.view.reader_html import ReaderContent


def printable_page(content: ReaderContent, bookmarks: Iterable[Bookmark]) -> ReaderView:
    """The article laid out again in light colours with its bookmarks painted (never shown;
    the caller deletes it)."""
    page = ReaderView()
    page.setPalette(light_palette())
    page.show_content(content)
    paint_bookmarks(page, bookmarks)
    return page


def print_content(content: ReaderContent, bookmarks: Iterable[Bookmark], printer: QPrinter) -> None:
    """Print the article on ``printer`` (a PDF file when it is set to write one)."""
    page = printable_page(content, bookmarks)
    printer.setDocName(content.article.title)
    page.document().print_(printer)
    page.deleteLater()


class ArticlePrinting(QObject):
    """The Print command (Ctrl+P).

    Attributes:
        action_print: File ▸ Print….

    Signals:
        sig_status(str): what was printed.
    """

    sig_status = Signal(str)

    def __init__(
        self,
        reader: ReaderView,
        bookmarks: Callable[[str], Iterable[Bookmark]],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._reader, self._bookmarks, self._window = reader, bookmarks, window
        self.action_print = QAction("&Print…", window)
        self.action_print.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Print))
        self.action_print.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action_print.setStatusTip("Print the article with its bookmarks highlighted")
        self.action_print.setToolTip("Print the article with its bookmarks highlighted (Ctrl+P)")
        self.action_print.triggered.connect(self.print_with_dialog)
        window.addAction(self.action_print)

    def print_to(self, printer: QPrinter) -> bool:
        """Print the shown article on ``printer``; False when no article is shown."""
        content = self._reader.content
        if content is None:
            return False
        print_content(content, self._bookmarks(content.article.id), printer)
        self.sig_status.emit(f"Printed “{content.article.title}”.")
        return True

    def print_with_dialog(self) -> bool:
        """Ask for the printer and pages in the platform's dialog, then print."""
        if self._reader.content is None:
            self.sig_status.emit("Open an article to print it.")
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._window)
        dialog.setWindowTitle("Print Article")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)
