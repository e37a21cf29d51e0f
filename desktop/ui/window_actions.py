"""The main window's commands: its actions, the menus they sit in (keyed by an id, never found
by their label) and the navigation toolbar.

Built apart from the window so that the window holds behaviour, not pages of menu entries: the
window connects these actions to its slots, and each feature adds its own to a menu by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

from desktop.core.model import SearchMode, SortOrder
from desktop.ui.icons import arrow_icon
from desktop.ui.settings import ThemeName

MenuId = Literal["file", "edit", "view", "go", "help"]


def _sequences(shortcut: QKeySequence | QKeySequence.StandardKey | str) -> list[QKeySequence]:
    if isinstance(shortcut, QKeySequence.StandardKey):
        return list(QKeySequence.keyBindings(shortcut))
    return [QKeySequence(shortcut)]


class WindowActions:
    """Every command of the main window, with its menus and toolbar.

    Attributes:
        menus: the menu bar's menus by id: "file", "edit", "view", "go" and "help".
        toolbar: back, forward, the search box and find.
        open_original, show_in_folder, export_pdf, contents, refresh, quit, copy,
        copy_citation, find, find_next, find_previous, focus_search,
        zoom_in, zoom_out, zoom_reset, back, forward, related, help, about, about_qt: the
            commands of the menus, named as they read.
        themes: View ▸ Theme, by theme; theme_group makes them exclusive.
        mode_articles, mode_passages, sort_relevance, sort_date: View ▸ Results (exclusive in
            mode_group and sort_group).
    """

    def __init__(self, window: QMainWindow, search_bar: QWidget, results_dock: QDockWidget):
        self._window = window
        self._build_actions()
        self.menus: dict[MenuId, QMenu] = {}
        self._build_menus(results_dock)
        self.toolbar = self._build_toolbar(search_bar)
        self.menus["view"].addAction(self.toolbar.toggleViewAction())

    def _action(
        self,
        text: str,
        shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = (),
        tip: str = "",
        icon: QIcon | None = None,
    ) -> QAction:
        action = QAction(text, self._window)
        keys: list[QKeySequence] = []
        for shortcut in shortcuts:  # standard keys repeat explicit ones on some platforms
            keys += [k for k in _sequences(shortcut) if k not in keys and not k.isEmpty()]
        if keys:
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
            hint = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
            action.setToolTip(f"{tip} ({hint})" if hint else tip)
        if icon is not None:
            action.setIcon(icon)
        self._window.addAction(action)
        return action

    def theme_icons(self) -> None:
        """Draw the toolbar's arrows again in the colours of the theme now applied."""
        palette = self._window.palette()
        self.back.setIcon(arrow_icon(True, palette))
        self.forward.setIcon(arrow_icon(False, palette))

    def _build_actions(self) -> None:
        sk = QKeySequence.StandardKey
        palette = self._window.palette()
        back_icon, fwd_icon = arrow_icon(True, palette), arrow_icon(False, palette)
        self.refresh = self._action(
            "&Refresh Library", [sk.Refresh], "Re-read the sources and update the index"
        )
        self.quit = self._action("&Quit", [sk.Quit], "Quit InnoAtlas")
        self.copy = self._action("&Copy", [sk.Copy], "Copy the selected text")
        self.copy_citation = self._action(
            "Copy Passage with &Citation",
            ["Ctrl+Shift+C"],
            "Copy the passage with its title, date and source",
        )
        self.open_original = self._action(
            "Open &Original File", ["Ctrl+Shift+O"], "Open the article's file in its own app"
        )
        self.export_pdf = self._action(
            "&Export Article as PDF…", ["Ctrl+Shift+E"], "The article and its highlights as a PDF"
        )
        self.contents = self._action(
            "&Contents…", ["Ctrl+T"], "The article's sections, to go to one"
        )
        self.show_in_folder = self._action(
            "Show in &Folder", [], "Open the folder that holds the article's file"
        )
        self.find = self._action("&Find in Article…", [sk.Find], "Find text in the open article")
        self.find_next = self._action("Find &Next", ["F3"], "Next match")
        self.find_previous = self._action("Find &Previous", ["Shift+F3"], "Previous match")
        self.focus_search = self._action("&Search…", ["Ctrl+L", "Ctrl+K"], "Go to the search box")
        self.zoom_in = self._action("Zoom &In", ["Ctrl+=", sk.ZoomIn], "Larger text")
        self.zoom_out = self._action("Zoom &Out", [sk.ZoomOut, "Ctrl+-"], "Smaller text")
        self.zoom_reset = self._action("&Actual Size", ["Ctrl+0"], "Default text size")
        self.back = self._action("&Back", ["Alt+Left", sk.Back], "Go back", back_icon)
        self.forward = self._action("&Forward", ["Alt+Right", sk.Forward], "Go forward", fwd_icon)
        self.related = self._action("&More Like This", ["Ctrl+Shift+M"], "Articles like this one")
        self.help = self._action("Search &Syntax", [sk.HelpContents], "How to write queries")
        self.about = self._action("&About InnoAtlas", [], "About this application")
        self.about_qt = self._action("About &Qt", [], "About Qt")

        self.theme_group = QActionGroup(self._window)
        self.themes: dict[ThemeName, QAction] = {}
        for name, label in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark")):
            action = self._action(label, [], f"{label.replace('&', '')} theme")
            action.setCheckable(True)
            action.setData(name)
            self.theme_group.addAction(action)
            self.themes[name] = action  # type: ignore[index]

        self.mode_group = QActionGroup(self._window)
        self.mode_articles = self._action("&Articles", ["Ctrl+1"], "Rank whole articles")
        self.mode_passages = self._action("&Passages", ["Ctrl+2"], "Rank single paragraphs")
        self.sort_group = QActionGroup(self._window)
        self.sort_relevance = self._action("By &Relevance", [], "Best matches first")
        self.sort_date = self._action("By &Date", [], "Newest first")
        for group, actions in (
            (self.mode_group, (self.mode_articles, self.mode_passages)),
            (self.sort_group, (self.sort_relevance, self.sort_date)),
        ):
            for action in actions:
                action.setCheckable(True)
                group.addAction(action)
        self.show_view("articles", "relevance")

    def _build_menus(self, results_dock: QDockWidget) -> None:
        bar = self._window.menuBar()
        menus = self.menus
        for menu_id, label in (
            ("file", "&File"),
            ("edit", "&Edit"),
            ("view", "&View"),
            ("go", "&Go"),
            ("help", "&Help"),
        ):
            menus[menu_id] = bar.addMenu(label)  # type: ignore[index]
        self._fill(
            menus["file"],
            self.open_original,
            self.show_in_folder,
            None,
            self.refresh,
            None,
            self.quit,
        )
        self._fill(
            menus["edit"],
            *(self.copy, self.copy_citation, None),
            *(self.find, self.find_next, self.find_previous, None),
            self.focus_search,
        )
        view = menus["view"]
        self._fill(view, self.zoom_in, self.zoom_out, self.zoom_reset, None)
        self._fill(view.addMenu("&Theme"), *self.themes.values())
        results = view.addMenu("&Results")
        self._fill(results, self.mode_articles, self.mode_passages, None)
        self._fill(results, self.sort_relevance, self.sort_date)
        self._fill(view, None, results_dock.toggleViewAction())
        self._fill(menus["go"], self.back, self.forward, None, self.contents, self.related)
        self._fill(menus["help"], self.help, None, self.about, self.about_qt)

    @staticmethod
    def _fill(menu: QMenu, *actions: QAction | None) -> None:
        """Add the actions in order; None is a separator."""
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

    def _build_toolbar(self, search_bar: QWidget) -> QToolBar:
        toolbar = QToolBar("Navigation", self._window)
        toolbar.setObjectName("main_toolbar")
        toolbar.setAccessibleName("Navigation toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.back)
        toolbar.addAction(self.forward)
        toolbar.addSeparator()
        toolbar.addWidget(search_bar)
        toolbar.addSeparator()
        toolbar.addAction(self.find)
        self._window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        for action in (self.back, self.forward, self.find):
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        return toolbar

    def show_view(self, mode: SearchMode, sort: SortOrder) -> None:
        """Check the View ▸ Results entries of what the results show."""
        (self.mode_passages if mode == "passages" else self.mode_articles).setChecked(True)
        (self.sort_date if sort == "date" else self.sort_relevance).setChecked(True)

    def enable_article_commands(self, enabled: bool) -> None:
        """Find, copy with citation, "more like this" and the article's file need an open
        article."""
        for action in (
            self.find,
            self.find_next,
            self.find_previous,
            self.copy_citation,
            self.related,
            self.open_original,
            self.show_in_folder,
            self.export_pdf,
            self.contents,
        ):
            action.setEnabled(enabled)
