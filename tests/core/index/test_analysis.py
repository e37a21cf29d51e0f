"""The spelling words Whoosh stores are those of the text, whether or not the analyzer
answers them from the pass that indexed it."""

from __future__ import annotations

from desktop.core.index.analysis import ANALYZER

TEXT = (
    "Start-ups are collaborating on 香港科技 in the Centre; programmes at the Science Park "
    "and HKSTP's Ms Chan said the labs' robots were tested."
)


def spelling_words(text: str) -> list[str]:
    return sorted({t.text for t in ANALYZER(text, no_morph=True)})


def test_spelling_words_after_indexing_are_those_of_a_fresh_analysis() -> None:
    fresh = spelling_words(TEXT)
    indexed = [t.text for t in ANALYZER(TEXT, positions=True, chars=True, mode="index")]
    assert spelling_words(TEXT) == fresh
    assert "startups" in fresh and "programmes" in fresh and "centre" in fresh
    assert "the" not in fresh  # stop words are no spelling words
    assert "program" in indexed and "programmes" not in indexed  # the index has stems


def test_other_text_is_analysed_afresh() -> None:
    list(ANALYZER(TEXT, positions=True, chars=True, mode="index"))
    assert spelling_words("Cyberport incubatees") == ["cyberport", "incubatees"]
