"""Go ▸ Backlinks: the article's bookmarks and notes and the articles sharing its entities in
one place; View ▸ Link First Mention Only, remembered."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from desktop.core.bookmarks import find_quote
from desktop.core.library import Library
from desktop.ui.main_window import MainWindow
from desktop.view.backlinks import BACKLINKS_ANCHOR, first_mentions
from desktop.view.entity_data import article_entity_links
from tests.ui.helpers import WAIT_MS, wait_for_article


def _entity_links(window: MainWindow) -> int:
    return window.reader.toHtml().count("innoatlas:entity/")


def _busiest(library: Library) -> str:
    """The article that names some entity most often again within a section."""
    best, most = "", 0
    for summary in library.articles():
        spans = article_entity_links(library, summary.id).spans
        blocks = library.article(summary.id).blocks
        every = sum(map(len, spans.values()))
        repeats = every - sum(map(len, first_mentions(blocks, spans).values()))
        if repeats > most:
            best, most = summary.id, repeats
    assert best, "no article repeats an entity in a section"
    return best


def test_backlinks_list_the_bookmarks_and_notes_and_the_shared_articles(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    backlinks = window.tools.backlinks
    assert backlinks.action_backlinks in window.commands.menus["go"].actions()
    article_id = _busiest(library)
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    article = library.article(article_id)
    quote = article.passages[0].text[:30]
    assert window.bookmarks.add(article, find_quote(article, quote), note="check this") is not None  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "check this" in window.reader.toPlainText(), timeout=WAIT_MS)
    text = window.reader.toPlainText()
    assert "Backlinks" in text and "Your bookmarks and notes" in text
    content = window.reader.content
    assert content is not None and content.notes[0].note == "check this"
    assert "#b-" in window.reader.toHtml()  # the bookmark links to its paragraph
    window.reader.verticalScrollBar().setValue(0)
    backlinks.action_backlinks.trigger()
    assert (
        window.reader.verticalScrollBar().value() > 0
        or not window.reader.verticalScrollBar().maximum()
    )
    assert BACKLINKS_ANCHOR in window.reader.toHtml()


def test_link_first_mention_only_is_a_remembered_view_toggle(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> None:
    window = make_window(library)
    toggle = window.tools.backlinks.action_first_mentions
    assert toggle in window.commands.menus["view"].actions() and not toggle.isChecked()
    article_id = _busiest(library)
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    qtbot.waitUntil(lambda: _entity_links(window) > 0, timeout=WAIT_MS)
    every = _entity_links(window)
    toggle.trigger()
    fewer = _entity_links(window)
    assert 0 < fewer < every
    window.close()
    again = make_window(library)
    assert again.tools.backlinks.action_first_mentions.isChecked()
