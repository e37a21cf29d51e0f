from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.ui.compat import guard_singletons, needs_singleton_guard


class _Emitter(QObject):
    sig_ping = Signal()


def test_singletons_survive_many_binding_calls() -> None:
    applied = guard_singletons()
    assert applied == needs_singleton_guard()
    assert guard_singletons() == applied  # idempotent
    if applied:
        assert sys.getrefcount(None) > 1 << 39
    emitter = _Emitter()
    emitter.sig_ping.connect(lambda: None)
    timer = QTimer()
    for _ in range(20_000):  # each dropped a reference to True or None under PySide6 6.12.0
        emitter.sig_ping.emit()
        timer.start(1000)
        timer.stop()
    assert sys.getrefcount(None) > 1000
    assert sys.getrefcount(True) > 1000
