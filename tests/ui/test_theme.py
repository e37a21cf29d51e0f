from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.ui.theme import (
    DARK_READER,
    LIGHT_READER,
    apply_theme,
    dark_palette,
    is_dark,
    light_palette,
    reader_colors,
)


def test_palettes_and_reader_colours_agree() -> None:
    assert is_dark(dark_palette()) and not is_dark(light_palette())
    assert reader_colors(dark_palette()) == DARK_READER
    assert reader_colors(light_palette()) == LIGHT_READER


def test_apply_theme_switches_and_system_goes_back(qapp: QApplication) -> None:
    original = qapp.palette().color(qapp.palette().ColorRole.Window)
    apply_theme(qapp, "dark")
    assert is_dark(qapp.palette())
    apply_theme(qapp, "light")
    assert not is_dark(qapp.palette())
    apply_theme(qapp, "system")
    assert qapp.palette().color(qapp.palette().ColorRole.Window) == original
