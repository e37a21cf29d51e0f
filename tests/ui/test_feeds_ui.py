"""Add Web Page and the Feeds dialog in a real window, against a loopback server."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from desktop.core.feeds.pages import web_folder
from desktop.core.feeds.store import FeedStore
from desktop.ui.main_window import MainWindow
from tests.loopback import Loopback, page, rss, served
from tests.ui.helpers import wait_for_article

WAIT_MS = 60_000


@pytest.fixture
def server() -> Iterator[Loopback]:
    yield from served()


@pytest.fixture
def quick(window: MainWindow) -> MainWindow:
    window.feeds.host_delay = 0.0  # the pause between requests is tested in the core
    return window


def titles(window: MainWindow, query: str) -> list[str]:
    result = window.library.get().search(query)
    return sorted(hit.title for hit in result.hits)


def wait_searchable(qtbot: QtBot, window: MainWindow, query: str, count: int) -> None:
    qtbot.waitUntil(
        lambda: window.indexing.job is None and len(titles(window, query)) == count,
        timeout=WAIT_MS,
    )


def test_add_web_page_saves_indexes_and_opens_the_url_only_when_asked(
    qtbot: QtBot,
    quick: MainWindow,
    server: Loopback,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = quick
    url = server.route("/hub.html", page("Cyberport opens a quantum hub", "The hub opened."))
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: opened.append(u) or True)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: (url, True))
    file_menu = window.commands.menus["file"]
    assert window.feeds.action_add_page in file_menu.actions()
    window.feeds.action_add_page.trigger()
    wait_searchable(qtbot, window, "quantum hub", 1)
    assert [p.parent for p in web_folder(window.spec.data_dir).iterdir()] == [
        web_folder(window.spec.data_dir)
    ]
    article_id = window.library.get().search("quantum hub").hits[0].article_id
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    assert opened == []  # nothing is loaded from the network by showing the article
    qtbot.waitUntil(window.commands.open_original.isEnabled, timeout=WAIT_MS)
    window.commands.open_original.trigger()
    assert [u.toString() for u in opened] == [url]


def test_a_refused_or_failing_page_is_one_line_in_the_status_bar(
    qtbot: QtBot, quick: MainWindow, server: Loopback
) -> None:
    window = quick
    assert not window.feeds.add_web_page("file:///etc/passwd")
    assert window.status_label.text() == (
        "Refused file:///etc/passwd: only http and https addresses are fetched, not file:."
    )
    missing = server.url("/missing.html")
    assert window.feeds.add_web_page(missing)
    qtbot.waitUntil(
        lambda: window.status_label.text() == f"{missing} answered 404 Not Found.",
        timeout=WAIT_MS,
    )
    assert not web_folder(window.spec.data_dir).exists()


def test_feeds_dialog_adds_refreshes_shows_results_and_removes(
    qtbot: QtBot, quick: MainWindow, server: Loopback
) -> None:
    window = quick
    items = [
        (f"Story {n}", server.route(f"/s{n}.html", page(f"Drone lab {n} opens", f"Drone {n}.")))
        for n in range(1, 4)
    ]
    good = server.route("/feed.xml", rss("Drone News", items), content_type="text/xml", etag="1")
    dialog = window.feeds.show_dialog()
    assert window.feeds.action_feeds in window.commands.menus["file"].actions()
    qtbot.keyClicks(dialog.address, good)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.address.text() == ""
    wait_searchable(qtbot, window, "drone lab", 3)
    qtbot.waitUntil(lambda: dialog.refresh_button.isEnabled(), timeout=WAIT_MS)
    row = dialog.tree.topLevelItem(0)
    assert (row.text(0), row.text(2)) == ("Drone News", "3 new page(s) saved.")

    broken = server.route("/broken.xml", "{ not xml }", content_type="text/xml")
    dialog.address.setText(broken)
    dialog.add_button.click()
    qtbot.waitUntil(
        lambda: window.feeds.last_report is not None and len(window.feeds.last_report.results) == 2,
        timeout=WAIT_MS,
    )
    rows = {
        dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i).text(2) for i in range(2)
    }
    assert rows["Drone News"] == "Nothing new (the feed has not changed)."
    assert "is not an RSS or Atom feed" in rows[broken]
    assert "1 failed" in window.status_label.text()
    assert all(server.hits[f"/s{n}.html"] == 1 for n in (1, 2, 3))

    dialog.tree.topLevelItem(1).setSelected(True)
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert dialog.tree.topLevelItemCount() == 1
    assert [f.url for f in FeedStore(window.spec.data_dir).feeds()] == [good]
    assert len(titles(window, "drone lab")) == 3  # its pages stay


def test_the_scheduled_refresh_runs_off_the_gui_thread_and_says_when_offline(
    qtbot: QtBot, quick: MainWindow
) -> None:
    window = quick
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    FeedStore(window.spec.data_dir).add(f"http://127.0.0.1:{port}/feed.xml")
    assert window.feeds.timer.isActive() and window.feeds.timer.interval() == 30 * 60_000
    window.feeds.timer.timeout.emit()
    assert not window.feeds.refresh_now()  # one refresh at a time
    qtbot.waitUntil(lambda: window.feeds.last_report is not None, timeout=WAIT_MS)
    assert window.feeds.last_report.offline
    assert "offline" in window.status_label.text()
    assert window.search_bar.isEnabled()  # reading and searching go on


def test_closing_the_window_stops_a_slow_fetch(
    qtbot: QtBot, quick: MainWindow, server: Loopback
) -> None:
    window = quick
    FeedStore(window.spec.data_dir).add(server.url("/slow.xml"))
    assert window.feeds.refresh_now()
    qtbot.waitUntil(lambda: server.hits["/slow.xml"] == 1, timeout=WAIT_MS)
    window.close()
    assert window.tasks.wait(5_000)
