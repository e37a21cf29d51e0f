"""Questions in other words than their page's, on tiny hand-written passages.

These use the index's own analyzer (stems, stop words) and a small table of related words, so
each test shows one behaviour: the answer wins with it and loses (or ties) without it.
"""

from collections.abc import Sequence

from desktop.core.answers import Named, Passage, pool_query, rank
from desktop.core.index import analyze, term_spans
from desktop.core.lexicon import Lexicon

LEXICON = Lexicon.parse("set up\testablish:s found:s\nspend\texpenditure:s\n")


def best(
    question: str,
    *texts: str,
    lexicon: Lexicon | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """The text ranked first; ``names`` maps a name in the texts to its entity type."""

    def find_names(text: str) -> Sequence[Named]:
        found = []
        for name, entity_type in (names or {}).items():
            at = text.find(name)
            if at >= 0:
                found.append((entity_type, frozenset(analyze(name)), at, at + len(name)))
        return found

    known = {term for text in texts for term in analyze(text)}

    def frequency(term: str) -> tuple[int, int]:
        """The texts' words are in 5 passages of 100, others in none."""
        return 100, 5 if term in known else 0

    passages = [Passage(str(i), t, 1.0) for i, t in enumerate(texts)]
    ranked = rank(question, passages, term_spans, frequency, (), lexicon, find_names)
    return ranked[0][0].text


def test_a_related_word_stands_for_the_questions() -> None:
    question = "What was set up for the startups?"
    restated = "The startups were told to set their own goals."
    answering = "A shared lab was established for the startups."
    assert best(question, restated, answering) == restated
    assert best(question, restated, answering, lexicon=LEXICON) == answering


def test_an_unknown_compound_is_read_as_its_two_words() -> None:
    question = "How many workspaces does the park have?"
    other = "The park has 12 tenants and a cafe."
    answering = "The park has 34 co-working spaces."
    assert best(question, answering, other) == answering
    assert best(question, other, answering) == answering


def test_a_thing_named_by_its_kind_is_found_by_its_name() -> None:
    question = "What did the city open in May?"
    elsewhere = "A bakery opened in May."
    answering = "Hong Kong opened a data centre in May."
    assert best(question, elsewhere, answering) == elsewhere
    assert best(question, elsewhere, answering, names={"Hong Kong": "place"}) == answering


def test_how_many_wants_a_count_of_its_noun() -> None:
    question = "How many firms has the park trained?"
    weeks = "The park trained firms for 12 weeks."
    firms = "The park trained 300 firms."
    assert best(question, weeks, firms) == firms


def test_how_much_wants_a_sum_of_money() -> None:
    question = "How much did the fund raise?"
    count = "The fund raised interest from 20 investors."
    money = "The fund raised HK$400 million."
    assert best(question, count, money) == money


def test_why_wants_a_reason() -> None:
    question = "Why did the firm move to Shenzhen?"
    when = "The firm moved to Shenzhen in 2019."
    why = "The firm moved to Shenzhen because rents were lower."
    assert best(question, when, why) == why


def test_where_and_when_wants_both() -> None:
    question = "Where and when was the summit held?"
    when = "The summit was held in 2023."
    both = "The summit was held on March 29 at the AsiaWorld-Expo."
    assert best(question, when, both) == both


def test_the_pool_is_also_searched_with_related_words_and_compound_parts() -> None:
    def known(term: str) -> tuple[int, int]:
        return 1000, {"workspac": 0, "work": 40, "space": 30}.get(term, 10)

    assert pool_query("When was the scheme set up?", [], LEXICON, known) == (
        "scheme set up establish^0.5 found^0.5"
    )
    assert pool_query("How many workspaces?", [], LEXICON, known) == "workspaces work spaces"
