from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextDocument
from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.core.model import Article, ArticleDate, Block
from desktop.ui.widgets.reader import ReaderView
from desktop.view.reader_html import ReaderContent, article_url, prepare_content


def _reader(qtbot: QtBot) -> ReaderView:
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(600, 400)
    reader.show()
    qtbot.waitExposed(reader)
    return reader


def _best_article(library: Library, query: str) -> ReaderContent:
    result = library.search(query)
    article = library.article(result.hits[0].article_id)
    return prepare_content(library, article, result.terms, None)


def test_query_words_are_highlighted_and_the_best_passage_is_in_view(
    qtbot: QtBot, library: Library
) -> None:
    reader = _reader(qtbot)
    content = _best_article(library, "singapore")
    reader.show_content(content)
    words = reader.highlighted_words()
    assert words
    assert {w.lower() for w in words} == {"singapore"}
    assert content.target_block is not None
    assert reader.verticalScrollBar().value() > 0


def test_resources_are_never_loaded_and_markup_stays_text(qtbot: QtBot) -> None:
    reader = _reader(qtbot)
    evil = Article(
        "e",
        "<b>not bold</b>",
        "e.txt",
        (
            Block(
                "p", "paragraph", '<img src="file:///etc/hostname"> <a href="https://x.org">x</a>'
            ),
        ),
    )
    reader.show_content(ReaderContent(evil))
    assert (
        reader.loadResource(
            int(QTextDocument.ResourceType.ImageResource), QUrl("file:///etc/hostname")
        )
        is None
    )
    text = reader.toPlainText()
    assert "<b>not bold</b>" in text
    assert '<img src="file:///etc/hostname">' in text
    html = reader.toHtml()
    assert "<img" not in html


def test_links_open_only_on_click_and_internal_links_are_signals(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = _reader(qtbot)
    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    article = Article("a", "T", "a.txt", (Block("p", "paragraph", "see https://example.org/x."),))
    reader.show_content(ReaderContent(article))
    assert opened == []
    reader.anchorClicked.emit(QUrl("https://example.org/x"))
    assert [u.toString() for u in opened] == ["https://example.org/x"]
    with qtbot.waitSignal(reader.sig_article_requested) as blocker:
        reader.anchorClicked.emit(QUrl(article_url("other")))
    assert blocker.args == ["other"]
    reader.anchorClicked.emit(QUrl("file:///etc/hostname"))
    assert len(opened) == 1
    assert reader.article == article


def test_find_counts_matches_and_wraps(qtbot: QtBot, library: Library) -> None:
    reader = _reader(qtbot)
    reader.show_content(_best_article(library, "singapore"))
    expected = reader.toPlainText().lower().count("singapore")
    seen: list[tuple[int, int]] = []
    reader.sig_find_changed.connect(lambda i, n: seen.append((i, n)))
    assert reader.find_text("Singapore") == expected
    reader.find_step(1)
    reader.find_step(-1)
    reader.find_step(-1)
    assert seen == [(1, expected), (2, expected), (1, expected), (expected, expected)]
    assert reader.find_text("zzzz-not-there") == 0
    assert seen[-1] == (0, 0)


def test_zoom_changes_the_text_size_within_limits(qtbot: QtBot) -> None:
    reader = _reader(qtbot)
    size = reader.font().pointSizeF()
    reader.zoom_in_step()
    assert reader.zoom_level == 1
    assert reader.font().pointSizeF() > size
    for _ in range(50):
        reader.zoom_out_step()
    assert reader.zoom_level < 0
    reader.reset_zoom()
    assert reader.font().pointSizeF() == pytest.approx(size)


def test_copy_passage_with_citation(qtbot: QtBot) -> None:
    reader = _reader(qtbot)
    article = Article(
        "a",
        "Parks",
        "/x/a.txt",
        (Block("h", "heading", "Heading"), Block("p", "paragraph", "The first passage.")),
        date=ArticleDate(2022, 1),
    )
    reader.show_content(ReaderContent(article))
    cursor = reader.document().find("first passage")
    cursor.clearSelection()
    reader.setTextCursor(cursor)
    text = reader.copy_passage_with_citation()
    assert text == "“The first passage.”\n— Parks, January 2022, a.txt"
    assert QGuiApplication.clipboard().text() == text
