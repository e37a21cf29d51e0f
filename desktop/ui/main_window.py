"""The main window: search box and results on one side, the reader on the other.

It wires widgets to the library through :class:`TaskManager` (no core call runs on the GUI
thread once the window is up) and keeps a browser-like history of what the user looked at. The
window composes its features and hands each what it uses (the tasks, the indexing controller,
the navigation, widgets, a menu by id); none of them gets the window, and a refresh of the
library reaches them through :class:`IndexingController` signals they subscribe to.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library_handle import LibraryHandle
from desktop.core.model import Hit, SearchMode, SearchResult, SortOrder
from desktop.core.sources import SourceList
from desktop.core.spec import LibrarySpec
from desktop.ui.article_files import ArticleFiles
from desktop.ui.bookmarks_ui import BookmarksUi
from desktop.ui.contents import Contents
from desktop.ui.entities_ui import EntitiesUi
from desktop.ui.feeds_ui import FeedsUi
from desktop.ui.indexing import IndexingController
from desktop.ui.library_ui import LibraryUi
from desktop.ui.navigation import Navigation
from desktop.ui.reader_room import READER_MIN_WIDTH, ReaderRoom
from desktop.ui.reading_tools import ReadingTools
from desktop.ui.saved_searches_ui import SavedSearchesUi
from desktop.ui.search_ui import SearchUi
from desktop.ui.settings import Settings, ThemeName
from desktop.ui.tasks import TaskManager
from desktop.ui.theme import apply_theme
from desktop.ui.widgets.find_bar import FindBar
from desktop.ui.widgets.query_help import QueryHelpDialog
from desktop.ui.widgets.reader import ReaderView
from desktop.ui.widgets.results_view import ResultsPanel
from desktop.ui.widgets.search_bar import SearchBar
from desktop.ui.widgets.status_parts import build_status_parts
from desktop.ui.window_actions import WindowActions
from desktop.view.history import History, Location
from desktop.view.reader_content import load_reader_content
from desktop.view.reader_html import ReaderContent
from desktop.view.wording import counted

if TYPE_CHECKING:
    from desktop.core.library import Library

APP_TITLE = "InnoAtlas"
EXAMPLE_QUERIES: tuple[str, ...] = (
    "collaboration Singapore",
    '"big data"',
    "title:HKSTP",
    "cybersecurty~",
    "What areas will the collaboration between Hong Kong Science Park and Singapore focus on?",
)


class MainWindow(QMainWindow):
    """Search, read and navigate one library.

    Attributes:
        library: the library (core), opened on first use by the worker.
        settings: window settings.
        tasks: the only way work leaves the GUI thread.
        indexing: the background refresh of the index, and the library's sources.
        history: back/forward over searches, articles and entities.
        navigation: the history, where the user is in it, and Back/Forward.
        commands: the window's actions, its menus by id and its toolbar.
        search_bar: the query field (in the toolbar).
        results: the results panel (in a dock).
        reader: the article reader (central).
        find_bar: find in article, under the reader.
        search_ui: the searches: search box, results panel, View ▸ Results.
        last_result: the result on screen, or None.
        entities: the entity panel and graph docks, facets and corrections.
        bookmarks: the bookmarks store, dock, reader highlights and commands (Ctrl+D).
        tools: tags and collections, backlinks, print (:class:`ReadingTools`).
        library_ui: importing files and folders, the Library dialog and the folder watcher.
    """

    def __init__(
        self,
        library: Library | LibraryHandle,
        settings: Settings,
        spec: LibrarySpec,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library if isinstance(library, LibraryHandle) else LibraryHandle.of(library)
        self.settings = settings
        self.tasks = TaskManager(self)
        self.indexing = IndexingController(self.tasks, self.library, spec, self)
        self.history = History()
        self._closed = False
        self._help: QueryHelpDialog | None = None

        self.setObjectName("main_window")
        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName("InnoAtlas main window")
        self.resize(1200, 800)
        self._build_widgets()
        self.commands = WindowActions(self, self.search_bar, self.results_dock)
        self.navigation = Navigation(
            self.history,
            self._location,
            self.reader,
            settings,
            self.commands.back,
            self.commands.forward,
        )
        self.search_ui = SearchUi(
            self,
            self.tasks,
            self.library,
            self.indexing,
            self.navigation,
            self.commands,
            self.search_bar,
            self.results,
        )
        self._build_status_bar()
        self._connect()
        self._set_tab_order()
        self._build_bookmarks_ui()
        go = self.commands.menus["go"]
        self.saved = SavedSearchesUi(lambda: self.bookmarks.store, self.search_ui, go, self)
        self.saved.sig_status.connect(self._set_status)
        self.bookmarks.sig_saved_searches_changed.connect(self.saved.rebuild)
        self.tools = ReadingTools(self, self.commands, self.reader, self.bookmarks,
                                  settings, self.open_article)  # fmt: skip
        self.tools.sig_status.connect(self._set_status)
        self._build_entity_ui()
        self._build_library_ui()
        self._restore_settings()
        self.reader.show_start(EXAMPLE_QUERIES)
        self.navigation.visit(Location())
        self._update_article_actions()

    @property
    def spec(self) -> LibrarySpec:
        """What the library is: its data folder and its sources as indexing keeps them."""
        return self.indexing.spec

    # ------------------------------------------------------------------------------- building
    def _build_widgets(self) -> None:
        self.search_bar = SearchBar(self)
        self.results = ResultsPanel(self)
        self.results_dock = QDockWidget("Results", self)
        self.results_dock.setObjectName("results_dock")
        self.results_dock.setAccessibleName("Results panel")
        self.results_dock.setWidget(self.results)
        self.results_dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.results_dock)
        self.results.setMinimumWidth(320)

        self.reader = ReaderView(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.reader, 1)
        layout.addWidget(self.find_bar)
        central.setMinimumWidth(READER_MIN_WIDTH)  # the side panels give way, not the text
        self.setCentralWidget(central)
        self.resizeDocks([self.results_dock], [420], Qt.Orientation.Horizontal)

    def _build_status_bar(self) -> None:
        self.status_label, self.index_progress, self.cancel_button = build_status_parts(self)

    def _connect(self) -> None:
        self.search_ui.sig_status.connect(self._set_status)
        self.search_bar.sig_help_requested.connect(self.show_query_help)
        self.search_bar.sig_query_changed.connect(self._on_search_bar_query_changed)
        self.results.sig_open_requested.connect(self._on_results_open_requested)
        self.results.sig_leave_requested.connect(self.search_bar.focus_and_select)
        self.reader.sig_article_requested.connect(self._on_reader_article_requested)
        self.reader.sig_search_requested.connect(self.submit_search)
        self.reader.sig_find_changed.connect(self.find_bar.set_status)
        self.reader.sig_zoom_changed.connect(self.settings.set_zoom)
        self.reader.sig_related_requested.connect(self.show_related)
        self.reader.sig_copied.connect(self._on_reader_copied)
        self.find_bar.sig_find_requested.connect(self.reader.find_text)
        self.find_bar.sig_step_requested.connect(self.reader.find_step)
        self.find_bar.sig_closed.connect(self._on_find_bar_closed)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        indexing = self.indexing
        indexing.sig_started.connect(self._on_indexing_started)
        indexing.sig_progress.connect(self._on_indexing_progress)
        indexing.sig_status.connect(self._set_status)
        indexing.sig_ended.connect(self._on_indexing_ended)

        do = self.commands
        do.refresh.triggered.connect(lambda: self.indexing.start())
        do.quit.triggered.connect(self.close)
        do.copy.triggered.connect(self.reader.copy)
        do.copy_citation.triggered.connect(self._on_copy_citation_triggered)
        files = (do.open_original, do.show_in_folder, do.export_pdf)
        marks = lambda article_id: self.bookmarks.bookmarks_of(article_id)  # noqa: E731 - built later
        self.article_files = ArticleFiles(self.reader, files, marks, self)
        self.article_files.sig_status.connect(self._set_status)
        self.contents = Contents(self.reader, do.contents, self)
        self.contents.sig_status.connect(self._set_status)
        do.find.triggered.connect(self.open_find)
        do.find_next.triggered.connect(lambda: self._find_step(1))
        do.find_previous.triggered.connect(lambda: self._find_step(-1))
        do.focus_search.triggered.connect(self.search_bar.focus_and_select)
        do.zoom_in.triggered.connect(self.reader.zoom_in_step)
        do.zoom_out.triggered.connect(self.reader.zoom_out_step)
        do.zoom_reset.triggered.connect(self.reader.reset_zoom)
        do.back.triggered.connect(self.go_back)
        do.forward.triggered.connect(self.go_forward)
        do.related.triggered.connect(self.show_related)
        do.help.triggered.connect(self.show_query_help)
        do.about.triggered.connect(self.show_about)
        do.about_qt.triggered.connect(QApplication.aboutQt)
        do.theme_group.triggered.connect(self._on_theme_group_triggered)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_style_hints_scheme_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _set_tab_order(self) -> None:
        order: list[QWidget] = [
            self.search_bar.edit,
            self.results.view,
            self.results.articles_button,
            self.results.passages_button,
            self.results.sort_combo,
            self.reader,
            self.find_bar.edit,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _build_bookmarks_ui(self) -> None:
        """Bookmarks: the store in the data folder, their dock, Ctrl+D, undo, export/import."""
        ui = self.bookmarks = BookmarksUi(
            self,
            self.reader,
            self.tasks,
            self.library,
            self.indexing,
            self.spec.data_dir,
            lambda article_id, passage_id: self.open_article(article_id, passage_id=passage_id),
        )
        ui.dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, ui.dock)
        self.tabifyDockWidget(self.results_dock, ui.dock)
        self.results_dock.raise_()
        ui.name_dock_tabs()
        ui.sig_status.connect(self._set_status)
        self.statusBar().addPermanentWidget(ui.orphans_button)
        file_menu, edit_menu = self.commands.menus["file"], self.commands.menus["edit"]
        quit_action, copy_action = self.commands.quit, self.commands.copy
        file_menu.insertAction(quit_action, ui.action_export)
        file_menu.insertAction(quit_action, ui.action_import)
        file_menu.insertSeparator(quit_action)
        edit_menu.insertAction(copy_action, ui.action_undo)
        edit_menu.insertAction(copy_action, ui.action_redo)
        edit_menu.insertSeparator(copy_action)
        edit_menu.addSeparator()
        edit_menu.addAction(ui.action_bookmark)
        self.commands.menus["view"].addAction(ui.dock.toggleViewAction())
        QTimer.singleShot(0, self, ui.on_window_shown)

    def _build_library_ui(self) -> None:
        """Import files and folders (menu, drag and drop), the Library dialog, watching."""
        user = set(SourceList(self.spec.data_dir).paths())
        bundled = [s for s in self.spec.sources if s not in user]
        ui = self.library_ui = LibraryUi(self, self.indexing, self.tasks, self.library, bundled)
        ui.sig_status.connect(self._set_status)
        file_menu = self.commands.menus["file"]
        first = file_menu.actions()[0]
        for action in (ui.action_import_files, ui.action_import_folder, ui.action_library):
            file_menu.insertAction(first, action)
        self.feeds = FeedsUi(self, self.tasks, self.spec.data_dir, ui.import_paths)
        self.feeds.install(file_menu, first, self._set_status)
        file_menu.insertSeparator(first)

    def _build_entity_ui(self) -> None:
        """Entities: the panel and graph docks, facets, names as links, corrections and undo."""
        ui = self.entities = EntitiesUi(
            self, self.tasks, self.library, self.navigation, self.indexing, self.reader
        )
        ui.sig_status.connect(self._set_status)
        ui.sig_passage_requested.connect(self._on_entities_passage_requested)
        ui.sig_corrected.connect(self._on_entities_corrected)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, ui.dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, ui.graph_dock)
        self.reader_room = ReaderRoom(self, self.results_dock, [ui.dock])
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        ui.dock.hide()
        ui.graph_dock.hide()
        self.commands.menus["edit"].addSeparator()
        self.commands.menus["edit"].addAction(ui.action_undo_correction)
        self.commands.menus["view"].addAction(ui.dock.toggleViewAction())
        self.commands.menus["view"].addAction(ui.action_show_graph)
        QWidget.setTabOrder(self.results.sort_combo, self.results.facets)

    def _on_entities_passage_requested(self, article_id: str, passage_id: str, words: str) -> None:
        self.open_article(article_id, terms=(words,) if words else (), passage_id=passage_id)

    def _on_search_bar_query_changed(self, query: str) -> None:
        """A cleared search clears its highlights from the article being read."""
        content = self.reader.content
        if not query.strip() and content is not None and content.terms:
            self.open_article(content.article.id, scroll=self.reader.scroll_fraction(), push=False)

    def _on_entities_corrected(self) -> None:
        """A correction renames, merges or hides entities: results and article links follow."""
        self.run_search(self.search_bar.text)
        content = self.reader.content
        if content is not None:
            self.open_article(
                content.article.id,
                terms=content.terms,
                scroll=self.reader.scroll_fraction(),
                push=False,
            )

    def _restore_settings(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        self.reader.set_zoom(self.settings.zoom())
        self.set_theme(self.settings.theme(), save=False)

    # ------------------------------------------------------------------------------- startup
    def start(self) -> None:
        """After show: list the library, and refresh the index in the background if needed."""
        self.search_bar.focus_and_select()
        self.run_search(self.search_bar.text)
        last = self.settings.last_article()
        if last is not None:  # reopen where the user left off
            self.open_article(last)
        handle = self.library
        if not handle.is_open:
            self._set_status("Opening the library…")
        self.tasks.submit(
            "needs_refresh",
            lambda: (handle.get().needs_refresh(), tuple(handle.get().notices)),
            self._on_needs_refresh_done,
            self._on_library_failed,
        )

    def _on_library_failed(self, message: str) -> None:
        self._set_status(f"The library could not be opened: {message}")
        QMessageBox.critical(self, APP_TITLE, f"The library could not be opened.\n\n{message}")

    def _on_needs_refresh_done(self, answer: tuple[bool, tuple[str, ...]]) -> None:
        needed, notices = answer
        if needed:
            self.indexing.start(automatic=True)
        if notices:  # what opening found (a read-only folder, damage it repaired): said last
            self._set_status(" ".join(notices))

    # ------------------------------------------------------------------------------- indexing
    def _on_indexing_started(self) -> None:
        self.index_progress.setRange(0, 0)
        self.index_progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.commands.refresh.setEnabled(False)

    def _on_indexing_progress(self, done: int, total: int, _message: str) -> None:
        if total > 0:
            self.index_progress.setRange(0, total)
            self.index_progress.setValue(done)

    def _on_indexing_ended(self, message: str) -> None:
        self.index_progress.hide()
        self.cancel_button.hide()
        self.commands.refresh.setEnabled(True)
        self._set_status(message)

    def _on_cancel_button_clicked(self) -> None:
        self.indexing.cancel()
        self.cancel_button.setEnabled(False)

    # ------------------------------------------------------------------------------- searching
    @property
    def mode(self) -> SearchMode:
        """The results mode shown in the panel."""
        return self.results.mode

    @property
    def sort(self) -> SortOrder:
        """The sort order shown in the panel."""
        return self.results.sort

    @property
    def last_result(self) -> SearchResult | None:
        """The result on screen, or None."""
        return self.search_ui.last_result

    def run_search(self, query: str, *, as_you_type: bool = False, counted: bool = True) -> int:
        """Search off the GUI thread (see :meth:`SearchUi.run`); returns the task's number."""
        return self.search_ui.run(query, as_you_type=as_you_type, counted=counted)

    def submit_search(self, query: str) -> None:
        """A full search that becomes a history entry (Enter, "Did you mean", a link)."""
        self.search_ui.submit(query)

    # ------------------------------------------------------------------------------- reading
    @property
    def article_id(self) -> str | None:
        """The id of the article in the reader, or None."""
        article = self.reader.article
        return article.id if article else None

    def _on_results_open_requested(self, hit: Hit) -> None:
        terms = self.last_result.terms if self.last_result else ()
        self.open_article(hit.article_id, terms=terms, passage_id=hit.passage_id)

    def _on_reader_article_requested(self, article_id: str) -> None:
        self.open_article(article_id)

    def open_article(
        self,
        article_id: str,
        *,
        terms: Sequence[str] = (),
        passage_id: str | None = None,
        scroll: float | None = None,
        push: bool = True,
    ) -> int:
        """Load an article off the GUI thread and show it, at its best passage or where the
        user left it.

        Returns:
            The task's sequence number.
        """
        self.navigation.remember_scroll()
        if push:
            current = self.history.current
            here = self._location()
            if current is None or (current.query, current.mode, current.sort) != (
                here.query,
                here.mode,
                here.sort,
            ):
                self.navigation.visit(here)
            self.navigation.visit(
                replace(
                    here,
                    article_id=article_id,
                    passage_id=passage_id,
                    terms=tuple(terms),
                    scroll=None,
                )
            )
        if scroll is None and not terms and not passage_id:
            scroll = self.settings.reading_position(article_id)
        library = self.library
        terms = tuple(terms)
        self._set_status("Opening…")

        def load() -> ReaderContent:
            return load_reader_content(library.get(), article_id, terms, passage_id)

        return self.tasks.submit(
            "article",
            load,
            lambda content: self._on_article_loaded(content, scroll),
            self._on_article_failed,
        )

    def _on_article_loaded(self, content: ReaderContent, scroll: float | None) -> None:
        self.reader.show_content(content, scroll)
        self._update_article_actions()
        article = content.article
        self.setWindowTitle(f"{article.title} — {APP_TITLE}")
        self.settings.set_last_article(article.id)
        self.results.select_article(
            article.id, self.history.current.passage_id if self.history.current else None
        )
        count = len(self.reader.highlighted_words()) if content.terms else 0
        self._set_status(
            f"{article.title}" + (f" — {counted(count, 'highlight')}" if count else "")
        )
        if self.find_bar.isVisible() and self.find_bar.text:
            self.reader.find_text(self.find_bar.text)

    def _on_article_failed(self, message: str) -> None:
        self._set_status(f"Could not open the article: {message}")

    def show_related(self) -> None:
        """Scroll to "More like this" at the end of the article."""
        if self.reader.article is not None:
            self.reader.scroll_to_related()

    def _on_copy_citation_triggered(self) -> None:
        if self.reader.copy_passage_with_citation() is None:
            self._set_status("Click in a paragraph (or select text) to copy it with its citation.")

    def _on_reader_copied(self, _text: str) -> None:
        self._set_status("Copied the passage with its citation.")

    # ------------------------------------------------------------------------------- find
    def open_find(self) -> None:
        """Show the find bar (prefilled with the selection) and find."""
        selected = self.reader.textCursor().selectedText().strip()
        self.find_bar.open_bar(selected if selected and "\u2029" not in selected else None)
        if self.find_bar.text:
            self.reader.find_text(self.find_bar.text)

    def _find_step(self, step: int) -> None:
        if not self.find_bar.isVisible():
            self.open_find()
            return
        self.reader.find_step(step)

    def _on_find_bar_closed(self) -> None:
        self.reader.clear_find()
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------------------- history
    def _location(self) -> Location:
        content = self.reader.content
        return Location(
            query=self.search_bar.text,
            mode=self.mode,
            sort=self.sort,
            article_id=content.article.id if content else None,
            terms=content.terms if content else (),
            scroll=self.reader.scroll_fraction() if content else None,
            entity_id=self.entities.entity_id,
        )

    def go_back(self) -> None:
        """Show the previous search or article."""
        location = self.navigation.back()
        if location is not None:
            self._restore(location)

    def go_forward(self) -> None:
        """Show the next search or article (after going back)."""
        location = self.navigation.forward()
        if location is not None:
            self._restore(location)

    def _restore(self, location: Location) -> None:
        self.entities.restore(location.entity_id)
        self.search_bar.set_text(location.query)
        self.results.set_mode(location.mode)
        self.results.set_sort(location.sort)
        self.commands.show_view(location.mode, location.sort)
        if self.search_ui.shown != (location.query, location.mode, location.sort):
            self.run_search(location.query)
        if location.article_id is None:
            if self.reader.content is not None:
                self.tasks.cancel("article")
                self.reader.show_start(EXAMPLE_QUERIES)
                self._update_article_actions()
                self.setWindowTitle(APP_TITLE)
        elif location.article_id != self.article_id:
            self.open_article(
                location.article_id,
                terms=location.terms,
                passage_id=location.passage_id,
                scroll=location.scroll if location.scroll is not None else 0.0,
                push=False,
            )
        elif location.scroll is not None:
            self.reader.set_scroll_fraction(location.scroll)

    def _update_article_actions(self) -> None:
        """Article commands are enabled only while an article is open."""
        has_article = self.reader.article is not None
        self.commands.enable_article_commands(has_article)
        if not has_article and self.find_bar.isVisible():
            self.find_bar.close_bar()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Mouse back/forward buttons anywhere in this window go back/forward."""
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton)
            and isinstance(watched, QWidget)
            and watched.window() is self
        ):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
            else:
                self.go_forward()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------------------- view
    def set_theme(self, theme: ThemeName, *, save: bool = True) -> None:
        """Switch to the light, dark or system theme (and remember it)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.commands.themes[theme].setChecked(True)
        self.commands.theme_icons()
        if save:
            self.settings.set_theme(theme)

    def _on_theme_group_triggered(self, action: QAction) -> None:
        name = str(action.data())
        self.set_theme("light" if name == "light" else "dark" if name == "dark" else "system")

    def _on_style_hints_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if not self._closed and self.settings.theme() == "system":
            self.set_theme("system", save=False)

    def show_query_help(self) -> None:
        """Open the query-syntax help next to the window (F1)."""
        if self._help is None:
            self._help = QueryHelpDialog(self)
        self._help.show()
        self._help.raise_()

    def show_about(self) -> None:
        """The About box."""
        QMessageBox.about(
            self,
            f"About {APP_TITLE}",
            f"<h3>{APP_TITLE}</h3><p>An offline reader and search tool for a library of news "
            "articles about Hong Kong's innovation and technology scene.</p>"
            f"<p>Library: {html.escape(str(self.spec.data_dir))}</p>",
        )

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)

    # ------------------------------------------------------------------------------- closing
    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the layout and reading position, stop background work, then close."""
        if not self._closed:
            self.navigation.remember_scroll()
            self.settings.set_geometry(self.saveGeometry())
            self.settings.set_window_state(self.saveState())
            self.settings.sync()
            self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop timers, workers and the indexer; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self.search_bar.debounce.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(
            self._on_style_hints_scheme_changed
        )
        self.tasks.shutdown()
        self.bookmarks.close()
        self.indexing.shutdown()
        if self._help is not None:
            self._help.close()
