"""The SQLite bookmark store: changes, filters, migrations, durability, repair and backups."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

import desktop
from desktop.core.bookmarks.anchors import find_quote
from desktop.core.bookmarks.model import (
    AnchorStatus,
    Bookmark,
    BookmarkError,
    BookmarkNotFound,
)
from desktop.core.bookmarks.store import (
    FILENAME,
    SCHEMA_VERSION,
    BookmarkStore,
    MergeReport,
    migrate,
)
from desktop.core.model import Article, ArticleDate, Block
from tests.core.bookmarks.conftest import Clock

PARAGRAPH = "The Cyberport Macro Fund opened a new round for fintech startups on Friday."
OTHER = "Companies can apply for up to HK$10 million, the fund said."
ARTICLE = Article(
    "a1",
    "Fintech Fund Opens",
    "/articles/fund.txt",
    (Block("p-1", "paragraph", PARAGRAPH), Block("p-2", "paragraph", OTHER)),
    date=ArticleDate(2023, 3, 3),
)
LAB = Article(
    "a2", "A New Robotics Lab", "/articles/lab.txt", (Block("p-9", "paragraph", "Robots."),)
)

Opener = Callable[[], BookmarkStore]


def expected(bookmark_id: str, **changes: object) -> Bookmark:
    """The bookmark of "a new round" in ARTICLE as first saved on the test clock."""
    value = Bookmark(
        id=bookmark_id,
        article_id="a1",
        passage_id="p-1",
        quote="a new round",
        prefix="The Cyberport Macro Fund opened ",
        suffix=" for fintech startups on Friday.",
        start=32,
        end=43,
        note="Check the deadline",
        tags=("fintech", "funding"),
        colour="#a5d6a7",
        created="2024-05-01T12:00:02+00:00",
        updated="2024-05-01T12:00:02+00:00",
        article_title="Fintech Fund Opens",
        article_date="2023-03-03",
        article_source="/articles/fund.txt",
        status=AnchorStatus.ATTACHED,
    )
    return dataclasses.replace(value, **changes)  # type: ignore[arg-type]


def add_round(store: BookmarkStore) -> Bookmark:
    return store.add(
        ARTICLE,
        find_quote(ARTICLE, "a new round"),
        note=" Check the deadline ",
        tags=["fintech", " funding ", "Fintech"],
        colour="#A5D6A7",
    )


def test_add_returns_and_saves_the_whole_bookmark(store: BookmarkStore) -> None:
    bookmark = add_round(store)
    assert len(bookmark.id) == 32
    assert bookmark == expected(bookmark.id)
    assert store.get(bookmark.id) == bookmark
    assert store.list() == [bookmark]


def test_add_refuses_a_bad_colour_and_saves_nothing(store: BookmarkStore) -> None:
    with pytest.raises(BookmarkError, match="is not a colour"):
        store.add(ARTICLE, find_quote(ARTICLE, "a new round"), colour="yellow")
    assert store.list() == []


def test_a_bookmark_survives_closing_and_reopening(open_store: Opener) -> None:
    first = open_store()
    bookmark = add_round(first)
    first.close()
    assert open_store().list() == [bookmark]


def test_update_changes_only_what_is_given_and_the_updated_time(store: BookmarkStore) -> None:
    bookmark = add_round(store)
    changed = store.update(bookmark.id, note="Deadline is May", colour="#FFD54F")
    assert changed == expected(
        bookmark.id,
        note="Deadline is May",
        colour="#ffd54f",
        updated="2024-05-01T12:00:03+00:00",
    )
    assert store.update(bookmark.id, tags=["a", "b"]).tags == ("a", "b")
    assert store.get(bookmark.id).note == "Deadline is May"


def test_update_without_changes_keeps_the_updated_time(store: BookmarkStore) -> None:
    bookmark = add_round(store)
    assert store.update(bookmark.id, note="Check the deadline") == bookmark


def test_update_of_a_missing_bookmark_says_so(store: BookmarkStore) -> None:
    with pytest.raises(BookmarkNotFound, match="id “nope”"):
        store.update("nope", note="x")


def test_delete_returns_the_bookmark_and_restore_undoes_it(store: BookmarkStore) -> None:
    bookmark = add_round(store)
    deleted = store.delete(bookmark.id)
    assert (deleted, store.list()) == (bookmark, [])
    with pytest.raises(BookmarkNotFound):
        store.get(bookmark.id)
    assert store.restore(deleted) == bookmark
    assert store.list() == [bookmark]
    with pytest.raises(BookmarkError, match="already in the store"):
        store.restore(deleted)


def test_list_filters_by_tag_article_and_text(store: BookmarkStore) -> None:
    first = add_round(store)
    second = store.add(ARTICLE, find_quote(ARTICLE, "HK$10 million"), note="Café budget")
    third = store.add(LAB, find_quote(LAB, "Robots"), tags=["robotics", "FinTech"])
    assert store.list() == [first, second, third]
    assert store.list(tag="FINTECH") == [first, third]
    assert store.list(article_id="a1") == [first, second]
    assert store.list(text="cafe") == [second]
    assert store.list(text="NEW  ROUND") == [first]
    assert store.list(tag="fintech", article_id="a2", text="robot") == [third]
    assert store.list(tag="none") == []


def test_tags_lists_each_tag_once_most_used_first(store: BookmarkStore) -> None:
    add_round(store)
    store.add(LAB, find_quote(LAB, "Robots"), tags=["robotics", "FinTech"])
    assert store.tags() == ["fintech", "funding", "robotics"]


def test_closed_store_says_so(store: BookmarkStore) -> None:
    store.close()
    store.close()
    with pytest.raises(BookmarkError, match="closed"):
        store.list()


# -- re-anchoring --------------------------------------------------------------------------------


def test_reanchor_saves_moves_orphans_and_the_new_citation(store: BookmarkStore) -> None:
    kept = add_round(store)
    lost = store.add(ARTICLE, find_quote(ARTICLE, "HK$10 million"))
    edited = Article(
        "a1",
        "Fintech Fund Opens",
        "/moved/fund.txt",
        (Block("p-3", "paragraph", "Update: " + PARAGRAPH),),
        date=ArticleDate(2023, 3, 3),
    )
    moved = dataclasses.replace(
        kept,
        passage_id="p-3",
        start=40,
        end=51,
        status=AnchorStatus.MOVED,
        article_source="/moved/fund.txt",
    )
    orphaned = dataclasses.replace(
        lost, status=AnchorStatus.ORPHANED, article_source="/moved/fund.txt"
    )
    assert store.reanchor(edited) == [moved, orphaned]
    assert store.list() == [moved, orphaned]
    # Seen again unchanged, a moved bookmark stays marked moved until the user edits it.
    assert store.reanchor(edited) == [moved, orphaned]
    assert store.update(kept.id, note="seen").status is AnchorStatus.ATTACHED
    # The article restored: the orphan comes back.
    assert store.reanchor(ARTICLE)[1] == lost


def test_mark_missing_orphans_and_reanchor_all_uses_the_lookup(store: BookmarkStore) -> None:
    first = add_round(store)
    lab = store.add(LAB, find_quote(LAB, "Robots"))
    store.reanchor_all({"a1": ARTICLE}.get)
    assert store.list() == [first, dataclasses.replace(lab, status=AnchorStatus.ORPHANED)]
    store.reanchor_all({"a1": ARTICLE, "a2": LAB}.get)
    assert store.list() == [first, lab]


def test_reanchor_all_keeps_an_edit_made_while_it_ran(
    store: BookmarkStore, open_store: Opener
) -> None:
    """The window may edit a bookmark while a worker re-anchors them all: the edit stays."""
    kept = add_round(store)
    lab = store.add(LAB, find_quote(LAB, "Robots"))
    edited = Article(
        "a1",
        "Fintech Fund Opens",
        "/articles/fund.txt",
        (Block("p-3", "paragraph", "Update: " + PARAGRAPH),),
        date=ArticleDate(2023, 3, 3),
    )
    other = open_store()

    def lookup(article_id: str) -> Article | None:
        if article_id == "a2":  # a1's bookmarks are read by now; edit one from elsewhere
            other.update(kept.id, note="edited meanwhile")
        return {"a1": edited, "a2": LAB}[article_id]

    store.reanchor_all(lookup)
    assert store.list() == [
        dataclasses.replace(
            kept,
            passage_id="p-3",
            start=40,
            end=51,
            status=AnchorStatus.MOVED,
            note="edited meanwhile",
            updated="2024-05-01T12:00:05+00:00",
        ),
        lab,
    ]


def test_reanchor_all_does_not_undo_a_change_made_while_it_ran(
    store: BookmarkStore, open_store: Opener
) -> None:
    """A row re-anchored elsewhere meanwhile is not overwritten with what was read before."""
    kept = add_round(store)
    lab = store.add(LAB, find_quote(LAB, "Robots"))
    other = open_store()

    def lookup(article_id: str) -> Article | None:
        if article_id == "a2":
            other.mark_missing("a1")  # a1 left the library meanwhile
        return {"a1": dataclasses.replace(ARTICLE, source="/moved/fund.txt"), "a2": LAB}[article_id]

    store.reanchor_all(lookup)
    assert store.list() == [dataclasses.replace(kept, status=AnchorStatus.ORPHANED), lab]


# -- merging -------------------------------------------------------------------------------------


def test_merge_adds_new_and_keeps_one_copy_of_each_bookmark(store: BookmarkStore) -> None:
    mine = add_round(store)
    same_id_older = dataclasses.replace(mine, note="old", updated="2024-01-01T00:00:00+00:00")
    same_id_newer = dataclasses.replace(
        mine, note="newer", tags=("x",), updated="2024-06-01T00:00:00+00:00"
    )
    new = dataclasses.replace(mine, id="e" * 32, quote="fintech startups", start=48, end=64)
    report = store.merge([same_id_older, same_id_newer, new])
    assert report == MergeReport(added=1, updated=1, unchanged=1)
    assert store.list() == [
        dataclasses.replace(mine, note="newer", tags=("x",), updated="2024-06-01T00:00:00+00:00"),
        new,
    ]
    assert store.merge([new, new]) == MergeReport(added=0, updated=0, unchanged=2)


def test_merge_keeps_two_bookmarks_of_the_same_words(store: BookmarkStore) -> None:
    """Only an id makes two copies one bookmark: the same quote twice is two bookmarks."""
    mine = add_round(store)
    twin = dataclasses.replace(
        mine, id="f" * 32, note="second thoughts", updated="2024-06-01T00:00:00+00:00"
    )
    assert store.merge([twin]) == MergeReport(added=1, updated=0, unchanged=0)
    assert store.list() == [mine, twin]
    assert store.merge([mine, twin]) == MergeReport(added=0, updated=0, unchanged=2)
    assert store.list() == [mine, twin]


def test_merge_is_all_or_nothing(store: BookmarkStore) -> None:
    mine = add_round(store)
    good = dataclasses.replace(mine, id="e" * 32, start=0)
    broken = dataclasses.replace(good, id="d" * 32, start=1, quote=None)  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        store.merge([good, broken])
    assert store.list() == [mine]


# -- schema ----------------------------------------------------------------------------------------


def test_a_new_file_is_at_the_latest_schema_in_wal_mode(store: BookmarkStore) -> None:
    store.close()
    with closing(sqlite3.connect(store.path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_version_1_file_is_migrated_and_keeps_its_bookmarks(
    tmp_path: Path, open_store: Opener
) -> None:
    (tmp_path / "data").mkdir()
    with closing(sqlite3.connect(tmp_path / "data" / FILENAME, isolation_level=None)) as old:
        assert migrate(old, target=1) == 0
        old.execute(
            "INSERT INTO bookmarks VALUES ('b1', 'a1', 'p-1', 'a new round', 'x ', ' y', "
            "32, 43, 'note', '[\"t\"]', '#ffd54f', '2023-01-01T00:00:00+00:00', "
            "'2023-01-02T00:00:00+00:00')"
        )
    store = open_store()
    assert store.list() == [
        Bookmark(
            "b1",
            "a1",
            "p-1",
            "a new round",
            "x ",
            " y",
            32,
            43,
            "note",
            ("t",),
            "#ffd54f",
            "2023-01-01T00:00:00+00:00",
            "2023-01-02T00:00:00+00:00",
            "",
            None,
            "",
            AnchorStatus.ATTACHED,
        )
    ]
    store.close()
    with closing(sqlite3.connect(store.path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_a_file_from_a_newer_version_is_refused_and_left_alone(
    tmp_path: Path, open_store: Opener
) -> None:
    open_store().close()
    path = tmp_path / "data" / FILENAME
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(BookmarkError, match="newer version of InnoAtlas"):
        open_store()
    assert path.read_bytes() == before


# -- durability, repair, backups -------------------------------------------------------------------

CHILD = """
import sys, time
from pathlib import Path
from desktop.core.bookmarks import BookmarkStore, find_quote
from desktop.core.model import Article, Block
article = Article("a1", "T", "t.txt", (Block("p-1", "paragraph", "Big data and AI."),))
store = BookmarkStore(Path(sys.argv[1]))
bookmark = store.add(article, find_quote(article, "data"), note="kept")
print("saved", bookmark.id, flush=True)
time.sleep(60)
"""


def test_a_bookmark_survives_the_process_being_killed_right_after_saving(
    tmp_path: Path, open_store: Opener
) -> None:
    root = Path(desktop.__file__).resolve().parent.parent
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "data")],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        word, bookmark_id = child.stdout.readline().split()
        child.kill()  # SIGKILL: no cleanup, no close, no checkpoint
        assert child.wait(timeout=30) == -9
    assert word == "saved"
    assert (tmp_path / "data" / (FILENAME + "-wal")).exists()
    found = open_store().get(bookmark_id)
    assert (found.quote, found.note) == ("data", "kept")


def backups(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in (tmp_path / "data" / "backups").iterdir())


def test_a_backup_is_taken_at_open_only_when_something_changed(
    tmp_path: Path, open_store: Opener
) -> None:
    open_store().close()
    assert backups(tmp_path) == ["bookmarks-20240501T120001000000Z.sqlite3"]
    open_store().close()
    assert len(backups(tmp_path)) == 1
    store = open_store()
    add_round(store)
    store.close()
    open_store().close()
    assert len(backups(tmp_path)) == 2


def test_only_the_last_five_backups_are_kept(tmp_path: Path, open_store: Opener) -> None:
    for _ in range(7):
        store = open_store()
        add_round(store)
        store.close()
    names = backups(tmp_path)
    assert len(names) == 5
    with closing(sqlite3.connect(tmp_path / "data" / "backups" / names[-1])) as newest:
        assert newest.execute("SELECT count(*) FROM bookmarks").fetchone() == (6,)
        assert newest.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_a_damaged_file_is_set_aside_and_restored_from_the_newest_backup(
    tmp_path: Path, open_store: Opener, clock: Clock
) -> None:
    store = open_store()
    bookmark = add_round(store)
    store.close()
    open_store().close()  # the backup that holds the bookmark
    path = tmp_path / "data" / FILENAME
    damaged = b"this is not a database " * 200
    path.write_bytes(damaged)
    store = open_store()
    assert store.list() == [bookmark]
    assert store.notice == (
        "The bookmarks file was damaged. It was set aside as "
        "bookmarks.sqlite3.damaged-20240501T120004000000Z, and the bookmarks were restored "
        "from the backup of 2024-05-01T12:00:03+00:00; changes made after that backup are "
        "missing."
    )
    aside = tmp_path / "data" / "bookmarks.sqlite3.damaged-20240501T120004000000Z"
    assert aside.read_bytes() == damaged


def test_a_file_with_damaged_pages_is_detected(tmp_path: Path, open_store: Opener) -> None:
    store = open_store()
    for _ in range(40):
        store.add(ARTICLE, find_quote(ARTICLE, "a new round"), note="x" * 500)
    store.close()
    path = tmp_path / "data" / FILENAME
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 4] = b"\xff" * (page * 2)
    path.write_bytes(bytes(data))
    store = open_store()
    assert store.notice is not None and "damaged" in store.notice
    assert len(store.list()) == 0  # the only backup was taken before the bookmarks


def test_a_damaged_file_without_backups_starts_empty_and_says_so(
    tmp_path: Path, open_store: Opener
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / FILENAME).write_bytes(b"garbage" * 100)
    store = open_store()
    assert store.list() == []
    assert store.notice == (
        "The bookmarks file was damaged and no good backup was found. It was set aside as "
        "bookmarks.sqlite3.damaged-20240501T120001000000Z, and a new, empty bookmarks file "
        "was started."
    )


def test_a_failed_backup_still_opens_the_store_and_says_so(
    tmp_path: Path, open_store: Opener
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "backups").write_text("not a folder")
    store = open_store()
    assert store.notice is not None
    assert store.notice.startswith("No backup of the bookmarks could be taken: ")
    assert add_round(store) == store.list()[0]


def test_partial_backups_left_by_killed_backups_are_removed_at_open(
    tmp_path: Path, open_store: Opener
) -> None:
    store = open_store()
    add_round(store)
    store.close()
    open_store().close()  # the backup with the bookmark; the next open takes none
    folder = tmp_path / "data" / "backups"
    taken = backups(tmp_path)
    backup = folder / taken[-1]
    killed = folder / "bookmarks-20240101T000000000000Z.partial"
    killed.write_bytes(backup.read_bytes()[:5000])  # a copy cut off halfway
    (folder / "bookmarks-20240101T000000000000Z.partial-journal").write_bytes(b"\xd9" * 512)
    (folder / "bookmarks-20240102T000000000000Z.partial-wal").write_bytes(b"x")  # its copy gone
    for name in ("notes.partial", "bookmarks-old.sqlite3.bak", "export.json.partial"):
        (folder / name).write_text("not the store's")
    open_store().close()
    assert backups(tmp_path) == sorted(
        [*taken, "notes.partial", "bookmarks-old.sqlite3.bak", "export.json.partial"]
    )


def test_a_partial_backup_another_process_is_writing_is_left_alone(
    tmp_path: Path, open_store: Opener
) -> None:
    open_store().close()
    folder = tmp_path / "data" / "backups"
    writing = folder / "bookmarks-20990101T000000000000Z.partial"
    with writing.open("wb") as stream:
        fcntl = pytest.importorskip("fcntl")
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX)  # as a backup being written holds it
        open_store().close()
        assert writing.exists()
    open_store().close()
    assert not writing.exists()


def test_a_change_waits_for_another_process_to_finish_its_change(
    tmp_path: Path, open_store: Opener
) -> None:
    """An import elsewhere may hold the file for seconds: adding a bookmark waits for it."""
    store = open_store()
    with closing(
        sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    ) as importer:
        importer.execute("BEGIN IMMEDIATE")
        importer.execute(
            'INSERT INTO bookmarks (id, article_id, passage_id, quote, start, "end", colour, '
            "created, updated) VALUES ('i1', 'a2', 'p-9', 'Robots', 0, 6, '#ffd54f', "
            "'2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00')"
        )
        finish = threading.Timer(5.5, importer.execute, ["COMMIT"])  # longer than SQLite's 5 s
        started = time.monotonic()
        finish.start()
        try:
            bookmark = add_round(store)
        finally:
            finish.join()
        waited = time.monotonic() - started
    assert waited >= 5.5
    assert [b.id for b in store.list()] == ["i1", bookmark.id]


def test_a_file_held_too_long_by_another_process_is_a_plain_error(
    tmp_path: Path, clock: Clock
) -> None:
    store = BookmarkStore(tmp_path / "data", clock=clock, busy_timeout=0.2)
    with store, closing(sqlite3.connect(store.path, isolation_level=None)) as other:
        kept = add_round(store)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(BookmarkError) as caught:
            store.add(LAB, find_quote(LAB, "Robots"))
        assert str(caught.value) == (
            "The bookmarks could not be changed: another InnoAtlas (a window or a command) is "
            "changing the bookmarks; try again when it has finished."
        )
        other.execute("ROLLBACK")
        assert store.list() == [kept]


def test_a_busy_file_is_not_mistaken_for_a_damaged_one(tmp_path: Path, open_store: Opener) -> None:
    store = open_store()
    bookmark = add_round(store)
    store.close()
    with closing(sqlite3.connect(store.path, isolation_level=None, timeout=0)) as holder:
        holder.execute("PRAGMA journal_mode = DELETE")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(BookmarkError, match="cannot be opened"):
            BookmarkStore(tmp_path / "data", clock=Clock())
        holder.execute("ROLLBACK")
    assert list((tmp_path / "data").glob("*damaged*")) == []
    assert open_store().list() == [bookmark]


def test_an_unwritable_data_folder_is_a_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(BookmarkError, match="cannot be opened"):
        BookmarkStore(blocker / "data")


def test_the_store_can_be_shared_between_threads(store: BookmarkStore) -> None:

    anchor = find_quote(ARTICLE, "a new round")
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                store.add(ARTICLE, anchor)
                store.list()
        except BaseException as error:  # noqa: BLE001 - collected and re-raised by the test
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (errors, len(store.list())) == ([], 80)


def test_the_file_lives_in_the_data_folder_not_the_index(
    store: BookmarkStore, tmp_path: Path
) -> None:
    assert store.path == tmp_path / "data" / "bookmarks.sqlite3"
    assert os.path.commonpath([store.path, tmp_path / "data" / "index"]) == str(tmp_path / "data")
