"""The answer ranker on tiny hand-written passages."""

import re

from desktop.core.answers import Passage, answer_type, content_terms, rank


def tokenize(text: str) -> list[str]:
    """Lower-case words without stop words, crudely stemmed ("opened" -> "open")."""
    words = [w.lower().strip(".,?") for w in text.split()]
    return [re.sub(r"(ed|s)$", "", w) for w in words if w not in {"the", "a", "of", "in", "is"}]


def spans(text: str) -> list[tuple[str, int, int]]:
    """The test tokenizer's terms with their character spans."""
    out, position = [], 0
    for word in text.split():
        start = text.index(word, position)
        position = start + len(word)
        out.extend((term, start, position) for term in tokenize(word))
    return out


def frequency(term: str) -> tuple[int, int]:
    return 100, 5


def best(question: str, *texts: str) -> str:
    passages = [Passage(str(i), t, 1.0) for i, t in enumerate(texts)]
    return rank(question, passages, spans, frequency)[0][0].text


def test_when_prefers_a_passage_with_a_date() -> None:
    assert (
        best(
            "When did the lab open?",
            "The lab is open to all researchers who apply.",
            "The lab opened in 2021 after a long wait.",
        )
        == "The lab opened in 2021 after a long wait."
    )


def test_which_plural_prefers_a_list_over_a_restatement() -> None:
    restated = "The fund will focus on several areas of technology."
    listing = "The fund will focus on areas such as robotics, biotech, and fintech."
    assert best("What areas will the fund focus on?", restated, listing) == listing


def test_who_prefers_a_new_name() -> None:
    assert (
        best(
            "Who chairs the academy?",
            "The academy chairs many panels on research.",
            "The academy is chaired by Harry Shum, its founder.",
        )
        == "The academy is chaired by Harry Shum, its founder."
    )


def test_aliases_count_as_the_words_they_stand_for() -> None:
    passages = [
        Passage("0", "Many startups joined the park.", 2.0),
        Passage("1", "The GBA programme trains startups.", 1.0),
    ]
    ranked = rank(
        "Which startups in the greater bay area?",
        passages,
        spans,
        frequency,
        aliases=[(["greater", "bay", "area"], ["gba"])],
    )
    assert ranked[0][0].key == "1"


def test_question_words_are_not_content() -> None:
    assert content_terms("How many companies has it attracted?", tokenize) == [
        "companie",
        "it",
        "attract",
    ]
    assert answer_type("Where is the park?") == "place"


def test_who_is_answered_by_people_named_by_what_they_do() -> None:
    assert (
        best(
            "Who runs the lab?",
            "The lab runs on a time-share basis for several hours.",
            "The lab is run by professional engineers.",
        )
        == "The lab is run by professional engineers."
    )


def test_how_many_counts_a_plural_not_a_number_before_one_thing() -> None:
    assert (
        best(
            "How many spaces does the city have?",
            "In the city, its founder opened the 708090 space.",
            "The city has 34 spaces for start-ups.",
        )
        == "The city has 34 spaces for start-ups."
    )


def test_how_many_counts_a_plural_without_an_s() -> None:
    assert (
        best(
            "How many people does the lab hire?",
            "The lab hires people from 12 countries.",
            "The lab will hire 300 people.",
        )
        == "The lab will hire 300 people."
    )


def test_who_is_not_answered_by_a_verb_that_looks_like_people() -> None:
    assert (
        best(
            "Who runs the lab?",
            "The lab runs and delivers the training.",
            "The lab is run by trained technicians.",
        )
        == "The lab is run by trained technicians."
    )


def test_how_large_is_answered_by_a_volume_or_an_area() -> None:
    assert (
        best(
            "How large is the vat?",
            "The vat stands in the old vat hall.",
            "Each vat holds 1.47 cubic meters of water.",
        )
        == "Each vat holds 1.47 cubic meters of water."
    )
