"""A test-run benchmark: the longest event-loop stall while typing a 10-character query.

Run with ``-s`` to see the numbers. Timings are not asserted tightly (machines differ); a stall
near a second would mean something blocks the GUI thread again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.core.spec import LibrarySpec
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import wait_for_query

QUERY = "innovation"  # 10 characters


class StallMeter:
    """Records the longest gap between ticks of a 5 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.last = 0.0
        self.longest = 0.0
        self.ticks = 0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        self.ticks += 1


@pytest.mark.parametrize("key_delay_ms", [30, 200], ids=["fast-typist", "slow-typist"])
def test_longest_stall_while_typing(
    qtbot: QtBot, window: MainWindow, key_delay_ms: int, record_property: object
) -> None:
    meter = StallMeter()
    meter.start()
    started = time.perf_counter()
    qtbot.keyClicks(window.search_bar.edit, QUERY, delay=key_delay_ms)
    typed = time.perf_counter()
    wait_for_query(qtbot, window, QUERY)
    shown = time.perf_counter()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10_000)
    qtbot.wait(50)
    meter.stop()
    stall_ms = meter.longest * 1000
    print(
        f"\n[stall] typing {QUERY!r} with {key_delay_ms} ms between keys: "
        f"longest event-loop stall {stall_ms:.1f} ms over {meter.ticks} ticks; "
        f"typing took {(typed - started) * 1000:.0f} ms; results {(shown - typed) * 1000:.0f} ms "
        "after the last key"
    )
    record_property("longest_stall_ms", round(stall_ms, 1))  # type: ignore[operator]
    assert window.results.model.rowCount() > 0
    assert stall_ms < 1000


def test_longest_stall_while_indexing_in_the_background(
    qtbot: QtBot,
    make_window: Callable[[Library], MainWindow],
    spec: LibrarySpec,
    record_property: object,
) -> None:
    library = spec.open()
    try:
        meter = StallMeter()
        window = make_window(library)
        meter.start()
        qtbot.waitUntil(lambda: window.indexing.job is not None, timeout=10_000)
        qtbot.waitUntil(lambda: window.indexing.job is None, timeout=60_000)
        qtbot.waitUntil(
            lambda: window.last_result is not None and window.last_result.total == 5,
            timeout=10_000,
        )
        meter.stop()
        stall_ms = meter.longest * 1000
        print(
            f"\n[stall] first-run indexing of the bundled library in a child process: longest "
            f"event-loop stall {stall_ms:.1f} ms over {meter.ticks} ticks"
        )
        record_property("longest_stall_indexing_ms", round(stall_ms, 1))  # type: ignore[operator]
        assert stall_ms < 1000
    finally:
        library.close()
