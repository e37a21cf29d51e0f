"""A thin table model over the user's bookmarks (core :class:`Bookmark` values).

The model holds a plain list of bookmarks and never talks to the store: the bookmarks UI
feeds it whole lists (:meth:`BookmarksModel.set_bookmarks`) or single changes
(:meth:`BookmarksModel.upsert`, :meth:`BookmarksModel.remove`). Sorting and filtering are
done by a proxy (see :mod:`desktop.ui.widgets.bookmarks_panel`) through :data:`SORT_ROLE`
and the named roles below.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from desktop.core.bookmarks import AnchorStatus, Bookmark
from desktop.view.reader_html import with_location

Index = QModelIndex | QPersistentModelIndex

#: The :class:`Bookmark` of a row (any column).
BOOKMARK_ROLE = Qt.ItemDataRole.UserRole + 1
#: The bookmark's id (str).
ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: The bookmark's :class:`AnchorStatus` value (``"attached"``, ``"moved"``, ``"orphaned"``).
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
#: A value to sort the column by (text folded to lower case, ISO dates, numbers).
SORT_ROLE = Qt.ItemDataRole.UserRole + 4
#: The bookmark's highlight colour as ``#rrggbb``.
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 5

COLUMNS: tuple[str, ...] = ("Quote", "Note", "Tags", "Article", "Date", "Saved", "Status")
QUOTE, NOTE, TAGS, ARTICLE, DATE, SAVED, STATUS = range(len(COLUMNS))

#: How much of a quote or note a cell shows; the tooltip has all of it.
CELL_CHARS = 120

_STATUS_TEXT = {
    AnchorStatus.ATTACHED: "",
    AnchorStatus.MOVED: "Moved",
    AnchorStatus.ORPHANED: "Orphaned",
}


def status_text(status: AnchorStatus) -> str:
    """What the Status column says: nothing for an attached bookmark.

    >>> status_text(AnchorStatus.ORPHANED), status_text(AnchorStatus.ATTACHED)
    ('Orphaned', '')
    """
    return _STATUS_TEXT[status]


def short(text: str, limit: int = CELL_CHARS) -> str:
    """One line of at most ``limit`` characters, cut at the end with an ellipsis.

    >>> short("a  b\\nc", 10), short("abcdef", 4)
    ('a b c', 'abc…')
    """
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def tooltip_html(text: str) -> str:
    """``text`` as a tooltip that always shows literally: Qt renders any tooltip that looks
    like markup as rich text, so the text is escaped inside a paragraph (an empty text stays
    empty: no tooltip).

    >>> tooltip_html("a <b> & c")
    '<p style="white-space:pre-wrap">a &lt;b&gt; &amp; c</p>'
    """
    if not text:
        return ""
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def saved_date(bookmark: Bookmark) -> str:
    """The local calendar date the bookmark was made (``YYYY-MM-DD``), or "" if unreadable."""
    try:
        return datetime.fromisoformat(bookmark.created).astimezone().date().isoformat()
    except ValueError:
        return ""


class BookmarksModel(QAbstractTableModel):
    """One row per bookmark: quote, note, tags, article, article date, saved date, status.

    Orphaned bookmarks keep their quote, are shown in italics and say "Orphaned" in the
    Status column, with an explanation in the tooltip.

    Attributes:
        bookmarks: the bookmarks, in the order they were given (the proxy sorts).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bookmarks: list[Bookmark] = []

    # -- changes --------------------------------------------------------------------------------
    def set_bookmarks(self, bookmarks: Sequence[Bookmark]) -> None:
        """Show these bookmarks instead of the current ones."""
        self.beginResetModel()
        self.bookmarks = list(bookmarks)
        self.endResetModel()

    def upsert(self, bookmark: Bookmark) -> None:
        """Replace the row with the same id, or append a row for a new bookmark."""
        row = self.row_of(bookmark.id)
        if row is None:
            end = len(self.bookmarks)
            self.beginInsertRows(QModelIndex(), end, end)
            self.bookmarks.append(bookmark)
            self.endInsertRows()
            return
        self.bookmarks[row] = bookmark
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove(self, bookmark_id: str) -> None:
        """Drop the row of this bookmark, if it is shown."""
        row = self.row_of(bookmark_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.bookmarks[row]
        self.endRemoveRows()

    # -- lookups --------------------------------------------------------------------------------
    def row_of(self, bookmark_id: str) -> int | None:
        """The row showing this bookmark, or None."""
        return next((i for i, b in enumerate(self.bookmarks) if b.id == bookmark_id), None)

    def bookmark(self, row: int) -> Bookmark | None:
        """The bookmark in ``row``, or None outside the table."""
        return self.bookmarks[row] if 0 <= row < len(self.bookmarks) else None

    # -- Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows: one per bookmark (none under a row: this is a flat table)."""
        return 0 if parent.isValid() else len(self.bookmarks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Columns: see :data:`COLUMNS`."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows are selectable, not editable in place (the dialog edits)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, tooltips, the colour swatch, italics for orphans and the named roles."""
        if not index.isValid() or index.parent().isValid():
            return None
        bookmark = self.bookmark(index.row())
        if bookmark is None or not 0 <= index.column() < len(COLUMNS):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(bookmark, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(self._tooltip(bookmark, column))
        if role == Qt.ItemDataRole.DecorationRole and column == QUOTE:
            return QColor(bookmark.colour)
        if role == Qt.ItemDataRole.FontRole and bookmark.status is AnchorStatus.ORPHANED:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(bookmark, column)
            return text or f"No {COLUMNS[column].lower()}"
        if role == BOOKMARK_ROLE:
            return bookmark
        if role == ID_ROLE:
            return bookmark.id
        if role == STATUS_ROLE:
            return bookmark.status.value
        if role == COLOUR_ROLE:
            return bookmark.colour
        if role == SORT_ROLE:
            return self._sort_key(bookmark, column)
        return None

    def _display(self, bookmark: Bookmark, column: int) -> str:
        if column == QUOTE:
            return short(bookmark.quote)
        if column == NOTE:
            return short(bookmark.note)
        if column == TAGS:
            return ", ".join(bookmark.tags)
        if column == ARTICLE:
            return with_location(bookmark.article_title or bookmark.article_id, bookmark.location)
        if column == DATE:
            return bookmark.article_date or ""
        if column == SAVED:
            return saved_date(bookmark)
        return status_text(bookmark.status)

    def _tooltip(self, bookmark: Bookmark, column: int) -> str:
        if column == STATUS or bookmark.status is AnchorStatus.ORPHANED:
            if bookmark.status is AnchorStatus.ORPHANED:
                return (
                    "Orphaned: this text is no longer found in the article. "
                    f"The bookmark is kept with its quote: “{bookmark.quote}”"
                )
            if bookmark.status is AnchorStatus.MOVED:
                return "Moved: the article changed and the bookmark was found again nearby."
            return "Attached to its text."
        if column == NOTE:
            return bookmark.note
        if column == ARTICLE:
            return bookmark.article_source
        return bookmark.quote

    def _sort_key(self, bookmark: Bookmark, column: int) -> str:
        if column == SAVED:
            return bookmark.created
        if column == STATUS:
            return f"{bookmark.status.value}"
        return self._display(bookmark, column).casefold()
