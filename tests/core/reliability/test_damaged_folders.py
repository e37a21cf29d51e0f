"""Full, read-only and damaged data folders: reading always works, user data is never lost,
and the index (derived data) repairs itself."""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import sqlite3
from pathlib import Path

import pytest

from desktop.core.errors import IndexUnavailable
from desktop.core.library import Library
from desktop.core.manifest import Manifest
from desktop.locations import knowledge_base
from tests.core.reliability.conftest import Case, cli, in_namespace, needs_namespaces
from tests.core.reliability.conftest import write_articles as write_library


def digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def library_with_a_bookmark(tmp_path: Path) -> tuple[Path, Path, str]:
    """A small indexed library and one bookmark in it: (data, source, the article's id)."""
    data, source = tmp_path / "data", write_library(tmp_path / "articles", 12, "harbour")
    assert cli("index", data_dir=data, source=source).code == 0
    articles = cli("articles", "--json", data_dir=data, source=source).json()
    lab = next(a["id"] for a in articles if a["title"] == "Harbour Number 3 Opens a Lab")
    quote = ["--quote", "harbour lab number 3", "--note", "keep me"]
    assert cli("bookmarks", "add", lab, *quote, data_dir=data, source=source).code == 0
    return data, source, lab


@needs_namespaces
def test_a_read_only_data_folder_is_read_with_a_notice_and_never_written(
    tmp_path: Path, case: Case
) -> None:
    data, source, lab = library_with_a_bookmark(tmp_path)
    (source / "harbour-011.txt").write_text("Harbour Rewritten\nChanged since indexed.\n")
    before = digests(data)
    ran = in_namespace(
        """
        mount("--bind", data, data)
        mount("-o", "remount,bind,ro", data)
        runs = {
            "search": cli("search", "harbour3x", "--json", data_dir=data, source=source),
            "articles": cli("articles", data_dir=data, source=source),
            "show": cli("show", lab, data_dir=data, source=source),
            "entities": cli("entities", data_dir=data, source=source),
            "list": cli("bookmarks", "list", "--json", data_dir=data, source=source),
            "export": cli("bookmarks", "export", "--format", "md", data_dir=data, source=source),
            "add": cli("bookmarks", "add", lab, "--quote", "Harbour", data_dir=data, source=source),
            "import": cli("import", source, data_dir=data, source=source),
            "index": cli("index", data_dir=data, source=source),
        }
        print(json.dumps(runs))
        """,
        data=str(data),
        source=str(source),
        lab=lab,
    )
    for name in ("search", "articles", "show", "entities", "list", "export"):
        case.check(f"{name} works ({ran[name]['err'].strip()[:80]})", ran[name]["code"] == 0)
    case.check("search finds", json.loads(ran["search"]["out"])["total"] == 1)
    case.check("search says why it is not current", "cannot be written" in ran["search"]["err"])
    case.check("the bookmark is listed", "keep me" in ran["list"]["out"])
    case.check("the bookmark is exported", "keep me" in ran["export"]["out"])
    for name in ("add", "import", "index"):
        err = ran[name]["err"]
        case.check(f"{name} refused in words", ran[name]["code"] != 0 and "Traceback" not in err)
    case.check("nothing was written", digests(data) == before)


@needs_namespaces
def test_a_full_disk_loses_nothing_and_is_not_filled_again_by_every_command(
    tmp_path: Path, case: Case
) -> None:
    data, source = tmp_path / "data", tmp_path / "articles"
    write_library(source, 12, "harbour")
    big = write_library(tmp_path / "big", 1500, "flood")
    ran = in_namespace(
        """
        import os, shutil
        Path(data).mkdir()
        mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", data)
        runs = {"index": cli("index", data_dir=data, source=source)}
        lab = next(a["id"] for a in json.loads(cli("articles", "--json", data_dir=data,
                   source=source)["out"]) if a["title"] == "Harbour Number 3 Opens a Lab")
        runs["add"] = cli("bookmarks", "add", lab, "--quote", "harbour lab number 3",
                          "--note", "keep me", data_dir=data, source=source)
        index = Path(data) / "index"
        files_before = sorted(p.name for p in index.iterdir())
        free_before = shutil.disk_usage(data).free
        runs["import"] = cli("import", big, data_dir=data, source=source)
        files_after = sorted(p.name for p in index.iterdir())
        free_after = shutil.disk_usage(data).free
        runs["search"] = cli("search", "harbour3x", "--json", data_dir=data, source=source)
        runs["list"] = cli("bookmarks", "list", "--json", data_dir=data, source=source)
        runs["export"] = cli("bookmarks", "export", "--format", "json", data_dir=data,
                             source=source)
        runs["again"] = cli("search", "harbour5x", "--json", data_dir=data, source=source)
        print(json.dumps({"runs": runs, "before": files_before, "after": files_after,
                          "free_before": free_before, "free_after": free_after}))
        """,
        data=str(data),
        source=str(source),
        big=str(big),
    )
    runs = ran["runs"]
    case.check("the small library fits", runs["index"]["code"] == 0 and runs["add"]["code"] == 0)
    imported = runs["import"]
    case.check("a too big import fails in words", imported["code"] != 0)
    case.check("it says the disk is full", "space" in imported["err"].lower())
    case.check("no traceback", "Traceback" not in imported["err"])
    left = set(ran["after"]) - set(ran["before"]) - {"innoatlas-refresh-failed.json"}
    case.check(f"nothing half-written is left ({sorted(left)})", not left)
    case.check("the space is given back", ran["free_after"] >= ran["free_before"] - 256 * 1024)
    search = runs["search"]
    case.check("search still works", search["code"] == 0 and json.loads(search["out"])["total"])
    case.check("and says why it is not current", "ran out of disk space" in search["err"])
    case.check("bookmarks listed", runs["list"]["code"] == 0 and "keep me" in runs["list"]["out"])
    case.check("bookmarks exported", "keep me" in runs["export"]["out"])
    case.check("later commands do not retry", "ran out of disk space" in runs["again"]["err"])


def damage(path: Path, how: str) -> None:
    """Cut a file in half, or overwrite its second half with random bytes."""
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:
        rng = random.Random(20261203)
        half = len(data) // 2
        path.write_bytes(data[:half] + bytes(rng.getrandbits(8) for _ in data[half:]))


def test_a_damaged_index_is_rebuilt_by_itself_and_user_data_is_untouched(
    tmp_path: Path, case: Case
) -> None:
    data, source, _lab = library_with_a_bookmark(tmp_path)
    saved = cli("bookmarks", "list", "--json", data_dir=data, source=source).json()
    for how, suffix in [
        ("truncated", ".pst"),
        ("truncated", ".trm"),
        ("scrambled", "._stored.col"),
        ("scrambled", ".entities.col"),
    ]:
        (target,) = [p for p in (data / "index").iterdir() if p.name.endswith(suffix)]
        damage(target, how)
        found = cli("search", "harbour7x", "--json", data_dir=data, source=source)
        case.check(
            f"{how} {suffix}: search answers ({found.err.strip()[:60]})",
            found.code == 0 and found.json()["total"] == 1,
        )
        case.check(f"{how} {suffix}: says it was rebuilt", "damaged" in found.err)
        again = cli("search", "harbour8x", "--json", data_dir=data, source=source)
        case.check(f"{how} {suffix}: repaired for good", again.json()["total"] == 1)
        case.check(f"{how} {suffix}: no notice after", "damaged" not in again.err)
    listed = cli("bookmarks", "list", "--json", data_dir=data, source=source).json()
    case.check("the bookmark survives, as it was", listed == saved and len(saved) == 1)


@needs_namespaces
def test_a_damaged_index_in_a_read_only_folder_still_lists_and_exports_bookmarks(
    tmp_path: Path, case: Case
) -> None:
    data, source, _lab = library_with_a_bookmark(tmp_path)
    (postings,) = (data / "index").glob("*.pst")
    damage(postings, "truncated")
    ran = in_namespace(
        """
        mount("--bind", data, data)
        mount("-o", "remount,bind,ro", data)
        print(json.dumps({
            "export": cli("bookmarks", "export", "--format", "json", data_dir=data, source=source),
            "list": cli("bookmarks", "list", data_dir=data, source=source),
            "search": cli("search", "harbour3x", data_dir=data, source=source),
        }))
        """,
        data=str(data),
        source=str(source),
    )
    for name in ("export", "list"):
        case.check(f"bookmarks {name} works", ran[name]["code"] == 0)
        case.check(f"bookmarks {name} shows the note", "keep me" in ran[name]["out"])
        case.check(f"bookmarks {name} says why", "damaged" in ran[name]["err"])
    search = ran["search"]
    case.check("search fails in words", search["code"] == 1 and "damaged" in search["err"])
    case.check("and not as if another process rebuilt it", "being rebuilt" not in search["err"])


def test_a_manifest_that_could_not_be_saved_keeps_the_last_index_answering(
    tmp_path: Path, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, source, _lab = library_with_a_bookmark(tmp_path)
    (source / "harbour-005.txt").write_text("Harbour Rewritten\nThe rewrittenmarker text.\n")

    def full(*_args: object, **_kwargs: object) -> None:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as error:
            raise IndexUnavailable("The list of articles could not be saved.") from error

    with Library(data, [source], knowledge_base()) as library:
        monkeypatch.setattr(Manifest, "save", full)  # isolates the fault: after the commit
        with contextlib.suppress(IndexUnavailable):
            library.refresh()
        monkeypatch.undo()
    found = cli("search", "harbour3x", "--json", data_dir=data, source=source)
    case.check("the index still answers", found.code == 0 and found.json()["total"] == 1)
    case.check("and says why it is not current", "ran out of disk space" in found.err)
    case.check("index (asked for) mends it", cli("index", data_dir=data, source=source).code == 0)
    new = cli("search", "rewrittenmarker", "--json", data_dir=data, source=source)
    case.check("the rebuilt index answers", new.json()["total"] == 1)
    articles = cli("articles", "--json", data_dir=data, source=source).json()
    case.check("every article is listed once", len(articles) == 12)


def test_a_damaged_list_of_sources_is_set_aside_and_said(tmp_path: Path, case: Case) -> None:
    data, none = tmp_path / "data", tmp_path / "none"
    none.mkdir()
    folder = write_library(tmp_path / "mine", 3, "mine")
    case.check("import", cli("import", str(folder), data_dir=data, source=none).code == 0)
    (data / "sources.json").write_text("{damaged", "utf-8")
    found = cli("search", "mine1x", "--json", data_dir=data, source=none)
    case.check(f"search works ({found.err.strip()[:60]})", found.code == 0)
    case.check("it says the list was damaged", "sources was damaged" in found.err)
    case.check("the damaged list is kept", len(list(data.glob("sources.json.damaged-*"))) == 1)
    again = cli("import", str(folder), "--json", data_dir=data, source=none)
    back = cli("search", "mine1x", "--json", data_dir=data, source=none)
    case.check("importing again brings it back", again.code == 0 and back.json()["total"] == 1)


def test_damaged_corrections_are_set_aside_and_every_command_goes_on(
    tmp_path: Path, case: Case
) -> None:
    data, source, _lab = library_with_a_bookmark(tmp_path)
    (data / "corrections.json").write_text('{"format": "innoatlas-corrections", "corr')
    found = cli("search", "harbour3x", "--json", data_dir=data, source=source)
    case.check("search works", found.code == 0 and found.json()["total"] == 1)
    case.check("it says what happened", "corrections could not be read" in found.err)
    aside = list(data.glob("corrections.json.damaged-*"))
    case.check("the damaged file is kept aside", len(aside) == 1)
    exported = cli("bookmarks", "export", "--format", "json", data_dir=data, source=source)
    case.check("bookmarks export works", exported.code == 0 and "keep me" in exported.out)
    corrected = cli("correct", "Robotics", "--hide", data_dir=data, source=source)
    case.check(f"a new correction is saved ({corrected.err.strip()})", corrected.code == 0)


def test_a_library_with_no_articles_finds_nothing_without_an_error(
    tmp_path: Path, case: Case
) -> None:
    empty, bad = tmp_path / "empty", tmp_path / "bad"
    empty.mkdir()
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    for folder in (empty, bad):
        for query, mode in (("hkstp", []), ("What is HKSTP?", ["--passages"]), ("hkst~", [])):
            found = cli(
                "search", query, *mode, "--json", data_dir=tmp_path / folder.name, source=folder
            )
            case.check(
                f"{folder.name}: {query} {mode}",
                found.code == 0 and found.json()["total"] == 0 and not found.err,
            )


def test_a_limit_too_large_is_one_line(tmp_path: Path, case: Case) -> None:
    ran = cli("search", "hkstp", "--limit", "99999999999999999999", data_dir=tmp_path)
    case.check("exit 2", ran.code == 2)
    case.check(f"one line ({ran.err!r})", ran.err.count("\n") == 1 and "--limit" in ran.err)
