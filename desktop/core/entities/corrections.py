"""User corrections to the machine's entities: rename, merge, split off an alias, hide.

Corrections are user data: a small JSON file in the data folder (never in the index), written
atomically, applied every time the entity graph is built, so they survive any re-index. They
are an ordered list of operations; undo removes the last one.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from desktop.core.errors import InnoAtlasError

FILE_NAME = "corrections.json"
FORMAT = "innoatlas-corrections"
VERSION = 1

Operation = Literal["rename", "merge", "split", "hide"]


@dataclass(frozen=True)
class Correction:
    """One operation on an entity.

    Attributes:
        op: rename (``value`` is the new name), merge (into the entity ``value``), split
            (``value`` is the alias that becomes an entity of its own), hide.
    """

    op: Operation
    entity_id: str
    value: str = ""


class CorrectionsError(InnoAtlasError):
    """The corrections file cannot be read or written."""


class Corrections:
    """The ordered list of corrections stored in ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self._items: list[Correction] = self._read()

    def _read(self) -> list[Correction]:
        if not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError("not a corrections file")
            return [Correction(**item) for item in data["corrections"]]
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise CorrectionsError(
                f"Your entity corrections in {self.path} cannot be read ({error}); "
                "the file was left as it is."
            ) from error

    def _write(self) -> None:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "corrections": [asdict(c) for c in self._items],
        }
        temporary = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except OSError as error:
            raise CorrectionsError(f"Your correction could not be saved: {error}.") from error

    def items(self) -> tuple[Correction, ...]:
        """Every correction, oldest first."""
        return tuple(self._items)

    def add(self, correction: Correction) -> None:
        """Record a correction (saved at once)."""
        self._items.append(correction)
        self._write()

    def undo(self) -> Correction | None:
        """Remove and return the newest correction, or None when there is none."""
        if not self._items:
            return None
        last = self._items.pop()
        self._write()
        return last
