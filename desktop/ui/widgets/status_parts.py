"""The status bar's parts: the message, and the indexing progress with its Cancel button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QToolButton


def build_status_parts(window: QMainWindow) -> tuple[QLabel, QProgressBar, QToolButton]:
    """Put the message label, the indexing progress and Cancel (both hidden) in the window's
    status bar, and return them."""
    status = window.statusBar()
    label = QLabel(window)
    label.setAccessibleName("Status")
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles, quotes: never markup
    status.addWidget(label, 1)
    progress = QProgressBar(window)
    progress.setAccessibleName("Indexing progress")
    progress.setMaximumWidth(200)
    progress.setTextVisible(False)
    progress.hide()
    cancel = QToolButton(window)
    cancel.setText("Cancel")
    cancel.setToolTip("Stop indexing (the index keeps what is done)")
    cancel.setAccessibleName("Cancel indexing")
    cancel.hide()
    status.addPermanentWidget(progress)
    status.addPermanentWidget(cancel)
    return label, progress, cancel
