"""Saved searches: kept with the bookmarks, replaced by name, exported and imported with them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from desktop.core.bookmarks import (
    BookmarkError,
    ImportFormatError,
    SavedSearch,
    from_json,
    read_export_all,
    saved_from_json,
)
from desktop.core.bookmarks.exchange import to_json
from desktop.core.bookmarks.store import FILENAME, BookmarkStore, migrate

Opener = Callable[[], BookmarkStore]


def test_saved_searches_are_kept_replaced_by_name_and_removed(open_store: Opener) -> None:
    store = open_store()
    assert store.saved_searches() == []
    first = store.save_search(SavedSearch("Fintech", "fintech date:>=2024", "articles", "date"))
    assert first.created.startswith("2024-05-01T12:00:")  # stamped by the store's clock
    store.save_search(SavedSearch("answers", "who runs the park?", "passages"))
    again = store.save_search(SavedSearch("FINTECH", "fintech OR biotech"))  # same name
    store.close()
    reopened = open_store()  # on disk, not in memory
    assert [(s.name, s.query) for s in reopened.saved_searches()] == [
        ("answers", "who runs the park?"),
        (again.name, "fintech OR biotech"),
    ]
    assert reopened.delete_saved_search("Answers") is not None
    assert reopened.delete_saved_search("answers") is None
    assert [s.name for s in reopened.saved_searches()] == ["FINTECH"]


@pytest.mark.parametrize(
    ("name", "query", "mode"),
    [("", "x", "articles"), ("n" * 121, "x", "articles"), ("n", " ", "articles"), ("n", "x", "?")],
)
def test_a_saved_search_that_cannot_be_one_is_refused(name: str, query: str, mode: str) -> None:
    with pytest.raises(BookmarkError):
        SavedSearch(name, query, mode)


def test_a_version_2_file_gets_saved_searches_and_keeps_everything(
    tmp_path: Path, open_store: Opener
) -> None:
    (tmp_path / "data").mkdir()
    with closing(sqlite3.connect(tmp_path / "data" / FILENAME, isolation_level=None)) as old:
        assert migrate(old, target=2) == 0
    store = open_store()
    assert store.saved_searches() == []
    store.save_search(SavedSearch("a", "b"))
    assert [s.name for s in store.saved_searches()] == ["a"]


def test_exported_with_the_bookmarks_and_imported_back(open_store: Opener, tmp_path: Path) -> None:
    store = open_store()
    saved = [store.save_search(SavedSearch("Park", "science park", "passages", "date"))]
    text = to_json(store.list(), store.saved_searches())
    assert from_json(text) == [] and saved_from_json(text) == saved  # lossless
    assert saved_from_json(to_json([])) == []  # an export without any
    path = tmp_path / "export.json"
    path.write_text(text, "utf-8")
    assert read_export_all(path) == ([], saved)
    store.delete_saved_search("Park")
    assert store.merge_saved_searches(saved) == 1
    assert store.merge_saved_searches(saved) == 0  # already there: kept as it is
    assert store.saved_searches() == saved


@pytest.mark.parametrize(
    "items",
    ['"not a list"', '[{"name": 3, "query": "x"}]', '[{"name": "n", "query": ""}]'],
)
def test_a_bad_saved_search_in_a_file_refuses_the_import(items: str) -> None:
    envelope = '"format": "innoatlas-bookmarks", "version": 1, "bookmarks": []'
    text = f'{{{envelope}, "saved_searches": {items}}}'
    with pytest.raises(ImportFormatError):
        saved_from_json(text)
