"""The entity features of the main window: the entity panel, the graph and corrections.

:class:`EntitiesUi` owns the entity dock and the graph dock, their actions and the handlers that
load pages and graphs through the window's task manager (never on the GUI thread). The window
creates it, puts the docks and menu entries in place and handles what it asks for (a passage
to open, views to refresh after a correction); it needs no window, only what it names.

Opening an entity (from a link in the reader, a related entity in the panel or a node in the
graph) is a new entry in the window's history (:class:`Navigation`), and going back or forward
shows the entity the entry remembers (:meth:`restore`). After a refresh of the library the open
entity is shown afresh (it subscribes to the indexing controller's ``sig_library_changed``).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

from desktop.core.entities.corrections import Correction
from desktop.core.library_handle import LibraryHandle
from desktop.core.model import EntityType
from desktop.ui.indexing import IndexingController
from desktop.ui.navigation import Navigation
from desktop.ui.tasks import TaskManager
from desktop.ui.widgets.entity_panel import EntityPanel
from desktop.ui.widgets.graph_view import GraphView
from desktop.ui.widgets.reader import ReaderView
from desktop.view.entity_data import EntityPage, GraphData, load_entity_page, load_graph
from desktop.view.wording import counted

ENTITY_CHANNEL = "entity"
GRAPH_CHANNEL = "graph"
NO_ENTITY_MESSAGE = "Open an entity first: click a name in an article."
CORRECT_CHANNEL = "correct"

_DONE = {
    "rename": "Renamed",
    "merge": "Merged",
    "split": "Split off an alias of",
    "hide": "Hid",
    "confirm": "Confirmed",
    "retype": "Changed the type of",
}

#: What an undone correction was, for the status bar ("Undid the confirmation of …").
_UNDONE = {
    "rename": "renaming",
    "merge": "merge",
    "split": "split",
    "hide": "hiding",
    "confirm": "confirmation",
    "retype": "change of type",
}


class EntitiesUi(QObject):
    """The entity panel and graph docks of one window, and the commands that go with them.

    Attributes:
        tasks: where pages, graphs and corrections are loaded and applied.
        library: the library they come from.
        navigation: the window's history, which records every entity opened.
        panel: the entity panel.
        dock: the dock holding the panel.
        graph: the graph view.
        graph_dock: the dock holding the graph.
        entity_id: the entity asked for last (shown, or loading), or None.
        action_show_graph: View ▸ Entity Graph.
        action_undo_correction: Edit ▸ Undo Correction.

    Signals:
        sig_status(str): a message for the status bar.
        sig_page_shown(str): the panel shows this entity id (after loading).
        sig_passage_requested(str, str, str): open this article at this passage, highlighting
            these words (a mention in the panel).
        sig_corrected(): a correction or its undo was applied; the entity is shown afresh and
            what else names it (results, the article's links) is for the receiver to refresh.
    """

    sig_status = Signal(str)
    sig_page_shown = Signal(str)
    sig_passage_requested = Signal(str, str, str)
    sig_corrected = Signal()

    def __init__(
        self,
        window: QWidget,
        tasks: TaskManager,
        library: LibraryHandle,
        navigation: Navigation,
        indexing: IndexingController,
        reader: ReaderView,
    ) -> None:
        super().__init__(window)
        self.tasks = tasks
        self.library = library
        self.navigation = navigation
        self.entity_id: str | None = None
        self._graph_wanted = False

        self.panel = EntityPanel(window)
        self.dock = QDockWidget("Entity", window)
        self.dock.setObjectName("entity_dock")
        self.dock.setAccessibleName("Entity panel")
        # Scrolled as one page when the dock is short, so the window never outgrows its screen.
        page = QScrollArea(window)
        page.setWidget(self.panel)
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.setMinimumWidth(300)
        self.dock.setWidget(page)
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )

        self.graph = GraphView(window)
        self.graph_dock = QDockWidget("Entity Graph", window)
        self.graph_dock.setObjectName("graph_dock")
        self.graph_dock.setAccessibleName("Entity graph")
        self.graph_dock.setWidget(self.graph)
        self.graph.setMinimumHeight(260)
        self.graph.show_message(NO_ENTITY_MESSAGE)  # a dock restored open says what to do

        self.action_show_graph = QAction("Entity &Graph", window)
        self.action_show_graph.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.action_show_graph.setStatusTip(
            "Show or hide the open entity's neighbourhood as a graph"
        )
        self.action_show_graph.setToolTip("Show or hide the entity graph (Ctrl+Shift+G)")
        self.action_undo_correction = QAction("Undo Entity &Correction", window)
        self.action_undo_correction.setStatusTip(
            "Take back the last correction or confirmation of an entity"
        )
        for action in (self.action_show_graph, self.action_undo_correction):
            window.addAction(action)

        self.panel.sig_passage_requested.connect(self.sig_passage_requested)
        self.panel.sig_entity_requested.connect(self._on_panel_entity_requested)
        self.panel.sig_graph_requested.connect(self._on_panel_graph_requested)
        self.panel.sig_correction_requested.connect(self.correct)
        self.graph.sig_entity_requested.connect(self._on_graph_entity_requested)
        self.graph.sig_reload_requested.connect(self._on_graph_reload_requested)
        self.action_show_graph.triggered.connect(self._on_show_graph_triggered)
        self.action_undo_correction.triggered.connect(self.undo_correction)
        reader.sig_entity_requested.connect(self._on_reader_entity_requested)
        indexing.sig_library_changed.connect(self._on_indexing_library_changed)

    # -- opening entities ---------------------------------------------------------------------
    def open_entity(self, entity_id: str, *, push: bool = True, reveal: bool = True) -> int:
        """Show an entity in the panel (loaded off the GUI thread); a history entry if ``push``;
        ``reveal`` shows the dock if it was closed.

        Returns:
            The task's sequence number.
        """
        navigation = self.navigation
        if push:
            navigation.remember_scroll()
            here = navigation.location()
            navigation.update_current(here)
            navigation.visit(replace(here, entity_id=entity_id))
        self.entity_id = entity_id
        if reveal:
            self.dock.show()
            self.dock.raise_()
        library = self.library

        def load() -> EntityPage:
            return load_entity_page(library.get(), entity_id)

        return self.tasks.submit(ENTITY_CHANNEL, load, self._on_page_loaded, self._on_page_failed)

    def reload(self) -> None:
        """The library changed (a refresh): show the open entity and its graph afresh."""
        if self.entity_id is None:
            return
        self._graph_wanted = self.graph_dock.isVisible()
        self.open_entity(self.entity_id, push=False, reveal=False)

    def _on_indexing_library_changed(self, _rewritten: tuple[str, ...] | None) -> None:
        self.reload()

    def restore(self, entity_id: str | None) -> None:
        """Show what a history entry remembers (no new entry)."""
        if entity_id == self.entity_id:
            return
        if entity_id is None:
            self.tasks.cancel(ENTITY_CHANNEL)
            self.tasks.cancel(GRAPH_CHANNEL)
            self.entity_id = None
            self.panel.show_page(None)
            self.graph.show_message(NO_ENTITY_MESSAGE)  # never a stale graph
            return
        self.open_entity(entity_id, push=False)

    def _on_page_loaded(self, page: EntityPage) -> None:
        asked = self.entity_id
        self.entity_id = page.entity.id
        if asked != page.entity.id:  # an alias or a merged id: remember the entity itself
            current = self.navigation.history.current
            if current is not None and current.entity_id == asked:
                self.navigation.update_current(replace(current, entity_id=page.entity.id))
        self.panel.show_page(page)
        if self._graph_wanted or (
            self.graph_dock.isVisible() and self.graph.center_id != page.entity.id
        ):
            self._graph_wanted = False
            self.graph.request(page.entity.id)
        self.sig_status.emit(
            f"{page.entity.name} — {counted(len(page.details.mentions), 'mention')}"
        )
        self.sig_page_shown.emit(page.entity.id)

    def _on_page_failed(self, message: str) -> None:
        self.panel.show_message(message)
        self.sig_status.emit(message)

    def _on_reader_entity_requested(self, entity_id: str) -> None:
        self.open_entity(entity_id)

    def _on_panel_entity_requested(self, entity_id: str) -> None:
        self.open_entity(entity_id)

    # -- graph --------------------------------------------------------------------------------
    def show_graph(self, entity_id: str | None = None) -> None:
        """Show the graph dock for ``entity_id`` (default: the entity in the panel)."""
        entity_id = entity_id or self.entity_id
        self.graph_dock.show()
        self.graph_dock.raise_()
        if entity_id is None:
            self.graph.show_message(NO_ENTITY_MESSAGE)
            return
        self.graph.request(entity_id)

    def _on_show_graph_triggered(self) -> None:
        # The menu item and Ctrl+Shift+G toggle, as View menu items do.
        if self.graph_dock.isVisible():
            self.graph_dock.hide()
        else:
            self.show_graph()

    def _on_panel_graph_requested(self, entity_id: str) -> None:
        self.show_graph(entity_id)

    def _on_graph_entity_requested(self, entity_id: str) -> None:
        self._graph_wanted = True
        self.open_entity(entity_id)

    def _on_graph_reload_requested(
        self, entity_id: str, depth: int, types: tuple[EntityType, ...]
    ) -> None:
        library = self.library

        def load() -> GraphData:
            return load_graph(library.get(), entity_id, depth, types)

        self.tasks.submit(GRAPH_CHANNEL, load, self.graph.show_graph, self.graph.show_message)

    # -- corrections --------------------------------------------------------------------------
    def correct(self, correction: Correction) -> int:
        """Apply a user correction on the worker, then show its effect everywhere.

        Returns:
            The task's sequence number.
        """
        library = self.library

        def apply() -> Correction:
            library.get().correct(correction)
            return correction

        return self.tasks.submit(
            CORRECT_CHANNEL, apply, self._on_correction_done, self._on_correction_failed
        )

    def undo_correction(self) -> int:
        """Take back the newest correction (Edit ▸ Undo Entity Correction).

        Returns:
            The task's sequence number.
        """
        library = self.library

        def undo() -> Correction | None:
            return library.get().undo_correction()

        return self.tasks.submit(
            CORRECT_CHANNEL, undo, self._on_undo_done, self._on_correction_failed
        )

    def _on_correction_done(self, correction: Correction) -> None:
        shown = correction.value if correction.op == "merge" else correction.entity_id
        self._after_change(shown)
        verb = _DONE.get(correction.op, "Corrected")
        self.sig_status.emit(
            f"{verb} “{correction.entity_id}”. Edit ▸ Undo Entity Correction takes it back."
        )

    def _on_undo_done(self, correction: Correction | None) -> None:
        if correction is None:
            self.sig_status.emit("There is no entity correction to undo.")
            return
        self._after_change(correction.entity_id)
        what = _UNDONE.get(correction.op, correction.op)
        self.sig_status.emit(f"Undid the {what} of “{correction.entity_id}”.")

    def _on_correction_failed(self, message: str) -> None:
        self.sig_status.emit(f"The correction could not be applied: {message}")

    def _after_change(self, entity_id: str) -> None:
        """Show the corrected entity and its graph; the receivers of :attr:`sig_corrected`
        refresh what else names it (facets, article links)."""
        if self.graph_dock.isVisible():
            self._graph_wanted = True
        current = self.navigation.history.current
        self.entity_id = None
        self.open_entity(entity_id, push=False)
        if current is not None:
            self.navigation.update_current(replace(current, entity_id=entity_id))
        self.sig_corrected.emit()
