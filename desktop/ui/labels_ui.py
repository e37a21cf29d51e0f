"""Tags and collections on articles in the window (Zotero's): Edit ▸ Tag Article…, Edit ▸ Add
to Collection…, the Collections panel, and the article's tags in the reader's header.

They live in the bookmarks file (:mod:`desktop.core.bookmarks.labels`), keyed by the
article's id, so the CLI's ``tag``, ``tags`` and ``collections`` see the same ones, and a
re-index or an edit of the article keeps them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QInputDialog, QMainWindow

from desktop.core.bookmarks import BookmarkError, BookmarkStore
from desktop.core.model import Article
from desktop.ui.widgets.collections_panel import CollectionsPanel
from desktop.ui.widgets.reader import ReaderView
from desktop.ui.widgets.tag_dialog import TagDialog
from desktop.view.reader_html import ReaderContent


class LabelsUi(QObject):
    """The tag and collection commands, the Collections dock and the reader's tag line.

    Attributes:
        action_tag: Edit ▸ Tag Article… (Ctrl+Shift+T).
        action_collect: Edit ▸ Add to Collection… (Ctrl+Shift+L).
        panel, dock: the Collections panel and its dock (View ▸ Collections).
        dialog: the Tag Article dialog while it is open, else None.

    Signals:
        sig_status(str): what was tagged or collected, or why it could not be.
    """

    sig_status = Signal(str)

    def __init__(
        self,
        store: Callable[[], BookmarkStore | None],
        reader: ReaderView,
        open_article: Callable[[str], object],
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self._store, self._reader, self._open, self._window = store, reader, open_article, window
        self.dialog: TagDialog | None = None
        self.action_tag = self._action("&Tag Article…", "Ctrl+Shift+T", "Give the article tags")
        self.action_collect = self._action(
            "Add to Co&llection…", "Ctrl+Shift+L", "Put the article in a collection"
        )
        self.action_tag.triggered.connect(lambda: self.open_dialog())
        self.action_collect.triggered.connect(self._on_collect_triggered)
        self.panel = CollectionsPanel(window)
        self.panel.setMinimumWidth(240)
        self.dock = QDockWidget("Collections", window)
        self.dock.setObjectName("collections_dock")
        self.dock.setAccessibleName("Collections panel")
        self.dock.setWidget(self.panel)
        self.panel.sig_selected.connect(self._on_panel_selected)
        self.panel.sig_open_requested.connect(self._open)
        self.panel.sig_new_requested.connect(self._on_panel_new_requested)
        self.panel.sig_remove_requested.connect(self._on_panel_remove_requested)
        reader.preparers.append(self.prepare)
        reader.sig_rendered.connect(self._on_reader_rendered)
        self._on_reader_rendered()
        self.refresh()

    def _action(self, text: str, key: str, tip: str) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({key})")
        self._window.addAction(action)
        return action

    # -- the reader ---------------------------------------------------------------------------
    def prepare(self, content: ReaderContent) -> ReaderContent:
        """``content`` with the article's tags and collections, for the reader's header."""
        store = self._store()
        try:
            tags = store.article_tags(content.article.id) if store else ()
            held = store.collections_of(content.article.id) if store else ()
        except BookmarkError:
            tags, held = (), ()
        return dataclasses.replace(content, tags=tags, collections=held)

    def _on_reader_rendered(self) -> None:
        enabled = self._reader.article is not None and self._store() is not None
        self.action_tag.setEnabled(enabled)
        self.action_collect.setEnabled(enabled)

    def _show_again(self) -> None:
        """Show the article again, where it is, so its header names its tags as they are now."""
        content = self._reader.content
        if content is not None:
            self._reader.show_content(content, self._reader.scroll_fraction())

    # -- tags ---------------------------------------------------------------------------------
    def known_tags(self) -> list[str]:
        """Tags to complete from: the articles' (most used first), then the bookmarks'."""
        store = self._store()
        if store is None:
            return []
        names = [name for name, _count in store.article_tag_counts()]
        seen = {name.casefold() for name in names}
        return names + [t for t in store.tags() if t.casefold() not in seen]

    def open_dialog(self) -> TagDialog | None:
        """Open Tag Article for the article shown (non-modal); None when there is none."""
        article, store = self._reader.article, self._store()
        if article is None or store is None:
            self.sig_status.emit("Open an article to tag it.")
            return None
        dialog = TagDialog(article.title, store.article_tags(article.id), self.known_tags(),
                           self._window)  # fmt: skip
        dialog.accepted.connect(lambda: self.set_tags(article, dialog.tags))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def set_tags(self, article: Article, tags: list[str]) -> tuple[str, ...] | None:
        """Make the article's tags exactly ``tags``; returns them as stored (None: not saved)."""
        store = self._store()
        if store is None:
            return None
        try:
            before = store.article_tags(article.id)
            wanted = {t.casefold() for t in (" ".join(tag.split()) for tag in tags)}
            gone = [t for t in before if t.casefold() not in wanted]
            if gone:
                store.untag_article(article.id, gone)
            now = store.tag_article(article.id, article.title, tags) if tags else ()
        except BookmarkError as error:
            self.sig_status.emit(f"The tags were not saved: {error}")
            return None
        self.refresh()
        self._show_again()
        said = ", ".join(now) if now else "no tags"
        self.sig_status.emit(f"“{article.title}”: {said}.")
        return now

    # -- collections --------------------------------------------------------------------------
    def _on_collect_triggered(self) -> None:
        article, store = self._reader.article, self._store()
        if article is None or store is None:
            return
        names = [c.name for c in store.collections()]
        name, accepted = QInputDialog.getItem(
            self._window, "Add to Collection", "Collection (a new name makes one):", names, 0, True
        )
        if accepted and name.strip():
            self.collect(name, article)

    def collect(self, name: str, article: Article) -> str | None:
        """Put ``article`` in the collection ``name`` (made if need be); returns its name."""
        store = self._store()
        if store is None:
            return None
        try:
            stored, added = store.add_to_collection(name, [(article.id, article.title)])
        except BookmarkError as error:
            self.sig_status.emit(f"The article was not added: {error}")
            return None
        self.refresh()
        self._show_again()
        self.sig_status.emit(
            f"Added to “{stored}”." if added else f"“{article.title}” is already in “{stored}”."
        )
        return stored

    def new_collection(self, name: str) -> str | None:
        """Make an empty collection; returns its name as stored."""
        store = self._store()
        try:
            stored = store.add_to_collection(name)[0] if store else None
        except BookmarkError as error:
            self.sig_status.emit(f"The collection was not made: {error}")
            return None
        self.refresh()
        if stored:
            self.panel.choose("collection", stored)
        return stored

    def _on_panel_new_requested(self) -> None:
        name, accepted = QInputDialog.getText(self._window, "New Collection", "Name:")
        if accepted and name.strip():
            self.new_collection(name)

    def remove(self, kind: str, name: str, article_id: str = "") -> None:
        """Take an article out of a collection (or off a tag); with none, delete the
        collection, or take the tag off every article. The articles themselves stay."""
        store = self._store()
        if store is None:
            return
        try:
            if kind == "tag":
                ids = [article_id] if article_id else [a.article_id for a in store.tagged(name)]
                for one in ids:
                    store.untag_article(one, [name])
                said = f"Took the tag “{name}” off {len(ids)} article(s)."
            elif article_id:
                store.remove_from_collection(name, [article_id])
                said = f"Took the article out of “{name}”."
            else:
                store.delete_collection(name)
                said = f"Deleted the collection “{name}” (its articles stay in the library)."
        except BookmarkError as error:
            self.sig_status.emit(f"Nothing was removed: {error}")
            return
        self.refresh()
        self._show_again()
        self.sig_status.emit(said)

    def _on_panel_remove_requested(self, kind: str, name: str, article_id: str) -> None:
        self.remove(kind, name, article_id)

    # -- the panel ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Fill the Collections panel again from the store."""
        store = self._store()
        try:
            collections = store.collections() if store else []
            tags = store.article_tag_counts() if store else []
        except BookmarkError as error:
            self.sig_status.emit(str(error))
            return
        self.panel.set_labels(collections, tags)
        chosen = self.panel.chosen
        if chosen is not None:
            self._on_panel_selected(*chosen)

    def _on_panel_selected(self, kind: str, name: str) -> None:
        store = self._store()
        if store is None:
            return
        if kind == "tag":
            self.panel.show_articles(f"Tagged “{name}”", store.tagged(name))
            return
        found = store.collection(name)
        self.panel.show_articles(f"In “{name}”", found.articles if found else ())

    def show(self, kind: str, name: str) -> bool:
        """Show the Collections panel with a collection or tag chosen."""
        self.dock.show()
        self.dock.raise_()
        return self.panel.choose(kind, name)
