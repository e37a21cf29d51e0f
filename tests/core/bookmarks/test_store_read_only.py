"""The bookmark store on a data folder that cannot be written: a read-only disk, a full one.

We run as root, and root writes through file permissions, so a folder is made truly read-only
(or truly full) only for a child process, in a private mount namespace of its own (``unshare
--user --map-root-user --mount``): there the folder is bind-mounted read-only over itself, or
a small tmpfs is mounted on it and filled. The child prints what it saw as JSON; the test
checks it and, for a read-only folder, that every file in it is byte for byte as it was.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

import desktop
from desktop.core.bookmarks.anchors import find_quote
from desktop.core.bookmarks.model import AnchorStatus, Bookmark
from desktop.core.bookmarks.store import FILENAME, BookmarkStore, migrate
from desktop.core.library import Library
from tests.cli.test_cli_bookmarks import FUND, bookmarks, fund_id
from tests.cli.test_cli_bookmarks import LAB as LAB_TEXT
from tests.core.bookmarks.test_store import ARTICLE, add_round
from tests.core.conftest import write_articles

ROOT = Path(desktop.__file__).resolve().parent.parent
READ_ONLY = "The data folder cannot be written: bookmarks are shown as last saved; changes cannot "
READ_ONLY += "be saved."
REFUSED = "The bookmarks cannot be changed: the data folder cannot be written."

#: Run first in every child: the articles of test_store, and ``emit`` to report back.
PRELUDE = """
import dataclasses, json, sys
from pathlib import Path
from desktop.core.bookmarks import BookmarkError, BookmarkStore, find_quote
from tests.core.bookmarks.test_store import ARTICLE, LAB, OTHER, PARAGRAPH
from desktop.core.model import Article, ArticleDate, Block
data = Path(sys.argv[1])
EDITED = Article(
    "a1", "Fintech Fund Opens", "/moved/fund.txt",
    (Block("p-3", "paragraph", "Update: " + PARAGRAPH), Block("p-2", "paragraph", OTHER)),
    date=ArticleDate(2023, 3, 3),
)
def emit(value):
    print(json.dumps(value), flush=True)
def attempt(change):
    try:
        change()
    except BookmarkError as error:
        return [type(error).__name__, str(error)]
    return None
def fill(folder):
    with open(folder / "filler", "wb", buffering=0) as stream:
        for size in (65536, 4096, 1):
            try:
                while True:
                    stream.write(b"x" * size)
            except OSError:
                pass
"""
RO_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
FULL_MOUNT = 'mount -t tmpfs -o size=2m tmpfs "$1" && shift && exec "$@"'


@pytest.fixture(scope="module")
def namespaces() -> None:
    """Skip unless this machine lets an unprivileged process mount in a namespace of its own."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed: a read-only folder cannot be made")
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs t /mnt"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if probe.returncode != 0:
        pytest.skip(f"no private mount namespace here: {probe.stderr.strip()}")


def sealed(mount: str, folder: Path, body: str, *args: str) -> list[Any]:
    """Run ``body`` (after :data:`PRELUDE`) in a child that sees ``folder`` as ``mount`` makes
    it; every JSON line it emitted, in order."""
    script = PRELUDE + textwrap.dedent(body)
    command = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", mount, "sh"]
    command += [str(folder), sys.executable, "-c", script, str(folder), *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def as_dicts(bookmarks: list[Bookmark]) -> list[dict[str, Any]]:
    return [b.to_dict() for b in bookmarks]


@pytest.fixture
def saved(tmp_path: Path) -> list[Bookmark]:
    """Two bookmarks in ``tmp_path/"data"``, the store closed cleanly (no -wal, no -shm)."""
    with BookmarkStore(tmp_path / "data") as store:
        first = add_round(store)
        second = store.add(ARTICLE, find_quote(ARTICLE, "HK$10 million"), note="budget")
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["backups", FILENAME]
    return [first, second]


def test_a_read_only_folder_opens_to_read_and_refuses_every_change(
    namespaces: None, tmp_path: Path, saved: list[Bookmark]
) -> None:
    data = tmp_path / "data"
    before = snapshot(data)
    [opened, refused, reanchored, listed] = sealed(
        RO_MOUNT,
        data,
        """
        store = BookmarkStore(data)
        emit([store.read_only, store.notice, [b.to_dict() for b in store.list()]])
        first = store.list()[0]
        emit([
            attempt(lambda: store.add(LAB, find_quote(LAB, "Robots"))),
            attempt(lambda: store.update(first.id, note="x")),
            attempt(lambda: store.delete(first.id)),
            attempt(lambda: store.merge([dataclasses.replace(first, id="f" * 32)])),
        ])
        emit([b.to_dict() for b in store.reanchor(EDITED)])
        emit([b.to_dict() for b in store.list()])
        """,
    )
    assert opened == [True, READ_ONLY, as_dicts(saved)]
    assert refused == [["NotSaved", REFUSED]] * 4
    moved = dataclasses.replace(
        saved[0],
        passage_id="p-3",
        start=40,
        end=51,
        article_source="/moved/fund.txt",
        status=AnchorStatus.MOVED,
    )
    second = dataclasses.replace(saved[1], article_source="/moved/fund.txt")
    assert reanchored == listed == as_dicts([moved, second])  # found now, in memory only
    assert snapshot(data) == before


def test_a_read_only_folder_shows_what_a_crash_left_in_the_journal(
    namespaces: None, tmp_path: Path, saved: list[Bookmark]
) -> None:
    """A writer killed before it checkpointed leaves its last bookmark in the -wal only."""
    data = tmp_path / "data"
    script = textwrap.dedent(
        """
        import os, sys
        from pathlib import Path
        from desktop.core.bookmarks import BookmarkStore, find_quote
        from tests.core.bookmarks.test_store import LAB
        store = BookmarkStore(Path(sys.argv[1]))
        store.add(LAB, find_quote(LAB, "Robots"), note="only in the journal")
        os._exit(0)  # no close, no checkpoint
        """
    )
    subprocess.run([sys.executable, "-c", script, str(data)], cwd=ROOT, check=True, timeout=60)
    assert (data / (FILENAME + "-wal")).stat().st_size > 0
    [[notice, notes]] = sealed(
        RO_MOUNT,
        data,
        "store = BookmarkStore(data)\nemit([store.notice, [b.note for b in store.list()]])",
    )
    assert (notice, notes) == (READ_ONLY, ["Check the deadline", "budget", "only in the journal"])


def test_a_file_that_needs_an_upgrade_is_read_as_it_is(namespaces: None, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with closing(sqlite3.connect(data / FILENAME, isolation_level=None)) as old:
        migrate(old, target=1)
        old.execute(
            "INSERT INTO bookmarks VALUES ('b1', 'a1', 'p-1', 'a new round', 'x ', ' y', "
            "32, 43, 'note', '[\"t\"]', '#ffd54f', '2023-01-01T00:00:00+00:00', "
            "'2023-01-02T00:00:00+00:00')"
        )
    before = snapshot(data)
    [[notice, rows]] = sealed(
        RO_MOUNT,
        data,
        "store = BookmarkStore(data)\nemit([store.notice, [b.to_dict() for b in store.list()]])",
    )
    assert notice == READ_ONLY
    assert rows == [
        Bookmark(
            "b1", "a1", "p-1", "a new round", "x ", " y", 32, 43, "note", ("t",), "#ffd54f",
            "2023-01-01T00:00:00+00:00", "2023-01-02T00:00:00+00:00", "", None, "",
            AnchorStatus.ATTACHED,
        ).to_dict()
    ]  # fmt: skip
    assert snapshot(data) == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            "CREATE TABLE notes (x)",  # version 0: the bookmarks table was never made
            "needs an upgrade that cannot be made while the data folder cannot be written; it "
            "can be opened once the folder is writable.",
        ),
        ("PRAGMA user_version = 99", "written by a newer version of InnoAtlas"),
    ],
)
def test_a_file_that_cannot_be_read_without_writing_says_so(
    namespaces: None, tmp_path: Path, make: str, message: str
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with closing(sqlite3.connect(data / FILENAME, isolation_level=None)) as file:
        file.execute(make)
    [[kind, text]] = sealed(RO_MOUNT, data, "emit(attempt(lambda: BookmarkStore(data)))")
    assert kind == "BookmarkError"
    assert message in text and "\n" not in text


def test_a_damaged_file_in_a_read_only_folder_is_not_repaired_and_says_why(
    namespaces: None, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / FILENAME).write_bytes(b"garbage" * 1000)
    before = snapshot(data)
    [[kind, text]] = sealed(RO_MOUNT, data, "emit(attempt(lambda: BookmarkStore(data)))")
    assert kind == "BookmarkError"
    assert text.startswith(f"The bookmarks file {data / FILENAME} is damaged, and cannot be ")
    assert snapshot(data) == before


# -- the command line on a read-only folder ----------------------------------------------------

CLI = """
import io
from desktop.cli import build_parser
from desktop.cli.bookmarks import run
from desktop.core.library import Library
library_dir, articles = Path(sys.argv[2]), Path(sys.argv[3])
with Library(library_dir, [articles]) as library:
    for argv in sys.argv[4:]:
        out, err = io.StringIO(), io.StringIO()
        args = build_parser().parse_args(["bookmarks", *json.loads(argv)])
        code = run(args, library, data, out, err)
        emit([code, out.getvalue(), err.getvalue()])
"""


#: The same, where a step "fill" fills the disk, edits an article so that a bookmark is
#: orphaned and refreshes the library; a store stays open meanwhile, as the window's would.
CLI_STEPS = """
import io
from desktop.cli import build_parser
from desktop.cli.bookmarks import run
from desktop.core.library import Library
library_dir, articles = Path(sys.argv[2]), Path(sys.argv[3])
holder = BookmarkStore(data)
for step in sys.argv[4:]:
    with Library(library_dir, [articles]) as library:
        if step == "fill":
            fund = articles / "fund.txt"
            fund.write_text(fund.read_text().replace("HK$10 million", "HK$20 million"))
            library.refresh()
            fill(data)
            continue
        out, err = io.StringIO(), io.StringIO()
        args = build_parser().parse_args(["bookmarks", *json.loads(step)])
        code = run(args, library, data, out, err)
        emit([code, out.getvalue(), err.getvalue()])
"""


def test_list_and_export_work_on_a_read_only_folder(namespaces: None, tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "articles", {"fund.txt": FUND, "lab.txt": LAB_TEXT})
    data, library_dir = tmp_path / "data", tmp_path / "library"
    with Library(library_dir, [articles]) as library:
        library.refresh()
        for quote in ("a new round", "HK$10 million"):
            ran = bookmarks(library, "add", fund_id(library), "--quote", quote, data_dir=data)
            assert ran.code == 0, ran.err
        exported = json.loads(bookmarks(library, "export", "--format", "json", data_dir=data).out)
    (articles / "fund.txt").write_text(FUND.replace("HK$10 million", "HK$20 million"), "utf-8")
    with Library(library_dir, [articles]) as library:
        library.refresh()
    before = snapshot(data)
    listed, export, add = sealed(
        RO_MOUNT,
        data,
        CLI,
        str(library_dir),
        str(articles),
        json.dumps(["list"]),
        json.dumps(["export", "--format", "json"]),
        json.dumps(["add", exported["bookmarks"][0]["article_id"], "--quote", "on Friday"]),
    )
    note = f"Note: {READ_ONLY}\n"
    ids = [row["id"][:8] for row in exported["bookmarks"]]
    assert listed == [
        0,
        f"{ids[0]}  “a new round”\n"
        "          Fintech Fund Opens (2023-03-03)\n"
        f"{ids[1]}  [orphaned] “HK$10 million”\n"
        "          Fintech Fund Opens (2023-03-03)\n"
        "2 bookmark(s), 1 orphaned\n",
        note,
    ]
    assert export[0::2] == [0, note]
    statuses = [(b["id"], b["status"]) for b in json.loads(export[1])["bookmarks"]]
    assert statuses == [
        (exported["bookmarks"][0]["id"], "attached"),
        (exported["bookmarks"][1]["id"], "orphaned"),
    ]
    assert add == [2, "", f"{note}error: {REFUSED}\n"]
    assert snapshot(data) == before


# -- a full disk ---------------------------------------------------------------------------------


def test_a_full_disk_still_lists_and_keeps_the_new_places_in_memory(
    namespaces: None, tmp_path: Path
) -> None:
    """The file is open elsewhere (its -shm made): writes fail, reading still works."""
    data = tmp_path / "data"
    data.mkdir()
    [first, stored, listed, full] = sealed(
        FULL_MOUNT,
        data,
        """
        holder = BookmarkStore(data)  # keeps -wal and -shm, as the window would
        from tests.core.bookmarks.test_store import add_round
        first = add_round(holder)
        emit(first.to_dict())
        fill(data)
        store = BookmarkStore(data)
        emit([b.to_dict() for b in store.list()][:1])
        store.reanchor_all({"a1": EDITED}.get)
        emit([store.notice, [b.to_dict() for b in store.list()][:1]])
        emit([attempt(lambda: store.update(first.id, note="x")), holder.get(first.id).note])
        """,
    )
    assert stored == [first]
    moved = dict(
        first,
        passage_id="p-3",
        start=40,
        end=51,
        article_source="/moved/fund.txt",
        status="moved",
    )
    assert listed == [
        "Where the bookmarks are found now could not be saved (the disk is full): they are "
        "shown as found, and the file keeps them as last saved.",
        [moved],
    ]
    assert full[1] == "Check the deadline"
    assert full[0] is not None and full[0][0] == "NotSaved"
    assert full[0][1].endswith("the disk is full.")


def test_a_full_disk_opens_the_store_to_read(namespaces: None, tmp_path: Path) -> None:
    """Closed cleanly, the file has no -shm, and a full disk cannot make one: read-only."""
    data = tmp_path / "data"
    data.mkdir()
    [[read_only, notice, notes, refused]] = sealed(
        FULL_MOUNT,
        data,
        """
        from tests.core.bookmarks.test_store import add_round
        with BookmarkStore(data) as first:
            add_round(first)
        fill(data)
        store = BookmarkStore(data)
        emit([
            store.read_only, store.notice, [b.note for b in store.list()],
            attempt(lambda: store.add(LAB, find_quote(LAB, "Robots"))),
        ])
        """,
    )
    assert (read_only, notes) == (True, ["Check the deadline"])
    assert notice == (
        "The disk is full: bookmarks are shown as last saved; changes cannot be saved."
    )
    assert refused == ["NotSaved", REFUSED]


def test_the_command_line_says_when_new_places_cannot_be_saved(
    namespaces: None, tmp_path: Path
) -> None:
    articles = write_articles(tmp_path / "articles", {"fund.txt": FUND, "lab.txt": LAB_TEXT})
    data, library_dir = tmp_path / "data", tmp_path / "library"
    data.mkdir()
    with Library(library_dir, [articles]) as library:
        library.refresh()
        article_id = fund_id(library)
    runs = sealed(
        FULL_MOUNT,
        data,
        CLI_STEPS,
        str(library_dir),
        str(articles),
        json.dumps(["add", article_id, "--quote", "a new round"]),
        json.dumps(["add", article_id, "--quote", "HK$10 million"]),
        "fill",
        json.dumps(["list"]),
    )
    [added, _second, listed] = runs
    bookmark_id = added[1].rsplit(" ", 1)[1].strip()
    assert listed == [
        0,
        f"{bookmark_id[:8]}  “a new round”\n"
        "          Fintech Fund Opens (2023-03-03)\n"
        f"{runs[1][1].rsplit(' ', 1)[1][:8]}  [orphaned] “HK$10 million”\n"
        "          Fintech Fund Opens (2023-03-03)\n"
        "2 bookmark(s), 1 orphaned\n",
        "Note: No backup of the bookmarks could be taken: database or disk is full.\n"
        "Note: Where the bookmarks are found now could not be saved (the disk is full): they "
        "are shown as found, and the file keeps them as last saved.\n",
    ]
