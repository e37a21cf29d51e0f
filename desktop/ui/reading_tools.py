"""The reading tools composed into the window in one place: tags and collections, backlinks,
printing, and the linking choice, each added to its menu by id.

Built apart from the main window so the window stays a thin shell (and under its size limit):
each tool takes what it uses, and this only hands them over and places their commands.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from desktop.ui.article_print import ArticlePrinting
from desktop.ui.backlinks_ui import BacklinksUi
from desktop.ui.bookmarks_ui import BookmarksUi
from desktop.ui.labels_ui import LabelsUi
from desktop.ui.settings import Settings
from desktop.ui.widgets.reader import ReaderView
from desktop.ui.window_actions import WindowActions


def _insert_after(menu: QMenu, anchor: QAction, *actions: QAction) -> None:
    """Put ``actions`` right after ``anchor`` in ``menu`` (at the end when it is not there)."""
    items = menu.actions()
    position = items.index(anchor) + 1 if anchor in items else len(items)
    before = items[position] if position < len(items) else None
    for action in actions:
        if before is None:
            menu.addAction(action)
        else:
            menu.insertAction(before, action)


class ReadingTools(QObject):
    """Tags and collections, backlinks and print, wired into the window's menus.

    Attributes:
        labels: tags and collections (Edit ▸ Tag Article…, Add to Collection…, the
            Collections panel).
        backlinks: Go ▸ Backlinks and View ▸ Link First Mention Only.
        printing: File ▸ Print… (Ctrl+P); File ▸ Export Article as PDF… sits beside it.

    Signals:
        sig_status(str): a sentence for the status bar from any of them.
    """

    sig_status = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        commands: WindowActions,
        reader: ReaderView,
        bookmarks: BookmarksUi,
        settings: Settings,
        open_article: Callable[[str], object],
    ) -> None:
        super().__init__(window)
        menus = commands.menus
        self.labels = LabelsUi(lambda: bookmarks.store, reader, open_article, window)
        self.backlinks = BacklinksUi(reader, bookmarks.bookmarks_of, settings, window)
        self.printing = ArticlePrinting(reader, bookmarks.bookmarks_of, window)
        for tool in (self.labels, self.backlinks, self.printing):
            tool.sig_status.connect(self.sig_status)
        bookmarks.sig_labels_changed.connect(self.labels.refresh)

        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.labels.dock)
        window.tabifyDockWidget(bookmarks.dock, self.labels.dock)
        results = window.findChild(QDockWidget, "results_dock")
        if results is not None:  # the results stay the tab in front
            results.raise_()
        _insert_after(
            menus["file"], commands.show_in_folder, commands.export_pdf, self.printing.action_print
        )
        _insert_after(
            menus["edit"], bookmarks.action_bookmark, self.labels.action_tag,
            self.labels.action_collect,
        )  # fmt: skip
        _insert_after(menus["go"], commands.related, self.backlinks.action_backlinks)
        view = menus["view"]
        view.addAction(self.labels.dock.toggleViewAction())
        view.addSeparator()
        view.addAction(self.backlinks.action_first_mentions)
