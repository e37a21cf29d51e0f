"""Searching in the window: the search box's queries run off the GUI thread and their results
fill the results panel, with a sentence for the status bar.

As you type, an uncounted search shows the best hits at once and a counted one of the same
query follows once typing pauses (facets, the exact total). A refresh of the library is
followed, not driven: :class:`SearchUi` subscribes to the indexing controller, says that results
may be incomplete while it runs, shows what a first run has committed so far, and searches
again once the library changed.
"""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.core.library_handle import LibraryHandle
from desktop.core.model import SearchMode, SearchResult, SortOrder
from desktop.ui.indexing import IndexingController
from desktop.ui.models.facets_model import toggle_clause
from desktop.ui.models.results_model import BROWSE_LIMIT, browse_result
from desktop.ui.navigation import Navigation
from desktop.ui.tasks import TaskManager
from desktop.ui.widgets.results_view import ResultsPanel
from desktop.ui.widgets.search_bar import SearchBar
from desktop.ui.window_actions import WindowActions

AS_YOU_TYPE_LIMIT = 20
#: After a keystroke's quick results, the counted search (facets, total) once typing pauses.
COUNT_AFTER_MS = 300
FULL_LIMIT = 100
#: While nothing is indexed yet, what is committed is shown this often (seconds).
PARTIAL_RELOAD_S = 2.0
INDEXING_HTML = (
    "<p><b>Indexing the library…</b></p>"
    "<p>Results appear here as soon as the articles are indexed.</p>"
)

Shown = tuple[str, SearchMode, SortOrder]


class SearchUi(QObject):
    """The window's searches: the search box, the results panel and View ▸ Results.

    Attributes:
        last_result: the result on screen, or None.
        shown: the query, mode and sort of the result on screen, or None.
        outcome: how the last refresh ended, until the next counted results say it.

    Signals:
        sig_status(str): a sentence for the status bar.
    """

    sig_status = Signal(str)

    def __init__(
        self,
        window: QWidget,
        tasks: TaskManager,
        library: LibraryHandle,
        indexing: IndexingController,
        navigation: Navigation,
        commands: WindowActions,
        search_bar: SearchBar,
        results: ResultsPanel,
    ) -> None:
        super().__init__(window)
        self._tasks = tasks
        self._library = library
        self._indexing = indexing
        self._navigation = navigation
        self._commands = commands
        self._search_bar = search_bar
        self._results = results
        self.last_result: SearchResult | None = None
        self.shown: Shown | None = None
        self.outcome = ""
        self._started = 0.0
        self._last_partial_reload = 0.0
        # The counted search after a keystroke's quick one waits for typing to pause: on a
        # large library it takes a while and the next keystroke's search would wait for it.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_AFTER_MS)
        self._count_timer.timeout.connect(self._on_count_timer_timeout)
        search_bar.sig_query_changed.connect(self._on_search_bar_query_changed)
        search_bar.sig_query_submitted.connect(self.submit)
        search_bar.sig_navigate.connect(self._on_search_bar_navigate)
        results.sig_suggestion_clicked.connect(self.submit)
        results.sig_mode_changed.connect(self._on_results_mode_changed)
        results.sig_sort_changed.connect(self._on_results_sort_changed)
        results.sig_facet_toggled.connect(self._on_results_facet_toggled)
        commands.mode_articles.triggered.connect(lambda: self.set_mode("articles"))
        commands.mode_passages.triggered.connect(lambda: self.set_mode("passages"))
        commands.sort_relevance.triggered.connect(lambda: self.set_sort("relevance"))
        commands.sort_date.triggered.connect(lambda: self.set_sort("date"))
        indexing.sig_started.connect(self._on_indexing_started)
        indexing.sig_progress.connect(self._on_indexing_progress)
        indexing.sig_ended.connect(self._on_indexing_ended)
        indexing.sig_library_changed.connect(self._on_indexing_library_changed)

    def run(self, query: str, *, as_you_type: bool = False, counted: bool = True) -> int:
        """Search off the GUI thread; only the newest search's result is shown.

        Returns:
            The task's sequence number.
        """
        mode, sort = self._results.mode, self._results.sort
        if not (as_you_type and counted):  # a follow-up keeps its keystroke's start time
            self._started = time.perf_counter()
        library = self._library
        if not query.strip():

            def browse() -> SearchResult:
                opened = library.get()
                newest = opened.articles(limit=BROWSE_LIMIT)
                return browse_result(newest, mode, total=opened.article_count())

            return self._tasks.submit(
                "search",
                browse,
                lambda r: self._on_search_done(r, (query, mode, sort)),
                self._on_search_failed,
            )
        limit = AS_YOU_TYPE_LIMIT if as_you_type else FULL_LIMIT

        def search() -> SearchResult:
            return library.get().search(
                query, mode=mode, limit=limit, sort=sort, as_you_type=as_you_type, counted=counted
            )

        return self._tasks.submit(
            "search",
            search,
            lambda r: self._on_search_done(r, (query, mode, sort)),
            self._on_search_failed,
        )

    def submit(self, query: str) -> None:
        """A full search that becomes a history entry (Enter, "Did you mean", a link)."""
        if self._search_bar.text != query:
            self._search_bar.set_text(query)
        self._navigation.remember_scroll()
        self._navigation.visit(self._navigation.location())
        self.run(query)

    def submit_in_view(self, query: str, mode: SearchMode, sort: SortOrder) -> None:
        """Search for ``query`` in this view (a saved search): one search, one history entry."""
        self._results.set_mode(mode)
        self._results.set_sort(sort)
        self._commands.show_view(mode, sort)
        self.submit(query)

    @property
    def current(self) -> tuple[str, SearchMode, SortOrder]:
        """The query in the search box and the view it is shown in."""
        return self._search_bar.text, self._results.mode, self._results.sort

    def rerun(self) -> None:
        """Search again for what the search box says."""
        self.run(self._search_bar.text)

    def set_mode(self, mode: SearchMode) -> None:
        """Show article or passage results for the current query."""
        self._results.set_mode(mode)
        self._commands.show_view(mode, self._results.sort)
        self._navigation.update_current(self._navigation.location())
        self.rerun()

    def set_sort(self, sort: SortOrder) -> None:
        """Order results by relevance or date."""
        self._results.set_sort(sort)
        self._commands.show_view(self._results.mode, sort)
        self._navigation.update_current(self._navigation.location())
        self.rerun()

    def _on_search_bar_query_changed(self, query: str) -> None:
        self._count_timer.stop()
        self.run(query, as_you_type=True, counted=False)

    def _on_count_timer_timeout(self) -> None:
        shown = self.shown
        if shown is not None and shown[0] == self._search_bar.text:
            self.run(shown[0], as_you_type=True, counted=True)

    def _on_search_bar_navigate(self, step: int) -> None:
        if step > 0:
            self._results.select_row(max(self._results.view.currentIndex().row(), 0))

    def _on_results_mode_changed(self, mode: str) -> None:
        self.set_mode("passages" if mode == "passages" else "articles")

    def _on_results_sort_changed(self, sort: str) -> None:
        self.set_sort("date" if sort == "date" else "relevance")

    def _on_results_facet_toggled(self, clause: str) -> None:
        self.submit(toggle_clause(self._results.facets.facets_model.query, clause))

    def _on_search_done(self, result: SearchResult, shown: Shown) -> None:
        self.last_result = result
        self.shown = shown
        browsing = not shown[0].strip()
        self._results.show_result(result, browsing=browsing)
        ms = (time.perf_counter() - self._started) * 1000
        if not result.counted:
            self.sig_status.emit(f"{len(result.hits)} best matches for “{shown[0]}” ({ms:.0f} ms)")
            self._count_timer.start()  # then the counted search, unless typing goes on
            return
        if browsing:
            text = f"{result.total} articles in the library"
        else:
            noun = "passage" if result.mode == "passages" else "article"
            plural = "s" if result.total != 1 else ""
            text = f"{result.total_text} {noun}{plural} for “{shown[0]}” ({ms:.0f} ms)"
        if self._indexing.running:
            text += " — indexing, results may be incomplete"
            if not result.hits:
                self._results.set_empty_text(INDEXING_HTML)
        elif self.outcome:
            text = f"{self.outcome} {text}"
            self.outcome = ""
        self.sig_status.emit(text)

    def _on_search_failed(self, message: str) -> None:
        self._results.set_empty_text(
            f"<p><b>The search failed.</b></p><p>{html.escape(message)}</p>"
        )
        self.sig_status.emit(f"Search failed: {message}")

    def _on_indexing_started(self) -> None:
        self._last_partial_reload = time.perf_counter()
        if self._results.model.rowCount() == 0:
            self._results.set_empty_text(INDEXING_HTML)

    def _on_indexing_progress(self, _done: int, _total: int, _message: str) -> None:
        now = time.perf_counter()
        if (
            self._results.model.rowCount() == 0
            and now - self._last_partial_reload > PARTIAL_RELOAD_S
        ):
            # Nothing to show yet (a first run): show what the indexer has committed so far.
            self._last_partial_reload = now
            self._indexing.reload_committed(self.rerun)

    def _on_indexing_ended(self, message: str) -> None:
        self.outcome = message

    def _on_indexing_library_changed(self, _rewritten: tuple[str, ...] | None) -> None:
        self.rerun()
