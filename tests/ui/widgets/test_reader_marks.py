from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from desktop.core.bookmarks import AnchorStatus, anchor_at
from desktop.core.model import Article, Block
from desktop.ui.widgets.reader import ReaderView
from desktop.ui.widgets.reader_marks import (
    BOOKMARK_PROPERTY,
    PassageRange,
    paint_bookmarks,
    painted_bookmarks,
    select_bookmark,
    selection_range,
)
from desktop.view.reader_html import ReaderContent
from tests.ui.models.test_bookmarks_model import bookmark

ARTICLE = Article(
    "a1",
    "Parks & <People>",
    "seeds/a.txt",
    (
        Block("p-1", "paragraph", "The Science Park <will> collaborate with Singapore."),
        Block("h-1", "heading", "Key Areas"),
        Block("p-2", "paragraph", "Artificial intelligence, big data & https://example.org."),
    ),
)


def _reader(qtbot: QtBot) -> ReaderView:
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(600, 400)
    reader.show_content(ReaderContent(ARTICLE))
    reader.show()
    qtbot.waitExposed(reader)
    return reader


def _select(reader: ReaderView, start_text: str, end_text: str) -> None:
    start = reader.document().find(start_text)
    end = reader.document().find(end_text)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start.selectionStart())
    cursor.setPosition(end.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)


def test_a_selection_is_a_range_of_its_passage_text(qtbot: QtBot) -> None:
    reader = _reader(qtbot)
    _select(reader, "<will>", "collaborate")
    found = selection_range(reader)
    assert found == PassageRange("p-1", 17, 35)
    anchor = anchor_at(ARTICLE, found.passage_id, found.start, found.end)
    assert anchor.quote == "<will> collaborate"


def test_a_selection_across_paragraphs_keeps_the_first_one(qtbot: QtBot) -> None:
    reader = _reader(qtbot)
    _select(reader, "Singapore", "big data")
    assert selection_range(reader) == PassageRange("p-1", 41, 51)
    _select(reader, "Areas", "Artificial")  # starts in a heading: the paragraph after it
    assert selection_range(reader) == PassageRange("p-2", 0, 10)
    _select(reader, "Key", "Areas")  # a heading alone is not a passage
    assert selection_range(reader) is None


def test_no_selection_means_the_paragraph_at_the_point_or_caret(qtbot: QtBot) -> None:
    reader = _reader(qtbot)
    cursor = reader.document().find("big data")
    point = QPoint(reader.cursorRect(cursor).center())
    text = ARTICLE.blocks[2].text
    assert selection_range(reader, point) == PassageRange("p-2", 0, len(text))
    caret = QTextCursor(cursor)
    caret.clearSelection()
    reader.setTextCursor(caret)
    assert selection_range(reader) == PassageRange("p-2", 0, len(text))
    reader.setTextCursor(QTextCursor(reader.document()))  # on the title: the first in view
    assert selection_range(reader) == PassageRange("p-1", 0, len(ARTICLE.blocks[0].text))
    reader.show_start()
    assert selection_range(reader) is None


def test_bookmarks_are_painted_after_each_render_and_orphans_are_not(qtbot: QtBot) -> None:
    reader = _reader(qtbot)
    marks = [
        dataclasses.replace(bookmark(1), passage_id="p-2", start=0, end=10, colour="#1a237e"),
        dataclasses.replace(bookmark(2), passage_id="p-1", status=AnchorStatus.ORPHANED),
        dataclasses.replace(bookmark(3), passage_id="p-1", start=0, end=999),
        dataclasses.replace(bookmark(4), article_id="other", passage_id="p-1", start=0, end=3),
    ]
    reader.sig_rendered.connect(lambda: paint_bookmarks(reader, marks))
    reader.show_content(ReaderContent(ARTICLE))
    assert painted_bookmarks(reader) == {"id1": "Artificial"}
    start = reader.document().find("Artificial").selectionStart()
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start + 1)
    assert cursor.charFormat().background().color().name() == "#1a237e"
    assert cursor.charFormat().foreground().color().name() == "#fafafa"
    assert cursor.charFormat().property(BOOKMARK_PROPERTY) == "id1"
    reader.set_zoom(2)  # other changes keep the marks
    assert painted_bookmarks(reader) == {"id1": "Artificial"}

    assert select_bookmark(reader, marks[0])
    assert reader.textCursor().selectedText() == "Artificial"
    assert not select_bookmark(reader, marks[1])
