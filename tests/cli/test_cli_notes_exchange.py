"""Notes exchanged both ways from the command line: highlights imported from Kindle, Readwise
and Zotero samples (and hostile files refused with the store untouched), notes exported as an
Obsidian folder and CSL-JSON, and InnoAtlas's own JSON round trip lossless."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.bookmarks.store import FILENAME
from desktop.core.links import parse
from tests.core.conftest import TINY, write_articles

SAMPLES = Path(__file__).parents[1] / "data" / "highlights"


@pytest.fixture
def where(tmp_path: Path) -> list[str]:
    sources = write_articles(tmp_path / "articles", TINY)
    return ["--data-dir", str(tmp_path / "data"), "--source", str(sources)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(where: list[str]) -> list[tuple[object, ...]]:
    path = Path(where[1]) / FILENAME
    if not path.exists():
        return []
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT * FROM bookmarks ORDER BY id").fetchall()


@pytest.mark.parametrize(
    ("name", "matched", "orphaned"),
    [("My Clippings.txt", 2, 1), ("readwise.csv", 3, 1), ("zotero.json", 1, 1)],
)
def test_each_format_imports_with_a_report(
    capsys: pytest.CaptureFixture[str], where: list[str], name: str, matched: int, orphaned: int
) -> None:
    code, out, err = run(capsys, "bookmarks", "import", str(SAMPLES / name), *where)
    assert code == 0, err
    assert f"{matched} highlight(s) matched" in out and f"{orphaned} orphaned." in out
    assert "Orphaned (" in out and " — " in out
    assert f"Imported {matched} new bookmark(s)" in out
    before = rows(where)
    assert len(before) == matched
    code, out, _err = run(capsys, "bookmarks", "import", str(SAMPLES / name), *where)
    assert f"0 new bookmark(s); 0 updated, {matched} already here." in out
    assert rows(where) == before


def test_a_dry_run_changes_nothing(capsys: pytest.CaptureFixture[str], where: list[str]) -> None:
    code, out, _err = run(
        capsys, "bookmarks", "import", str(SAMPLES / "readwise.csv"), "--dry-run", *where
    )
    assert code == 0 and "Nothing was imported" in out and rows(where) == []


def test_an_imported_kindle_note_is_searchable(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    run(capsys, "bookmarks", "import", str(SAMPLES / "My Clippings.txt"), *where)
    _code, out, _err = run(capsys, "search", "zeppelin", "--json", *where)
    (hit,) = json.loads(out)["hits"]
    assert hit["title"] == "Fintech Fund Opens" and hit["via"] == "note"


HOSTILE = [
    ("clippings.txt", "Title\n- Your Something\n\ntext\n==========\n", "kindle"),
    ("readwise.csv", 'Highlight,Book Title\n"unclosed,quote\n', "readwise"),
    ("zotero.json", '[{"itemType": "annotation", "annotationText": 5}]', "zotero"),
]


@pytest.mark.parametrize(("name", "text", "source"), HOSTILE)
def test_a_hostile_file_of_each_format_is_one_line_and_the_store_untouched(
    capsys: pytest.CaptureFixture[str],
    where: list[str],
    tmp_path: Path,
    name: str,
    text: str,
    source: str,
) -> None:
    run(capsys, "bookmarks", "import", str(SAMPLES / "zotero.json"), *where)
    before = rows(where)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "bookmarks", "import", str(path), "--from", source, *where)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1
    assert rows(where) == before


def test_obsidian_and_csl_exports(
    capsys: pytest.CaptureFixture[str], where: list[str], tmp_path: Path
) -> None:
    run(capsys, "bookmarks", "import", str(SAMPLES / "readwise.csv"), *where)
    vault = tmp_path / "vault"
    code, out, err = run(
        capsys, "bookmarks", "export", "--format", "obsidian", "-o", str(vault), *where
    )
    assert code == 0, err
    note = (vault / "Fintech Fund Opens.md").read_text(encoding="utf-8")
    assert note.startswith(
        '---\nexported_by: "InnoAtlas"\ntitle: "Fintech Fund Opens"\ndate: "2023-03-03"\n'
    )
    assert '  - "funding"' in note and "Compare with the robotics fund" in note
    links = [
        parse(line.split("(", 1)[1].rstrip(")"))
        for line in note.splitlines()
        if "](innoatlas://" in line
    ]
    assert len(links) == 2 and all(link.bookmark_id for link in links)
    assert "## Entities\n\n- [[Cyberport Macro Fund]]" in note
    assert '  - "Cyberport Macro Fund"' in note
    entity = (vault / "Entities" / "Cyberport Macro Fund.md").read_text(encoding="utf-8")
    assert "- [[Fintech Fund Opens]]" in entity
    assert "- [[A New Robotics Lab in Sha Tin]]" in entity
    lab = (vault / "A New Robotics Lab in Sha Tin.md").read_text(encoding="utf-8")
    assert "\ntags:" not in lab
    code, out, _err = run(capsys, "bookmarks", "export", "--format", "csl", *where)
    items = json.loads(out)
    assert {i["title"] for i in items} == {"Fintech Fund Opens", "A New Robotics Lab in Sha Tin"}
    fund = next(i for i in items if i["title"] == "Fintech Fund Opens")
    assert fund["issued"] == {"date-parts": [[2023, 3, 3]]} and "innoatlas://" in fund["note"]
    code, _out, err = run(capsys, "bookmarks", "export", "--format", "obsidian", *where)
    assert code == 2 and "-o FOLDER" in err


def test_the_own_json_round_trip_is_lossless(
    capsys: pytest.CaptureFixture[str], where: list[str], tmp_path: Path
) -> None:
    run(capsys, "bookmarks", "import", str(SAMPLES / "readwise.csv"), *where)
    run(capsys, "bookmarks", "import", str(SAMPLES / "zotero.json"), *where)
    exported = tmp_path / "all.json"
    run(capsys, "bookmarks", "export", "--format", "json", "-o", str(exported), *where)
    other = ["--data-dir", str(tmp_path / "other"), *where[2:]]
    code, out, _err = run(capsys, "bookmarks", "import", str(exported), *other)
    assert code == 0 and "Imported 4 new bookmark(s)" in out
    assert rows(other) == rows(where)
    again = tmp_path / "again.json"
    run(capsys, "bookmarks", "export", "--format", "json", "-o", str(again), *other)
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")
