from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray

from desktop.ui.settings import ZOOM_MAX, Settings


def test_defaults_then_values_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "settings.ini"
    settings = Settings(path)
    assert (settings.theme(), settings.zoom(), settings.geometry()) == ("system", 0, None)
    assert settings.reading_position("a/b") is None
    settings.set_theme("dark")
    settings.set_zoom(99)
    settings.set_geometry(QByteArray(b"\x01\x02"))
    settings.set_reading_position("a/b", 0.123456)
    settings.sync()
    again = Settings(path)
    assert again.theme() == "dark"
    assert again.zoom() == ZOOM_MAX
    assert again.geometry() == QByteArray(b"\x01\x02")
    assert again.reading_position("a/b") == 0.1235


def test_garbage_in_the_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[view]\ntheme=purple\nzoom=lots\n[reading]\nx=nan-ish\n", encoding="utf-8")
    settings = Settings(path)
    assert (settings.theme(), settings.zoom(), settings.reading_position("x")) == (
        "system",
        0,
        None,
    )
