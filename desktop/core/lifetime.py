"""Child processes that never outlive the process that started them."""

from __future__ import annotations

import contextlib
import ctypes
import signal
import sys


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere: a no-op).

    A child indexer or index writer left behind by a killed window would hold the index lock,
    or wait forever for a job that never comes.
    """
    if sys.platform.startswith("linux"):
        set_parent_death_signal = 1  # PR_SET_PDEATHSIG
        with contextlib.suppress(OSError):
            ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, signal.SIGKILL)
