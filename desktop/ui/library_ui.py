"""The user's own articles in the window: import files and folders, drag and drop, watching.

:class:`LibraryUi` keeps the user's sources (``sources.json`` in the data folder), the Library
dialog and a watcher on every source folder. Adding or removing a source, or a change on disk,
asks the :class:`IndexingController` to refresh the index in the background; a change that
arrives while indexing runs is taken up as soon as it ends, so none is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.library_handle import LibraryHandle
from desktop.core.sources import SourceList, SourcesUnavailable
from desktop.ui.indexing import IndexingController
from desktop.ui.tasks import TaskManager
from desktop.ui.watcher import SourceWatcher
from desktop.ui.widgets.library_dialog import ARTICLE_FILTER, LibraryDialog


class LibraryUi(QObject):
    """Import actions, the Library dialog, drag and drop and the folder watcher of a window.

    Attributes:
        sources: the user's sources, saved in the data folder.
        watcher: watches every source folder.
        action_import_files, action_import_folder, action_library: the File menu entries.

    Signals:
        sig_status(str): a message for the status bar.
    """

    sig_status = Signal(str)

    def __init__(
        self,
        window: QWidget,
        indexing: IndexingController,
        tasks: TaskManager,
        library: LibraryHandle,
        bundled: Sequence[Path],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._indexing = indexing
        self._tasks = tasks
        self._library = library
        self._bundled = list(bundled)
        self._dialog: LibraryDialog | None = None
        self._data_dir = indexing.spec.data_dir
        self.sources = SourceList(self._data_dir)
        self.watcher = SourceWatcher(self)
        self.watcher.sig_changed.connect(self._on_watcher_changed)
        # Sources imported from a terminal (``python -m desktop import``) while the window is
        # open: the data folder is watched for a new sources.json.
        self._sources_stamp = self._stamp()
        self._data_watcher = QFileSystemWatcher([str(self._data_dir)], self)
        self._data_watcher.directoryChanged.connect(self._on_data_folder_changed)
        self.action_import_files = QAction("Import &Files…", self)
        self.action_import_files.setShortcut(QKeySequence.StandardKey.Open)
        self.action_import_files.setStatusTip(
            "Add article files (.txt, .md, .html, .pdf, .epub) to the library"
        )
        self.action_import_files.triggered.connect(self._on_import_files_triggered)
        self.action_import_folder = QAction("Import F&older…", self)
        self.action_import_folder.setStatusTip(
            "Add a folder of articles; it is watched for changes"
        )
        self.action_import_folder.triggered.connect(self._on_import_folder_triggered)
        self.action_library = QAction("&Library…", self)
        self.action_library.setStatusTip("Sources of the library, and files that could not be read")
        self.action_library.triggered.connect(self.show_dialog)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self.watcher.watch((*indexing.spec.sources, *self.sources.paths()))
        indexing.sig_ended.connect(self._on_indexing_ended)

    # -- sources -------------------------------------------------------------------------------

    def import_paths(self, paths: Sequence[Path]) -> list[Path]:
        """Add files or folders to the library and index them; return the new sources."""
        existing = [p for p in paths if p.exists()]
        if not existing:
            self.sig_status.emit("Nothing to import: the dropped items are not files or folders.")
            return []
        try:
            added = [s.path for s in self.sources.add(existing)]
        except SourcesUnavailable as error:
            self.sig_status.emit(str(error))
            return []
        self._sources_stamp = self._stamp()
        self.sig_status.emit(
            f"Importing {len(existing)} item(s)… results may be incomplete"
            if added
            else "Already in the library: refreshing it."
        )
        self._apply_sources()
        return added

    def remove_source(self, path: Path) -> None:
        """Take a source out of the library (the files stay where they are)."""
        try:
            removed = self.sources.remove(path)
        except SourcesUnavailable as error:
            self.sig_status.emit(str(error))
            return
        self._sources_stamp = self._stamp()
        if removed:
            self.sig_status.emit(f"Removed from the library: {path}")
            self._apply_sources()

    def _apply_sources(self) -> None:
        sources = (*self._bundled, *self.sources.paths())
        self.watcher.watch(sources)
        self._indexing.set_sources(sources)

    def refresh(self, within: Sequence[Path] | None = None, automatic: bool = False) -> None:
        """Index what changed (looking only under ``within``, when given); if indexing runs
        already, once more when it ends. ``automatic``: not asked for by the user (see
        :meth:`IndexingController.start`)."""
        self._indexing.refresh(within, automatic)

    def _on_indexing_ended(self, _message: str) -> None:
        self._update_dialog()

    def _on_watcher_changed(self, paths: list[str]) -> None:
        self.refresh(within=[Path(p) for p in paths], automatic=True)

    def _stamp(self) -> int:
        try:
            return self.sources.path.stat().st_mtime_ns
        except OSError:
            return 0

    def _on_data_folder_changed(self, _path: str) -> None:
        stamp = self._stamp()
        if stamp == self._sources_stamp:
            return  # the index or the settings changed, not the sources
        self._sources_stamp = stamp
        self.sources = SourceList(self._data_dir)
        self.sig_status.emit("The library's sources changed: refreshing.")
        self._apply_sources()

    # -- dialog --------------------------------------------------------------------------------

    def show_dialog(self) -> LibraryDialog:
        """Show the Library dialog (created once)."""
        if self._dialog is None:
            dialog = LibraryDialog(self._bundled, self.sources.paths(), [], self._window)
            dialog.sig_import_requested.connect(self.import_paths)
            dialog.sig_remove_requested.connect(self.remove_source)
            dialog.sig_rescan_requested.connect(self.refresh)
            self._dialog = dialog
        self._update_dialog()
        self._dialog.show()
        self._dialog.raise_()
        return self._dialog

    def _update_dialog(self) -> None:
        dialog = self._dialog
        if dialog is None:
            return
        dialog.show_sources(self._bundled, self.sources.paths())
        handle = self._library
        self._tasks.submit("skipped", lambda: handle.get().skipped_files(), dialog.show_skipped)

    def _on_import_files_triggered(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self._window, "Import Articles", "", ARTICLE_FILTER
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def _on_import_folder_triggered(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, "Import a Folder of Articles")
        if folder:
            self.import_paths([Path(folder)])

    # -- drag and drop -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept local files and folders dropped anywhere on the window."""
        if event.type() == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if any(url.isLocalFile() for url in event.mimeData().urls()):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                self.import_paths(paths)
                return True
        return super().eventFilter(watched, event)
