"""The manifest: rows per source file in SQLite, near-duplicates found without loading all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.ingest.duplicates import fingerprint
from desktop.core.manifest import Change, Entry, Manifest

STORY = " ".join(
    f"The science park opened laboratory number {n} for robotics start-ups on Tuesday."
    for n in range(30)
)
OTHER = " ".join(f"Harbour fund {n} backs fintech teams across the bay area." for n in range(30))


def entry(article_id: str) -> Entry:
    return Entry(article_id, (1, 2), "hash", "Title", "2023-03-01", None, None, 3)


def test_rows_survive_reopening_and_a_file_name_that_is_not_text(tmp_path: Path) -> None:
    odd = "/articles/caf\udce9.txt"  # a Latin-1 byte in a UTF-8 file system
    manifest = Manifest(tmp_path / "m.sqlite3", "key")
    manifest.save(
        {
            odd: Change(entry("a1"), {"discovered": [["x", "X Lab", "organisation", [], "", 1]]}),
            "/articles/b.txt": Change(entry("b1"), {}, fingerprint(OTHER)),
        },
        removed=[],
    )
    manifest.close()
    reopened = Manifest(tmp_path / "m.sqlite3", "key")
    assert set(reopened.entries()) == {odd, "/articles/b.txt"}
    assert reopened.entries()[odd].article_id == "a1"
    assert reopened.discoveries() == [["x", "X Lab", "organisation", [], "", 1]]
    assert reopened.fingerprint("/articles/b.txt") == fingerprint(OTHER)
    reopened.close()
    assert Manifest(tmp_path / "m.sqlite3", "another key").entries() == {}


def test_a_near_duplicate_is_found_among_stored_articles_but_not_a_stale_one(
    tmp_path: Path,
) -> None:
    manifest = Manifest(tmp_path / "m.sqlite3", "key")
    manifest.save(
        {
            "/a.txt": Change(entry("a"), {}, fingerprint(STORY)),
            "/b.txt": Change(entry("b"), {}, fingerprint(OTHER)),
        },
        removed=[],
    )
    copy = fingerprint("Breaking news! " + STORY + " Read more.")
    assert manifest.original_of(copy, ignore=set()) == "/a.txt"
    assert manifest.original_of(copy, ignore={"/a.txt"}) is None
    assert manifest.original_of(fingerprint("Something else entirely, short."), set()) is None
    manifest.save({}, removed=["/a.txt"])
    assert manifest.original_of(copy, ignore=set()) is None
    assert set(manifest.entries()) == {"/b.txt"}


def test_a_damaged_manifest_is_started_again(tmp_path: Path) -> None:
    (tmp_path / "m.sqlite3").write_bytes(b"this is not a database" * 100)
    manifest = Manifest(tmp_path / "m.sqlite3", "key")
    assert manifest.entries() == {}
    manifest.save({"/a.txt": Change(entry("a"), {}, fingerprint(STORY))}, removed=[])
    assert set(manifest.entries()) == {"/a.txt"}


def test_discoveries_are_counted_per_article_and_go_with_the_last_one(tmp_path: Path) -> None:
    lab = ["lab", "X Lab", "organisation", [], "", 1]
    fund = ["fund", "Y Fund", "organisation", [], "", 1]
    manifest = Manifest(tmp_path / "m.sqlite3", "key")
    manifest.save(
        {
            "/a.txt": Change(entry("a"), {"discovered": [lab, fund]}),
            "/b.txt": Change(entry("b"), {"discovered": [lab]}),
        },
        removed=[],
    )
    assert manifest.discoveries() == [fund, lab]
    assert manifest.discoveries(ignore={"/a.txt"}) == [lab]
    assert manifest.discoveries(ignore={"/a.txt", "/b.txt"}) == []
    manifest.save({"/a.txt": Change(entry("a"), {"discovered": [lab]})}, removed=[])
    assert manifest.discoveries() == [lab]
    manifest.save({}, removed=["/b.txt"])
    assert manifest.discoveries() == [lab]
    manifest.save({}, removed=["/a.txt"])
    assert manifest.discoveries() == []


def test_a_manifest_without_the_discoveries_table_gets_it_counted(tmp_path: Path) -> None:
    lab = ["lab", "X Lab", "organisation", [], "", 1]
    manifest = Manifest(tmp_path / "m.sqlite3", "key")
    manifest.save(
        {
            "/a.txt": Change(entry("a"), {"discovered": [lab]}),
            "/b.txt": Change(entry("b"), {"discovered": [lab]}),
        },
        removed=[],
    )
    manifest.close()
    with sqlite3.connect(tmp_path / "m.sqlite3") as db:
        db.execute("DROP TABLE discoveries")
    db.close()
    reopened = Manifest(tmp_path / "m.sqlite3", "key")
    assert set(reopened.entries()) == {"/a.txt", "/b.txt"}
    reopened.save({}, removed=["/a.txt"])
    assert reopened.discoveries() == [lab]  # still found by b
    reopened.close()
