"""The Whoosh index package: analysis, documents, queries, snippets, suggestions."""

from pathlib import Path

import pytest

from desktop.core.index import Completions, IndexOptions, SearchIndex, analyze, term_spans
from desktop.core.index.queries import bound_patterns
from desktop.core.library import Library
from desktop.core.model import Article, Block


def test_analysis_stems_spellings_hyphens_and_cjk() -> None:
    assert analyze("collaborate collaboration collaborating") == ["collabor"] * 3
    assert analyze("specialise specializing") == ["special", "special"]
    assert analyze("programmes programs") == ["program", "program"]
    assert analyze("start-ups") == ["startup", "start", "up"]
    assert analyze("Martín") == ["martin"]
    assert analyze("香港科技園") == ["香港", "港科", "科技", "技園"]


def test_term_spans_point_into_the_text() -> None:
    text = "Start-ups in 香港"
    assert [(t, text[a:b]) for t, a, b in term_spans(text)] == [
        ("startup", "Start-ups"),
        ("start", "Start"),
        ("up", "ups"),
        ("香港", "香港"),
    ]


def article(title: str, *paragraphs: str) -> Article:
    return Article(
        id=title.lower().replace(" ", "-"),
        title=title,
        source=f"/tmp/{title}.txt",
        blocks=tuple(Block(f"p-{i}", "paragraph", p) for i, p in enumerate(paragraphs)),
        content_hash=title,
    )


def test_write_search_snippets_and_removal(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.update(
        [
            (
                article("Robots", "Robots sort parcels.", "The robotics lab opened."),
                "/a",
                (1, 1),
                {},
            ),
            (article("Parks", "Science parks grow."), "/b", (1, 1), {}),
        ]
    )
    outcome = index.search("robotics", "article", 10, False)
    assert (outcome.total, outcome.complete) == (1, True)
    hits = outcome.hits
    assert hits[0].title == "Robots"
    assert hits[0].snippet.marked("[", "]") == "[Robots] sort parcels. · The [robotics] lab opened."
    hits = index.search("robotics lab", "passage", 10, False).hits
    assert [(h.passage_id, h.text) for h in hits] == [("p-1", "The robotics lab opened.")]
    index.update([], remove_paths=["/a"])
    assert index.search("robotics", "article", 10, False).total == 0
    assert index.article("robots") is None
    assert index.article("parks") == article("Parks", "Science parks grow.")
    index.close()


def test_patterns_match_a_bounded_number_of_words(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix", options=IndexOptions(max_expansion=5))
    words = " ".join(f"rob{i:03d}" for i in range(300))
    index.update(
        [
            (article("Many", words), "/m", (1, 1), {}),
            (article("Again", "rob007 again."), "/a", (1, 1), {}),  # the most frequent word
        ]
    )
    parsed = bound_patterns(index.parse("rob*", "article"), index._searcher.reader(), 5)
    assert len({t.text for t in parsed.leaves() if hasattr(t, "text")}) <= 5
    assert "rob007" in {t.text for t in parsed.leaves() if hasattr(t, "text")}
    assert index.search("rob*", "article", 10, False).total == 2
    index.close()


def test_facets_count_every_match_but_only_the_top_get_snippets(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.update(
        [(article(f"Robots {i}", "Robots sort parcels."), f"/{i}", (1, 1), {}) for i in range(50)]
    )
    outcome = index.search("robots", "article", 10, False)
    assert (outcome.total, len(outcome.hits)) == (50, 10)
    assert sum(outcome.facets["source"].values()) == 50
    assert len(index.search("robots", "article", 10, True).hits) == 10
    index.close()


def test_a_search_past_its_time_limit_is_partial(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix", options=IndexOptions(search_seconds=0.0))
    index.update(
        [(article(f"Robots {i}", "Robots sort parcels."), f"/{i}", (1, 1), {}) for i in range(50)]
    )
    outcome = index.search("robots", "article", 10, False)
    assert not outcome.complete  # and the total is a floor: what was counted in time
    assert outcome.total <= 50
    index.close()


def test_a_changed_schema_version_rebuilds(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.update([(article("Robots", "Robots sort parcels."), "/a", (1, 1), {})])
    index.close()
    (tmp_path / "ix" / "innoatlas-index.json").write_text('{"schema_version": -1}')
    reopened = SearchIndex(tmp_path / "ix")
    assert reopened.was_reset
    assert reopened.article_count() == 0
    reopened.close()


def test_a_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.update([(article("Robots", "Robots sort parcels."), "/a", (1, 1), {})])
    index.close()
    for toc in (tmp_path / "ix").glob("*.toc"):
        toc.write_bytes(b"garbage")
    reopened = SearchIndex(tmp_path / "ix")
    assert reopened.was_reset
    reopened.close()


def test_spelling_suggestion_uses_whole_words(tiny_library: Library) -> None:
    assert tiny_library.search("robotcs").suggestion == "robotics"


def test_as_you_type_completes_the_last_word(tiny_library: Library) -> None:
    assert tiny_library.search("warehouse rob").total == 0
    result = tiny_library.search("warehouse rob", as_you_type=True)
    assert [h.title for h in result.hits] == ["A New Robotics Lab in Sha Tin"]


def test_a_search_as_you_type_shows_the_best_hits_without_counting(
    tiny_library: Library,
) -> None:
    quick = tiny_library.search("robot OR fintech", limit=1, as_you_type=True)
    counted = tiny_library.search("robot OR fintech", limit=1, as_you_type=True, counted=True)
    assert counted.counted and counted.total == 2 and counted.facets
    assert not quick.counted and quick.facets == () and quick.notice is None
    assert [h.article_id for h in quick.hits] == [h.article_id for h in counted.hits]
    assert quick.total >= len(quick.hits)
    # Fewer hits than the limit: every match was seen, so the total is exact.
    assert tiny_library.search("robot OR fintech", as_you_type=True).total == 2


def test_completions_rank_a_prefix_s_words_by_use() -> None:
    words = sorted({"robot": 3, "robotics": 9, "robots": 1, "road": 20, "rob": 2}.items())
    completions = Completions(words, keep=2)
    assert completions.complete("r", 2) == ["road", "robotics"]
    assert completions.complete("robo", 2) == ["robotics", "robot"]  # past the table
    assert completions.complete("rob", 5) == ["robotics", "robot", "rob", "robots"]
    assert completions.complete("x", 2) == []
    ties = Completions([("pa", 2), ("pb", 2), ("pc", 5)], keep=2)
    assert ties.complete("p", 2) == ["pc", "pa"]  # equally used: in order, as past the table


def test_a_negation_alone_finds_articles_not_their_paragraphs(tiny_library: Library) -> None:
    result = tiny_library.search("NOT robots")
    assert result.total == 2
    assert all(hit.passage_id is None for hit in result.hits)
    passages = tiny_library.search("NOT robots", mode="passages")
    assert passages.hits and all(hit.passage_id for hit in passages.hits)


def test_near_words_are_the_closest_then_the_most_used() -> None:
    words = sorted({"robot": 3, "robots": 9, "robust": 20, "rabbit": 1, "reboot": 2}.items())
    completions = Completions(words)
    assert completions.within("robts", 1, 5) == ["robots"]
    assert completions.within("robts", 2, 5) == ["robots", "robust", "robot"]
    assert completions.within("robts", 2, 1) == ["robots"]
    assert "robot" in completions and "robo" not in completions


def test_a_suggestion_corrects_only_the_unknown_plain_words(tiny_library: Library) -> None:
    assert tiny_library.search("warehous robotcs").suggestion == "warehouse robotics"
    assert tiny_library.search("robots AND fintech").suggestion is None


def test_a_lone_letter_completes_to_title_words(tiny_library: Library) -> None:
    result = tiny_library.search("r", as_you_type=True)
    assert [h.title for h in result.hits] == ["A New Robotics Lab in Sha Tin"]
    assert tiny_library.search("lab r", as_you_type=True).hits  # with another word: any text


def test_a_date_range_in_an_or_still_finds_articles_only(tiny_library: Library) -> None:
    for mode in ("articles", "passages"):
        result = tiny_library.search("robots OR date:2023", mode=mode)  # type: ignore[arg-type]
        assert result.notice is None and result.total >= 2
        assert all((h.passage_id is None) == (mode == "articles") for h in result.hits)


def test_a_suggestion_leaves_known_accented_chinese_and_field_words_alone(
    tiny_library: Library,
) -> None:
    assert tiny_library.search("數碼港").suggestion is None
    assert tiny_library.search('robotcs source:"lab.txt"').suggestion == 'robotics source:"lab.txt"'
    assert tiny_library.search("Fintéch").suggestion is None


def test_a_keystroke_search_stops_sooner_and_says_nothing(
    tiny_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tiny_library._keeper.index, "options", IndexOptions(quick_seconds=0.0))
    quick = tiny_library._keeper.index.search(
        "robots OR fintech", "article", 20, False, counted=False
    )
    assert not quick.complete
    result = tiny_library.search("robots OR fintech", as_you_type=True)
    assert not result.counted and result.notice is None
    counted = tiny_library.search("robots OR fintech", as_you_type=True, counted=True)
    assert counted.counted and counted.total == 2  # the follow-up keeps the full time limit


def test_the_vocabulary_follows_each_commit_as_a_fresh_one_would(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix")
    index.update([(article("Robots", "Robots sort parcels."), "/0", (1, 1), {})])
    first = index.vocabulary()
    for n in range(1, 13):
        story = article(f"Story {n}", f"The robotics lab number{n} opened.", "Parks grow.")
        index.update([(story, f"/{n}", (1, 1), {})])
    index.update([], remove_paths=["/0", "/3"])
    revised = index.vocabulary()
    assert len(list((tmp_path / "ix").glob("*.trm"))) < 13  # small segments were merged
    assert revised.counts() == _fresh_vocabulary(tmp_path / "ix")
    assert revised.complete("number1", 5) == ["number1", "number10", "number11", "number12"]
    assert "number7" in revised and "number7" not in first
    assert first.complete("rob", 2) == ["robots"]
    index.clear()
    assert index.vocabulary().counts() == {}
    index.close()


def _fresh_vocabulary(folder: Path) -> dict[str, int]:
    index = SearchIndex(folder)
    try:
        return index.vocabulary().counts()
    finally:
        index.close()


def test_adjusted_completions_rank_as_if_built_from_scratch() -> None:
    words = {"robot": 3, "robotics": 9, "robots": 1, "road": 20, "rob": 2}
    changes = {"robots": 30, "road": -20, "rover": 4}
    adjusted = Completions(sorted(words.items()), keep=2).adjusted(changes)
    merged = {w: words.get(w, 0) + changes.get(w, 0) for w in {*words, *changes}}
    fresh = Completions(sorted((w, c) for w, c in merged.items() if c), keep=2)
    assert adjusted.counts() == fresh.counts()
    for prefix in ("r", "ro", "rob", "robo", "rov"):
        assert adjusted.complete(prefix, 2) == fresh.complete(prefix, 2)
    assert "road" not in adjusted
