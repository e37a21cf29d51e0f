"""One entity under one id, however many articles find it and under whichever name."""

from desktop.core.entities.extract import extract_entities
from desktop.core.entities.graph import EntityGraph
from desktop.core.entities.identity import by_id
from desktop.core.model import Article, Block, Entity


def article(article_id: str, *paragraphs: str) -> Article:
    blocks = tuple(Block(f"p{i}", "paragraph", p) for i, p in enumerate(paragraphs))
    return Article(article_id, "Title", f"{article_id}.txt", blocks)


def test_finds_of_one_id_keep_every_alias() -> None:
    plain = Entity("d-x", "Harbour Institute", "organisation", discovered=True, confidence=0.7)
    defined = Entity("d-x", "Harbour Institute", "organisation", ("HI",), discovered=True)
    assert by_id([plain, defined])["d-x"].aliases == ("HI",)


def test_a_name_defined_in_one_article_is_its_alias_in_another() -> None:
    first = extract_entities(article("a", "Invest Kowloon (InvestKL) opened an office."), [])
    second = extract_entities(article("b", "Staff at InvestKL said the office would grow."), [])
    graph = EntityGraph([], [first, second])
    entity = graph.find("InvestKL")
    assert entity is not None and entity.name == "Invest Kowloon"
    assert {m.article_id for m in graph.mentions(entity.id)} == {"a", "b"}


def test_the_head_of_a_name_later_in_the_article_is_that_entity() -> None:
    known = [Entity("s", "Harbour Fintech Sandbox", "initiative", kind="programme")]
    facts = extract_entities(
        article("a", "Harbour Fintech Sandbox opened.", "Banks use the Sandbox to test."), known
    )
    assert [(m.passage_id, m.text) for m in facts.mentions] == [
        ("p0", "Harbour Fintech Sandbox"),
        ("p1", "Sandbox"),
    ]


def test_a_coined_short_form_used_alone_becomes_an_alias() -> None:
    facts = extract_entities(
        article("a", "The 3-year Sea-Tech Programme admits firms.", "Sea-Tech firms grow."), []
    )
    programme = next(e for e in facts.discovered if e.name == "Sea-Tech Programme")
    assert "Sea-Tech" in programme.aliases


def test_a_programme_named_without_its_cue_word_elsewhere_is_that_programme() -> None:
    first = extract_entities(article("a", "Firms join the Sea-Tech Programme each year."), [])
    second = extract_entities(article("b", "Three firms left Sea-Tech early this year."), [])
    graph = EntityGraph([], [first, second])
    programme = graph.find("Sea-Tech")
    assert programme is not None and programme.name == "Sea-Tech Programme"
    assert "Sea-Tech" in programme.aliases
    assert {m.article_id for m in graph.mentions(programme.id)} == {"a", "b"}


def test_two_finds_that_name_each_other_are_one_entity() -> None:
    from desktop.core.entities.identity import alias_redirects

    found = {
        e.id: e
        for e in [
            Entity("d-a", "InvestKL", "organisation", ("Invest Kowloon",), discovered=True),
            Entity("d-b", "Invest Kowloon", "organisation", ("InvestKL",), discovered=True),
        ]
    }
    assert alias_redirects(found) == {"d-a": "d-b"}
    graph = EntityGraph(found.values(), [])
    assert graph.entity("d-a") is not None and graph.entity("d-a").name == "Invest Kowloon"


def test_capitals_a_text_uses_without_defining_them_are_the_named_body() -> None:
    facts = extract_entities(
        article(
            "a",
            "The Harbour Kowloon Lending Authority, the city's lender, said so.",
            "HKLA chief Wu Mei-ling spoke. The HKLA received 33 applications.",
        ),
        [],
    )
    graph = EntityGraph([], [facts])
    body = graph.find("HKLA")
    assert body is not None and body.name == "Harbour Kowloon Lending Authority"


def test_a_company_is_found_by_its_name_without_its_legal_form() -> None:
    first = extract_entities(article("a", "Winners are Kowloon Harbour Telecom Ltd. and more."), [])
    second = extract_entities(article("b", "Kowloon Harbour Telecom said it would grow."), [])
    graph = EntityGraph([], [first, second])
    company = graph.find("Kowloon Harbour Telecom")
    assert company is not None and company.name == "Kowloon Harbour Telecom Ltd"
    assert {m.article_id for m in graph.mentions(company.id)} == {"a", "b"}


def test_a_firm_named_without_its_firm_word_is_the_firm_not_a_person() -> None:
    facts = extract_entities(
        article(
            "a",
            "Tide Digital is funded by Harbour Chartered Bank and others.",
            "Harbour Chartered said the bank will grow, and Li Ka-wing said so too.",
        ),
        [],
    )
    kinds = {e.name: e.type for e in facts.discovered}
    assert kinds.get("Harbour Chartered Bank") == "organisation"
    assert "Harbour Chartered" not in kinds and kinds.get("Li Ka-wing") == "person"
    bank = next(e for e in facts.discovered if e.name == "Harbour Chartered Bank")
    assert "Harbour Chartered" in bank.aliases


def test_a_company_is_called_by_its_leading_words_once_named_in_full() -> None:
    facts = extract_entities(
        article(
            "a",
            "Winners are Tidal VB Ltd. and Hong Kong Harbourlink Ltd. this year.",
            "Tidal is a joint venture in Hong Kong, and Harbourlink would grow.",
        ),
        [],
    )
    aliases = {e.name: e.aliases for e in facts.discovered}
    assert "Tidal" in aliases["Tidal VB Ltd"]
    assert not {"Hong", "Hong Kong"} & set(aliases["Hong Kong Harbourlink Ltd"])
    tidal = next(e for e in facts.discovered if e.name == "Tidal VB Ltd")
    assert [m.text for m in facts.mentions if m.entity_id == tidal.id] == ["Tidal VB Ltd", "Tidal"]


def test_a_company_s_leading_words_are_no_cue_word_and_no_other_name() -> None:
    facts = extract_entities(
        article(
            "a",
            "Tidal is backed by Bank of Kowloon (Hong Kong) Ltd. this year.",
            "The Bank said so, and Mary Wong, its founder, agreed.",
        ),
        [],
    )
    bank = next(e for e in facts.discovered if e.name.startswith("Bank of Kowloon"))
    assert "Bank" not in bank.aliases


def test_a_facilitys_undefined_initials_are_the_facility() -> None:
    facts = extract_entities(
        article(
            "a",
            "Firms at the Dalun Science Park grew. TDK set up in DSP last year.",
            "DSP now hosts 600 firms, and DSP plans to grow.",
        ),
        [],
    )
    graph = EntityGraph([], [facts])
    park = graph.find("DSP")
    assert park is not None and park.name == "Dalun Science Park" and park.type == "initiative"
