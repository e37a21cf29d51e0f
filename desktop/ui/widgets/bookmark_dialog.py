"""The dialog that adds or edits a bookmark: its quote (read only), note, tags and colour."""

from __future__ import annotations

import html
import sys
from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QColorDialog,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bookmarks import DEFAULT_COLOUR
from desktop.ui.models.bookmarks_model import tooltip_html

#: The swatches offered, as (colour, name for screen readers and tooltips).
SWATCHES: tuple[tuple[str, str], ...] = (
    (DEFAULT_COLOUR, "Amber"),
    ("#a5d6a7", "Green"),
    ("#90caf9", "Blue"),
    ("#f48fb1", "Pink"),
    ("#ce93d8", "Purple"),
    ("#ffab91", "Orange"),
)
#: How much of the quote the dialog shows (the rest is in its tooltip).
QUOTE_CHARS = 400


def split_tags(text: str) -> list[str]:
    """Tags typed as a comma-separated list (the store trims and de-duplicates them).

    >>> split_tags(" ai, big data ,, fintech")
    ['ai', 'big data', 'fintech']
    """
    return [t.strip() for t in text.split(",") if t.strip()]


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        """Complete only the last tag of the list."""
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: object) -> str:
        """The line with its last tag replaced by the chosen one."""
        chosen = super().pathFromIndex(index)  # type: ignore[arg-type]
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        head, comma, _last = typed.rpartition(",")
        return f"{head}{comma} {chosen}".lstrip() if comma else chosen


class BookmarkDialog(QDialog):
    """Note, tags (completed from the tags in use) and colour (swatches or any colour).

    The caller opens it (``open()``, window-modal, not blocking) and reads :meth:`note`,
    :meth:`tags` and :meth:`colour` when it is accepted.

    Attributes:
        note_edit: the note.
        tags_edit: comma-separated tags, with completion.
        swatch_group: the colour buttons; the checked one is the colour.
        custom_button: picks any colour.
        buttons: OK / Cancel.
    """

    def __init__(
        self,
        quote: str,
        *,
        title: str = "Bookmark",
        article_title: str = "",
        note: str = "",
        tags: Sequence[str] = (),
        colour: str = DEFAULT_COLOUR,
        known_tags: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookmark_dialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(460)
        self._custom_colour = ""

        shown = quote if len(quote) <= QUOTE_CHARS else quote[: QUOTE_CHARS - 1] + "…"
        self.quote_label = QLabel(f"“{html.escape(shown)}”", self)
        self.quote_label.setTextFormat(Qt.TextFormat.RichText)
        self.quote_label.setWordWrap(True)
        self.quote_label.setToolTip(tooltip_html(quote))
        self.quote_label.setAccessibleName("Bookmarked text")
        self.quote_label.setAccessibleDescription(quote)
        self.source_label = QLabel(html.escape(article_title), self)
        self.source_label.setTextFormat(Qt.TextFormat.RichText)
        self.source_label.setAccessibleName("Article")
        self.source_label.setVisible(bool(article_title))

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("bookmark_note")
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("Why this passage matters (optional)")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlainText(note)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 5 + 12)

        self.tags_edit = QLineEdit(self)
        self.tags_edit.setObjectName("bookmark_tags")
        self.tags_edit.setAccessibleName("Tags")
        self.tags_edit.setPlaceholderText("Comma-separated, e.g. fintech, HKSTP")
        self.tags_edit.setText(", ".join(tags))
        self.tags_edit.setClearButtonEnabled(True)
        completer = TagCompleter(QStringListModel(list(known_tags), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.tags_edit.setCompleter(completer)

        colours = QWidget(self)
        colours.setAccessibleName("Colour")
        row = QHBoxLayout(colours)
        row.setContentsMargins(0, 0, 0, 0)
        self.swatch_group = QButtonGroup(self)
        self.swatch_group.setExclusive(True)
        for value, name in SWATCHES:
            self._add_swatch(row, value, name)
        self.custom_button = QToolButton(colours)
        self.custom_button.setText("Custom…")
        self.custom_button.setAccessibleName("Custom colour")
        self.custom_button.setToolTip("Pick any colour")
        self.custom_button.setCheckable(True)
        self.custom_button.setProperty("colour", "")
        self.swatch_group.addButton(self.custom_button)
        self.custom_button.clicked.connect(self._on_custom_button_clicked)
        row.addWidget(self.custom_button)
        row.addStretch(1)
        self.set_colour(colour)

        form = QFormLayout()
        form.addRow("&Note:", self.note_edit)
        form.addRow("&Tags:", self.tags_edit)
        form.addRow("Colour:", colours)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.source_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_swatch(self, row: QHBoxLayout, value: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setCheckable(True)
        button.setFixedSize(26, 26)
        button.setAccessibleName(f"{name} colour")
        button.setToolTip(name)
        button.setProperty("colour", value)
        button.setStyleSheet(
            f"QToolButton {{ background-color: {value}; border: 1px solid #888; "
            "border-radius: 4px; }"
            "QToolButton:checked { border: 3px solid palette(highlight); }"
        )
        self.swatch_group.addButton(button)
        row.addWidget(button)
        return button

    def _on_custom_button_clicked(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour()), self, "Bookmark colour")
        if chosen.isValid():
            self.set_colour(chosen.name())
        else:
            self.set_colour(self.colour())

    # -- values ---------------------------------------------------------------------------------
    def set_colour(self, colour: str) -> None:
        """Check the swatch of ``colour``, or the custom button showing it."""
        colour = colour.lower()
        for button in self.swatch_group.buttons():
            if button is not self.custom_button and button.property("colour") == colour:
                button.setChecked(True)
                return
        self._custom_colour = colour
        self.custom_button.setProperty("colour", colour)
        self.custom_button.setStyleSheet(f"QToolButton {{ border-bottom: 4px solid {colour}; }}")
        self.custom_button.setChecked(True)

    def colour(self) -> str:
        """The chosen colour as ``#rrggbb``."""
        checked = self.swatch_group.checkedButton()
        value = checked.property("colour") if checked is not None else ""
        return str(value) if value else DEFAULT_COLOUR

    def note(self) -> str:
        """The note as typed."""
        return self.note_edit.toPlainText()

    def tags(self) -> list[str]:
        """The tags as typed, split at commas."""
        return split_tags(self.tags_edit.text())


def main() -> int:
    """Show the dialog alone with a sample quote."""
    app = QApplication(sys.argv)
    dialog = BookmarkDialog(
        "The Hong Kong Science Park will collaborate with Singapore on digital solutions.",
        article_title="Hong Kong Science Park Seeks Collaborative Digital Solutions",
        tags=("HKSTP",),
        known_tags=("HKSTP", "fintech", "big data", "AI"),
    )
    dialog.show()
    code = app.exec()
    print(dialog.note(), dialog.tags(), dialog.colour())
    return code


if __name__ == "__main__":
    sys.exit(main())
