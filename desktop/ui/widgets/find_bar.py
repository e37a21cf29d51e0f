"""The find-in-article bar: a field, "2 of 7", previous/next and close."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.ui.widgets.search_bar import release_window_shortcuts


class _FindEdit(QLineEdit):
    """Enter finds the next match, Shift+Enter the previous, Escape closes.

    Signals:
        sig_step(int): +1 for next, -1 for previous.
        sig_escape(): Escape was pressed.
    """

    sig_step = Signal(int)
    sig_escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Handle Enter, Shift+Enter and Escape; edit text otherwise."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.sig_step.emit(-1 if shift else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.sig_escape.emit()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        """Leave Ctrl+K / Ctrl+L (go to the search box) to the window."""
        if release_window_shortcuts(event):
            return False
        return super().event(event)


class FindBar(QWidget):
    """Find in the open article.

    Attributes:
        edit: the text to find.
        status_label: "2 of 7", "No matches" or empty.

    Signals:
        sig_find_requested(str): the text changed: find it from the top.
        sig_step_requested(int): +1 for the next match, -1 for the previous one.
        sig_closed(): the bar was closed.
    """

    sig_find_requested = Signal(str)
    sig_step_requested = Signal(int)
    sig_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _FindEdit(self)
        self.edit.setObjectName("find_edit")
        self.edit.setPlaceholderText("Find in article")
        self.edit.setAccessibleName("Find in article")
        self.edit.setClearButtonEnabled(True)
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Find matches")
        self.status_label.setMinimumWidth(90)
        self.previous_button = self._button("▲", "Previous match (Shift+F3)", "Previous match")
        self.next_button = self._button("▼", "Next match (F3)", "Next match")
        self.close_button = self._button("✕", "Close (Escape)", "Close find bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.setFocusProxy(self.edit)

        self.edit.textChanged.connect(self.sig_find_requested)
        self.edit.sig_step.connect(self.sig_step_requested)
        self.edit.sig_escape.connect(self.close_bar)
        self.previous_button.clicked.connect(lambda: self.sig_step_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.sig_step_requested.emit(1))
        self.close_button.clicked.connect(self.close_bar)

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setAutoRaise(True)
        return button

    @property
    def text(self) -> str:
        """The text being searched for."""
        return self.edit.text()

    def open_bar(self, text: str | None = None) -> None:
        """Show the bar and focus its field (with ``text`` prefilled, e.g. the selection)."""
        if text:
            self.edit.setText(text)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and say so."""
        self.hide()
        self.sig_closed.emit()

    def set_status(self, current: int, count: int) -> None:
        """Show "current of count" (current is 1-based; 0 when there is no match)."""
        if not self.edit.text():
            self.status_label.setText("")
        elif count == 0:
            self.status_label.setText("No matches")
        else:
            self.status_label.setText(f"{current} of {count}")


def main() -> int:
    """Show the bar alone and print what it emits."""
    app = QApplication(sys.argv)
    bar = FindBar()
    bar.sig_find_requested.connect(lambda t: bar.set_status(1, len(t)))
    bar.sig_step_requested.connect(lambda d: print("step", d))
    bar.resize(500, 36)
    bar.open_bar()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
