"""Entities through the library: search integration, facets, corrections across re-index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.entities.corrections import Correction
from desktop.core.errors import EntityNotFound
from desktop.core.library import Library
from desktop.core.query import for_index, prepare
from desktop.locations import bundled_sources, resources_dir

KB = resources_dir() / "knowledge_base.json"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    with Library(tmp_path_factory.mktemp("data"), bundled_sources(), KB) as lib:
        lib.refresh()
        yield lib


def relations(library: Library, name: str) -> set[tuple[str, str]]:
    details = library.entity(name)
    return {(link.label, link.other) for link in details.links}


def test_required_relations_with_evidence(library: Library) -> None:
    hkstp = relations(library, "HKSTP")
    assert {
        ("runs", "gba-innoexpress"),
        ("runs", "gba-innoacademy"),
        ("runs", "techconnect"),
        ("led by", "albert-wong"),
    } <= hkstp
    assert ("run by", "microsoft-hong-kong") in relations(library, "TechConnect")
    assert ("partners with", "hkust-gz") in relations(library, "IDEA")
    assert ("runs", "alpha-lab") in relations(library, "MGI")
    assert ("leads", "idea") in relations(library, "Harry Shum")
    details = library.entity("Albert Wong Hak-keung")
    (link,) = [link for link in details.links if link.other == "hkstp"]
    assert link.relation.evidence.sentence.startswith("Albert Wong Hak-keung, the park’s CEO")


def test_every_alias_finds_the_same_entity(library: Library) -> None:
    ids = {
        library.entity(n).entity.id
        for n in (
            "HKSTP",
            "Hong Kong Science Park",
            "香港科技園",
            "hong kong science and technology parks corporation",
        )
    }
    assert ids == {"hkstp"}
    with pytest.raises(EntityNotFound):
        library.entity("Atlantis Corp")


def test_entity_and_type_queries(library: Library) -> None:
    by_entity = library.search('entity:"Hong Kong Science Park"')
    by_word = library.search("HKSTP")
    assert by_entity.total == by_word.total == 5
    assert library.search('entity:"Harry Shum"').total == 1
    assert library.search("type:person").total == 3  # articles 000, 001 and 002 name people
    unknown = library.search("entity:Atlantis")
    assert unknown.total == 0 and unknown.notice == "InnoAtlas knows no entity called “Atlantis”."


def test_facet_counts_match_the_filtered_totals(library: Library) -> None:
    for query in ("hkstp", "startups", 'hkstp "science park"'):
        result = library.search(query, limit=1)
        for facet in result.facets:
            for value in facet.values[:6]:
                filtered = library.search(f"{query} {value.filter}", limit=1)
                assert filtered.total == value.count, (query, value.filter)


def test_names_in_plain_words_are_expanded_and_syntax_is_left_alone(library: Library) -> None:
    def expand(text: str) -> str:
        return for_index(prepare(text), library.names, lambda _name: None)[0]

    assert expand("HKSTP interns") == "(HKSTP OR entity:hkstp) interns"
    assert expand("hong kong science park") == '("hong kong science park" OR entity:hkstp)'
    assert expand('"Hong Kong Science Park" title:HKSTP') == '"Hong Kong Science Park" title:HKSTP'
    assert expand("HKSTP OR Cyberport") == (
        "(HKSTP OR entity:hkstp) OR (Cyberport OR entity:cyberport)"
    )
    assert expand("sit or cyberport") == "sit or cyberport"  # single words keep their case


def test_chinese_alias_finds_english_articles(library: Library) -> None:
    assert library.search("香港科技園").total == 5
    assert library.search("數碼港").total == library.search("Cyberport").total >= 1


def test_facets_count_every_match_by_type_year_and_source(library: Library) -> None:
    result = library.search("startups", limit=1)
    facets = {f.name: {v.key: v.count for v in f.values} for f in result.facets}
    assert set(facets) >= {"organisation", "place", "topic", "year", "source"}
    assert facets["organisation"]["hkstp"] == result.total
    assert sum(facets["source"].values()) == result.total
    filtered = library.search(
        f"startups {next(v.filter for f in result.facets if f.name == 'year' for v in f.values)}"
    )
    assert filtered.total < result.total


def test_corrections_survive_a_rebuild(tmp_path: Path) -> None:
    with Library(tmp_path, bundled_sources(), KB) as lib:
        lib.refresh()
        lib.correct(Correction("rename", "hkstp", "Science Park Corp"))
        lib.correct(Correction("hide", "huawei"))
        lib.refresh(rebuild=True)
        assert lib.entity("HKSTP").entity.name == "Science Park Corp"
        assert "huawei" not in {e.id for e in lib.entities()}
    with Library(tmp_path, bundled_sources(), KB) as lib:
        assert lib.entity("HKSTP").entity.name == "Science Park Corp"
        assert lib.undo_correction() == Correction("hide", "huawei")
        assert "huawei" in {e.id for e in lib.entities()}


def test_a_name_discovered_later_is_linked_in_the_articles_already_indexed(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "old.txt").write_text(
        "Robots In The Harbour\n\nStaff at HRI showed three robot arms to visitors on Monday.\n"
    )
    with Library(tmp_path / "data", [folder], KB) as library:
        library.refresh()
        (folder / "new.txt").write_text(
            "A New Robotics Body\n\nThe Harbour Robotics Institute (HRI) opened in Kowloon "
            "with forty researchers and a budget for three years.\n"
        )
        report = library.refresh()
        assert report.relinked == 1
        mentioned_in = {m.article_id for m in library.entity("HRI").mentions}
        titles = {library.article(a).title for a in mentioned_in}
        assert titles == {"Robots In The Harbour", "A New Robotics Body"}
        assert library.refresh().relinked == 0  # once linked, not read again
        # An edit that keeps the names the article had reads no other article again.
        with (folder / "new.txt").open("a") as edited:
            edited.write("\nIts labs open to students next spring.\n")
        report = library.refresh()
        assert (report.updated, report.relinked) == (1, 0)
        # A name the library never had is looked for in the others, even after an edit.
        (folder / "older.txt").write_text("Data At Sea\n\nKMDC staff logged the tides.\n")
        assert library.refresh().added == 1
        with (folder / "new.txt").open("a") as edited:
            edited.write("\nThe Kowloon Marine Data Centre (KMDC) joined it.\n")
        assert library.refresh().relinked == 1
        assert {library.article(m.article_id).title for m in library.entity("KMDC").mentions} == {
            "A New Robotics Body",
            "Data At Sea",
        }


def test_a_known_name_that_gains_an_alias_is_looked_for_by_its_alias(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "centre.txt").write_text(
        "Tides Logged\n\nThe Kowloon Marine Data Centre logged the tides this week.\n"
    )
    (folder / "short.txt").write_text("Sea Levels\n\nKMDC staff logged the sea levels.\n")
    with Library(tmp_path / "data", [folder], KB) as library:
        library.refresh()
        (folder / "centre.txt").write_text(
            "Tides Logged\n\nThe Kowloon Marine Data Centre (KMDC) logged the tides this week.\n"
        )
        assert library.refresh().relinked == 1  # "Sea Levels" names it by the new alias
        titles = {library.article(m.article_id).title for m in library.entity("KMDC").mentions}
        assert titles == {"Tides Logged", "Sea Levels"}
