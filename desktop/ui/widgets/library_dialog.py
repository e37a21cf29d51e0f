"""The Library dialog: where articles come from, and which files could not be read, and why.

The bundled library is always there; the user's own folders and files can be added, removed
and re-scanned. Files that could not be read are listed with their one-line reason (the import
report), so nothing is skipped silently.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ARTICLE_FILTER = (
    "Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.epub);;All files (*)"
)


class LibraryDialog(QDialog):
    """Lists sources (bundled and the user's) and unreadable files.

    Attributes:
        sources_list: one row per source; the bundled ones cannot be removed.
        skipped_list: one row per unreadable file, with its reason.

    Signals:
        sig_import_requested(list): paths to add to the library.
        sig_remove_requested(object): a user source (Path) to take out of the library.
        sig_rescan_requested(): read every source again.
    """

    sig_import_requested = Signal(list)
    sig_remove_requested = Signal(object)
    sig_rescan_requested = Signal()

    def __init__(
        self,
        bundled: Sequence[Path],
        user_sources: Sequence[Path],
        skipped: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Library")
        self.setAccessibleName("Library sources")
        self.resize(640, 440)
        self.sources_list = QListWidget(self)
        self.sources_list.setAccessibleName("Sources")
        self.skipped_list = QListWidget(self)
        self.skipped_list.setAccessibleName("Files that could not be read")
        self.skipped_list.setWordWrap(True)

        add_folder = QPushButton("Add &Folder…", self)
        add_files = QPushButton("Add F&iles…", self)
        self.remove_button = QPushButton("&Remove", self)
        rescan = QPushButton("Re-&scan", self)
        for button, tip in (
            (add_folder, "Add a folder of articles (it is watched for changes)"),
            (add_files, "Add article files"),
            (self.remove_button, "Take the selected source out of the library"),
            (rescan, "Read every source again"),
        ):
            button.setToolTip(tip)
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        add_folder.clicked.connect(self._on_add_folder_clicked)
        add_files.clicked.connect(self._on_add_files_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        rescan.clicked.connect(self.sig_rescan_requested)
        self.sources_list.currentItemChanged.connect(self._update_buttons)

        buttons = QHBoxLayout()
        for button in (add_folder, add_files, self.remove_button, rescan):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Articles are read from these folders and files:", self))
        layout.addWidget(self.sources_list, 2)
        layout.addLayout(buttons)
        self.skipped_label = QLabel(self)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.skipped_list, 1)
        layout.addWidget(close)
        self.show_sources(bundled, user_sources)
        self.show_skipped(skipped)

    def show_sources(self, bundled: Sequence[Path], user_sources: Sequence[Path]) -> None:
        """List the sources: the bundled ones first, marked, then the user's."""
        self.sources_list.clear()
        for path in bundled:
            item = QListWidgetItem(f"{path}  (bundled)")
            item.setData(Qt.ItemDataRole.UserRole, None)
            self.sources_list.addItem(item)
        for path in user_sources:
            item = QListWidgetItem(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.sources_list.addItem(item)
        self._update_buttons()

    def show_skipped(self, skipped: Sequence[tuple[str, str]]) -> None:
        """List unreadable files with their reasons."""
        self.skipped_list.clear()
        self.skipped_label.setText(
            f"{len(skipped)} file(s) could not be read:" if skipped else "Every file was read."
        )
        for path, reason in skipped:
            self.skipped_list.addItem(f"{path}: {reason}")
        self.skipped_list.setVisible(bool(skipped))

    def selected_user_source(self) -> Path | None:
        """The selected source if it is one of the user's (bundled ones cannot be removed)."""
        item = self.sources_list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return Path(value) if value else None

    def _update_buttons(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.selected_user_source() is not None)

    def _on_add_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a Folder of Articles")
        if folder:
            self.sig_import_requested.emit([Path(folder)])

    def _on_add_files_clicked(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, "Add Articles", "", ARTICLE_FILTER)
        if files:
            self.sig_import_requested.emit([Path(f) for f in files])

    def _on_remove_clicked(self) -> None:
        source = self.selected_user_source()
        if source is not None:
            self.sig_remove_requested.emit(source)


def main() -> int:
    """Show the dialog alone with sample data."""
    app = QApplication(sys.argv)
    dialog = LibraryDialog(
        [Path("seeds")],
        [Path.home() / "Articles"],
        [("/tmp/broken.html", "The file is empty."), ("/tmp/x.bin", "The file is binary.")],
    )
    dialog.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
