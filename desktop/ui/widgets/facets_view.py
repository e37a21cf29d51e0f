"""Facets under the results: counts per entity type, year and source; a click filters.

A click (or Enter / Space) on a value asks to add its filter clause to the query; on a value
that is already checked (its clause is in the query) it asks to take it out again.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTreeView, QWidget

from desktop.core.model import Facet
from desktop.ui.models.facets_model import FacetsModel, FilterRole, toggle_clause
from desktop.ui.models.grouped_model import IsGroupRole

#: Groups shown expanded when a result arrives (the others stay as the user left them).
OPEN_BY_DEFAULT = ("Organisations", "Initiatives", "People", "Year")


class FacetsView(QTreeView):
    """The facet values of the shown result, grouped by facet, with counts.

    Attributes:
        model: the facets model.

    Signals:
        sig_filter_toggled(str): the user clicked a value: add or remove this query clause.
    """

    sig_filter_toggled = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facets_view")
        self.setAccessibleName("Filter results by facet")
        self.setAccessibleDescription(
            "Counts by organisation, initiative, person, place, topic, year and source. "
            "Press Enter or Space on a value to filter by it, again to remove the filter."
        )
        self.setToolTip("Click a value to filter the results; click it again to remove the filter")
        self.model_ = FacetsModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setExpandsOnDoubleClick(False)
        self._open: dict[str, bool] = {}  # facet title -> expanded, as the user left it
        self._showing = False
        self.clicked.connect(self._on_self_clicked)
        self.collapsed.connect(self._on_self_collapsed)
        self.expanded.connect(self._on_self_expanded)

    def sizeHint(self) -> QSize:
        """Modest: the results list above gets most of the height; the splitter gives more."""
        return QSize(260, 180)

    @property
    def facets_model(self) -> FacetsModel:
        """The model (named so as not to shadow :meth:`QTreeView.model`)."""
        return self.model_

    def show_facets(self, facets: Sequence[Facet], query: str) -> None:
        """Show the facets of the result for ``query``."""
        self._showing = True
        try:
            self.model_.set_facets(facets, query)
            for row in range(self.model_.rowCount()):
                index = self.model_.index(row, 0)
                title = _title(index)
                checked = any(
                    self.model_.index(r, 0, index).data(Qt.ItemDataRole.CheckStateRole)
                    == Qt.CheckState.Checked
                    for r in range(self.model_.rowCount(index))
                )
                self.setExpanded(index, checked or self._open.get(title, title in OPEN_BY_DEFAULT))
        finally:
            self._showing = False

    def toggled_query(self, index: QModelIndex) -> str | None:
        """The query after toggling the value at ``index``, or None for a group row."""
        clause = index.data(FilterRole)
        return toggle_clause(self.model_.query, clause) if isinstance(clause, str) else None

    def activate(self, index: QModelIndex) -> None:
        """Toggle a value's filter, or open/close a group."""
        if not index.isValid():
            return
        if index.data(IsGroupRole):
            self.setExpanded(index, not self.isExpanded(index))
            return
        clause = index.data(FilterRole)
        if isinstance(clause, str):
            self.sig_filter_toggled.emit(clause)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter and Space toggle the current value; the rest is standard."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            current = self.currentIndex()
            if current.isValid():
                self.activate(current)
                return
        super().keyPressEvent(event)

    def _on_self_clicked(self, index: QModelIndex) -> None:
        self.activate(index)

    def _on_self_collapsed(self, index: QModelIndex) -> None:
        if not self._showing:
            self._open[_title(index)] = False

    def _on_self_expanded(self, index: QModelIndex) -> None:
        if not self._showing:
            self._open[_title(index)] = True


def _title(index: QModelIndex) -> str:
    """A group's title without its count."""
    return str(index.data()).rsplit(" (", 1)[0]


def main() -> int:
    """Show the facets alone with sample counts."""
    from desktop.core.model import FacetValue

    app = QApplication(sys.argv)
    view = FacetsView()
    view.show_facets(
        [
            Facet("organisation", (FacetValue("hkstp", "HKSTP", 5, "entity:hkstp"),)),
            Facet("year", (FacetValue("2024", "2024", 2, "date:2024"),)),
        ],
        "singapore date:2024",
    )
    view.sig_filter_toggled.connect(lambda clause: print("toggle", clause))
    view.resize(320, 400)
    view.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
