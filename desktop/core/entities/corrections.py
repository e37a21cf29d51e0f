"""User corrections to the machine's entities: rename, merge, split off an alias, hide, change
the type, and confirm a discovered entity is right.

Corrections are user data: a small JSON file in the data folder (never in the index), written
atomically under the data folder's user-data lock (re-read first, so two commands at once both
keep theirs), applied every time the entity graph is built, so they survive any re-index. They
are an ordered list of operations; undo removes the last one. A damaged file is set aside,
never half-read and never in the way of other commands.

:class:`Provenance` says where an entity came from (the knowledge base, the articles, the
user) and whether the user confirmed it, in words the entity panel and the CLI share.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, get_args

from desktop.core.errors import InnoAtlasError
from desktop.core.locks import set_aside, user_data_write, write_atomically
from desktop.core.model import Entity

FILE_NAME = "corrections.json"
FORMAT = "innoatlas-corrections"
#: 2 added "confirm" and "retype"; a version-1 file reads as it is.
VERSION = 2

Operation = Literal["rename", "merge", "split", "hide", "confirm", "retype"]
OPERATIONS: tuple[Operation, ...] = get_args(Operation)

#: A discovered entity at least this sure reads as "likely", below it as "possible": the
#: acronym (0.9), titled-person (0.8) and cue-word (0.7) rules against the weaker person-by-role
#: (0.6) and "X said" (0.5) ones.
LIKELY = 0.7


@dataclass(frozen=True)
class Correction:
    """One operation on an entity.

    Attributes:
        op: rename (``value`` is the new name), merge (into the entity ``value``), split
            (``value`` is the alias that becomes an entity of its own), hide, confirm (the
            user says a discovered entity is right), retype (``value`` is the new type).
    """

    op: Operation
    entity_id: str
    value: str = ""


class CorrectionsError(InnoAtlasError):
    """The corrections file cannot be read or written."""


class Corrections:
    """The ordered list of corrections stored in ``data_dir``.

    Attributes:
        path: the JSON file.
        notice: a sentence for the user when the file was damaged and set aside, else None.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self.notice: str | None = None
        with user_data_write(self.path.parent):  # a damaged file is set aside as it is read
            self._items: list[Correction] = self._read()

    def _read(self) -> list[Correction]:
        """The corrections in the file (read holding the user-data lock)."""
        try:
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as error:  # unreadable, or not UTF-8 at all
            return self._set_aside(error)
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a corrections file")
            return [_correction(item) for item in data["corrections"]]
        except (ValueError, TypeError, KeyError, RecursionError) as error:
            return self._set_aside(error)

    def _set_aside(self, error: BaseException) -> list[Correction]:
        """Keep a damaged file under another name (never lost, never half-read) and start
        with no corrections, saying so; one bad file must not block every command."""
        try:
            aside = set_aside(self.path)
        except OSError:
            self.notice = (
                f"Your entity corrections in {self.path} cannot be read ({error}); they are "
                "not applied, and the file was left as it is."
            )
            return []
        self.notice = (
            f"Your entity corrections could not be read ({error}); the file was kept as "
            f"{aside.name} and InnoAtlas starts with none."
        )
        return []

    def _write(self) -> None:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "corrections": [asdict(c) for c in self._items],
        }
        text = json.dumps(data, ensure_ascii=False, indent=1)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, text.encode("utf-8"))
        except OSError as error:
            raise CorrectionsError(f"Your correction could not be saved: {error}.") from error

    def items(self) -> tuple[Correction, ...]:
        """Every correction, oldest first."""
        return tuple(self._items)

    def add(self, correction: Correction) -> None:
        """Record a correction (saved at once, after any another process saved meanwhile)."""
        with user_data_write(self.path.parent):
            self._items = self._read()
            self._items.append(correction)
            self._write()

    def undo(self) -> Correction | None:
        """Remove and return the newest correction, or None when there is none."""
        with user_data_write(self.path.parent):
            self._items = self._read()
            if not self._items:
                return None
            last = self._items.pop()
            self._write()
        return last


def _correction(item: object) -> Correction:
    """One stored correction, its fields checked (a file a user may have edited by hand)."""
    if not isinstance(item, dict):
        raise TypeError("a correction is not an object")
    correction = Correction(**item)
    if correction.op not in OPERATIONS or not all(
        isinstance(v, str) for v in (correction.entity_id, correction.value)
    ):
        raise ValueError("a correction is not valid")
    return correction


Source = Literal["knowledge base", "articles", "you"]


@dataclass(frozen=True)
class Provenance:
    """Where an entity came from, and whether the user vouched for it.

    Attributes:
        source: "knowledge base" (curated), "articles" (found by a rule in the articles) or
            "you" (split off an alias by the user).
        confidence: the rule's confidence (1.0 for the other two sources).
        confirmed: the user confirmed a discovered entity.

    >>> Provenance("articles", 0.6).label
    'Found in the articles · possible'
    >>> Provenance("articles", 0.6, confirmed=True).label
    'Found in the articles · confirmed by you'
    """

    source: Source
    confidence: float = 1.0
    confirmed: bool = False

    @staticmethod
    def of(entity: Entity, confirmed: bool = False, made: bool = False) -> Provenance:
        """The provenance of ``entity``; ``confirmed`` and ``made`` come from the corrections."""
        if made:
            return Provenance("you", 1.0, confirmed)
        if not entity.discovered:
            return Provenance("knowledge base")
        return Provenance("articles", entity.confidence, confirmed)

    @property
    def certainty(self) -> Literal["certain", "likely", "possible"]:
        """How sure InnoAtlas is, in a word: only a discovered, unconfirmed entity is unsure."""
        if self.source != "articles" or self.confirmed:
            return "certain"
        return "likely" if self.confidence >= LIKELY else "possible"

    @property
    def confirmable(self) -> bool:
        """True when confirming means something: found by a rule and not yet confirmed."""
        return self.source == "articles" and not self.confirmed

    @property
    def label(self) -> str:
        """One short line: "From the knowledge base", "Found in the articles · likely"."""
        if self.source == "knowledge base":
            return "From the knowledge base"
        if self.source == "you":
            return "Made by you (split off an alias)"
        if self.confirmed:
            return "Found in the articles · confirmed by you"
        return f"Found in the articles · {self.certainty}"

    @property
    def explanation(self) -> str:
        """A sentence for a tooltip or ``--explain``-style output: why the label says so."""
        if self.source == "knowledge base":
            return "This entity is curated in InnoAtlas's knowledge base."
        if self.source == "you":
            return "You split this entity off another one's aliases."
        found = f"InnoAtlas found this name in the articles by a rule ({self.confidence:.0%} sure)."
        if self.confirmed:
            return f"{found} You confirmed it is right."
        return f"{found} Confirm it if it is right, or correct it."

    def as_json(self) -> dict[str, object]:
        """The provenance for ``--json`` output."""
        return {
            "source": self.source,
            "confidence": self.confidence,
            "certainty": self.certainty,
            "confirmed": self.confirmed,
            "label": self.label,
        }
