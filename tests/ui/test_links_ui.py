"""Passage links in the window: copied from the reader, opened at their passage, handed to the
running window by ``python -m desktop open LINK`` over the real single-instance channel, and
re-anchored (or reported orphaned) after the article is edited."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desktop.app import add_features, handle_request, links_of
from desktop.core.bookmarks import AnchorStatus
from desktop.core.library import Library
from desktop.core.links import parse, passage_link
from desktop.ui.links_ui import COPY_TEXT, LinksUi
from desktop.ui.main_window import MainWindow
from desktop.ui.single_instance import SingleInstance
from tests.core.conftest import write_articles
from tests.ui.helpers import WAIT_MS, wait_for_article

FIRST = "The Cyberport Macro Fund opened a new round for fintech startups on Friday."
SECOND = "Companies can apply for up to HK$10 million, the fund said in a statement."
FUND = f"Fintech Fund Opens\nMarch 3, 2023\n{FIRST}\n{SECOND}\n"


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    return [write_articles(tmp_path / "articles", {"fund.txt": FUND})]


@pytest.fixture
def linked(
    make_window: Callable[[Library], MainWindow], library: Library, qtbot: QtBot
) -> Iterator[tuple[MainWindow, LinksUi]]:
    window = make_window(library)
    links = add_features(window)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)
    yield window, links


def _fund(library: Library) -> str:
    return library.articles()[0].id


def _passage(library: Library, text: str) -> str:
    article = library.article(_fund(library))
    return next(p.id for p in article.passages if p.text == text)


def test_copy_link_to_passage_from_the_reader(
    linked: tuple[MainWindow, LinksUi], library: Library, qtbot: QtBot
) -> None:
    window, links = linked
    assert links_of(window) is links
    article_id = _fund(library)
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    reader = window.reader
    cursor = reader.document().find("HK$10 million")
    reader.setTextCursor(cursor)
    menu = QMenu()
    for add in reader.context_actions:
        add(menu, QPoint(1, 1))
    (action,) = [a for a in menu.actions() if a.text() == COPY_TEXT]
    assert action.isEnabled()
    action.trigger()
    link = parse(QGuiApplication.clipboard().text())
    assert (link.article_id, link.quote) == (article_id, "HK$10 million")
    assert link.passage_id == _passage(library, SECOND)
    menu.deleteLater()


def test_a_link_opens_at_its_passage(
    linked: tuple[MainWindow, LinksUi], library: Library, qtbot: QtBot
) -> None:
    window, links = linked
    article = library.article(_fund(library))
    passage = _passage(library, SECOND)
    handle_request(window, {"open": passage_link(article, passage, 30, 43)})
    qtbot.waitUntil(lambda: links.last_landing is not None, timeout=WAIT_MS)
    wait_for_article(qtbot, window, article.id)
    assert window.history.current is not None
    assert window.history.current.passage_id == passage


def test_a_bad_link_is_one_line_in_the_status_bar(
    linked: tuple[MainWindow, LinksUi], qtbot: QtBot
) -> None:
    window, links = linked
    assert not links.open_link("innoatlas://open/../../etc?x=1")
    assert "\n" not in window.status_label.text() and "link" in window.status_label.text()


def test_after_an_edit_the_link_lands_on_its_quote_or_says_it_is_orphaned(
    linked: tuple[MainWindow, LinksUi], library: Library, sources: list[Path], qtbot: QtBot
) -> None:
    window, links = linked
    article = library.article(_fund(library))
    link = passage_link(article, _passage(library, SECOND), 30, 43)
    edited = FUND.replace("Companies can apply", "From May, companies may apply")
    (sources[0] / "fund.txt").write_text(edited, encoding="utf-8")
    library.refresh()
    links.open_link(link)
    qtbot.waitUntil(lambda: links.last_landing is not None, timeout=WAIT_MS)
    assert links.last_landing is not None
    assert links.last_landing.status is AnchorStatus.MOVED
    moved_to = links.last_landing.passage_id
    assert library.article(article.id).block(moved_to or "") is not None
    qtbot.waitUntil(lambda: "changed" in window.status_label.text(), timeout=WAIT_MS)

    (sources[0] / "fund.txt").write_text(FUND.replace(SECOND, "Nothing else."), encoding="utf-8")
    library.refresh()
    links.last_landing = None
    links.open_link(link)
    qtbot.waitUntil(lambda: links.last_landing is not None, timeout=WAIT_MS)
    assert links.last_landing is not None
    assert links.last_landing.status is AnchorStatus.ORPHANED
    qtbot.waitUntil(lambda: "no longer" in window.status_label.text(), timeout=WAIT_MS)


def test_python_m_desktop_open_hands_the_link_to_the_running_window(
    linked: tuple[MainWindow, LinksUi], library: Library, qtbot: QtBot
) -> None:
    window, links = linked
    instance = SingleInstance(library.data_dir)
    assert instance.listen()
    instance.sig_request_received.connect(lambda request: handle_request(window, request))
    article = library.article(_fund(library))
    passage = _passage(library, SECOND)
    link = passage_link(article, passage, 30, 43)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "desktop", "open", link, "--data-dir", str(library.data_dir)]
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as launch:
        try:
            qtbot.waitUntil(lambda: launch.poll() is not None, timeout=30_000)
        finally:
            instance.close()
        out, err = launch.communicate()
    assert launch.returncode == 0, err
    assert "went to its window" in out
    qtbot.waitUntil(lambda: links.last_landing is not None, timeout=WAIT_MS)
    wait_for_article(qtbot, window, article.id)
    assert window.history.current is not None
    assert window.history.current.passage_id == passage


@pytest.mark.parametrize(
    "argv",
    [
        ["open", "innoatlas://open/a1?evil=1"],
        ["open", "https://example.com"],
        ["open"],
        ["innoatlas://open/../x"],  # the bare link, as a desktop's scheme handler passes it
    ],
)
def test_open_refuses_a_bad_link_in_one_line(argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")


def test_the_desktop_file_registers_the_scheme() -> None:
    from desktop.locations import resources_dir

    entry = (resources_dir() / "innoatlas.desktop").read_text(encoding="utf-8")
    assert "MimeType=x-scheme-handler/innoatlas;" in entry
    assert "Exec=innoatlas %U" in entry
