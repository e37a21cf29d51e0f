"""End-to-end GUI tests: the real window over the real bundled library."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.core.model import SearchResult
from desktop.core.spec import LibrarySpec
from desktop.ui.main_window import EXAMPLE_QUERIES, MainWindow
from desktop.ui.settings import Settings
from desktop.ui.theme import DARK_READER, is_dark
from tests.ui.helpers import WAIT_MS, wait_for_article, wait_for_query


def _type_and_search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    window.search_bar.edit.clear()
    qtbot.keyClicks(window.search_bar.edit, query)
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    wait_for_query(qtbot, window, query)


def _open_first(qtbot: QtBot, window: MainWindow) -> str:
    """Down from the search box, Enter on the first result; returns its article id."""
    window.search_bar.edit.setFocus()
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Down)
    assert window.results.view.hasFocus() or QApplication.focusWidget() is window.results.view
    hit = window.results.current_hit()
    assert hit is not None
    qtbot.keyClick(window.results.view, Qt.Key.Key_Return)
    wait_for_article(qtbot, window, hit.article_id)
    return hit.article_id


def test_window_opens_on_the_library_with_menus(window: MainWindow) -> None:
    assert window.results.model.rowCount() == 5
    assert window.results.count_label.text() == "5 articles in the library"
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Go", "Help"]
    menus = window.commands.menus
    assert list(menus) == ["file", "edit", "view", "go", "help"]
    assert [m.menuAction() for m in menus.values()] == window.menuBar().actions()
    assert window.windowTitle() == "InnoAtlas"
    assert not window.commands.back.isEnabled()
    for widget in (
        window.search_bar.edit,
        window.results.view,
        window.reader,
        window.find_bar.edit,
    ):
        assert widget.accessibleName()


def test_typing_shows_results_without_blocking(qtbot: QtBot, window: MainWindow) -> None:
    ticks: list[int] = []
    timer_id = window.startTimer(5)
    original = window.timerEvent
    window.timerEvent = lambda e: ticks.append(e.timerId())  # type: ignore[method-assign]
    try:
        qtbot.keyClicks(window.search_bar.edit, "singapore")
        wait_for_query(qtbot, window, "singapore")
    finally:
        window.killTimer(timer_id)
        window.timerEvent = original  # type: ignore[method-assign]
    assert ticks, "the event loop kept running while searching"
    assert window.results.model.rowCount() > 0
    assert window.last_result is not None and window.last_result.total > 0
    assert window.results.count_label.text() == f"{window.last_result.total} articles"


def test_typing_shows_the_best_hits_then_counts_and_facets(
    qtbot: QtBot, window: MainWindow
) -> None:
    shown: list[SearchResult] = []
    original = window.results.show_result

    def record(result: SearchResult, *, browsing: bool = False) -> None:
        shown.append(result)
        original(result, browsing=browsing)

    window.results.show_result = record  # type: ignore[method-assign]
    qtbot.keyClicks(window.search_bar.edit, "science pa")
    qtbot.waitUntil(lambda: bool(shown) and shown[-1].counted, timeout=WAIT_MS)
    quick, counted = shown[-2], shown[-1]
    assert quick.query == counted.query == "science pa"
    assert not quick.counted and quick.facets == () and quick.hits
    assert counted.facets and counted.total >= len(counted.hits)
    assert [h.article_id for h in quick.hits] == [h.article_id for h in counted.hits]
    assert window.results.facets.isVisible() or not counted.facets
    assert "best matches" not in window.status_label.text()


def test_stale_results_never_overwrite_fresh_ones(qtbot: QtBot, window: MainWindow) -> None:
    window.run_search("hkstp", as_you_type=True)
    window.run_search("singapore", as_you_type=True)
    last = window.run_search("cyberport OR singapore")
    wait_for_query(qtbot, window, "cyberport OR singapore")
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)
    assert window.tasks.is_current("search", last)
    assert window.last_result is not None and window.last_result.query == "cyberport OR singapore"


def test_open_a_result_highlights_the_query_words(qtbot: QtBot, window: MainWindow) -> None:
    _type_and_search(qtbot, window, "singapore")
    article_id = _open_first(qtbot, window)
    words = window.reader.highlighted_words()
    assert words and {w.lower() for w in words} == {"singapore"}
    assert window.reader.article is not None and window.reader.article.id == article_id
    assert window.windowTitle().endswith("— InnoAtlas")
    assert "highlights" in window.status_label.text()


def test_passage_results_open_at_their_passage(qtbot: QtBot, window: MainWindow) -> None:
    window.commands.mode_passages.trigger()
    assert window.results.passages_button.isChecked()
    _type_and_search(qtbot, window, "collaboration benefits")
    assert window.last_result is not None and window.last_result.mode == "passages"
    hit = window.last_result.hits[0]
    assert hit.passage_id is not None
    _open_first(qtbot, window)
    assert window.reader.content is not None
    assert window.reader.content.target_block == hit.passage_id


def test_back_and_forward_across_searches_and_articles(qtbot: QtBot, window: MainWindow) -> None:
    _type_and_search(qtbot, window, "singapore")
    first = _open_first(qtbot, window)
    _type_and_search(qtbot, window, "cyberport")
    second = _open_first(qtbot, window)
    assert window.commands.back.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # Alt+Left
    wait_for_article(qtbot, window, first)  # "cyberport" was searched while reading `first`
    assert window.search_bar.text == "cyberport"
    window.commands.back.trigger()
    wait_for_query(qtbot, window, "singapore")
    assert window.search_bar.text == "singapore"
    assert window.article_id == first
    window.commands.back.trigger()
    qtbot.waitUntil(lambda: window.article_id is None, timeout=WAIT_MS)
    assert window.commands.forward.isEnabled()

    window.commands.forward.trigger()
    wait_for_article(qtbot, window, first)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.ForwardButton)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.ForwardButton)
    wait_for_article(qtbot, window, second)
    wait_for_query(qtbot, window, "cyberport")
    assert not window.commands.forward.isEnabled()
    qtbot.mouseClick(window.results.view.viewport(), Qt.MouseButton.BackButton)
    wait_for_article(qtbot, window, first)


def test_find_in_article(qtbot: QtBot, window: MainWindow) -> None:
    _type_and_search(qtbot, window, "singapore")
    _open_first(qtbot, window)
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.edit, "Singapore")
    count = window.reader.toPlainText().lower().count("singapore")
    assert count > 2
    assert window.find_bar.status_label.text() == f"1 of {count}"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3)
    assert window.find_bar.status_label.text() == f"2 of {count}"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.find_bar.status_label.text() == f"3 of {count}"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.status_label.text() == f"2 of {count}"
    assert window.reader.textCursor().block().text().lower().count("singapore") >= 1
    qtbot.keyClicks(window.find_bar.edit, "zzz")
    assert window.find_bar.status_label.text() == "No matches"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.reader.extraSelections() == []


def test_theme_switch_recolours_the_window_and_is_remembered(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    _type_and_search(qtbot, window, "singapore")
    _open_first(qtbot, window)
    window.commands.themes["dark"].trigger()
    assert is_dark(QApplication.palette())
    assert settings.theme() == "dark"
    qtbot.waitUntil(lambda: DARK_READER.mark_bg in window.reader.toHtml(), timeout=WAIT_MS)
    assert window.reader.highlighted_words()
    window.commands.themes["light"].trigger()
    assert not is_dark(QApplication.palette())
    assert settings.theme() == "light"
    window.commands.themes["system"].trigger()
    assert settings.theme() == "system"
    assert window.commands.themes["system"].isChecked()


def test_malformed_query_shows_the_notice(qtbot: QtBot, window: MainWindow) -> None:
    for query in ("title:(", '"unbalanced singapore'):
        _type_and_search(qtbot, window, query)
        assert window.last_result is not None and window.last_result.notice
        assert window.results.notice_label.isVisible()
        assert window.results.notice_label.text().endswith(window.last_result.notice)
    _type_and_search(qtbot, window, "singapore")
    assert not window.results.notice_label.isVisible()


def test_did_you_mean_is_a_clickable_line(qtbot: QtBot, window: MainWindow) -> None:
    _type_and_search(qtbot, window, "singapre")
    assert window.last_result is not None and window.last_result.suggestion == "singapore"
    # With no hits the empty page offers it once (the line above the list is for when
    # there are hits as well).
    assert not window.results.suggestion_label.isVisible()
    label = window.results.empty_label
    assert label.isVisible() and "No results for “singapre”" in label.text()
    assert "Did you mean" in label.text() and "singapore" in label.text()
    label.linkActivated.emit("suggestion")
    wait_for_query(qtbot, window, "singapore")
    assert window.search_bar.text == "singapore"
    assert window.results.model.rowCount() > 0


def test_help_zoom_and_focus_shortcuts(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    assert window._help is not None and window._help.isVisible()
    window._help.close()
    qtbot.keyClick(window.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom_level == 1
    assert settings.zoom() == 1
    qtbot.keyClick(window.reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom_level == -1
    qtbot.keyClick(window.reader, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom_level == 0
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_bar.edit


def test_copy_passage_with_citation(qtbot: QtBot, window: MainWindow) -> None:
    _type_and_search(qtbot, window, "singapore")
    _open_first(qtbot, window)
    article = window.reader.article
    assert article is not None
    passage = article.passages[0]
    cursor = window.reader.document().find(passage.text[:30])
    rect = window.reader.cursorRect(cursor)
    text = window.reader.copy_passage_with_citation(QPoint(rect.center()))
    assert text is not None
    assert text.startswith(f"“{passage.text}”\n— {article.title}")
    assert QGuiApplication.clipboard().text() == text


def test_reading_position_and_layout_are_remembered(
    qtbot: QtBot,
    make_window: Callable[[Library], MainWindow],
    library: Library,
    settings: Settings,
) -> None:
    window = make_window(library)
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=WAIT_MS)
    article_id = library.articles()[0].id
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    window.reader.set_scroll_fraction(0.5)
    position = window.reader.scroll_fraction()
    assert position > 0.3
    window.results_dock.hide()
    window.close()
    assert settings.reading_position(article_id) == round(position, 4)
    assert settings.geometry() is not None and settings.window_state() is not None

    again = make_window(library)
    assert not again.results_dock.isVisible()
    again.open_article(article_id)
    wait_for_article(qtbot, again, article_id)
    assert abs(again.reader.scroll_fraction() - position) < 0.02


def test_start_indexes_in_the_background_with_progress(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], spec: LibrarySpec
) -> None:
    library = spec.open()
    try:
        assert library.needs_refresh()
        window = make_window(library)
        qtbot.waitUntil(lambda: window.indexing.job is not None, timeout=WAIT_MS)
        job = window.indexing.job
        assert job is not None
        seen: list[str] = []
        job.sig_progress.connect(lambda *_: seen.append(window.status_label.text()))
        assert window.cancel_button.isVisible() and window.index_progress.isVisible()
        if window.results.model.rowCount() == 0:
            assert "Indexing the library" in window.results.empty_label.text()
        assert "results may be incomplete" in window.status_label.text()
        qtbot.waitUntil(lambda: window.indexing.job is None, timeout=60_000)
        assert all("results may be incomplete" in s for s in seen)
        assert any(s.startswith("Indexing ") and " of 5" in s for s in seen)
        assert not window.cancel_button.isVisible()
        qtbot.waitUntil(
            lambda: window.last_result is not None and window.last_result.total == 5,
            timeout=WAIT_MS,
        )
        assert window.results.model.rowCount() == 5
    finally:
        library.close()


def test_indexing_can_be_cancelled_from_the_status_bar(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], spec: LibrarySpec
) -> None:
    library = spec.open()
    try:
        window = make_window(library)
        qtbot.waitUntil(lambda: window.indexing.job is not None, timeout=WAIT_MS)
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.indexing.job is None, timeout=60_000)
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)
        status = window.status_label.text()
        assert "Indexing cancelled" in status or "Library indexed" in status
        assert window.commands.refresh.isEnabled()
    finally:
        library.close()


def test_no_results_has_a_helpful_empty_state(qtbot: QtBot, window: MainWindow) -> None:
    _type_and_search(qtbot, window, "xyzzyqwv")
    assert window.last_result is not None and window.last_result.total == 0
    label: QLabel = window.results.empty_label
    assert label.isVisible()
    assert "No results for “xyzzyqwv”" in label.text()
    assert "F1" in label.text()


def test_a_click_opens_a_result_and_article_commands_follow(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert not window.commands.find.isEnabled()
    view = window.results.view
    index = window.results.model.index(1, 0)
    hit = window.results.model.hit(1)
    assert hit is not None
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    wait_for_article(qtbot, window, hit.article_id)
    assert window.commands.find.isEnabled() and window.commands.related.isEnabled()
    window.commands.related.trigger()
    assert window.reader.verticalScrollBar().value() > 0


def test_every_focusable_control_has_an_accessible_name_and_tab_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QAbstractScrollArea, QWidget

    unnamed = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            continue  # the scroll area itself carries the name
        if not widget.accessibleName():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert unnamed == []

    window.search_bar.edit.setFocus()
    chain = [window.search_bar.edit]
    for _ in range(5):
        chain.append(chain[-1].nextInFocusChain())
        while chain[-1].focusPolicy() == Qt.FocusPolicy.NoFocus or not chain[-1].isVisible():
            chain[-1] = chain[-1].nextInFocusChain()
    assert chain[1:6] == [
        window.results.view,
        window.results.articles_button,
        window.results.passages_button,
        window.results.sort_combo,
        window.reader,
    ]


def test_about_box(qtbot: QtBot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "about", staticmethod(lambda _p, title, _t: shown.append(title))
    )
    window.commands.about.trigger()
    assert shown == ["About InnoAtlas"]


def test_search_shortcuts_win_over_line_edit_keys(qtbot: QtBot, window: MainWindow) -> None:
    _type_and_search(qtbot, window, "singapore")
    _open_first(qtbot, window)
    window.open_find()
    assert QApplication.focusWidget() is window.find_bar.edit
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_bar.edit
    assert window.search_bar.text == "singapore"  # not deleted to the end of the line
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Escape)
    wait_for_query(qtbot, window, "")
    assert window.results.model.rowCount() == 5


def test_copy_citation_from_the_keyboard_uses_the_passage_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    _type_and_search(qtbot, window, "singapore")
    _open_first(qtbot, window)
    window.reader.setFocus()
    qtbot.keyClick(
        window.reader,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    text = QGuiApplication.clipboard().text()
    article = window.reader.article
    assert article is not None
    assert text.startswith("“") and f"— {article.title}" in text
    quoted = text.split("”\n—")[0].lstrip("“")
    assert quoted in [p.text for p in article.passages]


def test_sort_by_date_and_mode_toggle_from_the_panel(qtbot: QtBot, window: MainWindow) -> None:
    _type_and_search(qtbot, window, "hong kong")
    window.results.sort_combo.setCurrentIndex(1)  # "Newest first"
    qtbot.waitUntil(
        lambda: (
            window.last_result is not None
            and window.search_ui.shown == ("hong kong", "articles", "date")
        ),
        timeout=WAIT_MS,
    )
    assert window.commands.sort_date.isChecked()
    keys = [h.date.sort_key() for h in window.last_result.hits if h.date is not None]
    assert keys == sorted(keys, reverse=True) and len(keys) >= 2
    qtbot.mouseClick(window.results.passages_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.last_result is not None and window.last_result.mode == "passages",
        timeout=WAIT_MS,
    )
    assert window.commands.mode_passages.isChecked()
    assert window.results.count_label.text().endswith("passages")


def test_up_from_the_first_result_returns_to_the_search_box(
    qtbot: QtBot, window: MainWindow
) -> None:
    _type_and_search(qtbot, window, "hong kong")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.results.view
    qtbot.keyClick(window.results.view, Qt.Key.Key_Down)
    assert window.results.view.currentIndex().row() == 1
    qtbot.keyClick(window.results.view, Qt.Key.Key_Up)
    qtbot.keyClick(window.results.view, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is window.search_bar.edit


def test_the_welcome_question_finds_articles_in_article_mode(
    qtbot: QtBot, window: MainWindow
) -> None:
    question = EXAMPLE_QUERIES[-1]
    assert question.endswith("?") and window.mode == "articles"
    qtbot.keyClicks(window.search_bar.edit, question)
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            window.last_result is not None
            and window.last_result.query == question
            and window.last_result.counted
        ),
        timeout=WAIT_MS,
    )
    result = window.last_result
    assert result is not None and result.total > 0
    assert "Singapore" in result.hits[0].title
    assert "No results" not in window.results.count_label.text()


def test_clearing_the_search_clears_its_highlights_from_the_article(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClicks(window.search_bar.edit, "singapore")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    wait_for_query(qtbot, window, "singapore")
    hit = window.results.model.hit(0)
    assert hit is not None
    window.results.sig_open_requested.emit(hit)
    wait_for_article(qtbot, window, hit.article_id)
    qtbot.waitUntil(lambda: bool(window.reader.highlighted_words()), timeout=WAIT_MS)
    window.search_bar.edit.selectAll()
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Backspace)  # as a user deletes it
    qtbot.waitUntil(lambda: not window.reader.highlighted_words(), timeout=WAIT_MS)
    assert window.article_id == hit.article_id  # still reading it


def test_the_results_selection_follows_back_and_forward(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_bar.edit, "hkstp")
    qtbot.keyClick(window.search_bar.edit, Qt.Key.Key_Return)
    wait_for_query(qtbot, window, "hkstp")
    first, second = window.results.model.hit(0), window.results.model.hit(1)
    assert first is not None and second is not None
    for hit in (first, second):
        window.results.sig_open_requested.emit(hit)
        wait_for_article(qtbot, window, hit.article_id)

    def selected() -> str | None:
        hit = window.results.current_hit()
        return hit.article_id if hit else None

    qtbot.waitUntil(lambda: selected() == second.article_id, timeout=WAIT_MS)
    window.commands.back.trigger()
    wait_for_article(qtbot, window, first.article_id)
    qtbot.waitUntil(lambda: selected() == first.article_id, timeout=WAIT_MS)
    window.commands.forward.trigger()
    qtbot.waitUntil(lambda: selected() == second.article_id, timeout=WAIT_MS)
