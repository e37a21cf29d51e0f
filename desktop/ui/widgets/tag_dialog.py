"""The Tag Article dialog: the article's tags as one comma-separated line, with completion.

One line, as Zotero's and Calibre's tag editors are: what is typed is what the article's tags
become, so adding, removing and re-spelling are one edit. The tag being typed (after the last
comma) is completed from the tags already in use, so "fintech" is not also typed "FinTech".
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


def split_tags(text: str) -> list[str]:
    """The tags in a comma-separated line, trimmed, empty ones dropped.

    >>> split_tags(" fintech, , science park ,")
    ['fintech', 'science park']
    """
    return [part.strip() for part in text.split(",") if part.strip()]


class _LastTagCompleter(QCompleter):
    """Completes the tag after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        chosen = super().pathFromIndex(index)
        widget = self.widget()
        if not isinstance(widget, QLineEdit) or "," not in widget.text():
            return chosen
        return f"{widget.text().rsplit(',', 1)[0]}, {chosen}"


class TagDialog(QDialog):
    """Edit an article's tags.

    Attributes:
        edit: the line of tags; completer: its completion from the tags in use.
    """

    def __init__(
        self, title: str, tags: Sequence[str], known: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tag Article")
        self.setAccessibleName("Tag article")
        layout = QVBoxLayout(self)
        label = QLabel(f"Tags of “{title}”, separated by commas:", self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.edit = QLineEdit(", ".join(tags), self)
        self.edit.setAccessibleName("Tags")
        self.edit.setPlaceholderText("fintech, science park")
        label.setBuddy(self.edit)
        self.completer = _LastTagCompleter(self)
        self.completer.setModel(QStringListModel(list(known), self.completer))
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(self.completer)
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    @property
    def tags(self) -> list[str]:
        """The tags as typed now."""
        return split_tags(self.edit.text())
