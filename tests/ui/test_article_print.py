"""File ▸ Print… (Ctrl+P) and Export as PDF: the article printed with its bookmarks painted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.core.bookmarks import find_quote
from desktop.core.library import Library
from desktop.ui.article_print import printable_page
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.reader_marks import painted_bookmarks
from tests.ui.helpers import wait_for_article


def _bookmarked(qtbot: QtBot, window: MainWindow, library: Library) -> str:
    article_id = library.articles()[0].id
    window.open_article(article_id)
    wait_for_article(qtbot, window, article_id)
    article = library.article(article_id)
    bookmark = window.bookmarks.add(article, find_quote(article, article.passages[0].text[:40]))  # type: ignore[arg-type]
    assert bookmark is not None
    return bookmark.id


def test_the_printed_page_has_the_bookmarks_highlighted(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    bookmark_id = _bookmarked(qtbot, window, library)
    content = window.reader.content
    assert content is not None
    page = printable_page(content, window.bookmarks.bookmarks_of(content.article.id))
    try:
        assert bookmark_id in painted_bookmarks(page)  # what Print and Export as PDF lay out
    finally:
        page.deleteLater()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert window.tools.printing.print_to(printer)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 5_000
    assert "Printed" in window.status_label.text()


def test_print_is_in_the_file_menu_with_ctrl_p_and_asks_the_print_dialog(
    qtbot: QtBot,
    window: MainWindow,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    action = window.tools.printing.action_print
    file_menu = window.commands.menus["file"].actions()
    assert action in file_menu and window.commands.export_pdf in file_menu
    assert action.shortcut().toString() == "Ctrl+P"
    out = tmp_path / "dialog.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert not window.tools.printing.print_with_dialog()  # no article: nothing to print
    _bookmarked(qtbot, window, library)
    action.trigger()
    assert out.read_bytes().startswith(b"%PDF")
