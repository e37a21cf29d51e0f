"""The entity panel's data, computed without Qt, on the indexed bundled library."""

from __future__ import annotations

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
