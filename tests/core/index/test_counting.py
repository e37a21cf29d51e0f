"""Totals and facet counts are exact: checked against a count made from the files themselves."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from collections.abc import Iterator

import pytest

from desktop.core.library import Library
from tests.core.conftest import write_articles

WORDS = ["harbour", "lantern", "copper", "meadow", "violin", "saddle", "quartz", "tundra"]
FILLER = ["report", "said", "week", "team", "plan", "city", "market", "growth", "data"]


def _corpus(count: int) -> dict[str, str]:
    """Articles whose words are drawn unevenly, so that some match a word once in a long text
    (a low score) and others often (a high one): what a top-N collector drops first."""
    rng = random.Random(7)
    articles = {}
    for number in range(count):
        year = 2015 + number % 9
        body = [rng.choice(FILLER) for _ in range(rng.randint(20, 300))]
        for word in WORDS:
            if rng.random() < 0.4:
                body[rng.randrange(len(body))] = word
                body.extend([word] * rng.choice([0, 0, 0, 1, 5]))
        title = f"{rng.choice(FILLER).title()} {rng.choice([*WORDS, *FILLER])} number {number}"
        articles[f"{number:04d}.txt"] = f"{title}\nMarch 3, {year}\n{' '.join(body)}.\n"
    return articles


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("counting")
    articles = _corpus(400)
    write_articles(folder / "articles", articles)
    with Library(folder / "data", [folder / "articles"]) as library:
        library.refresh()
        yield library, articles


def _matching(articles: dict[str, str], any_of: list[str], all_of: list[str]) -> list[str]:
    def words(text: str) -> set[str]:
        return set(text.lower().replace(".", " ").split())

    return [
        name
        for name, text in articles.items()
        if (not any_of or words(text) & set(any_of)) and set(all_of) <= words(text)
    ]


@pytest.mark.parametrize(
    ("query", "any_of", "all_of"),
    [
        ("harbour", [], ["harbour"]),
        ("harbour OR lantern", ["harbour", "lantern"], []),
        ("copper OR meadow OR violin", ["copper", "meadow", "violin"], []),
        ("saddle quartz", [], ["saddle", "quartz"]),
        ("(tundra OR violin) copper", ["tundra", "violin"], ["copper"]),
    ],
)
def test_the_total_is_every_match(
    counted: tuple[Library, dict[str, str]], query: str, any_of: list[str], all_of: list[str]
) -> None:
    library, articles = counted
    expected = _matching(articles, any_of, all_of)
    assert len(expected) > 60  # far more than the top the collector keeps
    for limit in (1, 5, 20):
        result = library.search(query, limit=limit)
        assert result.counted
        assert result.total == len(expected), (query, limit)


def test_the_year_facet_adds_up_to_the_total_and_matches_the_files(
    counted: tuple[Library, dict[str, str]],
) -> None:
    library, articles = counted
    result = library.search("harbour OR lantern", limit=3)
    years = {v.key: v.count for f in result.facets if f.name == "year" for v in f.values}
    expected = Counter(
        articles[name].split("\n")[1][-4:]
        for name in _matching(articles, ["harbour", "lantern"], [])
    )
    assert years == dict(expected)
    assert sum(years.values()) == result.total
    for year, number in years.items():
        assert library.search(f"harbour OR lantern date:{year}", limit=1).total == number


def test_a_count_stopped_by_its_time_limit_says_it_is_a_floor(
    counted: tuple[Library, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    library, _articles = counted
    index = library._keeper.index
    monkeypatch.setattr(index, "options", dataclasses.replace(index.options, search_seconds=0.0))
    result = library.search("harbour OR lantern", limit=3)
    assert not result.exact
    assert result.total_text == f"at least {result.total}"
    assert result.notice is not None and "at least as many" in result.notice
