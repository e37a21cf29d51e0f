"""The bookmarks dock: every bookmark, filtered by tag, article and text, sortable, openable.

The panel shows a :class:`BookmarksModel` through :class:`BookmarksFilter` and asks for things
by signals (open, edit, delete); the bookmarks UI in the main window does them.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bookmarks import Bookmark
from desktop.core.text import fold
from desktop.ui.models.bookmarks_model import (
    ARTICLE,
    BOOKMARK_ROLE,
    NOTE,
    QUOTE,
    SAVED,
    SORT_ROLE,
    BookmarksModel,
)
from desktop.view.wording import counted

ALL_TAGS = "All tags"
ALL_ARTICLES = "All articles"


class BookmarksFilter(QSortFilterProxyModel):
    """Keeps the bookmarks with a tag, of an article and containing some text; sorts by
    :data:`SORT_ROLE`.

    Text matches the quote or the note ignoring case, accents and spacing, as
    :meth:`BookmarkStore.list` does.

    Attributes:
        tag: the tag to keep (matched ignoring case), or None for all.
        article_id: the article to keep, or None for all.
        text: the folded text to find, or "".
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tag: str | None = None
        self.article_id: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filter(self, *, tag: str | None, article_id: str | None, text: str) -> None:
        """Change the filter (None or "" keeps everything for that part)."""
        modern = hasattr(self, "endFilterChange")  # Qt >= 6.10; invalidateRowsFilter is deprecated
        if modern:
            self.beginFilterChange()
        self.tag = tag.casefold() if tag else None
        self.article_id = article_id or None
        self.text = fold(text) if text.strip() else ""
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.invalidateRowsFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """True when the bookmark passes the tag, article and text filters."""
        model = self.sourceModel()
        bookmark = model.data(model.index(source_row, 0, source_parent), BOOKMARK_ROLE)
        if not isinstance(bookmark, Bookmark):
            return False
        if self.tag is not None and all(t.casefold() != self.tag for t in bookmark.tags):
            return False
        if self.article_id is not None and bookmark.article_id != self.article_id:
            return False
        return (
            not self.text or self.text in fold(bookmark.quote) or self.text in fold(bookmark.note)
        )


class _Table(QTableView):
    """Enter opens the current bookmark, Delete deletes it."""

    sig_activated = Signal()
    sig_delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter / Return open, Delete / Backspace delete; other keys as usual."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.sig_activated.emit()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.currentIndex().isValid()
        ):
            self.sig_delete_pressed.emit()
            return
        super().keyPressEvent(event)


class BookmarksPanel(QWidget):
    """The bookmarks list with its filters and Edit / Delete buttons.

    Attributes:
        model: the bookmarks shown (all of them; the proxy filters).
        proxy: filter and sort.
        filter_edit: text to find in quotes and notes.
        tag_combo: "All tags" or one tag.
        article_combo: "All articles" or one article (its id in the item data).
        view: the table.
        edit_button: edit the current bookmark.
        delete_button: delete the current bookmark.
        count_label: how many are shown.

    Signals:
        sig_open_requested(object): open the reader at this :class:`Bookmark`.
        sig_edit_requested(object): edit this :class:`Bookmark`.
        sig_delete_requested(object): delete this :class:`Bookmark`.
    """

    sig_open_requested = Signal(object)
    sig_edit_requested = Signal(object)
    sig_delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarks_panel")
        self.setAccessibleName("Bookmarks")
        self.model = BookmarksModel(self)
        self.proxy = BookmarksFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("bookmarks_filter")
        self.filter_edit.setAccessibleName("Filter bookmarks")
        self.filter_edit.setPlaceholderText("Filter by quote or note")
        self.filter_edit.setClearButtonEnabled(True)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setAccessibleName("Filter by tag")
        self.tag_combo.addItem(ALL_TAGS, None)
        self.article_combo = QComboBox(self)
        self.article_combo.setAccessibleName("Filter by article")
        self.article_combo.addItem(ALL_ARTICLES, None)
        self.article_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.article_combo.setMinimumContentsLength(12)

        self.view = _Table(self)
        self.view.setObjectName("bookmarks_view")
        self.view.setAccessibleName("Bookmarks list")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(SAVED, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((QUOTE, 260), (NOTE, 160), (ARTICLE, 180)):
            self.view.setColumnWidth(column, width)

        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setAccessibleName("Edit bookmark")
        self.delete_button = QPushButton("De&lete", self)
        self.delete_button.setAccessibleName("Delete bookmark")
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Bookmark count")

        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 2)
        filters.addWidget(self.tag_combo, 1)
        filters.addWidget(self.article_combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.tag_combo.currentIndexChanged.connect(self._on_tag_combo_changed)
        self.article_combo.currentIndexChanged.connect(self._on_article_combo_changed)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.sig_activated.connect(self._on_view_activated)
        self.view.sig_delete_pressed.connect(self._on_delete_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        for signal in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.dataChanged,
        ):
            signal.connect(self._on_model_changed)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self._on_model_changed()

    # -- queries --------------------------------------------------------------------------------
    def current_bookmark(self) -> Bookmark | None:
        """The bookmark of the current row, or None."""
        index = self.view.currentIndex()
        bookmark = index.data(BOOKMARK_ROLE) if index.isValid() else None
        return bookmark if isinstance(bookmark, Bookmark) else None

    def shown_bookmarks(self) -> list[Bookmark]:
        """The bookmarks the filter keeps, in the order shown."""
        shown: list[Bookmark] = []
        for row in range(self.proxy.rowCount()):
            bookmark = self.proxy.index(row, 0).data(BOOKMARK_ROLE)
            if isinstance(bookmark, Bookmark):
                shown.append(bookmark)
        return shown

    def select_bookmark(self, bookmark_id: str) -> bool:
        """Make this bookmark's row current (if the filter shows it)."""
        row = self.model.row_of(bookmark_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def set_filter(
        self, *, text: str = "", tag: str | None = None, article_id: str | None = None
    ) -> None:
        """Set the three filters at once (as if typed and chosen)."""
        self.filter_edit.setText(text)
        tag_at = self.tag_combo.findData(tag) if tag else 0
        self.tag_combo.setCurrentIndex(max(tag_at, 0))
        article_at = self.article_combo.findData(article_id) if article_id else 0
        self.article_combo.setCurrentIndex(max(article_at, 0))

    # -- handlers -------------------------------------------------------------------------------
    def _apply_filter(self) -> None:
        tag = self.tag_combo.currentData()
        article_id = self.article_combo.currentData()
        self.proxy.set_filter(
            tag=tag if isinstance(tag, str) else None,
            article_id=article_id if isinstance(article_id, str) else None,
            text=self.filter_edit.text(),
        )
        self._update_count()

    def _on_filter_edit_text_changed(self, _text: str) -> None:
        self._apply_filter()

    def _on_tag_combo_changed(self, _index: int) -> None:
        self._apply_filter()

    def _on_article_combo_changed(self, _index: int) -> None:
        self._apply_filter()

    def _on_model_changed(self, *_args: object) -> None:
        """Offer the tags and articles the bookmarks have now, keeping the current choices."""
        tags: dict[str, str] = {}
        articles: dict[str, str] = {}
        for bookmark in self.model.bookmarks:
            for tag in bookmark.tags:
                tags.setdefault(tag.casefold(), tag)
            articles.setdefault(bookmark.article_id, bookmark.article_title or bookmark.article_id)
        self._fill(self.tag_combo, ALL_TAGS, sorted(tags.values(), key=str.casefold), None)
        by_title = sorted(articles.items(), key=lambda item: item[1].casefold())
        self._fill(
            self.article_combo, ALL_ARTICLES, [t for _, t in by_title], [i for i, _ in by_title]
        )
        self._update_count()
        self._update_buttons()

    @staticmethod
    def _fill(combo: QComboBox, everything: str, labels: list[str], keys: list[str] | None) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(everything, None)
            for i, label in enumerate(labels):
                combo.addItem(label, keys[i] if keys is not None else label)
            at = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(at, 0))
        finally:
            combo.blockSignals(False)
        if current is not None and combo.currentData() != current:
            combo.currentIndexChanged.emit(combo.currentIndex())

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            text = "No bookmarks yet: select text in the reader and press Ctrl+D."
        elif shown == total:
            text = counted(total, "bookmark")
        else:
            text = f"{shown} of {total} bookmarks"
        self.count_label.setText(text)

    def _update_buttons(self, *_args: object) -> None:
        has = self.current_bookmark() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        bookmark = index.data(BOOKMARK_ROLE)
        if isinstance(bookmark, Bookmark):
            self.sig_open_requested.emit(bookmark)

    def _on_view_activated(self) -> None:
        bookmark = self.current_bookmark()
        if bookmark is not None:
            self.sig_open_requested.emit(bookmark)

    def _on_edit_button_clicked(self) -> None:
        bookmark = self.current_bookmark()
        if bookmark is not None:
            self.sig_edit_requested.emit(bookmark)

    def _on_delete_button_clicked(self) -> None:
        bookmark = self.current_bookmark()
        if bookmark is not None:
            self.sig_delete_requested.emit(bookmark)


def main() -> int:
    """Show the panel alone with sample bookmarks."""
    from desktop.core.bookmarks import AnchorStatus

    app = QApplication(sys.argv)
    panel = BookmarksPanel()
    sample = [
        Bookmark(
            f"id{i}",
            f"a{i % 2}",
            "p-1",
            quote,
            "",
            "",
            0,
            len(quote),
            note,
            tags,
            colour,
            f"2026-01-0{i + 1}T10:00:00+00:00",
            f"2026-01-0{i + 1}T10:00:00+00:00",
            f"Article {i % 2}",
            "2024-12-02",
            "seeds/a.txt",
            status,
        )
        for i, (quote, note, tags, colour, status) in enumerate(
            (
                (
                    "Hong Kong Science Park will collaborate.",
                    "Key",
                    ("HKSTP",),
                    "#ffd54f",
                    AnchorStatus.ATTACHED,
                ),
                ("Big data and AI.", "", ("AI", "big data"), "#a5d6a7", AnchorStatus.MOVED),
                ("A paragraph that was deleted.", "gone", (), "#90caf9", AnchorStatus.ORPHANED),
            )
        )
    ]
    panel.model.set_bookmarks(sample)
    panel.sig_open_requested.connect(lambda b: print("open", b.id))
    panel.resize(800, 300)
    panel.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
