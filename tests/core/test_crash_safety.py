"""A refresh killed at any moment never breaks the library and never touches user data.

A child process rebuilds or refreshes the index and is SIGKILLed at a random point of its work
(reading, writing segments, committing, saving the manifest), many times, with one writer or
with parallel writer processes. After every kill no writer process is left behind, the library
opens, repairs itself when it must, and answers searches correctly; the bookmarks file is
byte-for-byte what it was.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.library import Library

KILLS = 50
ARTICLES = 60

CHILD = """
import sys
from pathlib import Path
from desktop.core.index import IndexOptions
from desktop.core.library import Library
data, source, rebuild = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
library = Library(data, [source], index_options=IndexOptions(parallel_from=int(sys.argv[4])))
print("ready", flush=True)
library.refresh(rebuild=rebuild)
library.close()
print("done", flush=True)
"""


def write_library(folder: Path, generation: int) -> dict[str, str]:
    """Articles whose marker word changes with the generation; returns marker -> title."""
    folder.mkdir(exist_ok=True)
    words = "harbour fund robot lab park startup grant talent chip bay data cloud city".split()
    markers = {}
    for number in range(ARTICLES):
        rng = random.Random(number)  # the same words for an article in every generation
        marker = f"marker{number}x{generation % 3}"
        title = f"Report Number {number} on Harbour Technology"
        body = "\n".join(
            " ".join(rng.choice(words) for _ in range(25)) + f" {marker}." for _p in range(12)
        )
        (folder / f"{number:03d}.txt").write_text(f"{title}\nMarch 3, 2023\n{body}\n", "utf-8")
        markers[marker] = title
    return markers


def run_and_kill(data: Path, source: Path, rebuild: bool, parallel: bool, delay: float) -> bool:
    """Start a refresh in a child and kill it ``delay`` seconds into its work; True if killed."""
    flags = ["1" if rebuild else "0", "10" if parallel else "1000000"]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), str(source), *flags],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(delay)
    killed = child.poll() is None
    if killed:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    child.stdout.close()
    return killed


def processes_using(data: Path) -> list[int]:
    """Live processes started with ``data`` on their command line (the child and its writers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(data).encode() in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
        except OSError:
            continue  # gone meanwhile
    return pids


def no_writer_left(data: Path) -> bool:
    """True once no process of a killed refresh remains (their death is asynchronous)."""
    deadline = time.monotonic() + 5
    while processes_using(data) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not processes_using(data)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_kills_during_indexing_are_always_survived(tmp_path: Path, record_property: object) -> None:
    data, source = tmp_path / "data", tmp_path / "articles"
    write_library(source, 0)
    started = time.perf_counter()
    with Library(data, [source]) as library:
        library.refresh()
    duration = time.perf_counter() - started
    user_file = data / "bookmarks.sqlite3"
    user_file.write_bytes(b"user data that no index work may touch")
    before = digest(user_file)

    rng = random.Random(20261123)
    survived = tried = attempt = 0
    markers: dict[str, str] = {}
    while tried < KILLS:
        assert attempt < KILLS * 4, f"only {tried} kills landed in {attempt} attempts"
        # Changed files refreshed or rebuilt, and unchanged files rebuilt (where only the
        # manifest says what the index holds): each attempt has work for the kill to cut.
        changed = attempt % 2 == 0
        if changed:
            markers = write_library(source, attempt // 2 + 1)
        rebuild = not changed or attempt % 4 == 0
        parallel = attempt % 3 != 0
        killed = run_and_kill(data, source, rebuild, parallel, delay=rng.uniform(0, duration))
        tried += killed
        assert no_writer_left(data), f"attempt {attempt}: a writer process outlived its parent"
        with Library(data, [source]) as library:
            if library.needs_refresh():
                library.refresh()
            marker, title = rng.choice(sorted(markers.items()))
            result = library.search(marker)
            intact = (
                result.total == 1
                and result.hits[0].title == title
                and len(library.articles()) == ARTICLES
                and digest(user_file) == before
            )
        survived += killed and intact
        assert intact, f"attempt {attempt}: the library was wrong after a kill"
        attempt += 1
    record_property("kills", f"{survived} survived / {tried} tried")  # type: ignore[operator]
    print(f"\nkills survived / kills tried: {survived} / {tried} (in {attempt} attempts)")
