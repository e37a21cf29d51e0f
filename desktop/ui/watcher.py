"""Watching the library's folders so new, changed, renamed and deleted files show up by themselves.

A folder's watch sees files added, renamed and deleted, and a save that replaces a file by a
rename, but not a save that writes the file in place (``echo more >> story.txt``, most
editors' "save"): so the article files are watched too, up to :data:`MAX_WATCHED` paths.
``QFileSystemWatcher`` drops a file that is replaced atomically, so after each change the
watched paths are brought up to date with the folders (new subfolders and files picked up,
by difference: a large library is not watched again from scratch). Changes arrive in bursts
(an editor saves, a copy writes many files): they are gathered for a short quiet period and
reported once, with the folders and files they happened in, so that only those are looked at
again.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop.core.ingest.reader import SUPPORTED_SUFFIXES, walk_folders

QUIET_MS = 700
MAX_FOLDERS = 2000
#: Folders and files watched at most (each is an inotify watch; Linux allows a user some
#: hundred thousand today, older systems 8,192): beyond, files are seen by their folder only.
MAX_WATCHED = 20_000


def paths_to_watch(roots: Iterable[Path], limit: int = MAX_WATCHED) -> list[str]:
    """The folders under ``roots`` (at most :data:`MAX_FOLDERS`), then their article files
    and the roots that are files, up to ``limit`` paths in all."""
    roots = list(roots)
    walked = _walk(roots, MAX_FOLDERS)
    paths = [folder for folder, _files in walked]
    paths += [str(root) for root in roots if root.is_file()]
    for folder, files in walked:
        for name in files:
            if len(paths) >= limit:
                return paths
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                paths.append(f"{folder}/{name}")
    return paths


def _walk(roots: Iterable[Path], limit: int) -> list[tuple[str, list[str]]]:
    """The first ``limit`` folders under the roots, with their file names."""
    folders = (
        entry for root in roots for entry in walk_folders(root if root.is_dir() else root.parent)
    )
    return list(itertools.islice(folders, limit))


class SourceWatcher(QObject):
    """Watches the folders of the library's sources and says, once per burst, that they changed.

    Attributes:
        roots: the files and folders being watched.

    Signals:
        sig_changed(list): the folders (and watched files) in which something was added,
            changed, renamed or deleted, as path strings.
    """

    sig_changed = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roots: list[Path] = []
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_watcher_changed)
        self._watcher.fileChanged.connect(self._on_watcher_changed)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._on_quiet_timeout)
        self._changed: dict[str, None] = {}
        self._refused: set[str] = set()  # paths the system would not watch (its limit)

    def watch(self, roots: Iterable[Path]) -> None:
        """Watch exactly these roots (their folders and, for single files, the files too)."""
        self.roots = list(roots)
        self._rewatch()

    def stop(self) -> None:
        """Watch nothing."""
        self.roots = []
        self._rewatch()
        self._quiet.stop()
        self._changed.clear()

    def _rewatch(self) -> None:
        """Watch what the roots hold now: folders first (they see new files), then files
        until the system refuses one (its watch limit): those are not asked for again."""
        current = {*self._watcher.directories(), *self._watcher.files()}
        wanted = [p for p in paths_to_watch(self.roots) if p not in self._refused]
        if gone := current - set(wanted):
            self._watcher.removePaths(sorted(gone))
        new = [p for p in wanted if p not in current]
        is_folder = {p: os.path.isdir(p) for p in new}
        folders = [p for p in new if is_folder[p]]
        files = [p for p in new if not is_folder[p]]
        for batch in (folders, files):
            if batch and (refused := self._watcher.addPaths(batch)):
                self._refused.update(refused)
                return

    def _on_watcher_changed(self, path: str) -> None:
        self._changed[path] = None
        self._quiet.start()

    def _on_quiet_timeout(self) -> None:
        self._rewatch()  # new subfolders; files replaced by a rename
        changed, self._changed = list(self._changed), {}
        self.sig_changed.emit(changed)
