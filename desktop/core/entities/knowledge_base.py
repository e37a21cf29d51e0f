"""The curated knowledge base: a JSON file of entities, validated when it is read.

Format (``resources/knowledge_base.json``)::

    {"format": "innoatlas-knowledge-base", "version": 1,
     "entities": [{"id": "hkstp", "name": "...", "type": "organisation",
                   "aliases": ["HKSTP", "香港科技園公司"], "description": "...",
                   "kind": "programme"  # initiatives only, optional
                  }, ...]}

Ids are stable slugs; every name and alias belongs to one entity only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from desktop.core.errors import InnoAtlasError
from desktop.core.model import ENTITY_TYPES, Entity
from desktop.core.text import fold

FORMAT = "innoatlas-knowledge-base"
VERSION = 1
KINDS = frozenset({"programme", "scheme", "fund", "facility", "event"})
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class KnowledgeBaseError(InnoAtlasError):
    """The knowledge base file is missing, not JSON, or breaks the format."""


def validate(data: Any) -> list[str]:
    """Every problem with a parsed knowledge base, as sentences; empty when it is valid.

    >>> validate({"format": FORMAT, "version": 1, "entities": [{"id": "x", "name": "X",
    ...     "type": "planet", "aliases": [], "description": ""}]})
    ['entity x: type “planet” is not one of organisation, initiative, person, place, topic']
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return [f"not a knowledge base (format must be “{FORMAT}”)"]
    if data.get("version") != VERSION:
        return [f"unsupported version {data.get('version')!r} (expected {VERSION})"]
    entities = data.get("entities")
    if not isinstance(entities, list):
        return ["“entities” must be a list"]
    problems: list[str] = []
    ids: set[str] = set()
    names: dict[str, str] = {}
    for number, item in enumerate(entities):
        label = f"entity {item.get('id', number) if isinstance(item, dict) else number}"
        if not isinstance(item, dict):
            problems.append(f"{label}: must be an object")
            continue
        entity_id = item.get("id")
        if not isinstance(entity_id, str) or not _ID.match(entity_id):
            problems.append(f"{label}: id must be a lower-case slug")
        elif entity_id in ids:
            problems.append(f"{label}: id is used twice")
        else:
            ids.add(entity_id)
        if not isinstance(item.get("name"), str) or not item["name"].strip():
            problems.append(f"{label}: name must be a non-empty string")
        if item.get("type") not in ENTITY_TYPES:
            problems.append(
                f"{label}: type “{item.get('type')}” is not one of {', '.join(ENTITY_TYPES)}"
            )
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            problems.append(f"{label}: aliases must be a list of non-empty strings")
            aliases = []
        if not isinstance(item.get("description", ""), str):
            problems.append(f"{label}: description must be a string")
        kind = item.get("kind")
        if kind is not None and (item.get("type") != "initiative" or kind not in KINDS):
            problems.append(f"{label}: kind is only for initiatives: one of {sorted(KINDS)}")
        for name in [item.get("name", ""), *aliases]:
            key = fold(str(name))
            if key in names and names[key] != entity_id:
                problems.append(f"{label}: “{name}” is also a name of {names[key]}")
            names[key] = str(entity_id)
    return problems


def load_knowledge_base(path: Path) -> list[Entity]:
    """Read and validate the knowledge base; raise KnowledgeBaseError listing what is wrong."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as error:
        raise KnowledgeBaseError(f"The knowledge base {path} cannot be read: {error}.") from error
    except ValueError as error:
        raise KnowledgeBaseError(
            f"The knowledge base {path} is not valid JSON: {error}."
        ) from error
    problems = validate(data)
    if problems:
        raise KnowledgeBaseError(
            f"The knowledge base {path} has {len(problems)} problem(s): " + "; ".join(problems[:5])
        )
    return [
        Entity(
            id=item["id"],
            name=item["name"],
            type=item["type"],
            aliases=tuple(item.get("aliases", ())),
            description=item.get("description", ""),
            kind=item.get("kind"),
        )
        for item in data["entities"]
    ]
