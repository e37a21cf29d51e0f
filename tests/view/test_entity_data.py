"""The entity panel's data, computed without Qt, on the indexed bundled library."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.library import Library
from desktop.locations import bundled_sources, knowledge_base
from desktop.view.entity_data import load_entity_page


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    data: Path = tmp_path_factory.mktemp("view")
    with Library(data, bundled_sources(), knowledge_base()) as opened:
        opened.refresh()
        yield opened


def test_the_timeline_counts_each_mention_by_its_articles_year(library: Library) -> None:
    page = load_entity_page(library, "HKSTP")
    years = {a.id: a.date.year if a.date else None for a in library.articles()}
    expected: dict[int, int] = {}
    for mention in page.details.mentions:
        year = years[mention.article_id]
        if year is not None:
            expected[year] = expected.get(year, 0) + 1
    assert dict(page.timeline) == expected and expected  # two of the five are dated
    assert [year for year, _n in page.timeline] == sorted(expected)
    assert page.undated == sum(years[m.article_id] is None for m in page.details.mentions) > 0


def test_an_article_lists_the_others_that_share_its_people_and_bodies(library: Library) -> None:
    from desktop.view.reader_content import load_reader_content
    from desktop.view.reader_html import build_article_html
    from desktop.view.shared_entities import shared_entity_articles

    everywhere = library.entity("HKSTP").entity.name  # named in all five: links nothing
    found = {a.id: shared_entity_articles(library, a.id, limit=3) for a in library.articles()}
    assert all(everywhere not in s.names for shared in found.values() for s in shared)
    first, shared = next((a, s) for a, s in found.items() if s)
    assert len(shared) <= 3 and first not in {s.article_id for s in shared}
    mine = {
        m.entity_id
        for e in library.entities()
        for m in library.graph.mentions(e.id)
        if m.article_id == first
    }
    for other in shared:
        theirs = {
            m.entity_id
            for e in library.entities()
            for m in library.graph.mentions(e.id)
            if m.article_id == other.article_id
        }
        names = {library.graph.entity(i).name for i in mine & theirs}  # type: ignore[union-attr]
        assert other.names and set(other.names) <= names
    content = load_reader_content(library, first, (), None)
    assert content.shared == shared_entity_articles(library, first, limit=5)
    page = build_article_html(content)
    assert "Also about its people and bodies" in page
    assert html.escape(shared[0].title) in page
