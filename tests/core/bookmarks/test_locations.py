"""A bookmark of a paged or chaptered source cites its page ("p. 7"): saved with it, kept
current when the article changes, carried by an older file once it is upgraded."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from desktop.core.bookmarks.anchors import find_quote
from desktop.core.bookmarks.exchange import citation
from desktop.core.bookmarks.model import AnchorStatus
from desktop.core.bookmarks.schema import SCHEMA_VERSION, migrate
from desktop.core.bookmarks.store import FILENAME, BookmarkStore
from desktop.core.model import Article, Block

Opener = Callable[[], BookmarkStore]

FIRST = "The park admitted forty start-ups in its first year of operation."
SECOND = "Most of them work on robotics, biotechnology and green energy."


def report(first_page: str, second_page: str) -> Article:
    """A two-page PDF report as its reader gives it: each paragraph with its page."""
    return Article(
        "r1",
        "Annual Report",
        "/reports/annual.pdf",
        (
            Block("p-1", "paragraph", FIRST, first_page),
            Block("p-2", "paragraph", SECOND, second_page),
        ),
    )


def test_a_new_bookmark_cites_its_page(store: BookmarkStore) -> None:
    bookmark = store.add(report("p. 6", "p. 7"), find_quote(report("p. 6", "p. 7"), "robotics"))
    assert bookmark.location == "p. 7"
    assert store.list()[0].location == "p. 7"
    assert citation(bookmark).endswith("annual.pdf, p. 7")


def test_a_web_page_bookmark_has_no_location(store: BookmarkStore) -> None:
    plain = Article("w1", "Page", "/p.html", (Block("p-1", "paragraph", FIRST),))
    assert store.add(plain, find_quote(plain, "forty")).location == ""


def test_re_anchoring_follows_the_passage_to_its_new_page(store: BookmarkStore) -> None:
    store.add(report("p. 6", "p. 7"), find_quote(report("p. 6", "p. 7"), "robotics"))
    # A new edition of the report: a page inserted before, the same paragraph now on p. 8.
    (moved,) = store.reanchor(report("p. 7", "p. 8"))
    assert (moved.location, moved.status) == ("p. 8", AnchorStatus.ATTACHED)
    assert store.list()[0].location == "p. 8"


def test_an_orphaned_bookmark_still_cites_its_last_page(store: BookmarkStore) -> None:
    store.add(report("p. 6", "p. 7"), find_quote(report("p. 6", "p. 7"), "robotics"))
    store.reanchor_all(lambda _article_id: None)  # the report left the library
    (orphan,) = store.list()
    assert (orphan.status, orphan.location) == (AnchorStatus.ORPHANED, "p. 7")


def test_a_version_4_file_is_upgraded_and_keeps_its_bookmarks(
    tmp_path: Path, open_store: Opener
) -> None:
    (tmp_path / "data").mkdir()
    with closing(sqlite3.connect(tmp_path / "data" / FILENAME, isolation_level=None)) as old:
        migrate(old, target=4)
        old.execute(
            'INSERT INTO bookmarks (id, article_id, passage_id, quote, start, "end", colour, '
            "created, updated, note) VALUES ('b1', 'r1', 'p-2', 'robotics', 22, 30, "
            "'#ffd54f', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'mine')"
        )
    store = open_store()
    with closing(sqlite3.connect(store.path)) as check:
        assert check.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    (bookmark,) = store.list()
    assert (bookmark.id, bookmark.note, bookmark.location) == ("b1", "mine", "")
    (found,) = store.reanchor(report("p. 6", "p. 7"))
    assert found.location == "p. 7"
