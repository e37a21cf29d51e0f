"""The shorter names an article calls its people and firms by, once it has named them."""

from desktop.core.entities.extract import extract_entities
from desktop.core.model import Article, Block, Entity

KNOWN = [
    Entity("dh", "Douglas Hsu", "person"),
    Entity("yh", "Yu-Chin Hsu", "person"),
]


def mentions(*paragraphs: str, known: list[Entity] = KNOWN) -> list[tuple[str, str]]:
    blocks = tuple(Block(f"p{i}", "paragraph", p) for i, p in enumerate(paragraphs))
    facts = extract_entities(Article("a", "T", "x", blocks), known)
    return [(m.text, m.entity_id) for m in facts.mentions]


def test_a_shared_surname_is_the_person_named_last_before_it() -> None:
    found = mentions(
        "Hsu was not yet named. Douglas Hsu welcomed the guests.",
        "Yu-Chin Hsu, a deputy minister, spoke. Hsu praised the parks.",
        "Douglas Hsu thanked her, and Hsu left early.",
    )
    surnames = [entity for text, entity in found if text == "Hsu"]
    assert surnames == ["yh", "dh"]


def test_a_firm_is_called_by_its_name_without_its_last_word() -> None:
    found = mentions(
        "Maravine Biotechnology uses fish embryos to test food.",
        "In 2010, Maravine enrolled in the incubation programme.",
        known=[],
    )
    ids = {entity for text, entity in found if text in ("Maravine", "Maravine Biotechnology")}
    assert len(ids) == 1 and ("Maravine", next(iter(ids))) in found
