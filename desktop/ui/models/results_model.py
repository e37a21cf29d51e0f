"""A thin list model over one :class:`SearchResult`: one row per hit."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.core.model import ArticleSummary, Hit, SearchMode, SearchResult, Snippet
from desktop.view.reader_html import format_date, source_name, with_location

_Index = QModelIndex | QPersistentModelIndex

# Extra data for the delegate and the window, under named roles.
HitRole = Qt.ItemDataRole.UserRole + 1
ArticleIdRole = Qt.ItemDataRole.UserRole + 2
PassageIdRole = Qt.ItemDataRole.UserRole + 3
DateTextRole = Qt.ItemDataRole.UserRole + 4
SourceRole = Qt.ItemDataRole.UserRole + 5
SnippetHtmlRole = Qt.ItemDataRole.UserRole + 6
ScoreRole = Qt.ItemDataRole.UserRole + 7


def snippet_html(hit: Hit) -> str:
    """The hit's snippet with the matched words in bold, everything else escaped.

    >>> from desktop.core.model import Snippet
    >>> snippet_html(Hit("a", "T", None, "s", 1.0, Snippet("<AI> and data", ((5, 8),))))
    '&lt;AI&gt; <b>and</b> data'
    """
    if hit.note is not None:
        # Found through the user's note on a bookmark: the note is what matched.
        note = hit.note.snippet.marked("<b>", "</b>", escape=html.escape)
        return f"<i>Your note:</i> {note}"
    return hit.snippet.marked("<b>", "</b>", escape=html.escape)


#: How many of the newest articles the library's list shows before any query.
BROWSE_LIMIT = 500


def browse_result(
    summaries: Sequence[ArticleSummary],
    mode: SearchMode = "articles",
    limit: int = BROWSE_LIMIT,
    total: int | None = None,
) -> SearchResult:
    """The whole library as a result (no query): what a new user sees first; ``total``, how
    many articles there are when ``summaries`` holds only the newest."""
    hits = tuple(
        Hit(
            s.id,
            s.title,
            s.date,
            s.source,
            0.0,
            Snippet(s.lead_question or s.kicker or f"{s.passage_count} paragraphs"),
        )
        for s in summaries[:limit]
    )
    return SearchResult("", mode, len(summaries) if total is None else total, hits)


class ResultsModel(QAbstractListModel):
    """Rows of search hits; replaced whole when a new result arrives.

    Attributes:
        result: the result shown, or None before the first search.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.result: SearchResult | None = None
        self._hits: tuple[Hit, ...] = ()

    def set_result(self, result: SearchResult | None) -> None:
        """Show ``result`` (None empties the list)."""
        self.beginResetModel()
        self.result = result
        self._hits = result.hits if result is not None else ()
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        """The hit in ``row``, or None outside the list."""
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Hits are a flat list: children of the root only."""
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The hit's title, tooltip, accessible text, or extra data under the named roles."""
        if not index.isValid() or index.parent().isValid():
            return None
        hit = self.hit(index.row())
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\n{format_date(hit.date)}  {hit.source}".strip()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [hit.title, format_date(hit.date), _source(hit), hit.snippet.text]
            if hit.note is not None:
                parts.append(f"Your note: {hit.note.snippet.text}")
            return ". ".join(p for p in parts if p)
        if role == HitRole:
            return hit
        if role == ArticleIdRole:
            return hit.article_id
        if role == PassageIdRole:
            return hit.passage_id
        if role == DateTextRole:
            return format_date(hit.date)
        if role == SourceRole:
            return _source(hit)
        if role == SnippetHtmlRole:
            return snippet_html(hit)
        if role == ScoreRole:
            return hit.score
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Rows are selectable and enabled, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def roleNames(self) -> dict[int, QByteArray]:
        """Role names, for QML and accessibility tools."""
        names = dict(super().roleNames())
        names.update(
            {
                HitRole: QByteArray(b"hit"),
                ArticleIdRole: QByteArray(b"articleId"),
                PassageIdRole: QByteArray(b"passageId"),
                DateTextRole: QByteArray(b"dateText"),
                SourceRole: QByteArray(b"source"),
                SnippetHtmlRole: QByteArray(b"snippetHtml"),
                ScoreRole: QByteArray(b"score"),
            }
        )
        return names


def _source(hit: Hit) -> str:
    """The hit's file name, with its passage's page or chapter where the source has them."""
    return with_location(source_name(hit.source), hit.location)
