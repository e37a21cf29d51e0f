"""Notes searched with the articles: a word only in a bookmark's note finds its article, over
a real Whoosh index and a real SQLite store."""

from __future__ import annotations

import shutil

import pytest

from desktop.core.bookmarks import BookmarkStore, anchor_passage, find_quote
from desktop.core.index.notes import FOLDER
from desktop.core.library import Library
from desktop.core.searching import NO_NOTES_NOTICE, search


def _bookmark(library: Library, title_word: str, quote: str, note: str, tags=()) -> str:
    hit = library.search(title_word).hits[0]
    article = library.article(hit.article_id)
    with BookmarkStore(library.data_dir) as store:
        return store.add(article, find_quote(article, quote), note=note, tags=tags).id


def test_a_word_only_in_a_note_finds_the_bookmarked_article(tiny_library: Library) -> None:
    assert tiny_library.search("zeppelin").total == 0
    bookmark_id = _bookmark(
        tiny_library, "fintech", "HK$10 million", "Ask about the zeppelin grant"
    )
    result = tiny_library.search("zeppelin")
    assert result.total == 1
    (hit,) = result.hits
    assert hit.title == "Fintech Fund Opens"
    assert hit.note is not None and hit.note.bookmark_id == bookmark_id
    assert "zeppelin" in hit.note.snippet.marked("[", "]").lower()
    assert "[zeppelin]" in hit.snippet.marked("[", "]")
    article = tiny_library.article(hit.article_id)
    passage = article.block(hit.passage_id or "")
    assert passage is not None and "HK$10 million" in passage.text


def test_a_tag_is_searched_and_an_article_hit_is_marked_not_repeated(
    tiny_library: Library,
) -> None:
    _bookmark(tiny_library, "robotics", "warehouse robots", "", tags=["fintech"])
    result = tiny_library.search("fintech")
    titles = [h.title for h in result.hits]
    assert len(titles) == len(set(titles))
    assert result.hits[0].title == "A New Robotics Lab in Sha Tin"
    assert result.hits[0].note is not None
    assert any(h.title == "Fintech Fund Opens" and h.note is None for h in result.hits)


def test_note_field_searches_the_notes_only(tiny_library: Library) -> None:
    _bookmark(tiny_library, "robotics", "warehouse robots", "compare with fintech")
    result = tiny_library.search("note:fintech")
    assert [h.title for h in result.hits] == ["A New Robotics Lab in Sha Tin"]
    assert tiny_library.search("note:cyberport").total == 0
    mixed = tiny_library.search("note:fintech date:2021")
    assert mixed.total == 1 and mixed.notice and "date:" in mixed.notice


def test_passage_mode_gives_the_bookmarked_passage(tiny_library: Library) -> None:
    _bookmark(tiny_library, "robotics", "warehouse robots", "zeppelin idea")
    (hit,) = tiny_library.search("zeppelin", mode="passages").hits
    assert hit.text is not None and "warehouse robots" in hit.text


def test_an_edited_note_is_found_and_the_old_words_are_not(tiny_library: Library) -> None:
    bookmark_id = _bookmark(tiny_library, "robotics", "warehouse robots", "zeppelin")
    assert tiny_library.search("zeppelin").total == 1
    with BookmarkStore(tiny_library.data_dir) as store:
        store.update(bookmark_id, note="dirigible")
    assert tiny_library.search("zeppelin").total == 0
    assert tiny_library.search("dirigible").total == 1
    with BookmarkStore(tiny_library.data_dir) as store:
        store.delete(bookmark_id)
    assert tiny_library.search("dirigible").total == 0


def test_the_notes_index_is_derived_and_rebuilt_when_removed(tiny_library: Library) -> None:
    _bookmark(tiny_library, "robotics", "warehouse robots", "zeppelin")
    assert tiny_library.search("zeppelin").total == 1
    folder = tiny_library.data_dir / FOLDER
    assert folder.is_dir()
    shutil.rmtree(folder)
    with Library(tiny_library.data_dir, tiny_library.sources) as again:
        assert again.search("zeppelin").total == 1


def test_a_bookmark_of_an_article_gone_is_left_out(tiny_library: Library) -> None:
    _bookmark(tiny_library, "robotics", "warehouse robots", "zeppelin")
    (tiny_library.sources[0] / "lab.txt").unlink()
    tiny_library.refresh()
    assert tiny_library.search("zeppelin").total == 0


@pytest.mark.parametrize("query", ["zeppelin AND", "note:", '"zeppelin', "note:(x", "-note:x"])
def test_hostile_queries_with_notes_never_raise(tiny_library: Library, query: str) -> None:
    _bookmark(tiny_library, "robotics", "warehouse robots", "zeppelin")
    tiny_library.search(query)


def test_note_without_notes_says_so(tiny_library: Library) -> None:
    result = search(tiny_library._keeper.index, tiny_library._entities, "note:x")
    assert result.total == 0 and result.notice == NO_NOTES_NOTICE


def test_an_undated_article_and_a_tag_only_bookmark_are_found(tiny_library: Library) -> None:
    hit = next(h for h in tiny_library.articles() if h.date is None)
    article = tiny_library.article(hit.id)
    with BookmarkStore(tiny_library.data_dir) as store:
        store.add(article, anchor_passage(article, article.passages[0].id), tags=["zeppelin"])
    (found,) = tiny_library.search("zeppelin").hits
    assert found.article_id == article.id and found.note is not None
    assert found.note.date is None and found.note.snippet.text == "zeppelin"
