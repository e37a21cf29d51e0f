import pytest

from desktop.core.query import for_index, prepare


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ('"unbalanced', "unmatched quote"),
        ("title:(", "unmatched bracket"),
        ("a) b", "unmatched bracket"),
        ("[2022 TO", "unmatched range"),
        ("nosuchfield:word", "unknown field"),
        ("title: word", "empty"),
        ("word AND", "operator"),
        ("*ology", "wildcard"),
        ("date:yesterday", "date it cannot read"),
    ],
)
def test_malformed_queries_fall_back_to_words_with_a_notice(raw: str, problem: str) -> None:
    prepared = prepare(raw)
    assert prepared.notice is not None and problem in prepared.notice
    assert '"' not in prepared.text and "(" not in prepared.text


def test_valid_syntax_passes_through() -> None:
    prepared = prepare('title:"science park" (ai OR iot) -singapore cyber* cybersecurty~')
    assert prepared.notice is None
    assert prepared.text == 'title:"science park" (ai OR iot) NOT singapore cyber* cybersecurty~'


def test_control_characters_and_huge_queries_are_tamed() -> None:
    prepared = prepare("hk\x00stp " + "word " * 500)
    assert "\x00" not in prepared.text
    assert len(prepared.text) <= 500
    assert prepared.notice is not None and "shortened" in prepared.notice


def test_date_ranges() -> None:
    assert prepare("date:2023-05").text == "date:[20230500 TO 20230599]"
    assert prepare("date:>=2023").text == "date:[20230000 TO 99999999]"
    assert prepare("date:[ TO 2021]").text == "date:[0 TO 20219999]"
    assert prepare("hkstp date:[2022 TO 2024-06]").text == "hkstp date:[20220000 TO 20240699]"


def test_questions() -> None:
    assert prepare("What does i2Cool specialise in?").is_question
    assert prepare("how many companies moved in").is_question
    assert not prepare("hkstp shenzhen").is_question
    assert not prepare('what "science park" OR hkstp').is_question


def test_a_question_mark_that_ends_the_query_is_punctuation() -> None:
    assert prepare("singapore on?").text == "singapore on"
    assert prepare("hkstp ?").text == "hkstp"
    assert prepare("colo?r").text == "colo?r"  # inside a word it stays a pattern
    assert prepare("who runs the science park?").is_question


@pytest.mark.parametrize("raw", ["(ai OR)", "ai OR OR iot", "(AND ai)", "ai (NOT)"])
def test_an_operator_with_nothing_on_one_side_is_caught_inside_groups_too(raw: str) -> None:
    prepared = prepare(raw)
    assert prepared.notice is not None and "operator" in prepared.notice, raw


def test_clauses_are_written_for_the_index() -> None:
    assert prepare('-"science park" Title:HKSTP').text == 'NOT "science park" title:HKSTP'
    assert prepare("+hkstp park^2 ai~1").text == "hkstp park^2 ai~1"
    assert prepare("type:(org OR people)").text == "type:(organisation OR person)"
    assert prepare("year:2023 year:[2020 TO 2022]").notice is None
    unknown_type = prepare("type:robots")
    assert unknown_type.text == "type:__unknown__"
    assert unknown_type.notice is not None and "not an entity type" in unknown_type.notice
    unreadable_year = prepare("year:soon")
    assert unreadable_year.notice is not None and "year it cannot read" in unreadable_year.notice


def test_fuzzy_words_become_the_library_words_near_them() -> None:
    from desktop.core.entities.graph import EntityGraph

    def near(word: str, edits: int) -> list[str]:
        return ["cybersecurity"] if (word, edits) == ("cybersecurty", 2) else []

    graph = EntityGraph([], [], ())
    text, notice = for_index(prepare("cybersecurty~ hkstp~"), graph, lambda _n: None, near)
    assert (text, notice) == ("(cybersecurity) hkstp", None)
    text, notice = for_index(prepare("entity:nobody"), graph, lambda _n: None, near)
    assert text == "entity:__unknown__"
    assert notice == "InnoAtlas knows no entity called “nobody”."


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("park REQUIRE tech", "park require tech"),  # an operator of the index's, not ours
        ("year:[2020 TO]", "year:[2020 TO]"),  # an open end has no space the index would read
        ("year:[TO 2030]", "year:[TO 2030]"),
        ("park^.5", "park^.5"),
        ('"science park"~0', '"science park"'),  # a slop must be 1 or more
        ("(science park)~2", "(science park)"),  # a group takes a boost only
    ],
)
def test_what_the_index_would_misread_is_written_as_meant(raw: str, written: str) -> None:
    prepared = prepare(raw)
    assert prepared.notice is None and prepared.text == written


def test_a_field_inside_a_field_is_read_as_words() -> None:
    prepared = prepare("title:(date:2024 park)")
    assert prepared.notice is not None and "field inside" in prepared.notice


def test_a_fuzzy_word_in_a_field_is_resolved_too() -> None:
    from desktop.core.entities.graph import EntityGraph

    graph = EntityGraph([], [], ())
    text, _notice = for_index(
        prepare("text:cybersecurty~"), graph, lambda _n: None, lambda w, e: ["cybersecurity"]
    )
    assert text == "text:(cybersecurity)"
