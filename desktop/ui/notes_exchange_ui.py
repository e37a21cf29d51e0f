"""The File menu's notes exchange: export notes as an Obsidian folder or CSL-JSON, import
highlights from Kindle, Readwise or Zotero with a report of what matched.

Reading and matching a file, and building an Obsidian export (it needs the entity graph), run
on the worker; the store is changed on the GUI thread, in one transaction, only once the whole
file was read and matched. A file that cannot be read is one sentence and no change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.core.bookmarks import BookmarkError, BookmarkStore
from desktop.core.bookmarks.foreign import Source
from desktop.core.bookmarks.matching import MatchReport
from desktop.core.bookmarks.notes_export import to_csl_json, write_folder
from desktop.core.library_handle import LibraryHandle
from desktop.core.notes_exchange import export_obsidian, match_file
from desktop.ui.tasks import TaskManager

IMPORT_FILTERS = (
    "Highlights (My Clippings.txt *.txt *.csv *.json);;Kindle clippings (*.txt);;"
    "Readwise CSV (*.csv);;Zotero annotations (*.json);;All files (*)"
)


class NotesExchangeUi(QObject):
    """The notes' export and import menu items, handed what they use.

    Signals:
        sig_status(str): a sentence for the status bar.
        sig_imported(object): an import was merged (its :class:`MatchReport`).
    """

    sig_status = Signal(str)
    sig_imported = Signal(object)

    def __init__(
        self,
        window: QWidget,
        tasks: TaskManager,
        library: LibraryHandle,
        store: Callable[[], BookmarkStore | None],
        changed: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.setObjectName("notes_exchange_ui")
        self.window = window
        self.tasks = tasks
        self.library = library
        self.store = store
        self.changed = changed
        self.last_report: MatchReport | None = None
        self.report_box: QMessageBox | None = None
        self.action_obsidian = QAction("Export Notes for &Obsidian…", window)
        self.action_obsidian.setObjectName("export_obsidian")
        self.action_obsidian.setStatusTip("Write one Markdown note per bookmarked article")
        self.action_csl = QAction("Export Notes as &CSL-JSON…", window)
        self.action_csl.setObjectName("export_csl")
        self.action_csl.setStatusTip("Write the bookmarked articles for a reference manager")
        self.action_import = QAction("Import &Highlights…", window)
        self.action_import.setObjectName("import_highlights")
        self.action_import.setStatusTip("Import highlights from Kindle, Readwise or Zotero")
        self.action_obsidian.triggered.connect(self._on_obsidian_triggered)
        self.action_csl.triggered.connect(self._on_csl_triggered)
        self.action_import.triggered.connect(self._on_import_triggered)

    def add_to(self, menu: QMenu, before: QAction | None) -> None:
        """Put the three items in ``menu`` before ``before`` (the end: None)."""
        for action in (self.action_obsidian, self.action_csl, self.action_import):
            if before is None:
                menu.addAction(action)
            else:
                menu.insertAction(before, action)

    def _require_store(self) -> BookmarkStore:
        store = self.store()
        if store is None:
            raise BookmarkError("Bookmarks are unavailable, so notes cannot be exchanged.")
        return store

    # -- export ---------------------------------------------------------------------------------
    def export_obsidian_to(self, folder: Path) -> int:
        """Write the notes as an Obsidian folder, on the worker; returns the task's number."""
        bookmarks = self._require_store().list()
        library = self.library

        def work() -> int:
            return export_obsidian(folder, bookmarks, library.get())

        return self.tasks.submit(
            "notes-export",
            work,
            lambda count: self.sig_status.emit(f"Wrote {count} note file(s) to {folder}."),
            lambda message: self._warn("The notes could not be exported", message),
        )

    def export_csl_to(self, path: Path) -> int:
        """Write the bookmarked articles as CSL-JSON; returns how many bookmarks it holds."""
        bookmarks = self._require_store().list()
        write_folder(path.parent, {path.name: to_csl_json(bookmarks)})
        self.sig_status.emit(f"Wrote {len(bookmarks)} bookmark(s) as CSL-JSON to {path.name}.")
        return len(bookmarks)

    def _on_obsidian_triggered(self) -> None:
        name = QFileDialog.getExistingDirectory(self.window, "Export Notes for Obsidian")
        if name:
            try:
                self.export_obsidian_to(Path(name))
            except BookmarkError as error:
                self._warn("The notes could not be exported", str(error))

    def _on_csl_triggered(self) -> None:
        name, _chosen = QFileDialog.getSaveFileName(
            self.window, "Export Notes as CSL-JSON", "notes.json", "CSL-JSON (*.json)"
        )
        if name:
            try:
                self.export_csl_to(Path(name))
            except BookmarkError as error:
                self._warn("The notes could not be exported", str(error))

    # -- import ---------------------------------------------------------------------------------
    def import_from(self, path: Path, source: Source | None = None) -> int:
        """Read and match the highlights of ``path`` on the worker, then merge them."""
        store = self._require_store()
        library = self.library

        def work() -> MatchReport:
            return match_file(path, source, library.get())

        return self.tasks.submit(
            "notes-import",
            work,
            lambda report: self._merge(store, report),
            lambda message: self._warn("The highlights could not be imported", message),
        )

    def _merge(self, store: BookmarkStore, report: MatchReport) -> None:
        try:
            merged = store.merge(report.bookmarks)
        except BookmarkError as error:
            self._warn("The highlights could not be imported", str(error))
            return
        self.last_report = report
        self.changed()
        lines = report.lines()
        summary = (
            f"{lines[0]} Imported {merged.added} new bookmark(s); {merged.updated} updated, "
            f"{merged.unchanged} already here."
        )
        self.sig_status.emit(summary)
        self.sig_imported.emit(report)
        self._show(summary, lines[1:])

    def _show(self, summary: str, details: list[str]) -> None:
        box = self.report_box = QMessageBox(self.window)
        box.setObjectName("highlights_report")
        box.setWindowTitle("Import Highlights")
        box.setText(summary)
        if details:
            box.setDetailedText("\n".join(details))
        box.open()

    def _on_import_triggered(self) -> None:
        name, _chosen = QFileDialog.getOpenFileName(
            self.window, "Import Highlights", "", IMPORT_FILTERS
        )
        if name:
            try:
                self.import_from(Path(name))
            except BookmarkError as error:
                self._warn("The highlights could not be imported", str(error))

    def _warn(self, what: str, detail: str) -> None:
        self.sig_status.emit(f"{what}: {detail}")
