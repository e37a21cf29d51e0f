"""The user's own sources: files and folders they imported, kept in ``sources.json``.

Sources are referenced in place (nothing is copied), so this list is user data: it lives in the
data folder beside the bookmarks, never inside the disposable index, and is written whole or not
at all (a temporary file renamed over the old one). Every change reads the file again and saves
it under the data folder's user-data lock, so that two imports at once both keep their sources.
The bundled library is not in it; the composition root adds that itself.

The file is versioned::

    {"version": 1, "sources": [{"path": "/home/me/news", "added": "2024-05-14T09:30:00+00:00"}]}

A file that cannot be read as this format is set aside as ``sources.json.damaged-<time>`` (never
silently overwritten) and the list starts empty, with a :attr:`SourceList.notice` saying so.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.errors import InnoAtlasError
from desktop.core.locks import set_aside, user_data_write, write_atomically

FILE_NAME = "sources.json"
VERSION = 1


class SourcesUnavailable(InnoAtlasError):
    """The sources file cannot be written (permissions, disk full)."""


@dataclass(frozen=True)
class Source:
    """One imported file or folder and when it was added (timezone-aware, UTC)."""

    path: Path
    added: datetime


def normalise(path: Path) -> Path:
    """The form a source is stored and compared in: absolute, ``~`` and ``..`` resolved, but
    symlinks kept as the user named them (a linked folder stays the link).

    >>> str(normalise(Path("/news/../news/./hk/")))
    '/news/hk'
    """
    return Path(os.path.abspath(os.path.expanduser(path)))


class SourceList:
    """The user's sources in ``data_dir/sources.json``; every change is saved at once.

    Attributes:
        path: the JSON file.
        notice: a sentence for the user when the file was damaged and set aside, else None.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.notice: str | None = None
        with user_data_write(self.path.parent):  # a damaged file is set aside as it is read
            self._sources: list[Source] = self._load()

    def _load(self) -> list[Source]:
        """The sources in the file (read holding the user-data lock); a damaged file is set
        aside, never overwritten or half-read, and the list starts empty, with a notice."""
        try:
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            return []
        except OSError as error:
            raise SourcesUnavailable(
                f"The list of sources {self.path} cannot be read: {error.strerror or error}."
            ) from error
        except ValueError:  # not UTF-8 at all
            text = ""
        try:
            data = json.loads(text)
            if data.get("version") != VERSION:
                raise ValueError(f"unknown version {data.get('version')!r}")
            return [
                Source(Path(item["path"]), datetime.fromisoformat(item["added"]))
                for item in data["sources"]
            ]
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            try:
                aside = set_aside(self.path)
            except OSError as error:
                self.notice = (
                    f"The list of imported sources {self.path} is damaged and was left as it "
                    f"is ({error.strerror or error}): no imported folder is read until it is "
                    "repaired or removed."
                )
                return []
            self.notice = (
                f"The list of imported sources was damaged; it was kept as {aside.name} and "
                "the list starts empty: import your folders again (their articles' bookmarks "
                "are kept, and attach again when the articles return)."
            )
            return []

    def _save(self) -> None:
        data = {
            "version": VERSION,
            "sources": [{"path": str(s.path), "added": s.added.isoformat()} for s in self._sources],
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # ASCII escapes keep any file name, even one not valid in UTF-8, round-tripping.
            write_atomically(self.path, json.dumps(data, indent=2).encode("ascii"))
        except OSError as error:
            raise SourcesUnavailable(
                f"The list of sources {self.path} cannot be saved: {error.strerror or error}."
            ) from error

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        """Read the file again, let the block change the list, then save it, all under the
        user-data lock: another command's import, saved meanwhile, is kept, not overwritten."""
        try:
            with user_data_write(self.path.parent):
                self._sources = self._load()
                yield
        except SourcesUnavailable:
            raise
        except OSError as error:
            raise SourcesUnavailable(
                f"The list of sources {self.path} cannot be saved: {error.strerror or error}."
            ) from error

    def list(self) -> list[Source]:
        """Every source, in the order they were added."""
        return list(self._sources)

    def paths(self) -> builtins.list[Path]:
        """Every source's path, in the order they were added (what a Library reads)."""
        return [s.path for s in self._sources]

    def __contains__(self, path: object) -> bool:
        return isinstance(path, Path) and normalise(path) in self.paths()

    def add(self, paths: Iterable[Path], now: datetime | None = None) -> builtins.list[Source]:
        """Add files or folders (existing or not: that is the caller's check); return the ones
        that were new. Paths already listed keep their original time."""
        when = now or datetime.now(UTC)
        with self._changing():
            known = set(self.paths())
            added = []
            for path in paths:
                normal = normalise(path)
                if normal not in known:
                    known.add(normal)
                    added.append(Source(normal, when))
            if added:
                self._sources.extend(added)
                self._save()
        return added

    def remove(self, path: Path) -> bool:
        """Forget a source (its files stay on disk); False when it was not listed."""
        normal = normalise(path)
        with self._changing():
            kept = [s for s in self._sources if s.path != normal]
            if len(kept) == len(self._sources):
                return False
            self._sources = kept
            self._save()
        return True
