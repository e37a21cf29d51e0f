"""The refresh pipeline's own rules: what counts as running out of space, and when a refresh
that did is tried again by itself."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from desktop.core import refresh
from desktop.core.errors import IndexUnavailable


def test_out_of_space_is_found_in_the_chain_of_causes() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as cause:
            raise IndexUnavailable("The index could not be updated") from cause
    except IndexUnavailable as error:
        assert refresh.out_of_space(error)
    assert refresh.out_of_space(sqlite3.OperationalError("database or disk is full"))
    assert not refresh.out_of_space(OSError(errno.EACCES, "Permission denied"))
    assert not refresh.out_of_space(IndexUnavailable("busy"))


def test_a_refresh_out_of_space_waits_for_space_to_be_freed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    free = [100 * 2**20]
    monkeypatch.setattr(refresh, "free_bytes", lambda _folder: free[0])  # the disk's answer
    assert refresh.last_failure(tmp_path) is None
    refresh.remember_failure(tmp_path, "No space left on device")
    assert refresh.last_failure(tmp_path) == (
        "The index was not brought up to date: its last update ran out of disk space "
        "(100 MB free). Free some space, then run `index` (or Rescan in the Library window)."
    )
    free[0] += refresh.SPACE_TO_RETRY + 1
    assert refresh.last_failure(tmp_path) is None  # enough was freed: it may be tried
    refresh.forget_failure(tmp_path)
    free[0] = 0
    assert refresh.last_failure(tmp_path) is None
