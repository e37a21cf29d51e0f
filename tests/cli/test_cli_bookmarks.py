"""``bookmarks`` commands and bookmarks end to end over a real library of tiny .txt articles.

The commands are parsed by a parser built with :func:`desktop.cli_bookmarks.add_commands` and run
with :func:`desktop.cli_bookmarks.run`, as :mod:`desktop.cli` does, against a Library on a temporary
folder: articles move, get edited and the index is rebuilt, and the bookmarks must follow.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desktop.cli.bookmarks import add_commands, run
from desktop.core.bookmarks import BookmarkStore, find_quote, from_json
from desktop.core.bookmarks.store import FILENAME
from desktop.core.library import Library
from tests.core.conftest import write_articles

FUND = (
    "Fintech Fund Opens\nMarch 3, 2023\n"
    "The Cyberport Macro Fund (CMF) opened a new round for fintech startups on Friday.\n"
    "Companies can apply for up to HK$10 million, the fund said in a statement.\n"
)
LAB = (
    "A New Robotics Lab in Sha Tin\n2021 June\n"
    "Researchers are collaborating on warehouse robots at the new lab in Sha Tin.\n"
)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="desktop")
    add_commands(parser.add_subparsers(dest="command"), _common)
    return parser.parse_args(argv)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "articles", {"fund.txt": FUND, "lab.txt": LAB})


@pytest.fixture
def library(tmp_path: Path, articles: Path) -> Iterator[Library]:
    with Library(tmp_path / "data", [articles]) as opened:
        opened.refresh()
        yield opened


def fund_id(library: Library) -> str:
    return next(s.id for s in library.articles() if s.title == "Fintech Fund Opens")


class Ran:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def bookmarks(library: Library, *argv: str, data_dir: Path | None = None) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    code = run(parse("bookmarks", *argv), library, data_dir or library.data_dir, out, err)
    return Ran(code, out.getvalue(), err.getvalue())


def stored_rows(data_dir: Path) -> list[tuple[Any, ...]]:
    """Every row of the bookmarks table as SQLite holds it, in the order it holds them."""
    with closing(sqlite3.connect(data_dir / FILENAME)) as connection:
        return connection.execute("SELECT * FROM bookmarks ORDER BY rowid").fetchall()


def listed(library: Library) -> list[dict[str, object]]:
    ran = bookmarks(library, "list", "--json")
    assert (ran.code, ran.err) == (0, "")
    rows: list[dict[str, object]] = json.loads(ran.out)
    return rows


def test_add_stores_the_quote_its_passage_and_offsets(library: Library) -> None:
    article_id = fund_id(library)
    ran = bookmarks(
        library, "add", article_id, "--quote", "HK$10 million", "--note", "budget",
        "--tag", "money", "funding", "--tag", "cmf", "--colour", "#90CAF9",
    )  # fmt: skip
    assert (ran.code, ran.err) == (0, "")
    [row] = listed(library)
    assert ran.out == f"Bookmarked in “Fintech Fund Opens”: {row['id']}\n"
    passage = library.article(article_id).passages[1]
    assert {k: v for k, v in row.items() if k not in ("id", "created", "updated")} == {
        "article_id": article_id,
        "passage_id": passage.id,
        "quote": "HK$10 million",
        "prefix": "Companies can apply for up to ",
        "suffix": ", the fund said in a statement.",
        "start": 30,
        "end": 43,
        "note": "budget",
        "tags": ["money", "funding", "cmf"],
        "colour": "#90caf9",
        "article_title": "Fintech Fund Opens",
        "article_date": "2023-03-03",
        "article_source": library.article(article_id).source,
        "status": "attached",
        "location": "",
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("add", "nope", "--quote", "x"), "error: No article with id “nope” is in the library.\n"),
        (("add", "{fund}", "--quote", "Not there"), "error: The quote “Not there” is not in"),
        (("add", "{fund}", "--quote", "HK$10", "--colour", "red"), "error: “red” is not a colour"),
        (("import", "missing.json"), "error: missing.json: No such file or directory\n"),
    ],
)
def test_user_mistakes_are_one_line_and_exit_2(
    library: Library, argv: tuple[str, ...], message: str
) -> None:
    ran = bookmarks(library, *(a.replace("{fund}", fund_id(library)) for a in argv))
    assert (ran.code, ran.out) == (2, "")
    assert ran.err.startswith(message) and ran.err.count("\n") == 1
    assert listed(library) == []


def test_list_text_marks_orphans(library: Library, articles: Path) -> None:
    article_id = fund_id(library)
    bookmarks(library, "add", article_id, "--quote", "a new round", "--note", "round")
    bookmarks(library, "add", article_id, "--quote", "HK$10 million", "--tag", "money")
    (articles / "fund.txt").write_text(FUND.replace("HK$10 million", "HK$20 million"), "utf-8")
    library.refresh()
    ran = bookmarks(library, "list")
    ids = [str(row["id"])[:8] for row in listed(library)]
    assert ran.out == (
        f"{ids[0]}  “a new round”\n"
        "          Fintech Fund Opens (2023-03-03)\n"
        "          Note: round\n"
        f"{ids[1]}  [orphaned] “HK$10 million”  #money\n"
        "          Fintech Fund Opens (2023-03-03)\n"
        "2 bookmark(s), 1 orphaned\n"
    )
    assert bookmarks(library, "list", "--tag", "money").out.endswith("1 bookmark(s), 1 orphaned\n")


def test_export_writes_each_format_and_import_merges_duplicates(
    library: Library, tmp_path: Path
) -> None:
    bookmarks(library, "add", fund_id(library), "--quote", "a new round", "--note", "n")
    markdown = tmp_path / "out.md"
    ran = bookmarks(library, "export", "--format", "md", "-o", str(markdown))
    assert (ran.code, ran.out) == (0, f"Wrote 1 bookmark(s) to {markdown}\n")
    assert "> — *Fintech Fund Opens*, 2023-03-03, fund.txt\n" in markdown.read_text("utf-8")
    assert bookmarks(library, "export", "--format", "csv").out.startswith("id,article_id,")
    exported = bookmarks(library, "export", "--format", "json").out
    saved = tmp_path / "out.json"
    saved.write_text(exported, "utf-8")
    ran = bookmarks(library, "import", str(saved))
    assert ran.out == "Imported 0 new bookmark(s); 0 updated, 1 already here.\n"
    [original] = from_json(exported)
    other = dict(original.to_dict(), note="from elsewhere", updated="2999-01-01")
    anchor = find_quote(library.article(original.article_id), "fintech startups")
    other_quote = dict(original.to_dict(), **dataclasses.asdict(anchor), id="e" * 32)
    saved.write_text(json.dumps({**json.loads(exported), "bookmarks": [other, other_quote]}))
    ran = bookmarks(library, "import", str(saved))
    assert ran.out == "Imported 1 new bookmark(s); 1 updated, 0 already here.\n"
    rows = listed(library)
    assert [(r["id"], r["note"], r["status"]) for r in rows] == [
        (original.id, "from elsewhere", "attached"),
        ("e" * 32, "n", "attached"),
    ]


def test_an_export_imported_into_a_fresh_folder_keeps_every_bookmark(
    library: Library, articles: Path, tmp_path: Path
) -> None:
    """Two bookmarks of the same words, with different notes, stay two through a round trip."""
    article_id = fund_id(library)
    for note in ("first reading", "second reading"):
        ran = bookmarks(library, "add", article_id, "--quote", "a new round", "--note", note)
        assert ran.code == 0, ran.err
    exported = bookmarks(library, "export", "--format", "json").out
    saved = tmp_path / "out.json"
    saved.write_text(exported, "utf-8")
    with Library(tmp_path / "fresh", [articles]) as fresh:
        fresh.refresh()
        ran = bookmarks(fresh, "import", str(saved))
        assert (ran.code, ran.err) == (0, "")
        assert ran.out == "Imported 2 new bookmark(s); 0 updated, 0 already here.\n"
        assert listed(fresh) == listed(library) == [b.to_dict() for b in from_json(exported)]
        assert [row["note"] for row in listed(fresh)] == ["first reading", "second reading"]


def _export_with(library: Library, **changes: object) -> bytes:
    """The library's JSON export with ``changes`` made to its first bookmark, as UTF-8."""
    document = json.loads(bookmarks(library, "export", "--format", "json").out)
    document["bookmarks"][0].update(changes)
    return json.dumps(document).replace('"<5000 digits>"', "9" * 5000).encode("utf-8")


NESTED = "[" * 100_000 + "]" * 100_000
ENVELOPE = '{"format": "innoatlas-bookmarks", "version": 1, "bookmarks": '
OUT_OF_RANGE = "error: A bookmark's “start” and “end” are not a stretch of its paragraph (they "
OUT_OF_RANGE += "must be 0 ≤ start < end ≤ 10,000,000).\n"
NOT_TEXT = "error: The file is not text (UTF-8, UTF-16 or UTF-32): it is not an InnoAtlas "
NOT_TEXT += "bookmarks export.\n"
INVALID = "error: A bookmark in the file is not valid: "


@pytest.mark.parametrize(
    ("changes", "content", "message"),
    [
        ({}, NESTED.encode(), "error: The file is nested too deeply to be an InnoAtlas bookmarks "),
        ({}, (ENVELOPE + NESTED + "}").encode(), "error: The file is nested too deeply to be "),
        ({"id": "\ud800"}, None, "error: A bookmark's “id” holds half of a surrogate pair, "),
        ({"note": "ok \udfff"}, None, "error: A bookmark's “note” holds half of a surrogate "),
        ({"end": 10**30}, None, OUT_OF_RANGE),
        ({"start": 50, "end": 40}, None, OUT_OF_RANGE),
        ({"start": -1}, None, OUT_OF_RANGE),
        ({"start": 1e400}, None, "error: A bookmark's “start” is not a whole number.\n"),
        ({"start": "<5000 digits>"}, None, "error: The file is not JSON (Exceeds the limit "),
        ({"colour": "red\n\x1b[2Jnext"}, None, f"{INVALID}“red next” is not a colour"),
        ({"status": ["x"]}, None, f"{INVALID}its “status” is not text, not one of attached"),
        ({}, bytes(range(256)) * 16, NOT_TEXT),
        ({}, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", NOT_TEXT),
        ({}, b"SQLite format 3\x00\x10\x00", "error: The file holds binary data: it is not an "),
        ({}, '{"format": "innoatlas-bookmarks"}'.encode("cp1252") + b"\xff", NOT_TEXT),
        ({}, "\ufeff{".encode("utf-16-le") + b"\x00\xd8", NOT_TEXT),
    ],
)  # fmt: skip
def test_a_hostile_file_is_one_line_and_leaves_the_store_untouched(
    library: Library,
    tmp_path: Path,
    changes: dict[str, object],
    content: bytes | None,
    message: str,
) -> None:
    add_bookmark(library)
    before = stored_rows(library.data_dir)
    hostile = tmp_path / "hostile.json"
    hostile.write_bytes(_export_with(library, **changes) if content is None else content)
    ran = bookmarks(library, "import", str(hostile))
    assert (ran.code, ran.out) == (2, "")
    assert ran.err.startswith(message) and ran.err.count("\n") == 1 and ran.err.endswith("\n")
    assert "\x1b" not in ran.err
    assert stored_rows(library.data_dir) == before


def test_a_huge_file_is_refused_before_it_is_read(library: Library, tmp_path: Path) -> None:
    add_bookmark(library)
    before = stored_rows(library.data_dir)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(300 * 2**20)  # sparse: 300 MB of zeros that take no disk
    ran = bookmarks(library, "import", str(huge))
    assert (ran.code, ran.out) == (2, "")
    assert ran.err == (
        "error: The file is larger than 128 MB, more than a bookmarks export InnoAtlas can "
        "import; nothing was imported.\n"
    )
    assert stored_rows(library.data_dir) == before


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_an_export_saved_as_utf_16_or_32_imports_whole(
    library: Library, tmp_path: Path, encoding: str
) -> None:
    add_bookmark(library)
    bookmarks(library, "add", fund_id(library), "--quote", "a new round", "--note", "Café 香港 😀")
    exported = bookmarks(library, "export", "--format", "json").out
    saved = tmp_path / "saved.json"
    saved.write_bytes(exported.encode(encoding))
    other = tmp_path / "other"
    ran = bookmarks(library, "import", str(saved), data_dir=other)
    assert (ran.code, ran.err) == (0, "")
    assert ran.out == "Imported 2 new bookmark(s); 0 updated, 0 already here.\n"
    assert stored_rows(other) == stored_rows(library.data_dir)


def test_importing_something_else_is_refused(library: Library, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', "utf-8")
    ran = bookmarks(library, "import", str(other))
    assert (ran.code, ran.err) == (2, "error: The file is not an InnoAtlas bookmarks export.\n")


# -- surviving the library's life -----------------------------------------------------------------


def add_bookmark(library: Library) -> str:
    ran = bookmarks(library, "add", fund_id(library), "--quote", "HK$10 million")
    assert ran.code == 0, ran.err
    return ran.out.rsplit(" ", 1)[1].strip()


def status_of(library: Library) -> list[tuple[str, str, int]]:
    return [(str(r["status"]), str(r["quote"]), int(str(r["start"]))) for r in listed(library)]


def test_a_bookmark_survives_a_rebuild_of_the_index(library: Library) -> None:
    add_bookmark(library)
    library.refresh(rebuild=True)
    assert status_of(library) == [("attached", "HK$10 million", 30)]


def test_a_bookmark_survives_its_source_file_moving(library: Library, articles: Path) -> None:
    bookmark_id = add_bookmark(library)
    (articles / "archive").mkdir()
    shutil.move(articles / "fund.txt", articles / "archive" / "fund.txt")
    library.refresh()
    assert status_of(library) == [("attached", "HK$10 million", 30)]
    with BookmarkStore(library.data_dir) as store:
        assert store.get(bookmark_id).article_source == str(articles / "archive" / "fund.txt")


def test_a_bookmark_survives_edits_to_other_paragraphs(library: Library, articles: Path) -> None:
    add_bookmark(library)
    edited = FUND.replace("on Friday", "on Friday morning") + "A closing paragraph was added.\n"
    (articles / "fund.txt").write_text(edited, "utf-8")
    library.refresh()
    assert status_of(library) == [("attached", "HK$10 million", 30)]


def test_a_bookmark_follows_an_edit_of_its_own_paragraph(library: Library, articles: Path) -> None:
    add_bookmark(library)
    edited = FUND.replace("Companies can apply", "From today, companies can apply")
    (articles / "fund.txt").write_text(edited, "utf-8")
    library.refresh()
    assert status_of(library) == [("moved", "HK$10 million", 42)]


def test_a_bookmark_whose_article_left_the_library_is_orphaned_then_back(
    library: Library, articles: Path, tmp_path: Path
) -> None:
    add_bookmark(library)
    shutil.move(articles / "fund.txt", tmp_path / "fund.txt")
    library.refresh()
    assert status_of(library) == [("orphaned", "HK$10 million", 30)]
    shutil.move(tmp_path / "fund.txt", articles / "fund.txt")
    library.refresh()
    assert status_of(library) == [("attached", "HK$10 million", 30)]
