"""A thin two-level tree model: titled groups of rows, each row carrying one core value.

The entity panel (mentions by article, links by relation, figures by kind) and the facets list
(values by facet) are all "groups of things"; each adapter below only says how its core values
become groups and rows, and which named role gives what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

_Index = QModelIndex | QPersistentModelIndex

#: The core value behind a row (a Mention, Link, Figure or FacetValue); None on group rows.
PayloadRole = Qt.ItemDataRole.UserRole + 20
#: True on group (title) rows.
IsGroupRole = Qt.ItemDataRole.UserRole + 21

#: internalId of top-level (group) indexes; a child's internalId is its group row + 1.
_TOP = 0


@dataclass(frozen=True)
class Row:
    """One leaf row: what it shows, and the core value it stands for.

    Attributes:
        text: the display text (plain).
        tooltip: a longer plain text (the evidence sentence, the whole passage).
        payload: the core value, returned under :data:`PayloadRole`.
        checked: None for rows that cannot be checked; else whether the row is on.
        accessible: what a screen reader says (defaults to ``text``).
    """

    text: str
    tooltip: str = ""
    payload: object = None
    checked: bool | None = None
    accessible: str = ""


@dataclass(frozen=True)
class Group:
    """A titled group of rows."""

    title: str
    rows: tuple[Row, ...]


class GroupedModel(QAbstractItemModel):
    """Groups at the top level, their rows one level below; one column; read-only.

    Attributes:
        groups: what is shown, replaced whole by :meth:`set_groups`.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: tuple[Group, ...] = ()

    def set_groups(self, groups: Sequence[Group]) -> None:
        """Show ``groups`` (empty groups are left out)."""
        self.beginResetModel()
        self.groups = tuple(g for g in groups if g.rows)
        self.endResetModel()

    def row_at(self, index: _Index) -> Row | None:
        """The leaf row at ``index``, or None for a group row or an invalid index."""
        if not index.isValid():
            return None
        group = index.internalId() - 1
        if group < 0 or group >= len(self.groups):
            return None
        rows = self.groups[group].rows
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def leaf_count(self) -> int:
        """How many leaf rows all groups hold."""
        return sum(len(g.rows) for g in self.groups)

    # -- QAbstractItemModel ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Group rows under the root, leaf rows under their group."""
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self.groups) else QModelIndex()
        if parent.internalId() != _TOP or parent.row() >= len(self.groups):
            return QModelIndex()
        if row >= len(self.groups[parent.row()].rows):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """A leaf's parent is its group; groups have the root."""
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Groups under the root, rows under a group, nothing under a row."""
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self.groups[parent.row()].rows) if parent.row() < len(self.groups) else 0
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """One column."""
        return 1

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        """Only the root and groups have children."""
        return self.rowCount(parent) > 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, tooltip, accessible text, check state, or the payload under named roles."""
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            if index.row() >= len(self.groups):
                return None
            group = self.groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{group.title} ({len(group.rows)})"
            if role == IsGroupRole:
                return True
            return self.group_data(group, role)
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.accessible or row.text
        if role == Qt.ItemDataRole.CheckStateRole and row.checked is not None:
            return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
        if role == PayloadRole:
            return row.payload
        if role == IsGroupRole:
            return False
        return self.row_data(row, role)

    def group_data(self, group: Group, role: int) -> Any:
        """Extra data of a group row (override in adapters)."""
        return None

    def row_data(self, row: Row, role: int) -> Any:
        """Extra data of a leaf row under an adapter's named roles (override)."""
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Rows are enabled and selectable, never editable; leaves never have children."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _TOP:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def roleNames(self) -> dict[int, QByteArray]:
        """Role names, for QML and accessibility tools."""
        names = dict(super().roleNames())
        names[PayloadRole] = QByteArray(b"payload")
        names[IsGroupRole] = QByteArray(b"isGroup")
        return names
