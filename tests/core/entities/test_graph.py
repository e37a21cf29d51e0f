"""The entity graph with corrections: rename, merge, split, hide, undo."""

from pathlib import Path

from desktop.core.entities.corrections import Correction, Corrections
from desktop.core.entities.extract import ArticleEntities
from desktop.core.entities.graph import EntityGraph
from desktop.core.model import Entity, Evidence, Mention, Relation

KNOWN = [
    Entity("cp", "Cyberport", "organisation", ("數碼港", "CP")),
    Entity("cpm", "Cyberport Management", "organisation"),
    Entity("smart", "Smart Start", "initiative"),
]
EVIDENCE = Evidence("a", "p", "Cyberport runs Smart Start.")
FACTS = ArticleEntities(
    mentions=(
        Mention("cp", "a", "p", 0, 9, "Cyberport"),
        Mention("cp", "a", "p", 20, 22, "CP"),
        Mention("cpm", "a", "p", 30, 51, "Cyberport Management"),
        Mention("smart", "a", "p", 60, 71, "Smart Start"),
    ),
    relations=(Relation("runs", "cpm", "smart", EVIDENCE),),
)


def graph(*corrections: Correction) -> EntityGraph:
    return EntityGraph(KNOWN, [FACTS], corrections)


def test_lookup_links_and_neighbourhood() -> None:
    g = graph()
    assert g.find("數碼港") == KNOWN[0]
    assert [(link.label, link.other) for link in g.links("smart")] == [("run by", "cpm")]
    nodes, edges = g.neighbourhood("smart", depth=2)
    assert {n.id for n in nodes} == {"smart", "cpm"}
    assert edges == [("cpm", "runs", "smart")]


def test_rename_merge_split_hide() -> None:
    renamed = graph(Correction("rename", "cp", "Cyberport HK"))
    assert renamed.find("cp").name == "Cyberport HK"
    assert renamed.find("Cyberport").id == "cp"

    merged = graph(Correction("merge", "cpm", "cp"))
    assert merged.find("Cyberport Management").id == "cp"
    assert len(merged.mentions("cp")) == 3
    assert [(link.label, link.other) for link in merged.links("smart")] == [("run by", "cp")]
    assert merged.merged_ids("cp") == ["cp", "cpm"]

    split = graph(Correction("split", "cp", "CP"))
    assert [m.text for m in split.mentions("cp")] == ["Cyberport"]
    assert split.find("CP").id == "split-cp"
    assert [m.text for m in split.mentions("split-cp")] == ["CP"]

    hidden = graph(Correction("hide", "cpm"))
    assert "cpm" not in {e.id for e in hidden.entities()}
    assert hidden.links("smart") == []


def test_corrections_are_kept_in_a_file_and_undone(tmp_path: Path) -> None:
    store = Corrections(tmp_path)
    store.add(Correction("hide", "cpm"))
    store.add(Correction("rename", "cp", "CP Ltd"))
    assert Corrections(tmp_path).items() == (
        Correction("hide", "cpm"),
        Correction("rename", "cp", "CP Ltd"),
    )
    assert store.undo() == Correction("rename", "cp", "CP Ltd")
    assert Corrections(tmp_path).items() == (Correction("hide", "cpm"),)
