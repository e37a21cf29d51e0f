"""Notes in the window: a word only in a bookmark's note finds its article in the results,
shown with the note, and opens at the bookmark's passage; the File menu exports notes and
imports highlights with a report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import add_features, notes_exchange_of
from desktop.core.bookmarks import find_quote
from desktop.core.library import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.models.results_model import SnippetHtmlRole
from tests.core.conftest import TINY, write_articles
from tests.ui.helpers import WAIT_MS, wait_for_article, wait_for_query

SAMPLES = Path(__file__).parents[1] / "data" / "highlights"


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    return [write_articles(tmp_path / "articles", TINY)]


@pytest.fixture
def window(
    make_window: Callable[[Library], MainWindow], library: Library, qtbot: QtBot
) -> MainWindow:
    win = make_window(library)
    add_features(win)
    qtbot.waitUntil(lambda: not win.tasks.busy, timeout=WAIT_MS)
    return win


def test_a_word_only_in_a_note_finds_the_article_in_the_window(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    store = window.bookmarks.store
    assert store is not None
    fund = next(s.id for s in library.articles() if s.title == "Fintech Fund Opens")
    article = library.article(fund)
    bookmark = store.add(
        article, find_quote(article, "HK$10 million"), note="ask the zeppelin desk"
    )
    window.submit_search("zeppelin")
    wait_for_query(qtbot, window, "zeppelin")
    result = window.last_result
    assert result is not None and [h.title for h in result.hits] == ["Fintech Fund Opens"]
    model = window.results.view.model()
    html = str(model.data(model.index(0, 0), SnippetHtmlRole))
    assert html.startswith("<i>Your note:</i>") and "<b>zeppelin</b>" in html
    window.results.sig_open_requested.emit(result.hits[0])
    wait_for_article(qtbot, window, fund)
    assert window.history.current is not None
    assert window.history.current.passage_id == bookmark.passage_id


def test_the_file_menu_imports_highlights_with_a_report(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    notes = notes_exchange_of(window)
    assert notes is not None
    names = [a.objectName() for a in window.commands.menus["file"].actions()]
    assert {"export_obsidian", "export_csl", "import_highlights"} <= set(names)
    notes.import_from(SAMPLES / "My Clippings.txt")
    qtbot.waitUntil(lambda: notes.last_report is not None, timeout=WAIT_MS)
    assert notes.last_report is not None and len(notes.last_report.matched) == 2
    assert "2 highlight(s) matched, 1 orphaned." in window.status_label.text()
    assert notes.report_box is not None and "The Art of War" in notes.report_box.detailedText()
    notes.report_box.close()
    store = window.bookmarks.store
    assert store is not None and len(store.list()) == 2
    qtbot.waitUntil(lambda: len(window.bookmarks.panel.model.bookmarks) == 2, timeout=WAIT_MS)

    hostile = tmp_path / "bad.json"
    hostile.write_text('[{"itemType": "annotation", "annotationText": 5}]', encoding="utf-8")
    notes.import_from(hostile)
    qtbot.waitUntil(lambda: "could not be imported" in window.status_label.text(), timeout=WAIT_MS)
    assert len(store.list()) == 2

    vault = tmp_path / "vault"
    notes.export_obsidian_to(vault)
    qtbot.waitUntil(lambda: (vault / "Fintech Fund Opens.md").exists(), timeout=WAIT_MS)
    notes.export_csl_to(tmp_path / "notes.json")
    assert "innoatlas://" in (tmp_path / "notes.json").read_text(encoding="utf-8")
