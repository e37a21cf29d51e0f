"""Confirming and retyping entities: the corrections, their provenance, the file, the library
across re-indexing, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli
from desktop.core.entities.corrections import FILE_NAME, Correction, Corrections, Provenance
from desktop.core.entities.extract import ArticleEntities
from desktop.core.entities.graph import EntityGraph
from desktop.core.library import Library
from desktop.core.model import Entity, Mention
from desktop.locations import resources_dir

KB = resources_dir() / "knowledge_base.json"

KNOWN = [Entity("cp", "Cyberport", "organisation", ("CP",))]
FOUND = Entity("d-kqi", "Kowloon Quantum Institute", "organisation", ("KQI",), "", None, True, 0.9)
FUND = Entity("d-tide-fund", "Tide Fund", "initiative", (), "", "fund", True, 0.7)
SPEAKER = Entity("d-jane-lee", "Jane Lee", "person", (), "", None, True, 0.5)
FACTS = ArticleEntities(
    mentions=(
        Mention("cp", "a", "p", 0, 9, "Cyberport"),
        Mention("cp", "a", "p", 20, 22, "CP"),
        Mention("d-kqi", "a", "p", 30, 55, "Kowloon Quantum Institute"),
        Mention("d-tide-fund", "a", "p", 60, 69, "Tide Fund"),
        Mention("d-jane-lee", "a", "p", 70, 78, "Jane Lee"),
    ),
    discovered=(FOUND, FUND, SPEAKER),
)

ARTICLE = """Quantum Lab Opens at the Science Park

March 3, 2024

The Kowloon Quantum Institute (KQI) opened a laboratory at Hong Kong Science Park on Monday.
HKSTP said the Kowloon Quantum Institute will train 200 researchers.

KQI will work with start-ups on quantum sensing and secure communication.
"""


def graph(*corrections: Correction) -> EntityGraph:
    return EntityGraph(KNOWN, [FACTS], corrections)


def test_provenance_in_plain_words() -> None:
    g = graph()
    assert g.provenance("cp") == Provenance("knowledge base")
    assert g.provenance("CP") == Provenance("knowledge base")  # any name
    assert g.provenance("d-kqi") == Provenance("articles", 0.9)
    assert g.provenance("nobody") is None
    labels = {
        e.id: (p.label, p.certainty, p.confirmable)
        for e in g.entities()
        if (p := g.provenance(e.id))
    }
    assert labels == {
        "cp": ("From the knowledge base", "certain", False),
        "d-kqi": ("Found in the articles · likely", "likely", True),
        "d-tide-fund": ("Found in the articles · likely", "likely", True),
        "d-jane-lee": ("Found in the articles · possible", "possible", True),
    }
    assert Provenance("articles", 0.6).certainty == "possible"
    assert Provenance("articles", 0.9).explanation == (
        "InnoAtlas found this name in the articles by a rule (90% sure). "
        "Confirm it if it is right, or correct it."
    )
    assert Provenance("knowledge base").as_json() == {
        "source": "knowledge base",
        "confidence": 1.0,
        "certainty": "certain",
        "confirmed": False,
        "label": "From the knowledge base",
    }


def test_confirm_marks_the_entity_and_nothing_else() -> None:
    # A correction names an id (the panel and the CLI record the id): an alias alone is none.
    assert graph(Correction("confirm", "KQI")).provenance("d-kqi") == Provenance("articles", 0.9)
    confirmed = graph(Correction("confirm", "d-kqi"))
    provenance = confirmed.provenance("d-kqi")
    assert provenance == Provenance("articles", 0.9, confirmed=True)
    assert provenance is not None
    assert (provenance.label, provenance.certainty, provenance.confirmable) == (
        "Found in the articles · confirmed by you",
        "certain",
        False,
    )
    assert confirmed.entity("d-kqi") == FOUND  # the entity itself is as it was found
    assert [e.id for e in confirmed.entities()] == [e.id for e in graph().entities()]
    # Confirming a curated entity says nothing new: it stays "from the knowledge base".
    assert graph(Correction("confirm", "cp")).provenance("cp") == Provenance("knowledge base")
    # A confirmed entity merged into another: the other keeps its own provenance.
    merged = graph(Correction("confirm", "d-kqi"), Correction("merge", "d-kqi", "d-tide-fund"))
    assert merged.provenance("d-kqi") == Provenance("articles", 0.7)


def test_an_alias_split_off_is_made_by_the_user() -> None:
    split = graph(Correction("split", "cp", "CP"))
    provenance = split.provenance("split-cp")
    assert provenance == Provenance("you")
    assert provenance is not None
    assert (provenance.label, provenance.confirmable) == ("Made by you (split off an alias)", False)


def test_retype_changes_the_type_and_drops_the_old_kind() -> None:
    retyped = graph(Correction("retype", "d-tide-fund", "organisation"))
    entity = retyped.entity("d-tide-fund")
    assert entity == Entity("d-tide-fund", "Tide Fund", "organisation", (), "", None, True, 0.7)
    assert "d-tide-fund" in {e.id for e in retyped.entities("organisation")}
    assert "d-tide-fund" not in {e.id for e in retyped.entities("initiative")}
    # The same type, or a type that does not exist (a hand-edited file): nothing changes.
    assert graph(Correction("retype", "d-tide-fund", "initiative")).entity("d-tide-fund") == FUND
    assert graph(Correction("retype", "d-tide-fund", "planet")).entity("d-tide-fund") == FUND
    # Later corrections see the new type: a split-off alias takes it.
    both = graph(Correction("retype", "cp", "place"), Correction("split", "cp", "CP"))
    assert [e.type for e in both.entities() if e.id in ("cp", "split-cp")] == ["place", "place"]


def test_confirm_and_retype_are_kept_in_the_file_and_undone(tmp_path: Path) -> None:
    store = Corrections(tmp_path)
    store.add(Correction("confirm", "d-kqi"))
    store.add(Correction("retype", "d-tide-fund", "organisation"))
    saved = json.loads((tmp_path / FILE_NAME).read_text("utf-8"))
    assert saved["version"] == 2
    assert saved["corrections"] == [
        {"op": "confirm", "entity_id": "d-kqi", "value": ""},
        {"op": "retype", "entity_id": "d-tide-fund", "value": "organisation"},
    ]
    again = Corrections(tmp_path)
    assert again.notice is None
    assert again.items() == (
        Correction("confirm", "d-kqi"),
        Correction("retype", "d-tide-fund", "organisation"),
    )
    assert store.undo() == Correction("retype", "d-tide-fund", "organisation")
    assert store.undo() == Correction("confirm", "d-kqi")
    assert Corrections(tmp_path).items() == ()


def test_a_version_1_file_is_read_as_it_is(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(
        json.dumps(
            {
                "format": "innoatlas-corrections",
                "version": 1,
                "corrections": [{"op": "hide", "entity_id": "cp", "value": ""}],
            }
        ),
        "utf-8",
    )
    store = Corrections(tmp_path)
    assert (store.notice, store.items()) == (None, (Correction("hide", "cp"),))


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "quantum.txt").write_text(ARTICLE, "utf-8")
    return [folder]


def test_a_confirmation_survives_a_rebuild_and_a_new_library(
    tmp_path: Path, sources: list[Path]
) -> None:
    data = tmp_path / "data"
    with Library(data, sources, KB) as lib:
        lib.refresh()
        found = lib.graph.find("KQI")
        assert found is not None and found.discovered
        assert lib.graph.provenance(found.id) == Provenance("articles", found.confidence)
        lib.correct(Correction("confirm", found.id))
        lib.correct(Correction("retype", found.id, "initiative"))
        assert lib.graph.provenance("KQI") == Provenance("articles", found.confidence, True)
        lib.refresh(rebuild=True)
        assert lib.graph.provenance("KQI") == Provenance("articles", found.confidence, True)
        assert lib.entity("KQI").entity.type == "initiative"
    with Library(data, sources, KB) as lib:
        assert lib.graph.provenance("KQI") == Provenance("articles", found.confidence, True)
        assert lib.undo_correction() == Correction("retype", found.id, "initiative")
        assert lib.entity("KQI").entity.type == found.type
        assert lib.undo_correction() == Correction("confirm", found.id)
        assert lib.graph.provenance("KQI") == Provenance("articles", found.confidence)


def _cli(capsys: pytest.CaptureFixture[str], data: Path, sources: list[Path], *args: str) -> str:
    code = cli.main([*args, "--data-dir", str(data), "--source", str(sources[0])])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def test_the_cli_confirms_and_shows_provenance(
    tmp_path: Path, sources: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    listed = _cli(capsys, data, sources, "entities")
    assert "Kowloon Quantum Institute (Found in the articles · likely)" in listed
    assert "Hong Kong Science and Technology Parks Corporation  [hkstp]" in listed
    assert _cli(capsys, data, sources, "correct", "KQI", "--confirm") == (
        "Saved: confirm Kowloon Quantum Institute\n"
    )
    assert _cli(capsys, data, sources, "correct", "KQI", "--confirm") == (
        "Nothing to confirm: Kowloon Quantum Institute: Found in the articles · confirmed by you.\n"
    )
    assert _cli(capsys, data, sources, "correct", "HKSTP", "--confirm").startswith(
        "Nothing to confirm: Hong Kong Science and Technology Parks Corporation: From the "
        "knowledge base."
    )
    shown = _cli(capsys, data, sources, "entity", "KQI").splitlines()
    assert shown[1] == "Found in the articles · confirmed by you"
    entity = json.loads(_cli(capsys, data, sources, "entity", "KQI", "--json"))
    assert entity["provenance"] == {
        "source": "articles",
        "confidence": entity["confidence"],
        "certainty": "certain",
        "confirmed": True,
        "label": "Found in the articles · confirmed by you",
    }
    rows = {e["id"]: e for e in json.loads(_cli(capsys, data, sources, "entities", "--json"))}
    assert rows["hkstp"]["provenance"]["source"] == "knowledge base"
    assert rows[entity["id"]]["provenance"]["confirmed"] is True
    assert _cli(capsys, data, sources, "correct", "KQI", "--retype", "initiative") == (
        "Saved: retype Kowloon Quantum Institute\n"
    )
    assert _cli(capsys, data, sources, "correct", "KQI", "--retype", "initiative").startswith(
        "Nothing to change"
    )
    assert json.loads(_cli(capsys, data, sources, "entity", "KQI", "--json"))["type"] == (
        "initiative"
    )
    assert _cli(capsys, data, sources, "correct", "--undo") == f"Undid: retype {entity['id']}\n"
    assert _cli(capsys, data, sources, "correct", "--undo") == f"Undid: confirm {entity['id']}\n"
    assert "(Found in the articles · likely)" in _cli(capsys, data, sources, "entities")
