"""Relation rules on hand-written sentences (not the seeds)."""

from desktop.core.entities.extract import extract_entities
from desktop.core.model import Article, Block, Entity

KNOWN = [
    Entity("cp", "Cyberport", "organisation"),
    Entity("acme", "Acme Bank", "organisation"),
    Entity("uni", "Harbour University", "organisation", ("HU",)),
    Entity("smart", "Smart Start", "initiative", kind="programme"),
    Entity("fund", "Cyberport Seed Fund", "initiative", kind="fund"),
    Entity("lab", "Tide Lab", "initiative", kind="facility"),
    Entity("lee", "Mary Lee", "person", ("Lee",)),
    Entity("kt", "Kwun Tong", "place"),
    Entity("co", "Dragonfly", "organisation"),
]


def relations(*paragraphs: str) -> set[tuple[str, str, str]]:
    blocks = tuple(Block(f"p{i}", "paragraph", p) for i, p in enumerate(paragraphs))
    facts = extract_entities(Article("a", "T", "x", blocks), KNOWN)
    return {(r.source, r.type, r.target) for r in facts.relations}


def test_runs_by_verb_possessive_and_partner() -> None:
    assert relations("Cyberport launched its Smart Start programme with Acme Bank.") == {
        ("cp", "runs", "smart"),
        ("acme", "runs", "smart"),
    }
    assert relations("Cyberport’s Smart Start programme grew.") == {("cp", "runs", "smart")}


def test_leads_with_role_and_a_reference() -> None:
    assert relations(
        "Harbour University hired staff. Mary Lee, the university’s president, spoke."
    ) == {("lee", "leads", "uni")}
    assert relations("Mary Lee, chief executive officer of Cyberport, spoke.") == {
        ("lee", "leads", "cp")
    }


def test_partners_located_incubates_and_name_prefix() -> None:
    assert relations("Acme Bank signed an agreement with Harbour University.") == {
        ("acme", "partners with", "uni")
    }
    assert relations("The Tide Lab located in Kwun Tong opened.") == {("lab", "located in", "kt")}
    assert relations(
        "Dragonfly is a drone maker. It received incubation support from Cyberport."
    ) == {("cp", "incubates", "co")}
    assert relations("The Cyberport Seed Fund grew.") == {("cp", "runs", "fund")}


def test_a_with_far_from_the_programme_says_nothing_of_who_runs_it() -> None:
    assert (
        relations(
            "Within Smart Start, firms can try out their new products without the need to comply "
            "in full with Acme Bank’s usual rules."
        )
        == set()
    )
    assert relations("Smart Start, a scheme with Acme Bank, grew.") == {("acme", "runs", "smart")}


def test_a_founder_and_an_owner_in_the_passive() -> None:
    assert relations("Dragonfly was co-founded by Mary Lee.") == {("lee", "leads", "co")}
    assert relations("Dragonfly is wholly owned by Acme Bank.") == {("co", "part of", "acme")}
    assert relations("Dragonfly was set up near Acme Bank.") == set()


def test_no_relation_without_a_cue() -> None:
    assert (
        relations("Cyberport and Acme Bank were both in Kwun Tong news, Mary Lee noted.") == set()
    )


def test_figures_go_to_the_nearest_entity() -> None:
    blocks = (
        Block("p", "paragraph", "Dragonfly raised HK$5 million and hired 30 engineers in 2023."),
    )
    facts = extract_entities(Article("a", "T", "x", blocks), KNOWN)
    assert [(f.entity_id, f.kind, f.text) for f in facts.figures] == [
        ("co", "money", "HK$5 million"),
        ("co", "count", "30 engineers"),
        ("co", "date", "in 2023"),
    ]


def test_a_surname_later_in_the_article_is_the_person() -> None:
    blocks = (
        Block("p0", "paragraph", "Mary Lee opened the lab."),
        Block("p1", "paragraph", "Later, Lee said it would grow."),
    )
    known = [Entity("ml", "Mary Lee", "person"), Entity("cp", "Cyberport", "organisation")]
    facts = extract_entities(Article("a", "T", "x", blocks), known)
    assert [(m.entity_id, m.passage_id, m.text) for m in facts.mentions] == [
        ("ml", "p0", "Mary Lee"),
        ("ml", "p1", "Lee"),
    ]


def test_a_surname_keeps_the_post_before_it_and_drops_an_honorific() -> None:
    blocks = (
        Block("p0", "paragraph", "Mary Lee opened the lab."),
        Block("p1", "paragraph", "DPM Lee said it would grow, and Ms Lee agreed."),
    )
    facts = extract_entities(Article("a", "T", "x", blocks), [Entity("ml", "Mary Lee", "person")])
    assert [m.text for m in facts.mentions] == ["Mary Lee", "DPM Lee", "Lee"]


def test_a_firm_nurtured_under_a_programme_is_incubated_by_it() -> None:
    assert relations("Dragonfly was nurtured under Cyberport’s programme.") == {
        ("cp", "incubates", "co")
    }
    assert ("co", "incubates", "cp") not in relations(
        "The Dragonfly incubation programme, announced with Cyberport, grew."
    )


ROLES = [
    Entity("ml", "Mary Lee", "person"),
    Entity("tk", "Tom Kwan", "person"),
    Entity("uni", "Harbour University", "organisation"),
    Entity("cp", "Cyberport", "organisation"),
    Entity("mgmt", "Harbour Management Company", "organisation"),
    Entity("fnd", "Tide Foundation", "organisation"),
    Entity("lab", "Tide Lab", "initiative", kind="facility"),
    Entity("park", "Harbour Park", "initiative", kind="facility"),
]


def role_relations(text: str) -> set[tuple[str, str, str]]:
    blocks = (Block("p0", "paragraph", text),)
    facts = extract_entities(Article("a", "T", "x", blocks), ROLES)
    return {(r.source, r.type, r.target) for r in facts.relations}


def test_roles_that_do_not_lead_are_works_at() -> None:
    assert role_relations("Mary Lee, Vice-President (Research) of Harbour University, spoke.") == {
        ("ml", "works at", "uni")
    }
    assert role_relations(
        "Mary Lee, President and Vice-Chancellor of Harbour University, spoke."
    ) == {("ml", "leads", "uni")}
    assert ("tk", "works at", "cp") in role_relations("Cyberport partner Tom Kwan said so.")


def test_manages_funds_and_located_at_a_facility() -> None:
    assert ("mgmt", "manages", "cp") in role_relations(
        "Cyberport is managed by Harbour Management Company."
    )
    assert ("fnd", "funds", "lab") in role_relations("Tide Lab was funded by Tide Foundation.")
    assert ("lab", "located in", "park") in role_relations("Tide Lab is located at Harbour Park.")


def test_a_verb_needs_its_subject() -> None:
    """ "At Cyberport ... established" and "Harbour University researchers" are no subjects."""
    assert role_relations("Located at Cyberport and established under Tide Lab, it grew.") == set()
    assert role_relations("Harbour University researchers won awards at Tide Lab.") == set()


def test_a_list_of_people_with_their_posts_pairs_each_with_their_own() -> None:
    known = [
        Entity("a", "Amy Lo", "person"),
        Entity("b", "Ben Ho", "person"),
        Entity("x", "Department of Physics", "organisation"),
        Entity("y", "School of Law", "organisation"),
    ]
    text = (
        "Amy Lo, Professor of the Department of Physics, "
        "Ben Ho, Professor of the School of Law, won."
    )
    facts = extract_entities(Article("a", "T", "x", (Block("p0", "paragraph", text),)), known)
    assert {(r.source, r.type, r.target) for r in facts.relations} == {
        ("a", "works at", "x"),
        ("b", "works at", "y"),
    }


def test_an_object_that_modifies_a_noun_is_not_the_object() -> None:
    assert relations("Cyberport has established six Smart Start centres.") == set()


def test_a_lab_within_the_park_a_researcher_at_the_university_and_a_rebranded_site() -> None:
    known = [
        Entity("park", "Harbour Science Park", "organisation"),
        Entity("uni", "Universidad del Puerto", "organisation"),
        Entity("lab", "Tide Lab", "initiative", kind="facility"),
        Entity("site", "INNODOCK", "initiative", kind="facility"),
        Entity("ml", "Mary Lee", "person"),
    ]
    blocks = (
        Block(
            "p0",
            "paragraph",
            "Harbour Science Park grew. A firm set up its “Tide Lab” within the park.",
        ),
        Block("p1", "paragraph", "It works with the Universidad del Puerto."),
        Block("p2", "paragraph", "Dr. Mary Lee leads three projects at the university."),
        Block(
            "p3",
            "paragraph",
            "Harbour Science Park is repositioning old estates as the new “INNODOCK”.",
        ),
    )
    facts = extract_entities(Article("a", "T", "x", blocks), known)
    found = {(r.source, r.type, r.target) for r in facts.relations}
    assert {
        ("lab", "located in", "park"),
        ("ml", "works at", "uni"),
        ("park", "runs", "site"),
    } <= found
    assert ("ml", "leads", "uni") not in found


def test_an_initiative_of_a_body_is_run_by_it() -> None:
    assert relations("Smart Start is a major initiative of Cyberport to help firms.") == {
        ("cp", "runs", "smart")
    }


def test_joining_an_event_is_not_working_at_a_body() -> None:
    known = [Entity("ml", "Mary Lee", "person"), Entity("cp", "Cyberport", "organisation")]
    text = "Mary Lee joined the ceremony to congratulate Cyberport on its award."
    facts = extract_entities(Article("a", "T", "x", (Block("p0", "paragraph", text),)), known)
    assert ("ml", "works at", "cp") not in {(r.source, r.type, r.target) for r in facts.relations}


def test_what_an_agent_is_and_whose_founder_is_meant_are_not_agents() -> None:
    assert relations("Smart Start is organised by Cyberport, an Acme Bank partner.") == {
        ("cp", "runs", "smart")
    }
    assert relations("Smart Start is organised by Cyberport and Acme Bank.") == {
        ("cp", "runs", "smart"),
        ("acme", "runs", "smart"),
    }
    assert ("acme", "funds", "co") not in relations(
        "Dragonfly is backed by Acme Bank’s founder Mary Lee and others."
    )


def test_the_owners_of_a_joint_venture_invest_in_it() -> None:
    assert relations("Dragonfly is a joint venture formed by Acme Bank and Cyberport.") == {
        ("acme", "invests in", "co"),
        ("cp", "invests in", "co"),
    }


def test_under_the_leadership_of_a_person_the_body_is_led_by_them() -> None:
    assert relations("Under the leadership of President Mary Lee, Cyberport grew fast.") == {
        ("lee", "leads", "cp")
    }
    assert relations("Under the leadership of Mary Lee, the team left Cyberport.") == set()


def test_a_partner_after_an_unknown_runner_does_not_run_the_initiative() -> None:
    found = relations(
        "Tide Lab grew from Smart Start, an initiative by Zephyr Works with Acme Bank."
    )
    assert ("acme", "runs", "smart") not in found
    assert relations("Smart Start, an initiative with Acme Bank, grew.") == {
        ("acme", "runs", "smart")
    }


def test_a_place_that_owns_the_next_place_is_not_where_a_body_is() -> None:
    known = [
        Entity("club", "Harbour Youth Association", "organisation"),
        Entity("kt", "Kwun Tong", "place"),
        Entity("cn", "Mainland China", "place", ("China",)),
        Entity("gz", "Guangzhou", "place"),
    ]
    text = "The Harbour Youth Association in Kwun Tong, south China’s Guangzhou, hosts us."
    facts = extract_entities(Article("a", "T", "x", (Block("p0", "paragraph", text),)), known)
    found = {(r.source, r.type, r.target) for r in facts.relations}
    assert ("club", "located in", "kt") in found
    assert ("club", "located in", "cn") not in found


def test_the_head_of_a_unit_and_a_principal_officer_work_at_the_body() -> None:
    for post in ("head of incubation programmes", "principal liaison officer"):
        found = relations(f"Mary Lee, {post} at Cyberport, said so.")
        assert ("lee", "works at", "cp") in found, post
        assert ("lee", "leads", "cp") not in found, post
    assert ("lee", "leads", "cp") in relations("Mary Lee, head of Cyberport, said so.")
    unit = relations("Mary Lee, head of Cyberport’s incubation programme, said so.")
    assert unit == {("lee", "works at", "cp")}


def test_where_a_body_is_by_its_offices_its_headquarters_and_a_place_of_a_place() -> None:
    known = [
        Entity("acc", "Tide Accelerator", "organisation"),
        Entity("sh", "Shanghai", "place"),
        Entity("bj", "Beijing", "place"),
        Entity("sg", "Singapore", "place"),
        Entity("ns", "Nansha", "place"),
        Entity("gz", "Guangzhou", "place"),
    ]
    text = (
        "Tide Accelerator – a Shanghai-headquartered lab with offices in Beijing and Singapore – "
        "grew. Nansha district of Guangzhou sits at the centre."
    )
    facts = extract_entities(Article("a", "T", "x", (Block("p0", "paragraph", text),)), known)
    found = {(r.source, r.type, r.target) for r in facts.relations}
    assert {
        ("acc", "located in", "sh"),
        ("acc", "located in", "bj"),
        ("acc", "located in", "sg"),
        ("ns", "located in", "gz"),
    } <= found


def test_a_post_with_no_of_a_post_at_anothers_body_and_a_clause_that_ended() -> None:
    assert ("lee", "leads", "cp") in relations("Ms Mary Lee, Chairman Cyberport")
    assert relations("Mary Lee, an associate researcher, gave a glimpse of Cyberport.") == set()
    owned = relations("Mary Lee, Chief Secretary of Cyberport’s Tide Lab, spoke.")
    assert ("lee", "works at", "cp") not in owned and ("lee", "leads", "cp") not in owned
    deputy = relations("Mary Lee, Harbour University’s Deputy President.")
    assert ("lee", "works at", "uni") in deputy
