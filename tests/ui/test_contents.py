"""Go ▸ Contents: the article's sections, the one being read checked, a click goes there."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.core.model import Article
from desktop.ui.contents import current_heading
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import WAIT_MS, wait_for_article


def _with_sections(library: Library) -> Article:
    articles = (library.article(s.id) for s in library.articles())
    return max(articles, key=lambda a: sum(b.kind == "heading" for b in a.blocks))


def test_contents_lists_the_sections_and_goes_to_one(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    article = _with_sections(library)
    headings = [b for b in article.blocks if b.kind == "heading"]
    window.open_article(article.id)
    wait_for_article(qtbot, window, article.id)
    qtbot.waitUntil(window.commands.contents.isEnabled, timeout=WAIT_MS)
    menu = window.contents.build()
    assert menu is not None
    actions = menu.actions()
    assert [a.text() for a in actions] == [h.text for h in headings]
    assert not any(a.isChecked() for a in actions)  # the top: above the first heading
    actions[-1].trigger()
    qtbot.waitUntil(lambda: window.reader.verticalScrollBar().value() > 0, timeout=WAIT_MS)
    menu = window.contents.build()
    assert menu is not None
    checked = [a.text() for a in menu.actions() if a.isChecked()]
    assert checked and checked[0] in {h.text for h in headings[-2:]}


def test_the_section_of_a_block_is_the_heading_above_it(library: Library) -> None:
    article = _with_sections(library)
    first_heading = next(b for b in article.blocks if b.kind == "heading")
    after = article.blocks[article.blocks.index(first_heading) + 1]
    assert current_heading(article, after.id) == first_heading.id
    assert current_heading(article, article.blocks[0].id) is None
