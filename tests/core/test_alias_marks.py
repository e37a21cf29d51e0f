"""An article found through an entity's other name shows that name marked in its snippet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.alias_marks import named_in, names_pattern, with_alias_marks
from desktop.core.library import Library
from desktop.core.model import Article, Block, Entity, Hit, Snippet
from desktop.locations import bundled_sources, knowledge_base

PARK = Entity("hkstp", "HKSTP", "organization", ("Hong Kong Science Park", "Science Park"))
ARTICLE = Article(
    "a1",
    "News",
    "n.txt",
    (
        Block("p-1", "paragraph", "Nothing about it here at all."),
        Block("p-2", "paragraph", "Later on, the Hong Kong Science Park opened a lab."),
    ),
)


def _hit(snippet: Snippet) -> Hit:
    return Hit("a1", "News", None, "n.txt", 1.0, snippet)


def test_the_query_words_that_name_an_entity_are_found_longest_first() -> None:
    names = {"hkstp": PARK, "science park": PARK}
    assert named_in(("the", "science", "park"), names.get) == [PARK]
    assert named_in(("robots",), names.get) == []


def test_an_unmarked_snippet_gets_the_alias_marked_or_the_passage_that_names_it() -> None:
    pattern = names_pattern([PARK])
    marked = _hit(Snippet("At the Science Park, robots.", ((7, 19),)))
    assert with_alias_marks([marked], pattern, lambda _id: None) == (marked,)  # kept as it was
    plain = with_alias_marks([_hit(Snippet("At the science park, robots."))], pattern, {}.get)
    assert plain[0].snippet.marks == ((7, 19),)  # any case, the longest name
    (rebuilt,) = with_alias_marks([_hit(Snippet("Nothing about it"))], pattern, {"a1": ARTICLE}.get)
    text = rebuilt.snippet.text
    (start, end), *_ = rebuilt.snippet.marks
    assert text[start:end] == "Hong Kong Science Park" and "opened a lab" in text
    assert with_alias_marks([_hit(Snippet("x"))], None, {}.get)[0].snippet == Snippet("x")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    data: Path = tmp_path_factory.mktemp("data")
    with Library(data, bundled_sources(), knowledge_base()) as lib:
        lib.refresh()
        yield lib


def test_every_hit_of_an_entity_search_shows_why_it_matched(library: Library) -> None:
    result = library.search("hkstp", limit=20)
    assert result.total >= 5
    unmarked = [hit.title for hit in result.hits if not hit.snippet.marks]
    assert unmarked == []
    marked = {hit.snippet.text[s:e].casefold() for hit in result.hits for s, e in hit.snippet.marks}
    assert "hong kong science park" in marked  # found through the alias, and shown so
