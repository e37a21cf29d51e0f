"""File ▸ Add Web Page… and File ▸ Feeds…: pages and feeds in the window.

:class:`FeedsUi` saves a page by URL, keeps the Feeds dialog, and refreshes the feeds on a
timer while the window is open and whenever the user asks. Every fetch runs on the task
manager's network thread (a slow server never holds up a search); what it saves lands in the
data folder's ``web/`` folder, which is handed to the library as a source, so the pages are
indexed like any imported file. A failing feed says why in the dialog; the others go on;
offline, the status bar says so and reading goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InnoAtlasError
from desktop.core.feeds.pages import PageError, SavedPage, save_page, web_folder
from desktop.core.feeds.refresh import RefreshReport, refresh_feeds
from desktop.core.feeds.store import Feed, FeedStore
from desktop.core.fetching import HOST_DELAY, Fetcher, FetchError, check_url
from desktop.ui.tasks import TaskManager

#: Feeds are refreshed this often while the window is open.
REFRESH_MINUTES = 30
#: The first scheduled refresh comes this long after the window opens (not during start-up).
FIRST_REFRESH_SECONDS = 60
#: The window's fetches give up sooner than a command's: a user is waiting.
READ_SECONDS = 10.0
TOTAL_SECONDS = 30.0
CHANNEL = "feeds"


@dataclass(frozen=True)
class PageOutcome:
    """What came of Add Web Page: the saved page, or why not."""

    page: SavedPage | None
    error: str = ""


class FeedsDialog(QDialog):
    """The feeds: address, title, last refresh and its result; add, remove, refresh now.

    Signals:
        sig_add_requested(str), sig_remove_requested(str): a feed's address.
        sig_refresh_requested(): refresh every feed now.
    """

    sig_add_requested = Signal(str)
    sig_remove_requested = Signal(str)
    sig_refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Feeds")
        self.resize(720, 360)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(
            "https://example.org/feed.xml (RSS or Atom), or a site's address"
        )
        self.add_button = QPushButton("&Add", self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Feed", "Last refreshed", "Last result"])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 150)
        self.remove_button = QPushButton("&Remove", self)
        self.refresh_button = QPushButton("Refresh &Now", self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.address, 1)
        top.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.address.returnPressed.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.refresh_button.clicked.connect(self.sig_refresh_requested)
        self.tree.itemSelectionChanged.connect(self._on_tree_selection_changed)
        self._on_tree_selection_changed()

    def show_feeds(self, feeds: Sequence[Feed]) -> None:
        """List the feeds with their last result (the selection is kept by address)."""
        selected = self.selected_url()
        self.tree.clear()
        for feed in feeds:
            item = QTreeWidgetItem([feed.title or feed.url, feed.checked or "never", feed.message])
            item.setData(0, Qt.ItemDataRole.UserRole, feed.url)
            item.setToolTip(0, feed.url)
            item.setToolTip(2, feed.message)
            self.tree.addTopLevelItem(item)
            if feed.url == selected:
                item.setSelected(True)
        self.refresh_button.setEnabled(bool(feeds))
        self._on_tree_selection_changed()

    def show_status(self, text: str) -> None:
        """A line under the list: what the last action did."""
        self.status.setText(text)

    def set_refreshing(self, refreshing: bool) -> None:
        """While a refresh runs, Refresh Now waits for it."""
        self.refresh_button.setEnabled(not refreshing and self.tree.topLevelItemCount() > 0)

    def selected_url(self) -> str | None:
        """The address of the selected feed, if any."""
        items = self.tree.selectedItems()
        return str(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    def _on_add_button_clicked(self) -> None:
        url = self.address.text().strip()
        if url:
            self.sig_add_requested.emit(url)

    def _on_remove_button_clicked(self) -> None:
        url = self.selected_url()
        if url is not None:
            self.sig_remove_requested.emit(url)

    def _on_tree_selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected_url() is not None)


class FeedsUi(QObject):
    """Add Web Page and the Feeds dialog, and the scheduled refresh of the feeds.

    Attributes:
        action_add_page, action_feeds: the File menu entries.
        timer: the scheduled refresh.
        host_delay: seconds between two requests to one host (tests on a loopback server
            set it to 0).
        last_report: the last refresh's report, or None.

    Signals:
        sig_status(str): a message for the status bar.
        sig_pages_saved(object): a list of the SavedPage that a refresh or Add Web Page saved.
    """

    sig_status = Signal(str)
    sig_pages_saved = Signal(object)

    def __init__(
        self,
        window: QWidget,
        tasks: TaskManager,
        data_dir: Path,
        import_folder: Callable[[list[Path]], object],
    ) -> None:
        """``import_folder([folder])`` makes the web folder a source and indexes it."""
        super().__init__(window)
        self._window = window
        self._tasks = tasks
        self._data_dir = data_dir
        self._import = import_folder
        self._dialog: FeedsDialog | None = None
        self._refreshing = False
        self.last_report: RefreshReport | None = None
        self.host_delay = HOST_DELAY
        self.action_add_page = QAction("Add &Web Page…", self)
        self.action_add_page.setStatusTip("Save a web page's article in the library by its address")
        self.action_add_page.triggered.connect(self._on_add_page_triggered)
        self.action_feeds = QAction("F&eeds…", self)
        self.action_feeds.setStatusTip("Follow RSS and Atom feeds: their new pages are saved")
        self.action_feeds.triggered.connect(self.show_dialog)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MINUTES * 60_000)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()
        QTimer.singleShot(FIRST_REFRESH_SECONDS * 1000, self, self._on_timer_timeout)

    def install(self, menu: QMenu, before: QAction, status: Callable[[str], None]) -> None:
        """Put the two entries into a menu before ``before`` (the window's File menu), and
        say what happens through ``status`` (the window's status bar)."""
        for action in (self.action_add_page, self.action_feeds):
            menu.insertAction(before, action)
        self.sig_status.connect(status)

    def _fetcher(self) -> Fetcher:
        return Fetcher(
            host_delay=self.host_delay,
            read_seconds=READ_SECONDS,
            total_seconds=TOTAL_SECONDS,
            cancelled=self._tasks.closing.is_set,
        )

    def _store(self) -> FeedStore | None:
        try:
            store = FeedStore(self._data_dir)
        except InnoAtlasError as error:
            self._say(str(error))
            return None
        if store.notice:
            self._say(store.notice)
        return store

    def _say(self, text: str) -> None:
        self.sig_status.emit(text)
        if self._dialog is not None:
            self._dialog.show_status(text)

    # -- a page by URL -----------------------------------------------------------------------

    def _on_add_page_triggered(self) -> None:
        url, accepted = QInputDialog.getText(
            self._window, "Add Web Page", "The page's address (http or https):"
        )
        if accepted and url.strip():
            self.add_web_page(url.strip())

    def add_web_page(self, url: str) -> bool:
        """Fetch a page and save its article in the background; False when it is refused."""
        try:
            check_url(url)
        except FetchError as error:
            self._say(str(error))
            return False
        fetcher, folder = self._fetcher(), web_folder(self._data_dir)

        def work() -> PageOutcome:
            try:
                return PageOutcome(save_page(url, fetcher, folder))
            except (FetchError, PageError) as error:
                return PageOutcome(None, str(error))

        self._say(f"Fetching {url}…")
        self._tasks.submit(f"web-page {url}", work, self._on_page_done, self._say, network=True)
        return True

    def _on_page_done(self, outcome: PageOutcome) -> None:
        if outcome.page is None:
            self._say(outcome.error)
            return
        self._import([web_folder(self._data_dir)])
        self._say(f"Saved “{outcome.page.title}” from {outcome.page.url}; indexing it…")
        self.sig_pages_saved.emit([outcome.page])

    # -- feeds -------------------------------------------------------------------------------

    def show_dialog(self) -> FeedsDialog:
        """Show the Feeds dialog (created once)."""
        if self._dialog is None:
            dialog = FeedsDialog(self._window)
            dialog.sig_add_requested.connect(self.add_feed)
            dialog.sig_remove_requested.connect(self.remove_feed)
            dialog.sig_refresh_requested.connect(self.refresh_now)
            self._dialog = dialog
        self._update_dialog()
        self._dialog.set_refreshing(self._refreshing)
        self._dialog.show()
        self._dialog.raise_()
        return self._dialog

    def _update_dialog(self) -> None:
        if self._dialog is None:
            return
        store = self._store()
        self._dialog.show_feeds(store.feeds() if store is not None else [])
        self._dialog.set_refreshing(self._refreshing)

    def add_feed(self, url: str) -> bool:
        """Subscribe to a feed and refresh the feeds; False when refused or already there."""
        store = self._store()
        if store is None:
            return False
        try:
            added = store.add(url)
        except InnoAtlasError as error:
            self._say(str(error))
            return False
        if self._dialog is not None and added:
            self._dialog.address.clear()
        self._update_dialog()
        if not added:
            self._say(f"Already subscribed to {url}.")
            return False
        self._say(f"Subscribed to {url}; fetching its entries…")
        self.refresh_now()
        return True

    def remove_feed(self, url: str) -> None:
        """Unsubscribe (its saved pages stay in the library)."""
        store = self._store()
        if store is None:
            return
        try:
            removed = store.remove(url)
        except InnoAtlasError as error:
            self._say(str(error))
            return
        self._update_dialog()
        if removed:
            self._say(f"Unsubscribed from {url}; the pages it saved stay in the library.")

    def refresh_now(self) -> bool:
        """Refresh every feed in the background; False when a refresh runs already."""
        if self._refreshing:
            return False
        store = self._store()
        if store is None or not store.feeds():
            return False
        self._refreshing = True
        if self._dialog is not None:
            self._dialog.set_refreshing(True)
        fetcher, folder = self._fetcher(), web_folder(self._data_dir)
        self._tasks.submit(
            CHANNEL,
            lambda: refresh_feeds(store, fetcher, folder),
            self._on_refresh_done,
            self._on_refresh_failed,
            network=True,
        )
        return True

    def _on_timer_timeout(self) -> None:
        if not self._tasks.closing.is_set():
            self.refresh_now()

    def _on_refresh_done(self, report: RefreshReport) -> None:
        self._refreshing = False
        self.last_report = report
        if report.saved:
            self._import([web_folder(self._data_dir)])
            self.sig_pages_saved.emit(report.saved)
        self._update_dialog()
        self._say(report.summary())

    def _on_refresh_failed(self, message: str) -> None:
        self._refreshing = False
        self._update_dialog()
        self._say(f"The feeds could not be refreshed: {message}")


__all__ = ["FeedsDialog", "FeedsUi"]
