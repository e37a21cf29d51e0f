"""File ▸ Open Original File, Show in Folder and Export as PDF: the article as a file.

A page saved from the web opens as its URL in the system browser, only when the user asks.

The reader shows the clean article; the original keeps what cleaning removed (its layout, its
images), which is what a user checking a quote or a figure wants to see. The PDF is the clean
article with the user's bookmarks highlighted, always in the light colours (a dark page does
not print), for reading away from the app or passing on.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from desktop.core.bookmarks import Bookmark
from desktop.core.feeds.pages import original_url
from desktop.ui.article_print import print_content
from desktop.ui.widgets.reader import ReaderView


class ArticleFiles(QObject):
    """Opens the shown article's file, or its folder, in the desktop's own applications.

    Signals:
        sig_status(str): why a file could not be opened, for the status bar.
    """

    sig_status = Signal(str)

    def __init__(
        self,
        reader: ReaderView,
        actions: tuple[QAction, QAction, QAction],
        bookmarks: Callable[[str], Iterable[Bookmark]],
        parent: QObject | None = None,
    ) -> None:
        """``actions``: Open Original File, Show in Folder, Export as PDF; ``bookmarks`` gives
        an article's bookmarks by its id (to highlight them in the PDF)."""
        super().__init__(parent)
        self._reader = reader
        self._bookmarks = bookmarks
        open_original, show_in_folder, export_pdf = actions
        open_original.triggered.connect(self._on_open_original_triggered)
        show_in_folder.triggered.connect(self._on_show_in_folder_triggered)
        export_pdf.triggered.connect(self._on_export_pdf_triggered)

    def _on_open_original_triggered(self) -> None:
        article = self._reader.article
        if article is None:
            return
        url = original_url(Path(article.source))  # a saved web page: its page, in the browser
        if url is None:
            self.open(Path(article.source))
        elif not QDesktopServices.openUrl(QUrl(url)):
            self.sig_status.emit(f"No browser could open {url}.")

    def _on_show_in_folder_triggered(self) -> None:
        article = self._reader.article
        if article is not None:
            self.open(Path(article.source).parent)

    def open(self, path: Path) -> bool:
        """Hand a file or folder to the desktop; False (and a status line) when it cannot."""
        if not path.exists():
            self.sig_status.emit(f"{path} is no longer there.")
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.sig_status.emit(f"No application could open {path}.")
            return False
        return True

    def _on_export_pdf_triggered(self) -> None:
        content = self._reader.content
        if content is None:
            return
        name = "".join(c if c.isalnum() or c in " -_" else " " for c in content.article.title)
        suggested = " ".join(name.split()) or "article"
        path, _filter = QFileDialog.getSaveFileName(
            self._reader, "Export Article as PDF", f"{suggested}.pdf", "PDF (*.pdf)"
        )
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> bool:
        """Write the shown article, its bookmarks highlighted, to a PDF at ``path``."""
        content = self._reader.content
        if content is None:
            return False
        if not path.parent.is_dir() or not os.access(path.parent, os.W_OK):
            self.sig_status.emit(
                f"The PDF could not be written to {path}: no such folder, or it cannot be written."
            )
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        # Written beside the target, then renamed over it: a PDF that could not be written
        # (a read-only file of that name, a viewer holding it) is said, not mistaken for done.
        handle, temporary = tempfile.mkstemp(suffix=".pdf", dir=path.parent)
        os.close(handle)
        printer.setOutputFileName(temporary)
        print_content(content, self._bookmarks(content.article.id), printer)
        try:
            if os.path.getsize(temporary) == 0:
                raise OSError("nothing was written")
            os.replace(temporary, path)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            self.sig_status.emit(
                f"The PDF could not be written to {path}: {error.strerror or error}."
            )
            return False
        self.sig_status.emit(f"Exported to {path}")
        return True
