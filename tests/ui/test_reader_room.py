"""The reader keeps its room: the window fits its screen, side panels make way for the text."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from desktop.ui.reader_room import READER_MIN_WIDTH, fit_to_screen, fitted


def test_a_window_larger_than_its_screen_is_fitted_into_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    screen = window.screen()
    assert screen is not None
    available = screen.availableGeometry()
    window.resize(available.width() * 2, available.height() * 2)
    window.move(available.x() + 500, available.y() - 100)
    fit_to_screen(window)
    QApplication.processEvents()
    frame = window.frameGeometry()
    assert frame.width() <= available.width() and frame.height() <= available.height()
    assert available.contains(frame.topLeft())
    assert fitted(QRect(10, 10, 100, 100), available) == QRect(10, 10, 100, 100)  # fits: stays


def test_the_entity_panel_goes_into_a_tab_when_the_reader_would_be_squeezed(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(760, 600)
    QApplication.processEvents()
    dock = window.entities.dock
    dock.show()
    qtbot.waitUntil(lambda: window.width() <= 760, timeout=5_000)  # it did not stay wider
    assert dock in window.tabifiedDockWidgets(window.results_dock)
    assert window.reader.width() >= READER_MIN_WIDTH


def test_with_room_enough_the_entity_panel_stays_beside_the_reader(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1400, 800)
    QApplication.processEvents()
    dock = window.entities.dock
    dock.show()
    QApplication.processEvents()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock not in window.tabifiedDockWidgets(window.results_dock)
    assert window.reader.width() >= READER_MIN_WIDTH
