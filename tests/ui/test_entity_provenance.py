"""Where an entity came from, in the real window over a small real library: a curated entity
against one found in the articles, Confirm (recorded, kept, undone) and Change Type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from desktop.core.entities.corrections import Correction, Corrections
from desktop.core.library import Library
from desktop.core.model import Entity
from desktop.ui.main_window import MainWindow
from tests.ui.helpers import WAIT_MS

ARTICLE = """Quantum Lab Opens at the Science Park

March 3, 2024

The Kowloon Quantum Institute (KQI) opened a laboratory at Hong Kong Science Park on Monday.
HKSTP said the Kowloon Quantum Institute will train 200 researchers.

KQI will work with start-ups on quantum sensing and secure communication.
"""

LIKELY = "Found in the articles · likely"
CONFIRMED = "Found in the articles · confirmed by you"


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    """One small article naming a curated entity (HKSTP) and one the rules find (KQI)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "quantum.txt").write_text(ARTICLE, "utf-8")
    return [folder]


def _found(library: Library) -> Entity:
    entity = library.graph.find("KQI")
    assert entity is not None and entity.discovered and entity.confidence >= 0.7
    return entity


def _open(qtbot: QtBot, window: MainWindow, entity_id: str) -> None:
    window.entities.open_entity(entity_id)
    qtbot.waitUntil(
        lambda: window.entities.panel.entity_id == entity_id and not window.tasks.busy,
        timeout=WAIT_MS,
    )


def _wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)


def test_curated_and_discovered_entities_say_where_they_came_from(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    panel = window.entities.panel
    _open(qtbot, window, "hkstp")
    assert panel.provenance_label.text() == "From the knowledge base"
    assert panel.confirm_button.isHidden()
    found = _found(library)
    _open(qtbot, window, found.id)
    assert panel.provenance_label.text() == LIKELY
    assert f"({found.confidence:.0%} sure)" in panel.provenance_label.toolTip()
    assert panel.confirm_button.isVisible() and panel.confirm_button.isEnabled()


def test_confirm_is_recorded_shown_and_undone(
    qtbot: QtBot, window: MainWindow, library: Library, data_dir: Path
) -> None:
    panel = window.entities.panel
    found = _found(library)
    _open(qtbot, window, found.id)
    said: list[str] = []
    window.entities.sig_status.connect(said.append)
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.provenance_label.text() == CONFIRMED, timeout=WAIT_MS)
    _wait_idle(qtbot, window)
    assert panel.confirm_button.isHidden()
    assert panel.entity_id == found.id
    assert Corrections(data_dir).items() == (Correction("confirm", found.id),)
    assert any(s.startswith(f"Confirmed “{found.id}”.") for s in said)
    assert library.graph.provenance(found.id) == library.graph.provenance("KQI")

    window.entities.action_undo_correction.trigger()
    qtbot.waitUntil(lambda: panel.provenance_label.text() == LIKELY, timeout=WAIT_MS)
    _wait_idle(qtbot, window)
    assert panel.confirm_button.isVisible()
    assert Corrections(data_dir).items() == ()
    assert f"Undid the confirmation of “{found.id}”." in said


def test_a_confirmation_is_kept_across_a_rebuild_and_a_new_window(
    qtbot: QtBot,
    make_window: Callable[[Library], MainWindow],
    library: Library,
) -> None:
    found = _found(library)
    library.correct(Correction("confirm", found.id))
    library.refresh(rebuild=True)
    window = make_window(library)
    _wait_idle(qtbot, window)
    _open(qtbot, window, found.id)
    assert window.entities.panel.provenance_label.text() == CONFIRMED
    assert window.entities.panel.confirm_button.isHidden()


def test_change_type_from_the_correct_menu(
    qtbot: QtBot, window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = window.entities.panel
    found = _found(library)
    _open(qtbot, window, found.id)
    assert "<i>Organisation" in panel.header.text()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("Initiative", True))
    said: list[str] = []
    window.entities.sig_status.connect(said.append)
    panel.action_retype.trigger()
    qtbot.waitUntil(lambda: "<i>Initiative" in panel.header.text(), timeout=WAIT_MS)
    _wait_idle(qtbot, window)
    assert library.entity(found.id).entity.type == "initiative"
    assert panel.provenance_label.text() == LIKELY  # a new type is not a confirmation
    assert any(s.startswith(f"Changed the type of “{found.id}”.") for s in said)
    window.entities.undo_correction()
    qtbot.waitUntil(lambda: "<i>Organisation" in panel.header.text(), timeout=WAIT_MS)
    _wait_idle(qtbot, window)
    assert library.entity(found.id).entity.type == "organisation"
