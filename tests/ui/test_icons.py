"""The toolbar arrows are drawn in the theme's colours: an arrow that works stands out more."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QImage
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow


def _ink(icon: QIcon, mode: QIcon.Mode) -> float:
    """The mean lightness of the icon's drawn pixels (0 black, 1 white)."""
    image = icon.pixmap(24, mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    values = [
        QColor(image.pixel(x, y)).lightnessF()
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() > 200
    ]
    assert values, "the icon draws nothing"
    return sum(values) / len(values)


def test_the_back_arrow_stands_out_more_than_a_disabled_one_in_both_themes(
    qtbot: QtBot, window: MainWindow
) -> None:
    for theme in ("dark", "light"):
        window.set_theme(theme, save=False)
        icon = window.commands.back.icon()
        normal, disabled = _ink(icon, QIcon.Mode.Normal), _ink(icon, QIcon.Mode.Disabled)
        background = window.palette().window().color().lightnessF()
        assert abs(normal - background) > abs(disabled - background) + 0.2, theme
    window.set_theme("system", save=False)
