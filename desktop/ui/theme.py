"""Light and dark palettes, following the system unless the user picks one.

The reader's HTML takes its colours from :func:`reader_colors`, so a theme switch re-renders it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.settings import ThemeName
from desktop.view.colors import DARK_READER, LIGHT_READER, ReaderColors

_SYSTEM_PALETTE_PROPERTY = "innoatlas_system_palette"


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def reader_colors(palette: QPalette) -> ReaderColors:
    """The reader colours that suit ``palette``."""
    return DARK_READER if is_dark(palette) else LIGHT_READER


def light_palette() -> QPalette:
    """A neutral light palette (used when the user picks Light)."""
    return _palette(
        window="#f3f3f3",
        base="#ffffff",
        alt="#f0f2f5",
        text="#1b1b1b",
        button="#ececec",
        highlight="#2f6fd6",
        highlight_text="#ffffff",
        link="#1a5fb4",
        mid="#b0b0b0",
        placeholder="#7a7a7a",
    )


def dark_palette() -> QPalette:
    """A neutral dark palette (used when the user picks Dark, or the system is dark)."""
    return _palette(
        window="#202124",
        base="#17181a",
        alt="#26282b",
        text="#e6e6e6",
        button="#2d2f33",
        highlight="#3d7bd9",
        highlight_text="#ffffff",
        link="#8ab4f8",
        mid="#5a5d63",
        placeholder="#8c9096",
    )


def system_is_dark() -> bool:
    """True when the platform says its colour scheme is dark."""
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def remember_system_palette(app: QApplication) -> None:
    """Keep the platform's palette so that "System" can go back to it later."""
    if app.property(_SYSTEM_PALETTE_PROPERTY) is None:
        app.setProperty(_SYSTEM_PALETTE_PROPERTY, QPalette(app.palette()))


def apply_theme(app: QApplication, theme: ThemeName) -> None:
    """Switch the whole application to ``theme``.

    "system" restores the platform palette, or uses our dark palette when the platform reports a
    dark scheme but gives a light palette (some Linux desktops).
    """
    remember_system_palette(app)
    system = app.property(_SYSTEM_PALETTE_PROPERTY)
    if theme == "light":
        palette = light_palette()
    elif theme == "dark":
        palette = dark_palette()
    elif isinstance(system, QPalette):
        palette = dark_palette() if system_is_dark() and not is_dark(system) else system
    else:  # pragma: no cover - remember_system_palette always stores one
        palette = QPalette()
    app.setPalette(palette)


def _palette(
    *,
    window: str,
    base: str,
    alt: str,
    text: str,
    button: str,
    highlight: str,
    highlight_text: str,
    link: str,
    mid: str,
    placeholder: str,
) -> QPalette:
    role = QPalette.ColorRole
    palette = QPalette()
    colors = {
        role.Window: window,
        role.WindowText: text,
        role.Base: base,
        role.AlternateBase: alt,
        role.ToolTipBase: base,
        role.ToolTipText: text,
        role.PlaceholderText: placeholder,
        role.Text: text,
        role.Button: button,
        role.ButtonText: text,
        role.BrightText: "#ff5555",
        role.Highlight: highlight,
        role.HighlightedText: highlight_text,
        role.Link: link,
        role.LinkVisited: link,
        role.Mid: mid,
        role.Midlight: button,
        role.Dark: mid,
        role.Shadow: "#000000",
        role.Light: base,
    }
    for r, color in colors.items():
        palette.setColor(r, QColor(color))
    disabled = QColor(placeholder)
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return palette
