"""Watching the library's folders so new, changed, renamed and deleted files show up by themselves.

``QFileSystemWatcher`` drops a file that is replaced atomically (write-and-rename), so folders
are watched, not files, and the folder list is rebuilt after each change (new subfolders are
picked up). Changes arrive in bursts (an editor saves, a copy writes many files): they are
gathered for a short quiet period and reported once, with the folders they happened in, so
that only those are looked at again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop.core.ingest.reader import walk_folders

QUIET_MS = 700
MAX_FOLDERS = 2000


def folders_under(roots: Iterable[Path], limit: int = MAX_FOLDERS) -> list[str]:
    """Every folder to watch under ``roots`` (hidden ones skipped, links followed once)."""
    found: list[str] = []
    for root in roots:
        for folder, _files in walk_folders(root if root.is_dir() else root.parent):
            found.append(folder)
            if len(found) >= limit:
                return found
    return found


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
        current = self._watcher.directories() + self._watcher.files()
        if current:
            self._watcher.removePaths(current)
        paths = folders_under(self.roots)
        paths += [str(root) for root in self.roots if root.is_file()]
        if paths:
            self._watcher.addPaths(paths)

    def _on_watcher_changed(self, path: str) -> None:
        self._changed[path] = None
        self._quiet.start()

    def _on_quiet_timeout(self) -> None:
        self._rewatch()  # new subfolders; files replaced by a rename
        changed, self._changed = list(self._changed), {}
        self.sig_changed.emit(changed)
