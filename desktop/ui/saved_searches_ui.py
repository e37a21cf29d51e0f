"""Saved searches in the window: Go ▸ Save Search… and Go ▸ Saved Searches.

A query an analyst runs every week ("fintech date:>=2024", a programme's name in passage
mode) is saved once under a name and run again from the menu, in the view it was saved in.
They live with the bookmarks (the same file, backups and exports), so the CLI's ``saved``
commands see the same ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from desktop.core.bookmarks import BookmarkError, BookmarkStore, SavedSearch
from desktop.core.model import SearchMode, SortOrder
from desktop.ui.search_ui import SearchUi


class SavedSearchesUi(QObject):
    """The Save Search command and the menu of saved searches.

    Attributes:
        action_save: Go ▸ Save Search… (Ctrl+S).
        menu: Go ▸ Saved Searches, one item a search, and a Remove submenu.

    Signals:
        sig_status(str): what was saved or removed, or why it could not be.
    """

    sig_status = Signal(str)

    def __init__(
        self,
        store: Callable[[], BookmarkStore | None],
        search: SearchUi,
        go_menu: QMenu,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._store, self._search, self._parent = store, search, parent
        self.action_save = QAction("&Save Search…", parent)
        self.action_save.setShortcut(QKeySequence.StandardKey.Save)
        self.action_save.setStatusTip("Save the query and its view under a name, to run again")
        self.action_save.triggered.connect(self._on_save_triggered)
        parent.addAction(self.action_save)
        go_menu.addSeparator()
        go_menu.addAction(self.action_save)
        self.menu = go_menu.addMenu("Saved Searc&hes")
        self.rebuild()

    def saved(self) -> list[SavedSearch]:
        """The saved searches, by name (none when the bookmarks file cannot be read)."""
        store = self._store()
        try:
            return store.saved_searches() if store is not None else []
        except BookmarkError as error:
            self.sig_status.emit(str(error))
            return []

    def save(self, name: str) -> SavedSearch | None:
        """Save the current query and view as ``name`` (replacing one of that name)."""
        query, mode, sort = self._search.current
        store = self._store()
        if store is None:
            self.sig_status.emit("Searches cannot be saved: the bookmarks file is not open.")
            return None
        try:
            stored = store.save_search(SavedSearch(name.strip(), query.strip(), mode, sort))
        except BookmarkError as error:
            self.sig_status.emit(f"The search was not saved: {error}")
            return None
        self.rebuild()
        self.sig_status.emit(f"Saved “{stored.name}”: Go ▸ Saved Searches runs it again.")
        return stored

    def remove(self, name: str) -> None:
        """Delete the saved search called ``name``."""
        store = self._store()
        try:
            removed = store.delete_saved_search(name) if store is not None else None
        except BookmarkError as error:
            self.sig_status.emit(f"The saved search was not removed: {error}")
            return
        self.rebuild()
        if removed is not None:
            self.sig_status.emit(f"Removed the saved search “{removed.name}”.")

    def run(self, search: SavedSearch) -> None:
        """Run a saved search in the view it was saved in."""
        mode = cast(SearchMode, search.mode)
        sort = cast(SortOrder, search.sort)
        self._search.submit_in_view(search.query, mode, sort)

    def rebuild(self) -> None:
        """Fill the menu again from the store."""
        self.menu.clear()
        saved = self.saved()
        self.menu.setEnabled(bool(saved))
        for search in saved:
            action = self.menu.addAction(search.name)
            action.setToolTip(f"{search.query} ({search.mode}, by {search.sort})")
            action.setStatusTip(search.query)
            action.triggered.connect(lambda _checked=False, s=search: self.run(s))
        if saved:
            remove = self.menu.addMenu("&Remove")
            for search in saved:
                item = remove.addAction(search.name)
                item.triggered.connect(lambda _checked=False, n=search.name: self.remove(n))

    def _on_save_triggered(self) -> None:
        query, _mode, _sort = self._search.current
        if not query.strip():
            self.sig_status.emit("Type a query first: there is nothing to save.")
            return
        name, accepted = QInputDialog.getText(self._parent, "Save Search", "Name:", text=query)
        if accepted and name.strip():
            self.save(name)
