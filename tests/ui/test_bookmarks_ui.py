"""End-to-end bookmark tests: the real window, the real store in the test's data folder, and a
copy of the bundled library (so a test may edit an article's file)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.core.bookmarks import (
    DEFAULT_COLOUR,
    AnchorStatus,
    Bookmark,
    BookmarkStore,
    find_quote,
)
from desktop.core.library import Library
from desktop.core.model import Article
from desktop.locations import bundled_sources
from desktop.ui.main_window import MainWindow
from desktop.ui.models.bookmarks_model import QUOTE, STATUS
from desktop.ui.widgets.reader_marks import BOOKMARK_PROPERTY, painted_bookmarks
from tests.ui.helpers import WAIT_MS, wait_for_article

QUOTE_TEXT = "artificial intelligence, big data, cybersecurity"


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    """A copy of the bundled library that a test may edit."""
    folder = tmp_path / "seeds"
    shutil.copytree(bundled_sources()[0], folder)
    return [folder]


def _open(qtbot: QtBot, window: MainWindow, library: Library, article_id: str) -> Article:
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    article = window.reader.article
    assert article is not None
    return article


def _article_with(library: Library, text: str) -> Article:
    for summary in library.articles():
        article = library.article(summary.id)
        if any(text in p.text for p in article.passages):
            return article
    raise AssertionError(f"no article says {text!r}")


def _started(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> MainWindow:
    window = make_window(library)
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)
    return window


def _select(window: MainWindow, text: str) -> QTextCursor:
    cursor = window.reader.document().find(text)
    assert not cursor.isNull()
    window.reader.setTextCursor(cursor)
    return cursor


def _add(window: MainWindow, article: Article, quote: str, **values: object) -> Bookmark:
    bookmark = window.bookmarks.add(article, find_quote(article, quote), **values)  # type: ignore[arg-type]
    assert bookmark is not None
    return bookmark


def test_select_ctrl_d_note_then_in_the_dock_highlighted_and_there_after_a_restart(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> None:
    window = _started(qtbot, make_window, library)
    article = _open(qtbot, window, library, _article_with(library, QUOTE_TEXT).id)
    _select(window, QUOTE_TEXT)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = window.bookmarks.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.quote_label.accessibleDescription() == QUOTE_TEXT
    qtbot.keyClicks(dialog.note_edit, "The <focus> areas")
    qtbot.keyClicks(dialog.tags_edit, "AI, big data")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert window.bookmarks.dialog is None

    model = window.bookmarks.panel.model
    assert model.rowCount() == 1
    saved = model.bookmarks[0]
    assert (saved.article_id, saved.quote, saved.note, saved.tags, saved.colour) == (
        article.id,
        QUOTE_TEXT,
        "The <focus> areas",
        ("AI", "big data"),
        DEFAULT_COLOUR,
    )
    assert model.index(0, QUOTE).data() == QUOTE_TEXT
    assert window.bookmarks.panel.shown_bookmarks() == [saved]
    assert "Bookmarked in" in window.status_label.text()

    # The reader paints exactly the selected range in the bookmark's colour.
    assert painted_bookmarks(window.reader) == {saved.id: QUOTE_TEXT}
    selection = window.reader.document().find(QUOTE_TEXT)  # the reader was re-rendered
    inside = QTextCursor(window.reader.document())
    inside.setPosition(selection.selectionStart() + 1)
    fmt = inside.charFormat()
    assert fmt.background().color().name() == DEFAULT_COLOUR
    assert fmt.property(BOOKMARK_PROPERTY) == saved.id
    before = QTextCursor(window.reader.document())
    before.setPosition(selection.selectionStart() - 1)
    assert before.charFormat().property(BOOKMARK_PROPERTY) is None

    # Restart: a new window on the same data folder shows it again, in the dock and the reader.
    window.close()
    again = _started(qtbot, make_window, library)
    assert again.bookmarks.panel.model.bookmarks == [saved]
    _open(qtbot, again, library, article.id)
    assert painted_bookmarks(again.reader) == {saved.id: QUOTE_TEXT}


def test_context_menu_bookmarks_the_paragraph_under_the_mouse(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> None:
    window = _started(qtbot, make_window, library)
    article = _open(qtbot, window, library, library.articles()[0].id)
    passage = article.passages[0]
    cursor = window.reader.document().find(passage.text[:30])
    point = QPoint(window.reader.cursorRect(cursor).center())
    window.reader.sig_bookmark_requested.emit(point)
    dialog = window.bookmarks.dialog
    assert dialog is not None
    assert dialog.quote_label.accessibleDescription() == passage.text
    dialog.set_colour("#a5d6a7")
    dialog.accept()
    (saved,) = window.bookmarks.panel.model.bookmarks
    assert (saved.passage_id, saved.start, saved.end) == (passage.id, 0, len(passage.text))
    assert painted_bookmarks(window.reader) == {saved.id: passage.text}


def test_delete_then_ctrl_z_restores_and_edit_is_undoable(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> None:
    window = _started(qtbot, make_window, library)
    article = _open(qtbot, window, library, _article_with(library, QUOTE_TEXT).id)
    saved = _add(window, article, QUOTE_TEXT, note="first")
    panel = window.bookmarks.panel
    store = window.bookmarks.store
    assert store is not None
    assert panel.select_bookmark(saved.id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.model.rowCount() == 0
    assert store.list() == []
    assert painted_bookmarks(window.reader) == {}

    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.list() == [saved]
    assert panel.model.bookmarks == [saved]
    assert painted_bookmarks(window.reader) == {saved.id: QUOTE_TEXT}

    assert panel.select_bookmark(saved.id)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = window.bookmarks.dialog
    assert dialog is not None and dialog.note() == "first"
    dialog.note_edit.setPlainText("second")
    dialog.tags_edit.setText("fintech")
    dialog.accept()
    assert (store.get(saved.id).note, store.get(saved.id).tags) == ("second", ("fintech",))
    assert panel.model.bookmarks[0].note == "second"
    window.bookmarks.action_undo.trigger()
    assert (store.get(saved.id).note, store.get(saved.id).tags) == ("first", ())
    window.bookmarks.action_redo.trigger()
    assert store.get(saved.id).note == "second"

    # Ctrl+Z also works while reading (the reader is read-only: it has no undo of its own).
    assert panel.select_bookmark(saved.id)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert store.list() == []
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [b.id for b in store.list()] == [saved.id]


def test_open_from_the_dock_scrolls_to_and_selects_the_passage(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> None:
    window = _started(qtbot, make_window, library)
    article = _open(qtbot, window, library, library.articles()[0].id)
    last = article.passages[-1]
    saved = _add(window, article, last.text[:40], note="end")
    other = next(s.id for s in library.articles() if s.id != article.id)
    _open(qtbot, window, library, other)
    panel = window.bookmarks.panel
    assert panel.select_bookmark(saved.id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    wait_for_article(qtbot, window, article.id)
    qtbot.waitUntil(
        lambda: window.reader.textCursor().selectedText() == saved.quote, timeout=WAIT_MS
    )
    assert window.reader.content is not None
    assert window.reader.content.target_block == last.id
    assert window.reader.verticalScrollBar().value() > 0
    assert painted_bookmarks(window.reader) == {saved.id: saved.quote}


def test_export_markdown_has_the_citation_and_json_imports_back(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library, tmp_path: Path
) -> None:
    window = _started(qtbot, make_window, library)
    dated = next(s for s in library.articles() if s.date is not None and s.date.day)
    article = _open(qtbot, window, library, dated.id)
    quote = article.passages[0].text[:60]
    saved = _add(window, article, quote, note="Why it matters", tags=["AI"])

    markdown = tmp_path / "bookmarks.md"
    assert window.bookmarks.export_to(markdown) == 1
    text = markdown.read_text(encoding="utf-8")
    assert article.date is not None
    citation = f"> — *{article.title}*, {article.date.iso()}, {Path(article.source).name}"
    assert f"> {quote}\n>\n{citation}\n" in text
    assert "Why it matters" in text and "`AI`" in text
    assert "Exported 1 bookmark(s)" in window.status_label.text()

    exported = tmp_path / "bookmarks.json"
    window.bookmarks.export_to(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["bookmarks"][0]["id"] == saved.id
    csv_file = tmp_path / "bookmarks.csv"
    window.bookmarks.export_to(csv_file)
    assert csv_file.read_text(encoding="utf-8").startswith("id,article_id,")

    report = window.bookmarks.import_from(exported)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    assert "Imported 0 new bookmark(s); 0 updated, 1 already here." in window.status_label.text()
    store = window.bookmarks.store
    assert store is not None
    store.delete(saved.id)
    window.bookmarks.refresh()
    report = window.bookmarks.import_from(exported)
    assert report.added == 1
    assert [b.id for b in window.bookmarks.panel.model.bookmarks] == [saved.id]
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)


@pytest.mark.parametrize(
    "through_the_window",
    [False, True],
    ids=["refresh", "window-refresh"],
)
def test_an_orphaned_bookmark_shows_as_orphaned_with_its_quote(
    qtbot: QtBot,
    make_window: Callable[[Library], MainWindow],
    library: Library,
    sources: list[Path],
    through_the_window: bool,
) -> None:
    window = _started(qtbot, make_window, library)
    article = _open(qtbot, window, library, _article_with(library, QUOTE_TEXT).id)
    kept_quote = article.passages[0].text[:40]
    doomed = _add(window, article, QUOTE_TEXT, note="will be lost")
    kept = _add(window, article, kept_quote)

    # The article's file loses the bookmarked words; refresh the library from the window.
    source = Path(article.source)
    assert source.is_relative_to(sources[0])
    source.write_text(
        source.read_text(encoding="utf-8").replace(QUOTE_TEXT, "several other things"),
        encoding="utf-8",
    )
    if through_the_window:
        window.indexing.start()
        qtbot.waitUntil(lambda: window.indexing.job is None, timeout=60_000)
    else:
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)
        assert library.refresh().updated == 1
        window.bookmarks.reanchor_all()
    model = window.bookmarks.panel.model

    def status_of(bookmark_id: str) -> AnchorStatus:
        row = model.row_of(bookmark_id)
        assert row is not None
        return model.bookmarks[row].status

    qtbot.waitUntil(lambda: status_of(doomed.id) is AnchorStatus.ORPHANED, timeout=WAIT_MS)
    assert status_of(kept.id) is AnchorStatus.ATTACHED
    row = model.row_of(doomed.id)
    assert row is not None
    assert model.index(row, STATUS).data() == "Orphaned"
    assert model.index(row, QUOTE).data() == QUOTE_TEXT
    assert model.index(row, QUOTE).data(Qt.ItemDataRole.FontRole).italic()
    assert "no longer found" in model.index(row, STATUS).data(Qt.ItemDataRole.ToolTipRole)
    # The count stays in the status bar (a sentence there is soon replaced by a search's).
    orphans = window.bookmarks.orphans_button
    qtbot.waitUntil(orphans.isVisible, timeout=WAIT_MS)
    assert orphans.text() == "1 orphaned bookmark"
    window.bookmarks.panel.set_filter(text="kept only")
    qtbot.mouseClick(orphans, Qt.MouseButton.LeftButton)
    assert window.bookmarks.dock.isVisible()
    assert doomed.id in {b.id for b in window.bookmarks.panel.shown_bookmarks()}

    # Opening it goes to the article and says it is orphaned; nothing else is painted for it.
    window.bookmarks.open_bookmark(model.bookmarks[row])
    qtbot.waitUntil(lambda: "orphaned" in window.status_label.text(), timeout=WAIT_MS)
    assert window.status_label.textFormat() == Qt.TextFormat.PlainText
    wait_for_article(qtbot, window, article.id)
    qtbot.waitUntil(lambda: window.reader.article is not article, timeout=WAIT_MS)
    painted = painted_bookmarks(window.reader)
    assert doomed.id not in painted and painted.get(kept.id) == kept_quote
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)


def test_a_damaged_store_is_restored_and_the_user_told_once(
    qtbot: QtBot,
    make_window: Callable[[Library], MainWindow],
    library: Library,
    data_dir: Path,
) -> None:
    article = _article_with(library, QUOTE_TEXT)
    with BookmarkStore(data_dir) as store:
        kept = store.add(article, find_quote(article, QUOTE_TEXT))
    with BookmarkStore(data_dir):
        pass  # a second open takes no new backup of the same content
    (data_dir / "bookmarks.sqlite3").write_bytes(b"this is not a database" * 100)
    for companion in ("bookmarks.sqlite3-wal", "bookmarks.sqlite3-shm"):
        (data_dir / companion).unlink(missing_ok=True)

    window = _started(qtbot, make_window, library)
    ui = window.bookmarks
    assert ui.notice is not None and "restored from the backup" in ui.notice
    qtbot.waitUntil(lambda: ui.notice_box is not None, timeout=WAIT_MS)
    box = ui.notice_box
    assert box is not None and box.isVisible() and "damaged" in box.text()
    ui.show_notice()
    assert ui.notice_box is box
    assert [b.id for b in ui.panel.model.bookmarks] == [kept.id]
    box.close()


def test_bookmarking_keeps_the_article_as_it_was_rendered(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> None:
    window = _started(qtbot, make_window, library)
    _open(qtbot, window, library, _article_with(library, QUOTE_TEXT).id)

    def article_part() -> tuple[str, int]:
        """The page up to its backlinks (which list the new bookmark), and its links."""
        page, markup = window.reader.toPlainText(), window.reader.toHtml()
        return page.split("\nBacklinks\n")[0].rstrip(), markup.count("href=") - markup.count(
            'href="#b-'
        )

    text, links = article_part()
    assert "More like this" in text
    _select(window, QUOTE_TEXT)
    window.bookmarks.action_bookmark.trigger()  # Ctrl+D
    dialog = window.bookmarks.dialog
    assert dialog is not None
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    (saved,) = window.bookmarks.panel.model.bookmarks
    assert painted_bookmarks(window.reader) == {saved.id: QUOTE_TEXT}
    assert article_part() == (text, links)  # "More like this", no stray characters, entity links
    assert f"Your bookmarks and notes\n“{QUOTE_TEXT}”" in window.reader.toPlainText()
