"""File ▸ Open Original File and Show in Folder: the article's own file, handed to the desktop.

The reader shows the clean article; the original keeps what cleaning removed (its layout, its
images), which is what a user checking a quote or a figure wants to see.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices

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
        open_original: QAction,
        show_in_folder: QAction,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        open_original.triggered.connect(self._on_open_original_triggered)
        show_in_folder.triggered.connect(self._on_show_in_folder_triggered)

    def _on_open_original_triggered(self) -> None:
        article = self._reader.article
        if article is not None:
            self.open(Path(article.source))

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
