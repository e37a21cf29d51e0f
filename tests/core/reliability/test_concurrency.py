"""Commands at once on one data folder: none loses another's changes, bookmarks work during
any index work, and searches answer from the last complete index while it is rebuilt."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.core.reliability.conftest import ROOT, Case, cli, start_cli, write_articles

IMPORTS = 4
FILES_EACH = 28


def test_four_imports_at_once_keep_every_source_and_article(tmp_path: Path, case: Case) -> None:
    data, none = tmp_path / "data", tmp_path / "none"
    none.mkdir()
    folders = [write_articles(tmp_path / f"batch{n}", FILES_EACH, f"batch{n}") for n in range(4)]
    runs = [
        start_cli("import", *map(str, sorted(f.iterdir())), "--json", data_dir=data, source=none)
        for f in folders
    ]
    outcomes = [run.communicate(timeout=600) for run in runs]
    for number, (run, (_out, err)) in enumerate(zip(runs, outcomes, strict=True)):
        case.check(f"import {number} exits 0 ({err.strip()[-120:]})", run.returncode == 0)
    listed = json.loads((data / "sources.json").read_text())["sources"]
    case.check(
        f"all {IMPORTS * FILES_EACH} sources kept ({len(listed)})",
        len(listed) == IMPORTS * FILES_EACH,
    )
    articles = cli("articles", "--json", data_dir=data, source=none).json()
    case.check(f"all articles indexed ({len(articles)})", len(articles) == IMPORTS * FILES_EACH)
    for number in range(IMPORTS):
        found = cli("search", f"batch{number}27x", "--json", data_dir=data, source=none).json()
        case.check(f"batch {number} searchable", found["total"] == 1)
    case.check("no temporary file left", not list(data.glob(".*.partial")))


#: A rebuild held half-way, the way a long one is: its progress waits for the test's "go".
REBUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from desktop.core.library import Library
    from desktop.locations import knowledge_base

    data, source, gate = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])

    class Held:
        def report(self, done, total, message):
            if message.startswith("Indexing") and not (gate / "go").exists():
                (gate / "holding").touch()
                while not (gate / "go").exists():
                    time.sleep(0.05)
        def is_cancelled(self):
            return False

    with Library(data, [source], knowledge_base()) as library:  # as the CLI opens it
        report = library.refresh(Held(), rebuild=True)
    print(report.added, flush=True)
    """
)


def test_bookmarks_and_searches_work_while_the_index_is_rebuilt(tmp_path: Path, case: Case) -> None:
    data, source, gate = tmp_path / "data", tmp_path / "articles", tmp_path / "gate"
    gate.mkdir()
    write_articles(source, 30, "harbour")
    case.check("first index", cli("index", data_dir=data, source=source).code == 0)
    (source / "harbour-000.txt").write_text("Harbour Changed\nThe newmarker text.\n")
    rebuild = subprocess.Popen(
        [sys.executable, "-c", REBUILD, str(data), str(source), str(gate)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 120
        while not (gate / "holding").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        case.check("the rebuild is under way", (gate / "holding").exists())

        found = cli("search", "harbour7x", "--json", data_dir=data, source=source)
        case.check("search answers", found.code == 0 and found.json()["total"] == 1)
        case.check("search says the index is being updated", "Another InnoAtlas" in found.err)
        articles = cli("articles", "--json", data_dir=data, source=source).json()
        case.check("articles lists the last index", len(articles) == 30)
        lab = next(a["id"] for a in articles if a["title"] == "Harbour Number 5 Opens a Lab")
        added = cli(
            "bookmarks", "add", lab, "--quote", "harbour lab number 5", data_dir=data, source=source
        )
        case.check(f"bookmarks add ({added.err.strip()})", added.code == 0)
        listed = cli("bookmarks", "list", data_dir=data, source=source)
        case.check("bookmarks list", listed.code == 0)
    finally:
        (gate / "go").touch()
        out, _err = rebuild.communicate(timeout=300)
    case.check("the rebuild finishes", rebuild.returncode == 0 and out.strip() == "30")
    after = cli("search", "newmarker", "--json", data_dir=data, source=source)
    case.check("the rebuilt index answers", after.json()["total"] == 1 and not after.err)
    kept = cli("bookmarks", "list", "--json", data_dir=data, source=source).json()
    case.check("the bookmark is kept", [b["quote"] for b in kept] == ["harbour lab number 5"])


def test_corrections_made_at_once_are_all_kept(tmp_path: Path, case: Case) -> None:
    data = tmp_path / "data"
    case.check("index the bundled library", cli("index", data_dir=data).code == 0)
    names = ["HKSTP", "Cyberport", "InnoHK", "Singapore"]
    runs = [
        start_cli("correct", name, "--rename", f"{name} (renamed)", data_dir=data) for name in names
    ]
    for name, run in zip(names, runs, strict=True):
        _out, err = run.communicate(timeout=300)
        case.check(f"correct {name} ({err.strip()})", run.returncode == 0)
    kept = json.loads((data / "corrections.json").read_text())["corrections"]
    case.check(f"all {len(names)} corrections kept ({len(kept)})", len(kept) == len(names))
