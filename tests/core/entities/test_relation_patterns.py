"""Relation patterns of English news prose, on hand-written sentences (not the pages')."""

from desktop.core.entities.extract import extract_entities
from desktop.core.model import Article, Block, Entity

KNOWN = [
    Entity("cp", "Cyberport", "organisation"),
    Entity("acme", "Acme Bank", "organisation"),
    Entity("uni", "Harbour University", "organisation", ("HU",)),
    Entity("inst", "Harbour Institute", "organisation", ("HI",)),
    Entity("alliance", "Open Ledger Alliance", "organisation"),
    Entity("smart", "Smart Start", "initiative", kind="programme"),
    Entity("cluster", "Robotics Cluster", "initiative", kind="programme"),
    Entity("lee", "Mary Lee", "person", ("Lee",)),
    Entity("wong", "Peter Wong", "person", ("Wong",)),
    Entity("co", "Dragonfly", "organisation"),
    Entity("sz", "Shenzhen", "place"),
    Entity("gd", "Guangdong", "place"),
    Entity("cn", "China", "place"),
    Entity("tw", "Taiwan", "place"),
    Entity("hc", "Hsinchu", "place"),
]


def relations(*paragraphs: str) -> set[tuple[str, str, str]]:
    blocks = tuple(Block(f"p{i}", "paragraph", p) for i, p in enumerate(paragraphs))
    facts = extract_entities(Article("a", "T", "x", blocks), KNOWN)
    return {(r.source, r.type, r.target) for r in facts.relations}


def test_a_founder_in_a_relative_clause_leads() -> None:
    assert relations("Mary Lee, who co-founded Dragonfly, spoke.") == {("lee", "leads", "co")}


def test_board_seats_are_work_at_each_body_of_the_list() -> None:
    assert relations(
        "Mary Lee made her name in Shenzhen before sitting on the boards of Acme Bank and "
        "the Harbour Institute."
    ) == {("lee", "works at", "acme"), ("lee", "works at", "inst")}


def test_a_person_from_or_of_a_body_works_there() -> None:
    assert relations("The group invited Dr. Mary Lee from Acme Bank to speak.") == {
        ("lee", "works at", "acme")
    }
    assert relations("Mary Lee of Dragonfly said sales grew.") == {("lee", "works at", "co")}


def test_an_arm_with_its_kind_and_its_owner_with_its_kind() -> None:
    assert relations("Dragonfly, the venture arm of government agency Acme Bank, grew.") == {
        ("co", "part of", "acme")
    }


def test_a_firm_created_at_a_university_was_incubated_there() -> None:
    assert relations("Dragonfly, created at Harbour University, teamed up with Cyberport.") >= {
        ("uni", "incubates", "co")
    }
    assert relations("Dragonfly, a spin-off of Harbour University, grew.") == {
        ("uni", "incubates", "co")
    }


def test_the_partner_named_before_the_subject() -> None:
    assert relations(
        "In collaboration with the Harbour Institute (HI), Acme Bank will open a lab."
    ) == {("inst", "partners with", "acme")}
    assert relations("In Shenzhen, Acme Bank will open a lab.") == set()


def test_as_a_member_of_a_body_the_subject_is_its_member() -> None:
    assert relations("As a founding member of the Open Ledger Alliance, Acme Bank will help.") == {
        ("acme", "member of", "alliance")
    }


def test_a_place_based_firm_is_located_there() -> None:
    assert relations("The Shenzhen-based drone maker Dragonfly will open an office.") == {
        ("co", "located in", "sz")
    }
    assert relations(
        "Dragonfly, the world’s largest drone maker and headquartered in Shenzhen, grew."
    ) == {("co", "located in", "sz")}


def test_a_place_in_a_larger_place() -> None:
    assert relations("The park at 2 Park Road, Hsinchu in Taiwan, is big.") == {
        ("hc", "located in", "tw")
    }
    assert relations("Hsinchu is in the northwest of Taiwan.") == {("hc", "located in", "tw")}
    assert relations("Shenzhen, south China’s Guangdong province, grew.") >= {
        ("sz", "located in", "gd")
    }
    assert relations("Offices in Shenzhen, Hsinchu and Taiwan opened.") == set()


def test_the_owner_before_a_body_is_no_actor_between() -> None:
    assert relations("Peter Wong, chief executive of Acme Bank’s Harbour Institute, spoke.") == {
        ("wong", "leads", "inst")
    }


def test_no_place_in_a_place_from_a_verb_or_a_list() -> None:
    assert relations("Firms try to recreate Shenzhen in Taiwan.") == set()
    assert relations("It has hubs in Hsinchu, Shenzhen in China and Taiwan.") == {
        ("sz", "located in", "cn")
    }


def test_a_possessive_list_of_programmes_is_run_by_the_owner() -> None:
    found = relations("Graduates of Cyberport’s incubation programmes, Smart Start and Rapid Go.")
    assert ("cp", "runs", "smart") in found


def test_a_subject_before_an_adverb_and_a_verb_is_no_modifier() -> None:
    assert relations("Cyberport officially launched start-up scheme Smart Start.") == {
        ("cp", "runs", "smart")
    }


def test_a_unit_at_a_body_is_part_of_it_and_its_staff_work_there() -> None:
    assert relations(
        "We met Mary Lee, the senior manager of the Robotics Cluster at Cyberport, today."
    ) == {("cluster", "part of", "cp"), ("lee", "works at", "cp")}
    assert relations("Smart Start at Cyberport grew.") == set()  # no unit's word in the name


def test_a_minister_of_a_portfolio_the_article_names_as_a_ministry() -> None:
    ministry = "The Ministry of Science and Technology hosted it."
    assert relations(ministry, "Peter Wong, Deputy Minister of Science and Technology, spoke.") >= {
        ("wong", "works at", "d-ministry-of-science-and-technology")
    }
    assert relations(ministry, "Peter Wong, Minister of Science and Technology, spoke.") >= {
        ("wong", "leads", "d-ministry-of-science-and-technology")
    }
    assert relations("Peter Wong, Minister of Science and Technology, spoke.") == set()


def test_subjects_joined_by_and_each_do_what_the_verb_says() -> None:
    assert relations("Acme Bank and Dragonfly have been appointed to manage Smart Start.") == {
        ("acme", "runs", "smart"),
        ("co", "runs", "smart"),
    }
    assert relations("Mary Lee and Peter Wong, chief executive of Acme Bank, spoke.") == {
        ("wong", "leads", "acme")
    }


def test_a_post_of_a_body_then_the_holder_without_a_comma() -> None:
    assert relations("“It works,” says the director of the Harbour Institute Mary Lee.") == {
        ("lee", "leads", "inst")
    }


def test_a_list_of_bodies_does_not_go_on_through_a_preposition() -> None:
    assert relations("Smart Start, an initiative by Acme Bank with Dragonfly, grew.") == {
        ("acme", "runs", "smart")
    }
