import json
from pathlib import Path

import pytest

from desktop.core.entities.knowledge_base import KnowledgeBaseError, load_knowledge_base, validate
from desktop.locations import resources_dir

SHIPPED = resources_dir() / "knowledge_base.json"


def test_the_shipped_knowledge_base_is_valid() -> None:
    assert validate(json.loads(SHIPPED.read_text("utf-8"))) == []
    entities = {e.id: e for e in load_knowledge_base(SHIPPED)}
    assert {"HKSTP", "香港科技園公司"} <= set(entities["hkstp"].aliases)
    assert "數碼港" in entities["cyberport"].aliases
    assert "粵港澳大灣區" in entities["gba"].aliases
    assert all(e.description for e in entities.values())


def kb(*entities: dict[str, object]) -> dict[str, object]:
    return {"format": "innoatlas-knowledge-base", "version": 1, "entities": list(entities)}


def test_problems_are_reported_in_words(tmp_path: Path) -> None:
    data = kb(
        {"id": "a", "name": "Alpha", "type": "organisation", "aliases": ["A1"], "description": ""},
        {"id": "b", "name": "Beta", "type": "organisation", "aliases": ["A1"], "description": ""},
        {"id": "Bad Id", "name": "", "type": "initiative", "kind": "party", "aliases": "x"},
        {"id": "a", "name": "Gamma", "type": "place", "aliases": [], "description": ""},
    )
    assert validate(data) == [
        "entity b: “A1” is also a name of a",
        "entity Bad Id: id must be a lower-case slug",
        "entity Bad Id: name must be a non-empty string",
        "entity Bad Id: aliases must be a list of non-empty strings",
        "entity Bad Id: kind is only for initiatives: one of "
        "['event', 'facility', 'fund', 'programme', 'scheme']",
        "entity a: id is used twice",
    ]
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data))
    with pytest.raises(KnowledgeBaseError, match="has 6 problem"):
        load_knowledge_base(path)
    path.write_text("{not json")
    with pytest.raises(KnowledgeBaseError, match="not valid JSON"):
        load_knowledge_base(path)
