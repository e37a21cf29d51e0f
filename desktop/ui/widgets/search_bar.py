"""The search box: debounced search-as-you-type, Enter for a full search, Down into results."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QToolButton, QWidget

DEBOUNCE_MS = 150

PLACEHOLDER = 'Search: words, "a phrase", title:word, A OR B, -word … (F1 for help)'


class _QueryEdit(QLineEdit):
    """A line edit that hands Up/Down/PageDown to the results instead of moving the cursor.

    Signals:
        sig_navigate(int): +1 (Down) or -1 (Up) was pressed.
    """

    sig_navigate = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Send Up/Down to the results list; everything else edits the text."""
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.sig_navigate.emit(1)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp):
            self.sig_navigate.emit(-1)
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.textEdited.emit("")  # as the clear button does: the empty query lists all
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        """Leave the window's search shortcuts to the window (Ctrl+K deletes to the end of the
        line in a Linux line edit)."""
        if release_window_shortcuts(event):
            return False
        return super().event(event)


WINDOW_SHORTCUTS = (QKeySequence("Ctrl+K"), QKeySequence("Ctrl+L"))


def release_window_shortcuts(event: QEvent) -> bool:
    """For a line edit's ``event()``: True (event ignored) if a window shortcut must win."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    pressed = QKeySequence(event.keyCombination())
    if any(pressed.matches(s) == QKeySequence.SequenceMatch.ExactMatch for s in WINDOW_SHORTCUTS):
        event.ignore()
        return True
    return False


class SearchBar(QWidget):
    """The query field and its help button.

    Attributes:
        edit: the line edit the user types in.
        help_button: opens the query-syntax help.
        debounce: fires :attr:`sig_query_changed` once typing pauses.

    Signals:
        sig_query_changed(str): the text settled after typing (search as you type).
        sig_query_submitted(str): Enter was pressed (full search).
        sig_navigate(int): Up (-1) or Down (+1) was pressed in the field.
        sig_help_requested(): the help button was clicked.
    """

    sig_query_changed = Signal(str)
    sig_query_submitted = Signal(str)
    sig_navigate = Signal(int)
    sig_help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _QueryEdit(self)
        self.edit.setObjectName("search_edit")
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Search the library")
        self.edit.setAccessibleDescription(
            "Results appear as you type. Enter runs a full search; Down moves to the results."
        )
        self.edit.setToolTip("Search the library (Ctrl+L or Ctrl+K). F1 explains the syntax.")
        self.edit.setMinimumWidth(280)
        self.help_button = QToolButton(self)
        self.help_button.setText("?")
        self.help_button.setToolTip("Query syntax (F1)")
        self.help_button.setAccessibleName("Query syntax help")
        self.help_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.help_button)
        self.setFocusProxy(self.edit)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self._on_debounce_timeout)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.edit.sig_navigate.connect(self.sig_navigate)
        self.help_button.clicked.connect(self.sig_help_requested)

    @property
    def text(self) -> str:
        """The query as typed."""
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Show ``text`` without triggering a search (e.g. going back in history)."""
        self.debounce.stop()
        self.edit.setText(text)

    def focus_and_select(self) -> None:
        """Focus the field and select its text, ready to type over (Ctrl+L)."""
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def _on_edit_text_edited(self, _text: str) -> None:
        self.debounce.start()

    def _on_debounce_timeout(self) -> None:
        self.sig_query_changed.emit(self.edit.text())

    def _on_edit_return_pressed(self) -> None:
        self.debounce.stop()
        self.sig_query_submitted.emit(self.edit.text())


def main() -> int:
    """Show the search bar alone and print what it emits."""
    app = QApplication(sys.argv)
    bar = SearchBar()
    bar.sig_query_changed.connect(lambda q: print("as you type:", q))
    bar.sig_query_submitted.connect(lambda q: print("submitted:", q))
    bar.sig_navigate.connect(lambda d: print("navigate:", d))
    bar.resize(500, 40)
    bar.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
