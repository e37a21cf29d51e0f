"""The Collections panel: the user's collections and article tags, and the articles of one.

Zotero's left pane: a short list of collections and tags with their sizes above, the articles
of the one chosen below; activating an article opens it. Plain widgets over plain values
(:class:`~desktop.core.bookmarks.Label`), filled again whenever the labels change.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bookmarks import Label, LabelledArticle

#: The data role holding a tree item's kind and name ("tag\nfintech"), or an article's id.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def _key(data: object) -> tuple[str, str] | None:
    """A tree item's (kind, name), or None for the two headings."""
    if not isinstance(data, str) or "\n" not in data:
        return None
    kind, _, name = data.partition("\n")
    return kind, name


class CollectionsPanel(QWidget):
    """Collections and tags above, the chosen one's articles below.

    Attributes:
        tree: "Collections" and "Tags", each name with its count.
        articles: the articles of the chosen collection or tag.
        new_button, remove_button: make a collection; remove the chosen one, or the chosen
            article from it.

    Signals:
        sig_open_requested(str): an article was activated (its id).
        sig_selected(str, str): a collection or tag was chosen: its kind and name.
        sig_new_requested(): "New Collection…" was clicked.
        sig_remove_requested(str, str, str): remove: kind, name, and an article id or "" for
            the whole collection (a tag: take it off that article, or off every article).
    """

    sig_open_requested = Signal(str)
    sig_selected = Signal(str, str)
    sig_new_requested = Signal()
    sig_remove_requested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Collections panel")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Collections and tags")
        self.articles = QListWidget(self)
        self.articles.setAccessibleName("Articles of the chosen collection or tag")
        self.heading = QLabel("Choose a collection or a tag.", self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.new_button = QPushButton("New Collection…", self)
        self.remove_button = QPushButton("Remove", self)
        self.new_button.setAccessibleName("New collection")
        self.remove_button.setAccessibleName("Remove from collections or tags")
        self.remove_button.setEnabled(False)
        self.remove_button.setToolTip("Remove the chosen article from it, or the collection")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.remove_button)
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.heading)
        below_layout.addWidget(self.articles, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(below)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._collections = QTreeWidgetItem(self.tree, ["Collections"])
        self._tags = QTreeWidgetItem(self.tree, ["Tags"])
        for top in (self._collections, self._tags):
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            top.setExpanded(True)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.articles.itemActivated.connect(self._on_articles_item_activated)
        self.articles.currentItemChanged.connect(lambda *_: self._update_remove())
        self.new_button.clicked.connect(self.sig_new_requested)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    @property
    def chosen(self) -> tuple[str, str] | None:
        """The chosen collection or tag: ("collection" | "tag", name), or None."""
        item = self.tree.currentItem()
        return _key(item.data(0, KEY_ROLE)) if item is not None else None

    def set_labels(self, collections: Sequence[Label], tags: Sequence[tuple[str, int]]) -> None:
        """Fill the tree again, keeping the chosen entry when it is still there."""
        chosen = self.chosen
        self.tree.blockSignals(True)
        try:
            for top in (self._collections, self._tags):
                top.takeChildren()
            for collection in collections:
                self._child(
                    self._collections, "collection", collection.name, len(collection.articles)
                )
            for name, count in tags:
                self._child(self._tags, "tag", name, count)
            self._collections.setText(0, f"Collections ({len(collections)})")
            self._tags.setText(0, f"Tags ({len(tags)})")
            again = self.item_for(*chosen) if chosen else None
            if again is not None:
                self.tree.setCurrentItem(again)
            else:
                self.tree.setCurrentItem(self._collections)
        finally:
            self.tree.blockSignals(False)
        if again is None:
            self.show_articles("", [])

    def _child(self, top: QTreeWidgetItem, kind: str, name: str, count: int) -> None:
        item = QTreeWidgetItem(top, [f"{name} ({count})"])
        item.setData(0, KEY_ROLE, f"{kind}\n{name}")
        item.setToolTip(0, name)

    def item_for(self, kind: str, name: str) -> QTreeWidgetItem | None:
        """The tree item of a collection or tag (names compared ignoring case), or None."""
        top = self._collections if kind == "collection" else self._tags
        for row in range(top.childCount()):
            child = top.child(row)
            key = _key(child.data(0, KEY_ROLE)) if child is not None else None
            if key is not None and key[1].casefold() == name.casefold():
                return child
        return None

    def choose(self, kind: str, name: str) -> bool:
        """Choose a collection or tag, as a click would; False when there is none."""
        item = self.item_for(kind, name)
        if item is not None:
            self.tree.setCurrentItem(item)
        return item is not None

    def show_articles(self, heading: str, articles: Sequence[LabelledArticle]) -> None:
        """List the articles of the chosen collection or tag."""
        self.articles.clear()
        self.heading.setText(heading or "Choose a collection or a tag.")
        for article in articles:
            item = QListWidgetItem(article.article_title or article.article_id, self.articles)
            item.setData(KEY_ROLE, article.article_id)
            item.setToolTip(article.article_id)
        self._update_remove()

    def _update_remove(self) -> None:
        self.remove_button.setEnabled(self.chosen is not None)

    def _on_tree_current_item_changed(self, *_items: object) -> None:
        chosen = self.chosen
        if chosen is None:
            self.show_articles("", [])
            return
        self.sig_selected.emit(*chosen)

    def _on_articles_item_activated(self, item: QListWidgetItem) -> None:
        self.sig_open_requested.emit(str(item.data(KEY_ROLE)))

    def _on_remove_button_clicked(self) -> None:
        chosen = self.chosen
        if chosen is None:
            return
        item = self.articles.currentItem()
        article_id = str(item.data(KEY_ROLE)) if item is not None and item.isSelected() else ""
        self.sig_remove_requested.emit(chosen[0], chosen[1], article_id)
