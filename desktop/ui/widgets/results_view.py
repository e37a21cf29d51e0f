"""The results panel: count, sort and mode controls, "Did you mean", notices and the hit list."""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Hit, SearchMode, SearchResult, SortOrder
from desktop.ui.models.results_model import (
    DateTextRole,
    HitRole,
    ResultsModel,
    SnippetHtmlRole,
    SourceRole,
)
from desktop.ui.widgets.facets_view import FacetsView
from desktop.view.wording import counted

_Index = QModelIndex | QPersistentModelIndex
_PAD = 8


class ResultDelegate(QStyledItemDelegate):
    """Paints a hit as rich text: bold title, muted date and source, snippet with bold matches."""

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        title = html.escape(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        meta = " · ".join(m for m in (index.data(DateTextRole), index.data(SourceRole)) if m)
        snippet = str(index.data(SnippetHtmlRole) or "")
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml(
            f'<p style="margin:0; font-weight:600;">{title}</p>'
            f'<p style="margin:0; font-size:small;"><i>{html.escape(meta)}</i></p>'
            f'<p style="margin-top:3px;">{snippet}</p>'
        )
        width = option.rect.width() if option.rect.width() > 0 else 320
        doc.setTextWidth(max(width - 2 * _PAD, 80))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """Draw the selection background from the style, then the rich text on it."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.left() + _PAD, opt.rect.top() + _PAD)
        painter.setClipRect(0, 0, opt.rect.width() - _PAD, opt.rect.height() - _PAD)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """The height the wrapped rich text needs at the view's width."""
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()) + 2 * _PAD, int(doc.size().height()) + 2 * _PAD)


class _ResultsList(QListView):
    """The hit list; Up on the first row goes back to the search box.

    Signals:
        sig_leave_requested(): Up on the first row or Escape: focus the search box.
    """

    sig_leave_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up from the first row and Escape leave the list; the rest is standard."""
        first = self.currentIndex().row() <= 0
        if (event.key() == Qt.Key.Key_Up and first) or event.key() == Qt.Key.Key_Escape:
            self.sig_leave_requested.emit()
            return
        super().keyPressEvent(event)


class ResultsPanel(QWidget):
    """Shows a :class:`SearchResult` and lets the user refine or open it.

    Attributes:
        model: the hit list model.
        view: the hit list.
        count_label: "12 results".
        suggestion_label: the clickable "Did you mean ..." line.
        notice_label: a note when the query was read differently (malformed syntax).
        empty_label: what to do when there is nothing to show.
        facets: counts by entity type, year and source under the list; a click filters.

    Signals:
        sig_open_requested(object): a hit was clicked or Enter was pressed on it.
        sig_suggestion_clicked(str): the user accepted "Did you mean ...".
        sig_mode_changed(str): "articles" or "passages".
        sig_sort_changed(str): "relevance" or "date".
        sig_leave_requested(): focus should go back to the search box.
        sig_facet_toggled(str): a facet value was clicked: add or remove this query clause.
    """

    sig_open_requested = Signal(object)
    sig_suggestion_clicked = Signal(str)
    sig_mode_changed = Signal(str)
    sig_sort_changed = Signal(str)
    sig_leave_requested = Signal()
    sig_facet_toggled = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggestion: str | None = None
        self.model = ResultsModel(self)

        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Result count")
        self.articles_button = self._toggle("Articles", "Rank whole articles")
        self.passages_button = self._toggle("Passages", "Rank single paragraphs (answers)")
        self.articles_button.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_group.addButton(self.articles_button)
        self.mode_group.addButton(self.passages_button)
        self.sort_combo = QComboBox(self)
        self.sort_combo.addItem("Relevance", "relevance")
        self.sort_combo.addItem("Newest first", "date")
        self.sort_combo.setAccessibleName("Sort results")
        self.sort_combo.setToolTip("Sort results by relevance or by date")

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.count_label, 1)
        header.addWidget(self.articles_button)
        header.addWidget(self.passages_button)
        header.addWidget(self.sort_combo)

        self.suggestion_label = QLabel(self)
        self.suggestion_label.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion_label.setAccessibleName("Did you mean")
        self.suggestion_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.suggestion_label.linkActivated.connect(self._on_suggestion_label_link_activated)
        self.suggestion_label.hide()

        self.notice_label = QLabel(self)
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.setAccessibleName("Search notice")
        self.notice_label.setObjectName("notice_label")
        self.notice_label.hide()

        self.view = _ResultsList(self)
        self.view.setObjectName("results_view")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ResultDelegate(self.view))
        self.view.setAccessibleName("Search results")
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        # Rows have rich text of varying height: lay them out a few at a time between events,
        # so a hundred results never freeze the window (the longest stall is a third as long).
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(10)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAlternatingRowColors(True)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_label.setMargin(12)
        self.empty_label.setAccessibleName("No results")
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.empty_label.linkActivated.connect(self._on_suggestion_label_link_activated)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.suggestion_label)
        layout.addWidget(self.notice_label)
        self.facets = FacetsView(self)
        self.facets.hide()
        self._facets_sized = False
        self.facets.sig_filter_toggled.connect(self.sig_facet_toggled)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.facets)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

        self.view.clicked.connect(self._on_view_activated)
        self.view.activated.connect(self._on_view_activated)
        self.view.sig_leave_requested.connect(self.sig_leave_requested)
        self.mode_group.buttonToggled.connect(self._on_mode_group_button_toggled)
        self.sort_combo.currentIndexChanged.connect(self._on_sort_combo_changed)
        self.setTabOrder(self.view, self.articles_button)
        self.setTabOrder(self.articles_button, self.passages_button)
        self.setTabOrder(self.passages_button, self.sort_combo)
        self.set_empty_text("Type to search the library.")

    def _toggle(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setAccessibleName(f"Show {text.lower()}")
        button.setAutoRaise(True)
        return button

    # -- state --------------------------------------------------------------------------------
    @property
    def mode(self) -> SearchMode:
        """Articles or passages, as toggled."""
        return "passages" if self.passages_button.isChecked() else "articles"

    def set_mode(self, mode: SearchMode) -> None:
        """Toggle the mode without emitting a change."""
        button = self.passages_button if mode == "passages" else self.articles_button
        blocked = self.mode_group.blockSignals(True)
        button.setChecked(True)
        self.mode_group.blockSignals(blocked)

    @property
    def sort(self) -> SortOrder:
        """Relevance or date, as chosen."""
        return "date" if self.sort_combo.currentData() == "date" else "relevance"

    def set_sort(self, sort: SortOrder) -> None:
        """Choose the sort without emitting a change."""
        blocked = self.sort_combo.blockSignals(True)
        self.sort_combo.setCurrentIndex(1 if sort == "date" else 0)
        self.sort_combo.blockSignals(blocked)

    def set_empty_text(self, rich_text: str) -> None:
        """Show a message (rich text, already escaped) instead of the list."""
        self.empty_label.setText(rich_text)
        self.stack.setCurrentWidget(self.empty_label)

    def show_result(self, result: SearchResult, *, browsing: bool = False) -> None:
        """Show ``result``; ``browsing`` means the whole library was listed (no query)."""
        self.model.set_result(result)
        if not result.counted:
            # A quick answer while typing: its counted search follows with the facets; until
            # then the previous ones stay rather than flicker away.
            self._show_summary(result, browsing, about=True)
            return
        self.facets.show_facets(() if browsing else result.facets, result.query)
        self.facets.setVisible(self.facets.facets_model.rowCount() > 0)
        if self.facets.isVisible() and not self._facets_sized and self.splitter.height() > 200:
            self._facets_sized = True  # first time: most of the height to the results
            results = round(self.splitter.height() * 0.6)
            self.splitter.setSizes([results, self.splitter.height() - results])
        self._show_summary(result, browsing)

    def _show_summary(self, result: SearchResult, browsing: bool, about: bool = False) -> None:
        self._suggestion = result.suggestion
        count = len(result.hits)
        noun = "article" if browsing or result.mode == "articles" else "passage"
        total = f"about {result.total}" if about and count < result.total else result.total_text
        if browsing:
            label = f"{counted(result.total, noun)} in the library"
        elif count < result.total:
            label = f"Showing {count} of {total} {noun}s"
        else:
            label = f"{total} {noun}{'s' if result.total != 1 else ''}"
        self.count_label.setText(label)
        if result.suggestion and result.hits:  # with no hits, the empty page offers it
            self.suggestion_label.setText(
                'Did you mean <a href="suggestion"><b><i>'
                f"{html.escape(result.suggestion)}</i></b></a>?"
            )
            self.suggestion_label.show()
        else:
            self.suggestion_label.hide()
        if result.notice:
            self.notice_label.setText("⚠ " + result.notice)
            self.notice_label.show()
        else:
            self.notice_label.hide()
        if result.hits:
            self.stack.setCurrentWidget(self.view)
        elif browsing:
            self.set_empty_text("The library is empty. Use File ▸ Refresh Library to index it.")
        else:
            self.set_empty_text(_no_results_html(result))

    def select_row(self, row: int) -> None:
        """Make ``row`` current and focus the list (Down from the search box)."""
        count = self.model.rowCount()
        if count == 0:
            return
        row = min(max(row, 0), count - 1)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_article(self, article_id: str, passage_id: str | None = None) -> bool:
        """Make the row of this article (its passage's, if listed) current, leaving the focus
        where it is: the list follows what the reader shows (Back, Forward). False when the
        article is not listed."""
        rows = [
            (row, hit)
            for row in range(self.model.rowCount())
            if (hit := self.model.hit(row)) is not None and hit.article_id == article_id
        ]
        if not rows:
            return False
        row = next((r for r, hit in rows if hit.passage_id == passage_id), rows[0][0])
        self.view.setCurrentIndex(self.model.index(row, 0))
        return True

    def current_hit(self) -> Hit | None:
        """The hit under the list's cursor, or None."""
        hit = self.view.currentIndex().data(HitRole)
        return hit if isinstance(hit, Hit) else None

    # -- handlers -----------------------------------------------------------------------------
    def _on_view_activated(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if isinstance(hit, Hit):
            self.sig_open_requested.emit(hit)

    def _on_suggestion_label_link_activated(self, link: str) -> None:
        if link == "suggestion" and self._suggestion:
            self.sig_suggestion_clicked.emit(self._suggestion)

    def _on_mode_group_button_toggled(self, _button: QToolButton, checked: bool) -> None:
        if checked:
            self.sig_mode_changed.emit(self.mode)

    def _on_sort_combo_changed(self, _index: int) -> None:
        self.sig_sort_changed.emit(self.sort)


def _no_results_html(result: SearchResult) -> str:
    query = html.escape(result.query)
    tips = (
        "<ul><li>check the spelling, or add <b>~</b> for a fuzzy word "
        "(<i>cybersecurty~</i>)</li>"
        "<li>use fewer words, or <b>OR</b> between alternatives</li>"
        "<li>try <b>Passages</b> to search single paragraphs</li>"
        "<li>press <b>F1</b> for the query syntax</li></ul>"
    )
    suggestion = ""
    if result.suggestion:
        suggestion = (
            f'<p>Did you mean <a href="suggestion"><b>{html.escape(result.suggestion)}</b></a>?</p>'
        )
    return f"<p><b>No results for “{query}”.</b></p>{suggestion}<p>You could:</p>{tips}"


def main() -> int:
    """Show the panel alone with a few sample hits."""
    from desktop.core.model import ArticleDate, Snippet

    app = QApplication(sys.argv)
    panel = ResultsPanel()
    hits = tuple(
        Hit(
            f"a{i}",
            f"Sample article {i} about science parks",
            ArticleDate(2024, 1 + i, 2),
            f"seeds/00{i}.txt",
            1.0 / (i + 1),
            Snippet("The science park will collaborate with Singapore.", ((4, 17),)),
        )
        for i in range(6)
    )
    panel.show_result(
        SearchResult("science park", "articles", 14, hits, suggestion="science parks", terms=())
    )
    panel.sig_open_requested.connect(lambda hit: print("open", hit.article_id))
    panel.resize(420, 600)
    panel.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
