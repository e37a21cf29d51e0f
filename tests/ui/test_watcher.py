"""The folder watcher: one signal per burst of changes, new subfolders and renames included."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.ui.watcher import SourceWatcher, paths_to_watch


def test_the_folders_watched_skip_hidden_ones_and_loops(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in paths_to_watch([tmp_path])) == [
        ".",
        "a",
        "a/b",
    ]


def test_a_burst_of_changes_is_one_signal(qtbot: QtBot, tmp_path: Path) -> None:
    watcher = SourceWatcher()
    watcher.watch([tmp_path])
    with qtbot.waitSignal(watcher.sig_changed, timeout=10_000) as burst:
        for number in range(5):
            (tmp_path / f"{number}.txt").write_text("x")
    assert burst.args == [[str(tmp_path)]]  # the folder to look at again, once
    with qtbot.assertNotEmitted(watcher.sig_changed, wait=1500):
        pass
    watcher.stop()


def test_new_subfolders_renames_and_atomic_replaces_are_seen(qtbot: QtBot, tmp_path: Path) -> None:
    watcher = SourceWatcher()
    watcher.watch([tmp_path])
    with qtbot.waitSignal(watcher.sig_changed, timeout=10_000):
        (tmp_path / "new").mkdir()
    with qtbot.waitSignal(watcher.sig_changed, timeout=10_000) as inner:
        (tmp_path / "new" / "story.txt").write_text("in a new folder")
    assert inner.args == [[str(tmp_path / "new")]]
    with qtbot.waitSignal(watcher.sig_changed, timeout=10_000):
        (tmp_path / "draft.tmp").write_text("saved by an editor")
        os.replace(tmp_path / "draft.tmp", tmp_path / "new" / "story.txt")
    with qtbot.waitSignal(watcher.sig_changed, timeout=10_000):
        (tmp_path / "new" / "story.txt").rename(tmp_path / "renamed.txt")
    watcher.stop()


def test_a_file_written_in_place_is_seen(qtbot: QtBot, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A Story\n\nFirst paragraph.\n")
    (tmp_path / "notes.bin").write_bytes(b"not an article")
    watcher = SourceWatcher()
    watcher.watch([tmp_path])
    assert str(story) in watcher._watcher.files()
    assert str(tmp_path / "notes.bin") not in watcher._watcher.files()
    for _round in range(2):  # and still after the first change
        with (
            qtbot.waitSignal(watcher.sig_changed, timeout=3_000) as saved,
            story.open("a") as appended,  # no rename, no new entry in the folder
        ):
            appended.write("More.\n")
        assert str(story) in saved.args[0]
    watcher.stop()


def test_watching_stops_at_its_limit(tmp_path: Path) -> None:
    for number in range(30):
        (tmp_path / f"{number}.txt").write_text("x")
    assert len(paths_to_watch([tmp_path], limit=10)) == 10
    assert str(tmp_path) == paths_to_watch([tmp_path], limit=10)[0]  # folders first
