"""Places named with nothing around them to say so, found in the gazetteer."""

from desktop.core.entities.discovery import discover
from desktop.core.entities.gazetteer import named_places, place_names
from desktop.core.model import Article, Block


def test_the_gazetteer_holds_countries_regions_and_large_cities_but_not_ambiguous_words() -> None:
    names = place_names()
    assert {"Taiwan", "South Korea", "Tokyo", "Boston", "Asia", "California"} <= names
    assert not {"Jordan", "Chad", "Austin", "Victoria", "Man"} & names


def test_a_place_is_a_whole_run_of_capitalised_words() -> None:
    text = (
        "In Taiwan, the Taipei Economic and Cultural Office met Boston Dynamics and "
        "investors from South Korea’s capital, Seoul."
    )
    assert list(named_places(text)) == ["Taiwan", "South Korea", "Seoul"]


def test_discovery_types_them_as_places_unless_a_persons_name_holds_the_word() -> None:
    article = Article(
        "a",
        "T",
        "x.txt",
        (
            Block("p0", "paragraph", "The start-up opened an office in Tokyo this year."),
            Block("p1", "paragraph", "Its founder, Mei Tokyo, said: “Tokyo was ready.”"),
        ),
    )
    found = {(d.name, d.type, d.rule) for d in discover(article)}
    assert ("Mei Tokyo", "person", "title-or-role") in found
    assert not any(name == "Tokyo" for name, _type, _rule in found)
    plain = Article("b", "T", "x.txt", (Block("p0", "paragraph", article.blocks[0].text),))
    assert ("Tokyo", "place", "gazetteer") in {(d.name, d.type, d.rule) for d in discover(plain)}
