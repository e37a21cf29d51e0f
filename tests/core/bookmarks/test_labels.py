"""Tags and collections on articles: kept by article id in the bookmarks file, migrated into an
older file without losing anything, backed up, exported and imported with the bookmarks."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from desktop.core.bookmarks import (
    BookmarkError,
    ImportFormatError,
    Label,
    LabelledArticle,
    Labels,
    SavedSearch,
    find_quote,
    labels,
    read_export_labelled,
)
from desktop.core.bookmarks.exchange import from_json, read_document, to_json
from desktop.core.bookmarks.labels import labels_in
from desktop.core.bookmarks.store import FILENAME, SCHEMA_VERSION, BookmarkStore, migrate
from desktop.core.model import Article, ArticleDate, Block

Opener = Callable[[], BookmarkStore]
ARTICLE = Article(
    "a1",
    "Fintech Fund Opens",
    "/articles/fund.txt",
    (Block("p-1", "paragraph", "The fund opened a new round for fintech startups."),),
    date=ArticleDate(2023, 3, 3),
)


def test_an_article_is_tagged_untagged_and_counted(open_store: Opener) -> None:
    store = open_store()
    assert store.article_tags("a1") == () and store.article_tag_counts() == []
    assert store.tag_article("a1", "Fintech Fund Opens", ["fintech", " Funding  rounds "]) == (
        "fintech",
        "Funding rounds",
    )
    store.tag_article("a2", "A Lab", ["FinTech", "robots"])  # the same tag, another spelling
    store.close()
    store = open_store()  # on disk, not in memory
    assert store.article_tag_counts() == [("fintech", 2), ("Funding rounds", 1), ("robots", 1)]
    assert [a.article_id for a in store.tagged("FINTECH")] == ["a1", "a2"]
    assert store.tagged("fintech")[0].article_title == "Fintech Fund Opens"
    assert store.untag_article("a1", ["FINTECH", "not there"]) == 1
    assert store.article_tags("a1") == ("Funding rounds",)


@pytest.mark.parametrize("bad", ["", "   ", "x" * 81])
def test_a_tag_or_collection_that_cannot_be_one_is_refused(open_store: Opener, bad: str) -> None:
    store = open_store()
    with pytest.raises(BookmarkError):
        store.tag_article("a1", "T", [bad] if bad.strip() else ["ok", "x" * 81])
    with pytest.raises(BookmarkError):
        store.add_to_collection(bad)
    assert store.article_tags("a1") == ()  # all or nothing


def test_collections_hold_articles_and_are_removed_without_them(open_store: Opener) -> None:
    store = open_store()
    assert store.add_to_collection("Reading list") == ("Reading list", 0)
    name, added = store.add_to_collection("reading LIST", [("a1", "One"), ("a2", "Two")])
    assert (name, added) == ("Reading list", 2)
    assert store.add_to_collection("Reading list", [("a1", "One")])[1] == 0  # already in it
    store.add_to_collection("Fintech", [("a1", "One")])
    assert [(c.name, len(c.articles)) for c in store.collections()] == [
        ("Fintech", 1),
        ("Reading list", 2),
    ]
    assert store.collections_of("a1") == ("Fintech", "Reading list")
    assert store.remove_from_collection(" reading   list ", ["a2"]) == 1
    found = store.collection("READING LIST")
    assert found is not None and [a.article_id for a in found.articles] == ["a1"]
    removed = store.delete_collection("Reading list")
    assert removed is not None and removed.articles[0].article_title == "One"
    assert store.delete_collection("Reading list") is None
    assert store.collections_of("a1") == ("Fintech",)


def test_tags_survive_the_article_being_edited_and_re_anchored(open_store: Opener) -> None:
    store = open_store()
    store.add(ARTICLE, find_quote(ARTICLE, "a new round"))
    store.tag_article(ARTICLE.id, ARTICLE.title, ["fintech"])
    edited = Article(
        ARTICLE.id,
        ARTICLE.title,
        "/moved/fund.txt",
        (Block("p-7", "paragraph", "Now: the fund opened a new round, for startups."),),
        date=ARTICLE.date,
    )
    store.reanchor(edited)
    assert store.article_tags(ARTICLE.id) == ("fintech",)


def _version_3_file(tmp_path: Path, open_store: Opener) -> None:
    """A file at schema 3 with a bookmark and a saved search in it."""
    (tmp_path / "data").mkdir()
    with closing(sqlite3.connect(tmp_path / "data" / FILENAME, isolation_level=None)) as old:
        migrate(old, target=3)
        old.execute(
            'INSERT INTO bookmarks (id, article_id, passage_id, quote, start, "end", colour, '
            "created, updated, tags, note) VALUES ('b1', 'a1', 'p-1', 'a new round', 16, 27, "
            "'#ffd54f', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '[\"kept\"]', 'mine')"
        )
        old.execute("INSERT INTO saved_searches (name, query) VALUES ('Park', 'science park')")


def test_a_version_3_file_is_upgraded_and_keeps_every_bookmark_and_search(
    tmp_path: Path, open_store: Opener
) -> None:
    _version_3_file(tmp_path, open_store)
    store = open_store()
    with closing(sqlite3.connect(store.path)) as check:
        assert check.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    (bookmark,) = store.list()
    assert (bookmark.id, bookmark.note, bookmark.tags) == ("b1", "mine", ("kept",))
    assert [s.query for s in store.saved_searches()] == ["science park"]
    assert store.article_tags("a1") == ()
    store.tag_article("a1", "T", ["new"])
    assert store.article_tags("a1") == ("new",)


def test_a_file_not_upgraded_yet_reads_as_having_no_labels(tmp_path: Path) -> None:
    # What a read-only store sees in a version 3 file it may not upgrade.
    with closing(sqlite3.connect(tmp_path / FILENAME, isolation_level=None)) as old:
        migrate(old, target=3)
        assert labels.everything(old) == Labels()
        assert labels.tags_of(old, "a1") == () and labels.collections_of(old, "a1") == ()


def test_the_backup_taken_at_open_holds_the_tags(tmp_path: Path, open_store: Opener) -> None:
    store = open_store()
    store.tag_article("a1", "T", ["fintech"])
    store.add_to_collection("Shelf", [("a1", "T")])
    store.close()
    open_store().close()  # a backup of the file as it is now
    newest = sorted((tmp_path / "data" / "backups").iterdir())[-1]
    with closing(sqlite3.connect(newest)) as backup:
        assert backup.execute("SELECT tag FROM article_tags").fetchall() == [("fintech",)]
        assert backup.execute("SELECT collection FROM collection_articles").fetchall() == [
            ("Shelf",)
        ]


def test_exported_with_the_bookmarks_and_imported_back_losslessly(
    tmp_path: Path, open_store: Opener
) -> None:
    store = open_store()
    store.add(ARTICLE, find_quote(ARTICLE, "a new round"))
    store.tag_article("a1", "Fintech Fund Opens", ["fintech", "funds"])
    store.add_to_collection("Empty")
    store.add_to_collection("Shelf", [("a1", "Fintech Fund Opens")])
    saved = [store.save_search(SavedSearch("Park", "science park"))]
    labels = store.labels()
    text = to_json(store.list(), saved, labels)
    assert from_json(text) == store.list()  # an older reader still finds its bookmarks
    path = tmp_path / "export.json"
    path.write_text(text, "utf-8")
    bookmarks, searches, read_back = read_export_labelled(path)
    assert read_back == labels and searches == saved and bookmarks == store.list()
    assert labels_in(read_document(to_json([]))) == Labels()  # an export without any

    other = BookmarkStore(tmp_path / "elsewhere")
    try:
        assert other.merge_labels(read_back) == 3  # two tags, one collection entry
        assert other.merge_labels(read_back) == 0  # already there: nothing doubled
        assert other.labels() == labels
    finally:
        other.close()


@pytest.mark.parametrize(
    "items",
    [
        '"article_tags": "no"',
        '"collections": [3]',
        '"article_tags": [{"name": "", "articles": []}]',
        '"collections": [{"name": "c", "articles": [{"article_id": ""}]}]',
        '"article_tags": [{"name": "t\\ud800", "articles": []}]',
        '"collections": [{"name": "c", "articles": [{"article_id": "\\udc00"}]}]',
    ],
)
def test_bad_labels_in_a_file_refuse_the_import(items: str) -> None:
    text = f'{{"format": "innoatlas-bookmarks", "version": 1, "bookmarks": [], {items}}}'
    with pytest.raises(ImportFormatError):
        labels_in(read_document(text))


def test_a_label_round_trips_through_its_dict() -> None:
    label = Label("Shelf", (LabelledArticle("a1", "T", "2024-01-01T00:00:00Z"),), "x")
    assert Label.from_dict(label.to_dict()) == label
