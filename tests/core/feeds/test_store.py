"""The feeds store: user data in SQLite, kept through damage and upgrades."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.feeds.store import MAX_ATTEMPTS, FeedNotFound, FeedStore, FeedsUnavailable
from desktop.core.fetching import FetchError


def test_feeds_are_added_once_listed_in_order_and_removed(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    assert store.add("http://127.0.0.1/a.xml") and store.add(" http://127.0.0.1/b.xml ")
    assert not store.add("http://127.0.0.1/a.xml")
    assert [f.url for f in FeedStore(tmp_path).feeds()] == [
        "http://127.0.0.1/a.xml",
        "http://127.0.0.1/b.xml",
    ]
    assert store.feed("http://127.0.0.1/a.xml").status == "new"
    assert store.remove("http://127.0.0.1/a.xml") and not store.remove("http://127.0.0.1/a.xml")
    with pytest.raises(FeedNotFound):
        store.feed("http://127.0.0.1/a.xml")


def test_only_http_feeds_are_added(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"^Refused"):
        FeedStore(tmp_path).add("file:///etc/passwd")
    assert FeedStore(tmp_path).feeds() == []


def test_entries_are_remembered_and_pending_until_saved_or_given_up(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    url = "http://127.0.0.1/f.xml"
    store.add(url)
    entries = [("k1", "http://127.0.0.1/1", "One"), ("k2", "http://127.0.0.1/2", "Two")]
    assert store.add_entries(url, entries) == 2
    assert store.add_entries(url, entries) == 0
    store.record_entry(url, "k1", "/data/web/one.md")
    assert [e.key for e in store.pending(url)] == ["k2"]
    for _ in range(MAX_ATTEMPTS):
        store.record_entry(url, "k2", None, "timed out")
    assert store.pending(url) == []
    assert [(e.key, e.error) for e in store.entries(url)] == [("k1", ""), ("k2", "timed out")]
    store.remove(url)
    assert store.entries(url) == []  # its entries go with it (the saved pages stay on disk)


def test_a_refresh_is_recorded_with_its_validators(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    url = "http://127.0.0.1/f.xml"
    store.add(url)
    store.record_check(url, "ok", "3 new", 3, "Loop", '"v1"', "Fri", validators=True)
    store.record_check(url, "failed", "timed out")  # a failure keeps title and validators
    feed = store.feed(url)
    assert (feed.title, feed.etag, feed.last_modified, feed.status, feed.message) == (
        "Loop",
        '"v1"',
        "Fri",
        "failed",
        "timed out",
    )
    assert feed.checked is not None


def test_a_damaged_file_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "feeds.sqlite3").write_bytes(b"this is not a database" * 100)
    store = FeedStore(tmp_path)
    assert store.notice is not None and "damaged" in store.notice
    kept = list(tmp_path.glob("feeds.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not")
    assert store.add("http://127.0.0.1/a.xml")


def test_a_newer_schema_is_not_touched(tmp_path: Path) -> None:
    FeedStore(tmp_path).add("http://127.0.0.1/a.xml")
    with sqlite3.connect(tmp_path / "feeds.sqlite3") as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(FeedsUnavailable, match="newer InnoAtlas"):
        FeedStore(tmp_path)


def test_a_change_that_fails_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = FeedStore(tmp_path)
    url = "http://127.0.0.1/f.xml"
    store.add(url)
    with pytest.raises(FeedsUnavailable):
        store.add_entries(url, [("k1", "l", "t"), ("k2", object(), "t")])  # type: ignore[list-item]
    assert store.entries(url) == []  # one transaction: the first entry is not kept either


def test_entries_of_a_feed_removed_meanwhile_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FeedsUnavailable):
        FeedStore(tmp_path).add_entries("http://127.0.0.1/gone.xml", [("k", "l", "t")])
