from __future__ import annotations

import dataclasses
import doctest
from types import ModuleType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester

from desktop.core.bookmarks import AnchorStatus, Bookmark
from desktop.ui import bookmarks_ui
from desktop.ui.models import bookmarks_model
from desktop.ui.models.bookmarks_model import (
    ARTICLE,
    BOOKMARK_ROLE,
    COLOUR_ROLE,
    COLUMNS,
    DATE,
    ID_ROLE,
    NOTE,
    QUOTE,
    SAVED,
    SORT_ROLE,
    STATUS,
    STATUS_ROLE,
    TAGS,
    BookmarksModel,
    tooltip_html,
)
from desktop.ui.widgets import bookmark_dialog, reader_marks


def bookmark(
    number: int,
    *,
    quote: str = "Big data and AI.",
    note: str = "",
    tags: tuple[str, ...] = (),
    article: str = "a1",
    status: AnchorStatus = AnchorStatus.ATTACHED,
) -> Bookmark:
    """A small bookmark; ``number`` orders the creation times."""
    stamp = f"2026-01-{number:02d}T10:00:00+00:00"
    return Bookmark(
        f"id{number}",
        article,
        "p-1",
        quote,
        "",
        "",
        0,
        len(quote),
        note,
        tags,
        "#a5d6a7",
        stamp,
        stamp,
        f"Title of {article} <&>",
        "2024-12",
        "/x/seeds/a.txt",
        status,
    )


def test_model_passes_qtmodeltester_through_changes(qtmodeltester: ModelTester) -> None:
    model = BookmarksModel()
    qtmodeltester.check(model)
    model.set_bookmarks([bookmark(1), bookmark(2, status=AnchorStatus.ORPHANED)])
    qtmodeltester.check(model)
    model.upsert(bookmark(3, tags=("AI",)))
    model.upsert(dataclasses.replace(bookmark(1), note="changed"))
    model.remove("id2")
    model.remove("missing")
    qtmodeltester.check(model)
    model.set_bookmarks([])
    qtmodeltester.check(model)


def test_rows_show_each_field_and_expose_named_roles() -> None:
    model = BookmarksModel()
    long_note = "word " * 60
    item = bookmark(3, note=long_note, tags=("AI", "big data"))
    model.set_bookmarks([item])
    row = [model.index(0, column).data() for column in range(len(COLUMNS))]
    assert row == [
        "Big data and AI.",
        long_note.strip()[:119].rstrip() + "…",
        "AI, big data",
        "Title of a1 <&>",
        "2024-12",
        row[SAVED],
        "",
    ]
    assert row[SAVED].startswith("2026-01-0")  # the local date of 10:00 UTC
    index = model.index(0, QUOTE)
    assert index.data(BOOKMARK_ROLE) == item
    assert index.data(ID_ROLE) == "id3"
    assert index.data(STATUS_ROLE) == "attached"
    assert index.data(COLOUR_ROLE) == "#a5d6a7"
    assert index.data(Qt.ItemDataRole.DecorationRole) == QColor("#a5d6a7")
    assert model.index(0, NOTE).data(Qt.ItemDataRole.ToolTipRole) == tooltip_html(long_note)
    assert model.index(0, ARTICLE).data(Qt.ItemDataRole.ToolTipRole) == tooltip_html(
        "/x/seeds/a.txt"
    )
    assert model.index(0, TAGS).data(SORT_ROLE) == "ai, big data"
    assert model.index(0, SAVED).data(SORT_ROLE) == item.created
    assert model.index(0, DATE).data(Qt.ItemDataRole.FontRole) is None
    assert model.headerData(STATUS, Qt.Orientation.Horizontal) == "Status"
    assert model.index(0, STATUS).data(Qt.ItemDataRole.AccessibleTextRole) == "No status"


def test_a_bookmark_of_a_paged_source_shows_its_page_with_the_article() -> None:
    model = BookmarksModel()
    model.set_bookmarks([dataclasses.replace(bookmark(3), location="p. 7")])
    assert model.index(0, ARTICLE).data() == "Title of a1 <&> · p. 7"


def test_an_orphan_says_so_in_italics_and_keeps_its_quote() -> None:
    model = BookmarksModel()
    model.set_bookmarks([bookmark(1, quote="Gone words", status=AnchorStatus.ORPHANED)])
    assert model.index(0, QUOTE).data() == "Gone words"
    assert model.index(0, STATUS).data() == "Orphaned"
    assert model.index(0, QUOTE).data(Qt.ItemDataRole.FontRole).italic()
    tip = model.index(0, QUOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "no longer found" in tip and "“Gone words”" in tip and tip.startswith("<p")


def test_upsert_and_remove_keep_rows_in_place() -> None:
    model = BookmarksModel()
    model.set_bookmarks([bookmark(1), bookmark(2)])
    model.upsert(dataclasses.replace(bookmark(1), note="new"))
    assert [b.note for b in model.bookmarks] == ["new", ""]
    model.upsert(bookmark(3))
    model.remove("id2")
    assert [b.id for b in model.bookmarks] == ["id1", "id3"]
    assert model.row_of("id3") == 1 and model.row_of("id2") is None
    assert model.bookmark(5) is None


@pytest.mark.parametrize(
    "module",
    [bookmarks_model, bookmarks_ui, bookmark_dialog, reader_marks],
    ids=lambda m: m.__name__,
)
def test_doctests(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
