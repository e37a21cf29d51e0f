import pytest

from desktop.core.query import looks_like_question, prepare, rewrite_dates


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
    assert rewrite_dates("date:2023-05") == ("date:[20230500 TO 20230599]", None)
    assert rewrite_dates("date:>=2023") == ("date:[20230000 TO 99999999]", None)
    assert rewrite_dates("date:[ TO 2021]") == ("date:[0 TO 20219999]", None)


def test_questions() -> None:
    assert looks_like_question("What does i2Cool specialise in?")
    assert looks_like_question("how many companies moved in")
    assert not looks_like_question("hkstp shenzhen")
    assert not looks_like_question('what "science park" OR hkstp')
