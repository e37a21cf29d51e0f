"""A PDF in the window: the reader marks its pages, and a bookmark or a citation names them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from desktop.core.library import Library
from desktop.ui.main_window import MainWindow
from tests.core.ingest.documents import make_pdf
from tests.core.ingest.test_pdf_reader import report_pages
from tests.ui.helpers import WAIT_MS, wait_for_article


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    """A library of one PDF report."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(make_pdf(report_pages()))
    return [folder]


def test_the_reader_marks_pages_and_a_bookmark_names_its_page(
    qtbot: QtBot, make_window: Callable[[Library], MainWindow], library: Library
) -> None:
    window = make_window(library)
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)
    [summary] = library.articles()
    window.open_article(summary.id)
    wait_for_article(qtbot, window, summary.id)
    text = window.reader.toPlainText()
    assert text.index("p. 2") < text.index("Key Areas of Collaboration")
    passage = next(p for p in library.article(summary.id).passages if p.location == "p. 2")
    cursor = window.reader.document().find(passage.text[:30])
    point = QPoint(window.reader.cursorRect(cursor).center())
    assert window.reader.passage_citation(point) is not None
    assert str(window.reader.passage_citation(point)).endswith("report.pdf, p. 2")
    window.reader.sig_bookmark_requested.emit(point)
    dialog = window.bookmarks.dialog
    assert dialog is not None
    assert dialog.source_label.text() == "Robotics in Hong Kong · p. 2"
    dialog.reject()
