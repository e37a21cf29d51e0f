"""Typed access to the user's window settings, stored with QSettings in one ini file.

The composition root chooses the file (in the data folder, so ``--data-dir`` and tests isolate it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, cast

from PySide6.QtCore import QByteArray, QSettings

ThemeName = Literal["system", "light", "dark"]
THEMES: tuple[ThemeName, ...] = ("system", "light", "dark")

ZOOM_MIN = -6
ZOOM_MAX = 12


class Settings:
    """Window geometry, dock layout, theme, zoom and reading positions.

    Attributes:
        qsettings: the underlying QSettings (an ini file at the path given).
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self.qsettings.sync()

    # -- window -------------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        """The saved main-window geometry, or None the first time."""
        return self._bytes("window/geometry")

    def set_geometry(self, value: QByteArray) -> None:
        """Remember the main-window geometry."""
        self.qsettings.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        """The saved toolbar and dock layout, or None the first time."""
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        """Remember the toolbar and dock layout."""
        self.qsettings.setValue("window/state", value)

    # -- view ---------------------------------------------------------------------------------
    def theme(self) -> ThemeName:
        """The chosen theme; "system" follows the platform's light or dark palette."""
        value = str(self.qsettings.value("view/theme", "system"))
        for theme in THEMES:
            if value == theme:
                return theme
        return "system"

    def set_theme(self, value: ThemeName) -> None:
        """Remember the theme."""
        self.qsettings.setValue("view/theme", value)

    def zoom(self) -> int:
        """The reader's zoom in steps from the default size (0)."""
        return _clamp(_to_int(self.qsettings.value("view/zoom", 0)), ZOOM_MIN, ZOOM_MAX)

    def set_zoom(self, value: int) -> None:
        """Remember the reader's zoom step."""
        self.qsettings.setValue("view/zoom", _clamp(value, ZOOM_MIN, ZOOM_MAX))

    def first_mentions_only(self) -> bool:
        """Whether the reader links only the first mention of an entity per section."""
        value = self.qsettings.value("view/first_mentions_only", False)
        return value is True or str(value).lower() == "true"

    def set_first_mentions_only(self, value: bool) -> None:
        """Remember the linking choice."""
        self.qsettings.setValue("view/first_mentions_only", bool(value))

    # -- reading positions --------------------------------------------------------------------
    def reading_position(self, article_id: str) -> float | None:
        """Where the user left this article, as a fraction of its height, or None."""
        value = self.qsettings.value(f"reading/{_key(article_id)}")
        if value is None:
            return None
        try:
            return min(max(float(cast(str, value)), 0.0), 1.0)
        except (TypeError, ValueError):
            return None

    def set_reading_position(self, article_id: str, fraction: float) -> None:
        """Remember where the user is in this article."""
        self.qsettings.setValue(f"reading/{_key(article_id)}", round(min(max(fraction, 0), 1), 4))

    def last_article(self) -> str | None:
        """The article the user was reading when the window last closed, or None."""
        value = self.qsettings.value("reading/last")
        return value if isinstance(value, str) and value else None

    def set_last_article(self, article_id: str | None) -> None:
        """Remember the article being read (None: none), to reopen it at the next start."""
        self.qsettings.setValue("reading/last", article_id or "")

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def _key(article_id: str) -> str:
    """Article ids as QSettings keys: no slashes or backslashes (they mean groups)."""
    return article_id.replace("/", "_").replace("\\", "_")


def _to_int(value: object) -> int:
    try:
        return int(cast(str, value))
    except (TypeError, ValueError):
        return 0


def _clamp(value: int, low: int, high: int) -> int:
    return min(max(value, low), high)
