from desktop.core.entities.mentions import MentionFinder
from desktop.core.model import Entity

ENTITIES = [
    Entity("or", "Eric Or", "person", ("Or",)),
    Entity("idea", "International Digital Economy Academy", "organisation", ("IDEA",)),
    Entity("hk", "Hong Kong", "place", ("香港",)),
    Entity("hkstp", "HKSTP", "organisation", ("Hong Kong Science Park", "香港科技園")),
    Entity("data", "Big data", "topic"),
]


def found(text: str, for_queries: bool = False) -> list[tuple[str, str]]:
    finder = MentionFinder(ENTITIES, for_queries=for_queries)
    return [(m.entity_id, m.text) for m in finder.find(text)]


def test_word_boundaries_and_case() -> None:
    assert found("Or said the Organisation has ideas, not IDEA's or Orbit's.") == [
        ("or", "Or"),
        ("idea", "IDEA"),
    ]


def test_longest_match_wins_and_topics_ignore_case() -> None:
    assert found("Hong Kong Science Park uses BIG DATA in Hong Kong.") == [
        ("hkstp", "Hong Kong Science Park"),
        ("data", "BIG DATA"),
        ("hk", "Hong Kong"),
    ]


def test_chinese_names_need_no_spaces() -> None:
    assert found("香港科技園今日宣佈") == [("hkstp", "香港科技園")]


def test_offsets_point_into_the_text() -> None:
    text = "At the Hong Kong Science Park, Or spoke."
    finder = MentionFinder(ENTITIES)
    assert [text[m.start : m.end] for m in finder.find(text)] == ["Hong Kong Science Park", "Or"]


def test_queries_ignore_case_for_names_and_acronyms_only() -> None:
    assert found("hong kong science park idea or", for_queries=True) == [
        ("hkstp", "hong kong science park"),
        ("idea", "idea"),
    ]


def test_a_name_is_found_with_its_kind_noun_in_lower_case() -> None:
    finder = MentionFinder([Entity("gov", "HKSAR Government", "organisation")])
    assert [m.text for m in finder.find("An official of the HKSAR government said.")] == [
        "HKSAR government"
    ]
    assert finder.find("An official of the hksar government said.") == []
