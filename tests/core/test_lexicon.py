"""The table of related words: its format, its phrases, and the bundled table's stems."""

from desktop.core.index import analyze
from desktop.core.lexicon import Lexicon, bundled_path, load

TABLE = "# a comment\nset up\testablish:s open_up:h\nset\tplace:s establish:h\nspend\toutlay:s\n"


def test_parse_reads_words_and_relations_in_order() -> None:
    lexicon = Lexicon.parse(TABLE)
    assert lexicon.words("set up") == (("establish", "s"), ("open up", "h"))
    assert lexicon.words("missing") == ()


def test_a_phrase_gives_its_words_to_both_terms_the_strongest_relation_kept() -> None:
    alternatives = Lexicon.parse(TABLE).alternatives(["set", "up", "spend"], analyze)
    assert alternatives == {
        "set": {("place",): 0.7, ("establish",): 0.7, ("open", "up"): 0.35},
        "up": {("establish",): 0.7},
        "spend": {("outlay",): 0.7},
    }


def test_the_bundled_table_relates_words_a_question_and_its_page_may_use() -> None:
    lexicon = load(bundled_path())
    pairs = [
        ("set up", "established"),
        ("spending", "expenditure"),
        ("seasoned", "experienced"),
        ("foreign", "overseas"),
        ("larger", "bigger"),
        ("built", "build"),
        ("firm", "company"),
        ("lean on", "rely on"),
    ]
    for word, related in pairs:
        key = " ".join(analyze(word))
        assert any(analyze(w) == analyze(related) for w, _r in lexicon.words(key)), word


def test_the_bundled_table_is_keyed_by_the_index_stems() -> None:
    """If the stemmer changes, the table must be built again (tests/bench/...)."""
    lexicon = load(bundled_path())
    for word in ["companies", "investors", "established", "nurtured", "attracting"]:
        assert " ".join(analyze(word)) in lexicon.lines, word
