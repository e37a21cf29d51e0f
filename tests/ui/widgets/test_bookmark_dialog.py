from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.bookmarks import DEFAULT_COLOUR
from desktop.ui.widgets.bookmark_dialog import SWATCHES, BookmarkDialog


def _dialog(qtbot: QtBot, **values: object) -> BookmarkDialog:
    dialog = BookmarkDialog("A <quote> & more", known_tags=("fintech", "AI", "Fund"), **values)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_and_escaped_quote(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert dialog.quote_label.text() == "“A &lt;quote&gt; &amp; more”"
    assert (dialog.note(), dialog.tags(), dialog.colour()) == ("", [], DEFAULT_COLOUR)
    assert dialog.note_edit.accessibleName() == "Note"
    assert dialog.tags_edit.accessibleName() == "Tags"


def test_editing_shows_the_current_values(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, note="n", tags=("AI", "big data"), colour="#90CAF9")
    assert (dialog.note(), dialog.tags(), dialog.colour()) == ("n", ["AI", "big data"], "#90caf9")
    custom = _dialog(qtbot, colour="#123456")
    assert custom.colour() == "#123456" and custom.custom_button.isChecked()


def test_a_swatch_click_picks_its_colour(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.show()
    buttons = [b for b in dialog.swatch_group.buttons() if b is not dialog.custom_button]
    assert [b.property("colour") for b in buttons] == [c for c, _ in SWATCHES]
    qtbot.mouseClick(buttons[2], Qt.MouseButton.LeftButton)
    assert dialog.colour() == SWATCHES[2][0]
    assert all(b.accessibleName() for b in buttons)


def test_tags_complete_the_last_word_only(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.show()
    completer = dialog.tags_edit.completer()
    assert completer is not None
    qtbot.keyClicks(dialog.tags_edit, "AI, fi")
    assert completer.completionModel().index(0, 0).data() == "fintech"
    assert completer.currentCompletion() == "AI, fintech"
    assert completer.pathFromIndex(completer.currentIndex()) == "AI, fintech"
    assert dialog.tags() == ["AI", "fi"]
