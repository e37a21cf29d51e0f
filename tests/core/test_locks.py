"""Locks between processes, atomic writes and setting a damaged file aside."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.locks import (
    USER_DATA_LOCK,
    FileLock,
    set_aside,
    user_data_lock,
    user_data_write,
    write_atomically,
)

HOLDER = """
import sys, time
from pathlib import Path
from desktop.core.locks import FileLock
lock = FileLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_a_held_lock_keeps_a_second_holder_out_until_released(tmp_path: Path) -> None:
    first, second = FileLock(tmp_path / "x.lock"), FileLock(tmp_path / "x.lock")
    assert first.acquire(timeout=0)
    assert not second.acquire(timeout=0.1)
    first.release()
    assert second.acquire(timeout=0)
    second.release()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            assert not FileLock(path).acquire(timeout=0)
        finally:
            os.kill(holder.pid, signal.SIGKILL)
            holder.wait(timeout=10)
    lock = FileLock(path)
    assert lock.acquire(timeout=0), "the lock of a killed holder is free at once"
    lock.release()


def test_the_first_write_to_a_new_data_folder_is_locked(tmp_path: Path) -> None:
    """Concurrent first commands on a folder not made yet must still exclude each other."""
    data = tmp_path / "new" / "data"
    with user_data_write(data):
        assert (data / USER_DATA_LOCK).exists()
        assert not user_data_lock(data).acquire(timeout=0)
    assert user_data_lock(data).acquire(timeout=0)


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sources.json"
    path.write_bytes(b"old")

    def full_disk(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError):
        write_atomically(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [path]


def test_a_sweep_removes_only_the_partials_of_its_own_file(tmp_path: Path) -> None:
    mine, other = tmp_path / ".sources.json.1.2.partial", tmp_path / ".export.md.1.2.partial"
    mine.write_bytes(b"")
    other.write_bytes(b"")
    write_atomically(tmp_path / "sources.json", b"{}")
    assert not mine.exists() and other.exists()
    write_atomically(tmp_path / "export.md", b"#", sweep=False)
    assert other.exists()


def test_a_damaged_file_set_aside_never_replaces_an_earlier_one(tmp_path: Path) -> None:
    path = tmp_path / "sources.json"
    asides = []
    for text in ("first", "second", "third"):
        path.write_text(text)
        asides.append(set_aside(path))
    assert not path.exists()
    assert len(set(asides)) == 3
    assert sorted(a.read_text() for a in asides) == ["first", "second", "third"]
    assert all(a.name.startswith("sources.json.damaged-") for a in asides)
