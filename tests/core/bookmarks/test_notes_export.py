"""Obsidian and CSL-JSON exports: files stay in their folder whatever the titles say, front
matter and wiki-links cannot be broken out of, and the links come along."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from desktop.core.bookmarks.exchange import link_of
from desktop.core.bookmarks.model import BookmarkError
from desktop.core.bookmarks.notes_export import (
    file_stem,
    obsidian_files,
    to_csl_json,
    write_folder,
)
from tests.core.bookmarks.test_exchange import FIRST, HOSTILE, SECOND


def test_one_file_per_article_with_front_matter_and_links(tmp_path: Path) -> None:
    files = obsidian_files(
        [FIRST, SECOND], lambda article_id: ["HKSTP"] if article_id == "a1" else []
    )
    assert sorted(files) == ["A New Robotics Lab.md", "Entities/HKSTP.md", "Fintech Fund Opens.md"]
    fund = files["Fintech Fund Opens.md"]
    assert fund.splitlines()[:5] == [
        "---",
        'exported_by: "InnoAtlas"',
        'title: "Fintech Fund Opens"',
        'date: "2023-03-03"',
        'source: "fund.txt"',
    ]
    assert f"> [Open in InnoAtlas]({link_of(FIRST)})" in fund
    assert "- [[HKSTP]]" in fund and "- [[Fintech Fund Opens]]" in files["Entities/HKSTP.md"]
    assert "*Orphaned" in files["A New Robotics Lab.md"]
    assert write_folder(tmp_path / "vault", files) == 3
    assert (tmp_path / "vault" / "Entities" / "HKSTP.md").is_file()


def test_hostile_titles_stay_in_the_folder_and_out_of_the_syntax(tmp_path: Path) -> None:
    evil = dataclasses.replace(HOSTILE, article_title='../../x]] [[y|z\n---\nkey: "v"')
    twin = dataclasses.replace(evil, id="d" * 32, article_id="a9")
    files = obsidian_files([evil, twin], lambda _id: ["]] ../evil #tag"])
    for name in files:
        assert ".." not in Path(name).parts and "\n" not in name
    assert len([n for n in files if not n.startswith("Entities/")]) == 2
    text = next(t for n, t in files.items() if not n.startswith("Entities/"))
    front = text.split("---\n")[1]
    assert all(
        line.startswith(
            (
                "exported_by:",
                "title:",
                "date:",
                "source:",
                "innoatlas:",
                "tags:",
                "  - ",
                "entities:",
            )
        )
        for line in front.splitlines()
    )
    write_folder(tmp_path / "vault", files)
    assert all(
        p.resolve().is_relative_to((tmp_path / "vault").resolve())
        for p in (tmp_path / "vault").rglob("*")
    )
    with pytest.raises(BookmarkError):
        write_folder(tmp_path / "vault", {"../escape.md": "x"})
    assert not (tmp_path / "escape.md").exists()


@pytest.mark.parametrize("title", ["CON", "...", "", 'a/b\\c:d*e?f"g<h>i|j'])
def test_file_stems_are_safe(title: str) -> None:
    stem = file_stem(title)
    assert stem and not set(stem) & set('/\\:*?"<>|') and stem.casefold() != "con"


def test_csl_json_has_one_item_per_article() -> None:
    items = json.loads(to_csl_json([FIRST, SECOND, dataclasses.replace(FIRST, id="e" * 32)]))
    assert [i["id"] for i in items] == ["innoatlas-a1", "innoatlas-a2"]
    assert items[0]["type"] == "article-newspaper" and items[0]["keyword"] == "fintech, funding"
    assert items[0]["note"].count("innoatlas://") == 2 and "Check the deadline" in items[0]["note"]
    assert "issued" not in items[1]


def test_a_note_of_the_users_own_is_never_replaced(tmp_path: Path) -> None:
    files = obsidian_files([FIRST], lambda _id: ["HKSTP"])
    vault = tmp_path / "vault"
    assert write_folder(vault, files, notes=True) == 2
    assert write_folder(vault, files, notes=True) == 2  # an export's own files: replaced
    own = vault / "Entities" / "HKSTP.md"
    own.write_text("---\ntags: mine\n---\nMy own notes on HKSTP\n", encoding="utf-8")
    with pytest.raises(BookmarkError, match=r"HKSTP\.md"):
        write_folder(vault, files, notes=True)
    assert own.read_text(encoding="utf-8").endswith("My own notes on HKSTP\n")


def test_names_fit_a_file_system_and_a_case_blind_disk(tmp_path: Path) -> None:
    long_title = "香港科技園" * 40
    assert len(file_stem(long_title).encode("utf-8")) <= 180
    twin = dataclasses.replace(SECOND, article_title=long_title)
    files = obsidian_files([FIRST, twin], lambda a: ["HKSTP"] if a == "a1" else ["Hkstp"])
    assert [n for n in files if n.startswith("Entities/")] == ["Entities/HKSTP.md"]
    assert write_folder(tmp_path / "vault", files, notes=True) == 3
