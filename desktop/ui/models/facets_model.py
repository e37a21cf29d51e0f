"""A thin adapter over a result's facets: one group per facet, one checkable row per value.

A value is checked when its filter clause is already in the query, so a click can add it and a
second click take it out again (:func:`toggle_clause`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, Qt

from desktop.core.model import Facet, FacetValue
from desktop.ui.models.grouped_model import Group, GroupedModel, Row

#: The query clause a row adds or removes.
FilterRole = Qt.ItemDataRole.UserRole + 40
#: How many matching documents have the value.
CountRole = Qt.ItemDataRole.UserRole + 41

FACET_TITLES: dict[str, str] = {
    "organisation": "Organisations",
    "initiative": "Initiatives",
    "person": "People",
    "place": "Places",
    "topic": "Topics",
    "year": "Year",
    "source": "Source",
}
#: The largest year a facet shows (the index counts undated articles under a sentinel value).
MAX_YEAR = 9999


def _clause_pattern(clause: str) -> re.Pattern[str]:
    return re.compile(r"(?:(?<=\s)|^)" + re.escape(clause) + r"(?=\s|$)", re.IGNORECASE)


def has_clause(query: str, clause: str) -> bool:
    """True when ``clause`` is in ``query`` as a whole term.

    >>> has_clause("singapore entity:hkstp", "entity:hkstp")
    True
    >>> has_clause("x entity:hkstpc", "entity:hkstp")
    False
    """
    return bool(_clause_pattern(clause).search(query))


def toggle_clause(query: str, clause: str) -> str:
    """Add ``clause`` to ``query``, or take it out when it is there already.

    >>> toggle_clause("singapore", "date:2024")
    'singapore date:2024'
    >>> toggle_clause("singapore date:2024 ai", "date:2024")
    'singapore ai'
    """
    if has_clause(query, clause):
        return " ".join(_clause_pattern(clause).sub(" ", query).split())
    return f"{query.strip()} {clause}".strip()


class FacetsModel(GroupedModel):
    """Facet values of one result with their counts, checked when the query filters on them.

    Attributes:
        query: the query the facets belong to.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_facets(self, facets: Sequence[Facet], query: str) -> None:
        """Show ``facets`` of the result for ``query``."""
        self.query = query
        groups = []
        for facet in facets:
            title = FACET_TITLES.get(facet.name, facet.name.title())
            values = [
                v
                for v in facet.values
                if facet.name != "year" or (v.key.isdigit() and int(v.key) <= MAX_YEAR)
            ]
            rows = tuple(
                Row(
                    f"{v.label} ({v.count})",
                    tooltip=f"{v.label}: {v.count} matching\nClick to filter by {v.filter}",
                    payload=v,
                    checked=has_clause(query, v.filter),
                    accessible=f"{title}: {v.label}, {v.count} results"
                    + (", filter on" if has_clause(query, v.filter) else ""),
                )
                for v in values
            )
            groups.append(Group(title, rows))
        self.set_groups(groups)

    def row_data(self, row: Row, role: int) -> Any:
        """The filter clause and the count of a value row."""
        value = row.payload
        if not isinstance(value, FacetValue):
            return None
        if role == FilterRole:
            return value.filter
        if role == CountRole:
            return value.count
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        """Role names, for QML and accessibility tools."""
        names = super().roleNames()
        names.update({FilterRole: QByteArray(b"filter"), CountRole: QByteArray(b"count")})
        return names
