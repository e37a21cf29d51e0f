"""Back and forward in the window: the history of what the user looked at, where the user is
now, and the Back and Forward actions that follow the history.

Whatever opens something (the window an article or a search, the entity feature an entity)
records it here, so a feature needs this object, not the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QAction

from desktop.ui.settings import Settings
from desktop.ui.widgets.reader import ReaderView
from desktop.view.history import History, Location


class Navigation:
    """The window's history, and the place the user is at in it.

    Attributes:
        history: back/forward over searches, articles and entities.
    """

    def __init__(
        self,
        history: History,
        here: Callable[[], Location],
        reader: ReaderView,
        settings: Settings,
        back: QAction,
        forward: QAction,
    ) -> None:
        self.history = history
        self._here = here
        self._reader = reader
        self._settings = settings
        self._back = back
        self._forward = forward

    def location(self) -> Location:
        """Where the user is now: the query and its view, the article and the entity."""
        return self._here()

    def visit(self, location: Location) -> None:
        """A new history entry (the forward ones are dropped)."""
        self.history.visit(location)
        self.update_navigation()

    def update_current(self, location: Location) -> None:
        """Change the entry the user is at (no new entry)."""
        self.history.update_current(location)

    def remember_scroll(self) -> None:
        """Store where the user is in the open article (settings and the history entry)."""
        article = self._reader.article
        if article is None:
            return
        fraction = self._reader.scroll_fraction()
        self._settings.set_reading_position(article.id, fraction)
        current = self.history.current
        if current is not None and current.article_id == article.id:
            self.history.update_current(replace(current, scroll=fraction))

    def back(self) -> Location | None:
        """The previous entry, to show, or None at the first."""
        self.remember_scroll()
        location = self.history.back()
        self.update_navigation()
        return location

    def forward(self) -> Location | None:
        """The next entry (after going back), to show, or None at the last."""
        self.remember_scroll()
        location = self.history.forward()
        self.update_navigation()
        return location

    def update_navigation(self) -> None:
        """Back and Forward are enabled only where there is somewhere to go."""
        self._back.setEnabled(self.history.can_go_back)
        self._forward.setEnabled(self.history.can_go_forward)
