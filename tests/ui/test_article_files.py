"""The article's own file: opened in its app, shown in its folder; and reopened at start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from desktop.core.bookmarks import find_quote
from desktop.core.library import Library
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import WAIT_MS, wait_for_article


def _open_first(qtbot: QtBot, window: MainWindow, library: Library) -> str:
    article_id = library.articles()[0].id
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    return article_id


def test_open_original_and_show_in_folder_hand_the_file_to_the_desktop(
    qtbot: QtBot, window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def record(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)  # never start a real app
    assert not window.commands.open_original.isEnabled()  # no article yet
    article_id = _open_first(qtbot, window, library)
    qtbot.waitUntil(window.commands.open_original.isEnabled, timeout=WAIT_MS)
    source = Path(library.article(article_id).source)
    window.commands.open_original.trigger()
    window.commands.show_in_folder.trigger()
    assert opened == [str(source), str(source.parent)]


def test_a_file_gone_since_is_said_in_plain_words(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert not window.article_files.open(tmp_path / "gone.txt")
    assert "is no longer there" in window.status_label.text()


def test_the_window_reopens_the_article_the_user_was_reading(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> None:
    first = make_window(library)
    article_id = _open_first(qtbot, first, library)
    first.close()
    again = make_window(library)
    wait_for_article(qtbot, again, article_id)


def test_export_as_pdf_writes_the_article_with_its_bookmarks(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    article_id = _open_first(qtbot, window, library)
    article = library.article(article_id)
    passage = article.passages[0]
    assert window.bookmarks.add(article, find_quote(article, passage.text[:40])) is not None  # type: ignore[arg-type]
    window.set_theme("dark", save=False)  # the PDF is light whatever the theme
    out = tmp_path / "article.pdf"
    assert window.article_files.export_pdf(out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5_000
    assert "Exported to" in window.status_label.text()
    window.set_theme("system", save=False)
    assert not window.article_files.export_pdf(tmp_path / "missing" / "folder" / "a.pdf")
    assert "could not be written" in window.status_label.text()
