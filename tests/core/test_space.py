"""What counts as running out of disk space, and when a refresh
that did is tried again by itself."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from desktop.core import space
from desktop.core.errors import IndexUnavailable


def test_out_of_space_is_found_in_the_chain_of_causes() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as cause:
            raise IndexUnavailable("The index could not be updated") from cause
    except IndexUnavailable as error:
        assert space.out_of_space(error)
    assert space.out_of_space(sqlite3.OperationalError("database or disk is full"))
    assert not space.out_of_space(OSError(errno.EACCES, "Permission denied"))
    assert not space.out_of_space(IndexUnavailable("busy"))


def test_a_refresh_out_of_space_waits_for_space_to_be_freed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    free = [100 * 2**20]
    monkeypatch.setattr(space, "free_bytes", lambda _folder: free[0])  # the disk's answer
    assert space.last_failure(tmp_path) is None
    space.remember_failure(tmp_path, "No space left on device")
    assert space.last_failure(tmp_path) == (
        "The index was not brought up to date: its last update ran out of disk space "
        "(100 MB free). Free some space, then run `index` (or Rescan in the Library window)."
    )
    free[0] += space.SPACE_TO_RETRY + 1
    assert space.last_failure(tmp_path) is None  # enough was freed: it may be tried
    space.forget_failure(tmp_path)
    free[0] = 0
    assert space.last_failure(tmp_path) is None
