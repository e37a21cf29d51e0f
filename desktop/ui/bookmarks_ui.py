"""The bookmarks feature of the main window: store, dock, reader marks, dialogs, undo, files.

:class:`BookmarksUi` owns the :class:`BookmarkStore` of the data folder and everything the
window shows of it; :meth:`MainWindow._build_bookmarks_ui` creates it and puts its dock,
actions and menu entries in place. It needs from the window only the reader, the task
manager, the library handle, the indexing controller (after a refresh every bookmark is
re-anchored) and a way to open an article.

Where store calls run: a user's change (add, edit, delete, undo, import) is one short SQLite
transaction of one or a few rows, committed with ``synchronous=FULL`` before the call returns;
it runs on the GUI thread, so the dock and the reader show the saved state at once and a failure
is reported in place. Re-anchoring the article being shown is one transaction over that
article's bookmarks, also on the GUI thread. Each of these took a few milliseconds when
measured on a store of hundreds of bookmarks, well under a frame budget for a single user
action. Re-anchoring every bookmark after the
library changed needs the library, so it runs on the task manager's worker (the store is
thread-safe: one connection under a lock).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTabBar,
    QToolButton,
)

from desktop.core.bookmarks import (
    DEFAULT_COLOUR,
    AnchorStatus,
    Bookmark,
    BookmarkError,
    BookmarkStore,
    ExportFormat,
    MergeReport,
    anchor_at,
    export,
    read_export_labelled,
    write_file,
)
from desktop.core.bookmarks.model import Anchor
from desktop.core.errors import ArticleNotFound
from desktop.core.library_handle import LibraryHandle
from desktop.core.model import Article
from desktop.ui.indexing import IndexingController
from desktop.ui.tasks import TaskManager
from desktop.ui.widgets.bookmark_dialog import BookmarkDialog
from desktop.ui.widgets.bookmarks_panel import BookmarksPanel
from desktop.ui.widgets.reader import ReaderView
from desktop.ui.widgets.reader_marks import paint_bookmarks, select_bookmark, selection_range
from desktop.view.reader_html import located_title
from desktop.view.wording import counted

if TYPE_CHECKING:
    from desktop.core.library import Library

#: File dialog filters, each with the export format it writes.
FILE_FILTERS: tuple[tuple[str, ExportFormat], ...] = (
    ("Markdown (*.md)", "md"),
    ("JSON (*.json)", "json"),
    ("CSV (*.csv)", "csv"),
)
TASK_CHANNEL = "bookmarks"


def format_for(path: Path, chosen_filter: str = "") -> ExportFormat:
    """The export format a file name (or, failing that, the chosen filter) asks for.

    >>> format_for(Path("notes.JSON")), format_for(Path("notes"), "CSV (*.csv)")
    ('json', 'csv')
    """
    suffix = path.suffix.lower().lstrip(".")
    for _label, form in FILE_FILTERS:
        if suffix == form or (form == "md" and suffix == "markdown"):
            return form
    return next((form for label, form in FILE_FILTERS if label == chosen_filter), "md")


class _Command(QUndoCommand):
    """A bookmark change that can be undone; failures are reported, never raised into Qt."""

    def __init__(self, ui: BookmarksUi, text: str) -> None:
        super().__init__(text)
        self.ui = ui

    def _run(self, change: Callable[[], None]) -> None:
        try:
            change()
        except BookmarkError as error:
            self.setObsolete(True)
            self.ui.sig_status.emit(f"The bookmark could not be changed: {error}")


class _AddCommand(_Command):
    """Add a bookmark; undo deletes it, redo puts the same bookmark back."""

    def __init__(
        self,
        ui: BookmarksUi,
        article: Article,
        anchor: Anchor,
        note: str,
        tags: Sequence[str],
        colour: str,
    ) -> None:
        super().__init__(ui, "Add Bookmark")
        self.article = article
        self.anchor = anchor
        self.values = (note, tuple(tags), colour)
        self.bookmark: Bookmark | None = None

    def redo(self) -> None:
        """Save the bookmark (the first time) or restore it (after an undo)."""

        def change() -> None:
            store = self.ui.require_store()
            if self.bookmark is None:
                note, tags, colour = self.values
                self.bookmark = store.add(
                    self.article, self.anchor, note=note, tags=tags, colour=colour
                )
            else:
                store.restore(self.bookmark)
            self.ui.changed(self.bookmark)

        self._run(change)

    def undo(self) -> None:
        """Delete the bookmark again."""
        if self.bookmark is not None:
            bookmark = self.bookmark
            self._run(lambda: self.ui.removed(self.ui.require_store().delete(bookmark.id)))


class _EditCommand(_Command):
    """Change a bookmark's note, tags and colour; undo puts the old ones back."""

    def __init__(self, ui: BookmarksUi, old: Bookmark, new: tuple[str, tuple[str, ...], str]):
        super().__init__(ui, "Edit Bookmark")
        self.old = old
        self.new = new

    def _set(self, note: str, tags: Sequence[str], colour: str) -> None:
        store = self.ui.require_store()
        self.ui.changed(store.update(self.old.id, note=note, tags=tags, colour=colour))

    def redo(self) -> None:
        """Apply the new note, tags and colour."""
        self._run(lambda: self._set(*self.new))

    def undo(self) -> None:
        """Put back the old note, tags and colour."""
        self._run(lambda: self._set(self.old.note, self.old.tags, self.old.colour))


class _DeleteCommand(_Command):
    """Delete a bookmark; undo restores it exactly (same id, anchor and dates)."""

    def __init__(self, ui: BookmarksUi, bookmark: Bookmark) -> None:
        super().__init__(ui, "Delete Bookmark")
        self.bookmark = bookmark

    def redo(self) -> None:
        """Delete it (keeping what was deleted for undo)."""

        def change() -> None:
            self.bookmark = self.ui.require_store().delete(self.bookmark.id)
            self.ui.removed(self.bookmark)

        self._run(change)

    def undo(self) -> None:
        """Put it back."""
        self._run(lambda: self.ui.changed(self.ui.require_store().restore(self.bookmark)))


class BookmarksUi(QObject):
    """Bookmarks in the window: Ctrl+D, the dock, reader highlights, undo, export and import.

    Attributes:
        store: the open store, or None if it could not be opened (``error`` says why).
        error: why the store could not be opened, or "".
        notice: what opening the store had to repair (shown once), or None.
        panel: the bookmarks list.
        dock: the dock holding :attr:`panel`.
        undo_stack: bookmark changes, undone with Ctrl+Z.
        action_bookmark: bookmark the selection or paragraph (Ctrl+D).
        action_undo / action_redo: undo and redo bookmark changes.
        action_export / action_import: File menu commands.
        dialog: the add/edit dialog while it is open, else None.
        orphans_button: for the status bar: how many bookmarks lost their passage, shown while
            any has (a status message is soon replaced by the next search's count).
        notice_box: the message box showing :attr:`notice`, once, or None.

    Signals:
        sig_status(str): a sentence for the status bar.
        sig_saved_searches_changed(): an import added saved searches (their menu follows).
        sig_labels_changed(): an import added article tags or collections.
    """

    sig_status = Signal(str)
    sig_saved_searches_changed = Signal()
    sig_labels_changed = Signal()

    def __init__(
        self,
        window: QMainWindow,
        reader: ReaderView,
        tasks: TaskManager,
        library: LibraryHandle,
        indexing: IndexingController,
        data_dir: Path,
        open_article: Callable[[str, str | None], object],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.tasks = tasks
        self.library = library
        self.open_article = open_article
        self.store: BookmarkStore | None = None
        self.error = ""
        self.notice: str | None = None
        self.dialog: BookmarkDialog | None = None
        self.notice_box: QMessageBox | None = None
        self._anchored: Article | None = None
        self._reveal: str | None = None
        try:
            self.store = BookmarkStore(data_dir)
            self.notice = self.store.notice
        except BookmarkError as error:
            self.error = str(error)

        self.panel = BookmarksPanel(window)
        # Its filter row asks for more; a tab of the results panel must not widen that panel.
        self.panel.setMinimumWidth(280)
        self.dock = QDockWidget("Bookmarks", window)
        self.dock.setObjectName("bookmarks_dock")
        self.dock.setAccessibleName("Bookmarks panel")
        self.dock.setWidget(self.panel)
        self.orphans_button = QToolButton(window)
        self.orphans_button.setObjectName("orphans_button")
        self.orphans_button.setAutoRaise(True)
        self.orphans_button.setAccessibleName("Orphaned bookmarks")
        self.orphans_button.setToolTip(
            "Bookmarks whose passage is no longer in its article: they are kept, with their "
            "quotes and notes. Click to see them."
        )
        self.orphans_button.hide()
        self.orphans_button.clicked.connect(self._on_orphans_button_clicked)
        self._orphans = 0
        self.undo_stack = QUndoStack(self)
        self._build_actions()
        self.panel.sig_open_requested.connect(self._on_panel_open_requested)
        self.panel.sig_edit_requested.connect(self._on_panel_edit_requested)
        self.panel.sig_delete_requested.connect(self._on_panel_delete_requested)
        self.reader.sig_rendered.connect(self._on_reader_rendered)
        self.reader.sig_bookmark_requested.connect(self._on_reader_bookmark_requested)
        indexing.sig_library_changed.connect(self._on_indexing_library_changed)
        self.refresh()

    def _build_actions(self) -> None:
        window = self.window

        def make(text: str, keys: Sequence[QKeySequence], tip: str) -> QAction:
            action = QAction(text, window)
            if keys:
                action.setShortcuts(list(keys))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                hint = keys[0].toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{tip} ({hint})")
            else:
                action.setToolTip(tip)
            action.setStatusTip(tip)
            window.addAction(action)
            return action

        sk = QKeySequence.StandardKey
        self.action_bookmark = make(
            "&Bookmark…",
            [QKeySequence("Ctrl+D")],
            "Bookmark the selection or the paragraph at the cursor",
        )
        self.action_export = make(
            "&Export Bookmarks…", [], "Save bookmarks as Markdown, JSON or CSV"
        )
        self.action_import = make("&Import Bookmarks…", [], "Merge bookmarks from a JSON export")
        self.action_undo = self.undo_stack.createUndoAction(window, "&Undo")
        self.action_redo = self.undo_stack.createRedoAction(window, "&Redo")
        for action, key in ((self.action_undo, sk.Undo), (self.action_redo, sk.Redo)):
            action.setShortcuts(QKeySequence.keyBindings(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        enabled = self.store is not None
        for action in (self.action_bookmark, self.action_export, self.action_import):
            action.setEnabled(enabled)
        self.action_bookmark.triggered.connect(lambda: self.bookmark_here())
        self.action_export.triggered.connect(self.export_with_dialog)
        self.action_import.triggered.connect(self.import_with_dialog)

    # -- startup and shutdown -------------------------------------------------------------------
    def on_window_shown(self) -> None:
        """Once the window is up: name the dock tabs (restoring a layout makes new ones) and
        show the store's notice, if any."""
        self.name_dock_tabs()
        self.show_notice()

    def name_dock_tabs(self) -> None:
        """Give the tab bars of tabbed docks an accessible name (Qt leaves them unnamed)."""
        for bar in self.window.findChildren(QTabBar):
            if not bar.accessibleName() and isinstance(bar.parent(), QMainWindow):
                bar.setAccessibleName("Panels")

    def show_notice(self) -> None:
        """Tell the user, once, what opening the store repaired or why it failed."""
        text = self.notice or (f"Bookmarks are unavailable: {self.error}" if self.error else "")
        if not text or self.notice_box is not None:
            return
        self.sig_status.emit(text)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Bookmarks", text, QMessageBox.StandardButton.Ok, self.window
        )
        box.setAccessibleName("Bookmarks notice")
        box.setModal(False)
        box.show()
        self.notice_box = box

    def close(self) -> None:
        """Close the store (after the task manager stopped); safe to call twice."""
        if self.dialog is not None:
            self.dialog.reject()
        self.undo_stack.clear()
        if self.store is not None:
            self.store.close()
            self.store = None

    def require_store(self) -> BookmarkStore:
        """The store; raises BookmarkError when it could not be opened or is closed."""
        if self.store is None:
            raise BookmarkError(self.error or "The bookmarks store is closed.")
        return self.store

    # -- the list -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload every bookmark from the store into the dock."""
        if self.store is not None:
            self.panel.model.set_bookmarks(self.store.list())

    def bookmarks_of(self, article_id: str) -> list[Bookmark]:
        """The bookmarks of one article, as the dock has them."""
        return [b for b in self.panel.model.bookmarks if b.article_id == article_id]

    def changed(self, bookmark: Bookmark) -> None:
        """A bookmark was added, edited or restored: show it in the dock and the reader."""
        self.panel.model.upsert(bookmark)
        self._repaint_if_shown(bookmark.article_id)

    def removed(self, bookmark: Bookmark) -> None:
        """A bookmark was deleted: drop it from the dock and the reader."""
        self.panel.model.remove(bookmark.id)
        self._repaint_if_shown(bookmark.article_id)

    def _repaint_if_shown(self, article_id: str) -> None:
        content = self.reader.content
        if content is not None and content.article.id == article_id:
            self.reader.show_content(content, self.reader.scroll_fraction())

    # -- the reader -----------------------------------------------------------------------------
    def _on_reader_rendered(self) -> None:
        """Re-anchor an article the first time it is shown, then paint its bookmarks."""
        article = self.reader.article
        if article is None or self.store is None:
            return
        if article is not self._anchored:
            self._anchored = article
            if self.bookmarks_of(article.id):
                try:
                    for bookmark in self.store.reanchor(article):
                        self.panel.model.upsert(bookmark)
                except BookmarkError as error:
                    self.sig_status.emit(f"Bookmarks could not be re-attached: {error}")
        paint_bookmarks(self.reader, self.bookmarks_of(article.id))
        if self._reveal is not None:
            QTimer.singleShot(0, self, self._reveal_pending)

    def _reveal_pending(self) -> None:
        bookmark_id, self._reveal = self._reveal, None
        article = self.reader.article
        row = self.panel.model.row_of(bookmark_id) if bookmark_id else None
        bookmark = self.panel.model.bookmark(row) if row is not None else None
        if article is None or bookmark is None or bookmark.article_id != article.id:
            return
        if not select_bookmark(self.reader, bookmark):
            self.sig_status.emit(
                f"This bookmark is orphaned: “{bookmark.quote}” is no longer in the article."
            )

    def _on_reader_bookmark_requested(self, pos: QPoint) -> None:
        self.bookmark_here(pos)

    def bookmark_here(self, pos: QPoint | None = None) -> BookmarkDialog | None:
        """Open the dialog for the reader's selection, else the paragraph at ``pos`` or the
        caret; returns the dialog (None when there is nothing to bookmark)."""
        article = self.reader.article
        if self.store is None:
            self.sig_status.emit(f"Bookmarks are unavailable: {self.error}")
            return None
        found = selection_range(self.reader, pos) if article is not None else None
        if article is None or found is None:
            self.sig_status.emit("Open an article and select text (or click in a paragraph).")
            return None
        try:
            anchor = anchor_at(article, found.passage_id, found.start, found.end)
        except BookmarkError as error:
            self.sig_status.emit(str(error))
            return None
        dialog = self._open_dialog(
            BookmarkDialog(
                anchor.quote,
                title="Add Bookmark",
                article_title=located_title(article, anchor.passage_id),
                known_tags=self.store.tags(),
                parent=self.window,
            )
        )
        dialog.accepted.connect(lambda: self._on_add_dialog_accepted(dialog, article, anchor))
        return dialog

    def _open_dialog(self, dialog: BookmarkDialog) -> BookmarkDialog:
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._on_dialog_finished(dialog))
        dialog.open()
        return dialog

    def _on_dialog_finished(self, dialog: BookmarkDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _on_add_dialog_accepted(
        self, dialog: BookmarkDialog, article: Article, anchor: Anchor
    ) -> None:
        self.add(article, anchor, note=dialog.note(), tags=dialog.tags(), colour=dialog.colour())

    def add(
        self,
        article: Article,
        anchor: Anchor,
        *,
        note: str = "",
        tags: Sequence[str] = (),
        colour: str | None = None,
    ) -> Bookmark | None:
        """Save a bookmark (undoable); returns it, or None if it could not be saved."""
        command = _AddCommand(self, article, anchor, note, tags, colour or DEFAULT_COLOUR)
        self.undo_stack.push(command)
        if command.bookmark is not None:
            self.panel.select_bookmark(command.bookmark.id)
            self.sig_status.emit(f"Bookmarked in “{article.title}”.")
        return command.bookmark

    # -- the dock -------------------------------------------------------------------------------
    def open_bookmark(self, bookmark: Bookmark) -> None:
        """Open the reader at the bookmark, its text selected (an orphan: at the article)."""
        self._reveal = bookmark.id
        orphaned = bookmark.status is AnchorStatus.ORPHANED
        self.open_article(bookmark.article_id, None if orphaned else bookmark.passage_id)
        if orphaned:
            self.sig_status.emit(
                f"This bookmark is orphaned: “{bookmark.quote}” is no longer in the article."
            )

    def edit(self, bookmark: Bookmark) -> BookmarkDialog | None:
        """Open the dialog to change a bookmark's note, tags and colour."""
        if self.store is None:
            return None
        dialog = self._open_dialog(
            BookmarkDialog(
                bookmark.quote,
                title="Edit Bookmark",
                article_title=bookmark.article_title,
                note=bookmark.note,
                tags=bookmark.tags,
                colour=bookmark.colour,
                known_tags=self.store.tags(),
                parent=self.window,
            )
        )
        dialog.accepted.connect(lambda: self._on_edit_dialog_accepted(dialog, bookmark))
        return dialog

    def _on_edit_dialog_accepted(self, dialog: BookmarkDialog, bookmark: Bookmark) -> None:
        new = (dialog.note().strip(), tuple(dialog.tags()), dialog.colour())
        if new != (bookmark.note, bookmark.tags, bookmark.colour):
            self.undo_stack.push(_EditCommand(self, bookmark, new))

    def delete(self, bookmark: Bookmark) -> None:
        """Delete a bookmark (Ctrl+Z brings it back)."""
        self.undo_stack.push(_DeleteCommand(self, bookmark))
        self.sig_status.emit("Bookmark deleted (Ctrl+Z to undo).")

    def _on_panel_open_requested(self, bookmark: Bookmark) -> None:
        self.open_bookmark(bookmark)

    def _on_panel_edit_requested(self, bookmark: Bookmark) -> None:
        self.edit(bookmark)

    def _on_panel_delete_requested(self, bookmark: Bookmark) -> None:
        self.delete(bookmark)

    # -- the library changed --------------------------------------------------------------------
    def reanchor_all(self) -> int:
        """Re-anchor every bookmark against the library on the worker, then reload the dock.

        Returns the task's sequence number (0 without a store).
        """
        store, handle = self.store, self.library
        if store is None:
            return 0

        def work() -> list[Bookmark]:
            library: Library = handle.get()

            def lookup(article_id: str) -> Article | None:
                try:
                    return library.article(article_id)
                except ArticleNotFound:
                    return None

            store.reanchor_all(lookup)
            return store.list()

        return self.tasks.submit(TASK_CHANNEL, work, self._on_reanchor_done, self._on_task_failed)

    def _on_indexing_library_changed(self, _rewritten: tuple[str, ...] | None) -> None:
        self.reanchor_all()

    def _on_reanchor_done(self, bookmarks: list[Bookmark]) -> None:
        store = self.store
        if store is not None and store.notice and store.notice != self.notice:
            # Re-anchoring could not be saved (a full or read-only disk): say so once.
            self.notice = store.notice
            self.sig_status.emit(store.notice)
        current = self.panel.current_bookmark()
        self.panel.model.set_bookmarks(bookmarks)
        if current is not None:
            self.panel.select_bookmark(current.id)
        self._show_orphans(sum(b.status is AnchorStatus.ORPHANED for b in bookmarks))

    def _show_orphans(self, orphans: int) -> None:
        """Keep the orphan count in the status bar; say it in a sentence when it grows."""
        if orphans > self._orphans:
            self.sig_status.emit(
                f"{counted(orphans, 'bookmark')} could not be found in "
                "the current articles and are shown as orphaned."
            )
        self._orphans = orphans
        self.orphans_button.setText(counted(orphans, "orphaned bookmark"))
        self.orphans_button.setVisible(orphans > 0)

    def _on_orphans_button_clicked(self) -> None:
        self.panel.set_filter(text="", tag=None, article_id=None)
        self.dock.show()
        self.dock.raise_()

    def _on_task_failed(self, message: str) -> None:
        self.sig_status.emit(f"Bookmarks could not be re-attached: {message}")

    # -- files ----------------------------------------------------------------------------------
    def export_to(self, path: Path, form: ExportFormat | None = None) -> int:
        """Write every bookmark to ``path`` (the format from its suffix unless given).

        Returns how many were written; raises BookmarkError or OSError.
        """
        store = self.require_store()
        bookmarks = store.list()
        form = form or format_for(path)
        write_file(path, export(bookmarks, form, store.saved_searches(), store.labels()))
        self.sig_status.emit(f"Exported {len(bookmarks)} bookmark(s) to {path.name}.")
        return len(bookmarks)

    def import_from(self, path: Path) -> MergeReport:
        """Merge the bookmarks of a JSON export; reports the outcome in the status bar.

        Raises BookmarkError (ImportFormatError for a file that is not an export) or OSError.
        """
        # Bounded, any Unicode encoding, checked field by field, all before anything is saved.
        bookmarks, saved, labels = read_export_labelled(path)
        store = self.require_store()
        report = store.merge(bookmarks)
        searches = store.merge_saved_searches(saved)
        labelled = store.merge_labels(labels)
        self.refresh()
        self.reanchor_all()
        if searches:
            self.sig_saved_searches_changed.emit()
        if labelled:
            self.sig_labels_changed.emit()
        self.sig_status.emit(
            f"Imported {report.added} new bookmark(s); {report.updated} updated, "
            f"{report.unchanged} already here."
            + (f" {searches} saved search(es) added." if searches else "")
        )
        return report

    def export_with_dialog(self) -> None:
        """Ask for a file and a format, then export."""
        filters = ";;".join(label for label, _ in FILE_FILTERS)
        name, chosen = QFileDialog.getSaveFileName(
            self.window, "Export Bookmarks", "bookmarks.md", filters, FILE_FILTERS[0][0]
        )
        if not name:
            return
        path = Path(name)
        form = format_for(path, chosen)
        if not path.suffix:
            path = path.with_suffix(f".{form}")
        try:
            self.export_to(path, form)
        except (BookmarkError, OSError) as error:
            self._warn("The bookmarks could not be exported", error)

    def import_with_dialog(self) -> None:
        """Ask for a JSON export and merge it."""
        name, _chosen = QFileDialog.getOpenFileName(
            self.window, "Import Bookmarks", "", "InnoAtlas bookmarks (*.json);;All files (*)"
        )
        if not name:
            return
        try:
            self.import_from(Path(name))
        except (BookmarkError, OSError) as error:
            self._warn("The bookmarks could not be imported", error)

    def _warn(self, what: str, error: Exception) -> None:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.sig_status.emit(f"{what}: {detail}")
        QMessageBox.warning(self.window, "Bookmarks", f"{what}.\n\n{detail}")
