"""Names with no cue word, found because the sentence says what kind of thing they are."""

from desktop.core.entities.discovery import discover
from desktop.core.entities.kind_names import kind_names
from desktop.core.model import Article, Block


def names(text: str) -> list[tuple[str, str]]:
    return list(kind_names(text))


def test_an_apposition_names_a_firm_when_its_kind_noun_ends_the_phrase() -> None:
    assert names("Lee founded Quillo, an artificial intelligence firm, in 2019.") == [
        ("Quillo", "organisation")
    ]
    assert names("It bought Ferncast, a chipmaker based in Penang.") == [
        ("Ferncast", "organisation"),
        ("Penang", "place"),
    ]
    assert names("It began at Drovo, the world’s largest drone maker by sales.") == [
        ("Drovo", "organisation")
    ]
    # a person described by a role is no firm: "founder" ends the phrase, not "start-up"
    assert names("Jane Lee, a start-up founder, spoke.") == []


def test_a_kind_before_a_name_needs_the_name_to_end_there() -> None:
    assert names("The park backs start-up Velotrix, which makes bikes.") == [
        ("Velotrix", "organisation")
    ]
    assert names("E-commerce giant Shopwise announced a fund.") == [("Shopwise", "organisation")]
    assert names("Fintech start-up Palmpay moved its office to Kowloon.") == [
        ("Palmpay", "organisation")
    ]
    assert names("Last year a leading drone maker, Skyvane, opened a store.") == [
        ("Skyvane", "organisation")
    ]
    # "the company Yao founded": the name runs into a verb, so it is not the firm's name
    assert names("He sold the company Yao founded last year.") == []


def test_a_list_after_a_plural_kind_names_each_item() -> None:
    assert names("Rivals include tech companies like Bytewell, Orin AI and Tessal.") == [
        ("Bytewell", "organisation"),
        ("Orin AI", "organisation"),
        ("Tessal", "organisation"),
    ]
    assert names("It competes with internet giants Fenlo Pay and Marrow Holdings.") == [
        ("Fenlo Pay", "organisation"),
        ("Marrow Holdings", "organisation"),
    ]
    # competitors may be places, so that list head names nothing
    assert names("It faces competitors like Singapore and Shenzhen.") == []


def test_a_place_named_by_its_kind() -> None:
    assert names("The plant opened in the coastal city of Qingmar.") == [("Qingmar", "place")]
    assert names("Its office is in Dalun District, near Sorrel Island.") == [
        ("Dalun District", "place"),
        ("Sorrel Island", "place"),
    ]


def test_a_place_where_something_is_based_or_born() -> None:
    assert names("Lumo, an app maker based in Qingmar, Dalun, hired Ada Ho, born in Penvale.") == [
        ("Lumo", "organisation"),
        ("Qingmar", "place"),
        ("Dalun", "place"),
        ("Penvale", "place"),
    ]
    assert names("Staff at the Qingmar-based firm grew. Cloud-based tools sell.") == [
        ("Qingmar", "place")
    ]
    assert names("A Cloud-based Platform Wins") == []
    assert names("It is based in Tide Valley Park.") == [("Tide Valley Park", "place")]
    park = Article(
        "a", "T", "x.txt", (Block("p0", "paragraph", "It is based in Tide Valley Park."),)
    )
    assert ("Tide Valley Park", "place") not in {(d.name, d.type) for d in discover(park)}
    province = Article("a", "T", "x.txt", (Block("p0", "paragraph", "It grew in Dalun Province."),))
    assert [d.aliases for d in discover(province) if d.type == "place"] == [("Dalun",)]


def test_sentence_openers_and_roles_open_no_firm_name() -> None:
    assert names("The firm Meanwhile, the company said.") == []
    assert names("the platform, a new developer, launched.") == []


def test_discovery_keeps_kind_names_with_their_rule() -> None:
    article = Article(
        "a",
        "Title",
        "x.txt",
        (Block("p0", "paragraph", "Lee founded Quillo, an artificial intelligence firm."),),
    )
    found = {(d.name, d.type, d.rule) for d in discover(article)}
    assert ("Quillo", "organisation", "kind-of-name") in found


def test_a_kind_before_someone_who_did_something_is_no_firm() -> None:
    text = (
        "The service provider Rao Lin, who co-founded Lumo, spoke of a Qingmar-headquartered lab."
    )
    assert names(text) == [("Qingmar", "place")]
    found = discover(Article("a", "T", "x.txt", (Block("p0", "paragraph", text),)))
    assert ("Rao Lin", "person") in {(d.name, d.type) for d in found}


def test_a_firm_before_its_founder_and_a_delta_by_its_kind() -> None:
    text = "Internet giant Qorvo founder Li Ren said the Amber River Delta would grow."
    assert names(text) == [("Qorvo", "organisation"), ("Amber River Delta", "place")]


def test_a_programme_or_firm_named_by_called_or_after_its_kind() -> None:
    text = (
        "Acme will set up an accelerator called Harbour InnoHub, and a firm named Bluefin. "
        "The university launched start-up incubator Block9 Suzhou on Monday."
    )
    assert list(kind_names(text)) == [
        ("Harbour InnoHub", "initiative"),
        ("Bluefin", "organisation"),
        ("Block9 Suzhou", "initiative"),
    ]
    assert list(kind_names("an incubator of ideas, the accelerator programme")) == []


def test_a_possessive_kind_then_a_comma_names_the_firm() -> None:
    assert names("The course gave birth to his startup, Quorvia. He is not alone.") == [
        ("Quorvia", "organisation")
    ]
    assert names("She joined their own design firm, Talwick Labs, in 2020.") == [
        ("Talwick Labs", "organisation")
    ]
    # no name after the comma: nothing found
    assert names("She left her firm, which had grown.") == []


def test_an_exchange_or_a_consultancy_is_a_kind_of_firm() -> None:
    assert names("The head of cryptocurrency exchange Brightex, echoed this view.") == [
        ("Brightex", "organisation")
    ]
    assert names("Advice came from consultancy Marlow Partners, which counts banks.") == [
        ("Marlow Partners", "organisation")
    ]


def test_a_news_outlet_as_the_source_of_a_report() -> None:
    assert names("It will back 40 startups, reported NTB.") == [("NTB", "organisation")]
    assert names("He said so in an interview with Lumora. Sales rose.") == [
        ("Lumora", "organisation")
    ]
    # a person reported this way has two names: not an outlet
    assert names("Sales rose, reported Lee Chan.") == []
