"""Room for the reader: the window fits its screen, and side panels make way for the text.

A reader squeezed to a hundred pixels breaks words mid-word; a window restored larger than
the screen (another monitor, another scale factor) hides its edges. So the window is fitted
into the screen's available area when it is shown, and when the reader would get less than
:data:`READER_MIN_WIDTH` a panel beside it is put in a tab with the results panel instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

#: The narrowest reader, in device-independent pixels, that still reads as text.
READER_MIN_WIDTH = 360
_SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


def fitted(frame: QRect, available: QRect) -> QRect:
    """``frame`` made no larger than ``available`` and moved inside it.

    >>> fitted(QRect(0, 0, 2400, 1600), QRect(0, 0, 1400, 860))
    PySide6.QtCore.QRect(0, 0, 1400, 860)
    >>> fitted(QRect(1300, -40, 600, 400), QRect(0, 0, 1400, 860))
    PySide6.QtCore.QRect(800, 0, 600, 400)
    """
    width, height = min(frame.width(), available.width()), min(frame.height(), available.height())
    x = min(max(frame.x(), available.x()), available.x() + available.width() - width)
    y = min(max(frame.y(), available.y()), available.y() + available.height() - height)
    return QRect(x, y, width, height)


def fit_to_screen(window: QWidget) -> None:
    """Resize and move ``window`` (its frame included) into its screen's available area."""
    screen = window.screen()
    if screen is None:
        return
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    target = fitted(frame, screen.availableGeometry())
    if target.size() != frame.size():
        window.resize(target.width() - extra_w, target.height() - extra_h)
    if target.topLeft() != frame.topLeft():
        window.move(target.topLeft())


class ReaderRoom(QObject):
    """Keeps the reader at least :data:`READER_MIN_WIDTH` wide by tabbing side panels, and
    fits the window into its screen when it is first shown.

    ``beside`` are the docks that may open next to the reader; when one would leave the reader
    too little room, it joins ``home``'s tabs (the user may drag it out again).
    """

    def __init__(
        self, window: QMainWindow, home: QDockWidget, beside: Sequence[QDockWidget]
    ) -> None:
        super().__init__(window)
        self._window, self._home = window, home
        self._beside = list(beside)
        self._pending = False
        self._width = window.width()  # the width the user gave the window, last seen
        self._grown = False
        self._shown = False
        window.installEventFilter(self)
        for dock in self._beside:
            dock.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self._later()
        elif watched is self._window and event.type() == QEvent.Type.Show and not self._shown:
            self._shown = True  # the first time: a saved or default size may not fit this screen
            fit_to_screen(self._window)
        elif watched in self._beside and event.type() == QEvent.Type.Show:
            self.make_room()  # at once: before the layout widens the window to fit the panel
        return False

    def _later(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.make_room)

    def make_room(self) -> None:
        """Tab the side panels that leave the reader too little room; if showing one made
        the window grow past its width, give the window its width back."""
        self._pending = False
        window = self._window
        tabbed = False
        # The width the user gave: showing a panel may already have widened the window.
        width = min(window.width(), self._width)
        for dock in self._beside:
            if self._takes_room(dock) and width - self._side_width() < READER_MIN_WIDTH:
                window.tabifyDockWidget(self._home, dock)
                dock.raise_()
                tabbed = True
        if tabbed:
            self._grown = True  # the layout may widen the window after the tab is made
            self._later()
        elif self._grown and window.width() > self._width:
            self._grown = False
            layout = window.layout()
            if layout is not None:
                layout.activate()  # its minimum width as the panels stand now
            window.resize(self._width, window.height())
        else:
            self._grown = False
            self._width = window.width()

    def _side_width(self) -> int:
        docks = [self._home, *self._beside]
        return sum(
            d.minimumSizeHint().width()
            for d in docks
            if self._takes_room(d) or (d is self._home and d.isVisible())
        )

    def _takes_room(self, dock: QDockWidget) -> bool:
        """A visible docked panel beside the reader, not in a tab with the results."""
        window = self._window
        return (
            dock.isVisible()
            and not dock.isFloating()
            and dock is not self._home
            and dock not in window.tabifiedDockWidgets(self._home)
            and window.dockWidgetArea(dock) in _SIDES
        )
