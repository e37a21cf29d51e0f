"""Discovery on hand-written articles whose entities are not in the knowledge base."""

from desktop.core.entities.discovery import discover
from desktop.core.entities.extract import discover_entities, extract_entities
from desktop.core.entities.identity import merge_names
from desktop.core.model import Article, Block, Entity, Removal

TEXT = (
    "The Kowloon Robotics Institute (KRI) opened a lab on Monday. "
    "Meanwhile, the Harbour Green Fund backed three start-ups, said Dr. Grace Ho. "
    "Peter Lam, chief executive of the Harbour Authority, welcomed the Harbour Green Fund. "
    "In March, the Pearl Delta Expo drew crowds. Today Hong Kong celebrates."
)


def article(*paragraphs: str, heading: str = "") -> Article:
    blocks = [Block("h", "heading", heading)] if heading else []
    blocks += [Block(f"p{i}", "paragraph", p) for i, p in enumerate(paragraphs)]
    return Article("a", "Title", "x.txt", tuple(blocks))


def test_acronyms_cue_words_and_people() -> None:
    found = {(d.name, d.type, d.kind, d.aliases, d.rule) for d in discover(article(TEXT))}
    assert found - {("Hong Kong", "place", None, (), "gazetteer")} == {
        ("Kowloon Robotics Institute", "organisation", None, ("KRI",), "acronym"),
        ("Harbour Green Fund", "initiative", "fund", (), "cue-word"),
        ("Grace Ho", "person", None, (), "title-or-role"),
        ("Peter Lam", "person", None, (), "title-or-role"),
        ("Harbour Authority", "organisation", None, (), "cue-word"),
        ("Pearl Delta Expo", "initiative", "event", (), "cue-word"),
    }


def test_headings_openers_and_months_are_never_entities() -> None:
    names = {d.name for d in discover(article(TEXT, heading="Kowloon Robotics Institute News"))}
    assert not names & {
        "Meanwhile",
        "In March",
        "Today Hong Kong",
        "Kowloon Robotics Institute News",
    }


def test_known_names_are_not_rediscovered() -> None:
    known = [Entity("hfund", "Harbour Green Fund", "initiative", ("HGF",))]
    new = {e.name for e in discover_entities(article(TEXT), known)}
    assert "Harbour Green Fund" not in new
    assert "Kowloon Robotics Institute" in new
    assert all(
        e.id.startswith("d-") and e.discovered for e in discover_entities(article(TEXT), known)
    )


def test_names_lose_honorifics_measures_and_bracketed_acronyms() -> None:
    found = {
        (d.name, d.type, d.aliases)
        for d in discover(
            article(
                "Professor Jane Wong said the Harbour University of Kowloon (HUK) joined. "
                "The 3-year Sea-Tech Programme’s mentors met Dr Rocky S. Tuan, said Tom Ha."
            )
        )
    }
    assert ("Harbour University of Kowloon", "organisation", ("HUK",)) in found
    assert ("Sea-Tech Programme", "initiative", ()) in found
    assert ("Jane Wong", "person", ()) in found
    assert ("Rocky S. Tuan", "person", ()) in found
    assert ("Tom Ha", "person", ()) in found
    assert not any(name.startswith(("Professor", "3-year")) for name, _, _ in found)


def test_coined_and_at_names_are_found() -> None:
    found = {
        (d.name, d.type)
        for d in discover(
            article("Ocean@Kowloon and SeaDesk work with WaveLab, not with user@example.com.")
        )
    }
    assert ("Ocean@Kowloon", "initiative") in found
    assert ("SeaDesk", "organisation") in found
    assert ("WaveLab", "organisation") in found  # firms end in "Lab" as often as labs do
    assert not any("example" in name for name, _ in found)


def test_shorter_forms_in_one_article_are_aliases() -> None:
    new = discover_entities(
        article(
            "The HUK Ocean Robotics Academy opened. The Ocean Robotics Academy hired staff. "
            "Invest Kowloon said InvestK would help."
        ),
        [],
    )
    names = {e.name: e.aliases for e in new}
    assert "Ocean Robotics Academy" in names["HUK Ocean Robotics Academy"]
    assert "Ocean Robotics Academy" not in names


def test_cue_first_names_occupations_and_firms_in_lists() -> None:
    found = {
        (d.name, d.type)
        for d in discover(
            article(
                "The Ministry of Education praised Project Harbour. Kowloon entrepreneur "
                "Tom Ha Wing-kit met Amy Lo from SeaDesk and the 2021 Harbour Survey team. "
                "Science and Technology matter, as does InnoDock: firms sit in the InnoDock."
            )
        )
    }
    assert ("Ministry of Education", "organisation") in found
    assert ("Project Harbour", "initiative") in found
    assert ("Tom Ha Wing-kit", "person") in found
    assert ("Amy Lo", "person") in found
    assert ("2021 Harbour Survey", "initiative") in found
    assert ("InnoDock", "initiative") in found  # "in the InnoDock": a facility
    assert not any(name == "Science and Technology" for name, _ in found)


def test_a_post_is_not_part_of_a_name() -> None:
    found = {
        d.name
        for d in discover(
            article(
                "Mary Lee, President and Vice-Chancellor of Harbour University, spoke. "
                "The Secretary for Innovation and Technology Nicholas Yang said so."
            )
        )
    }
    assert "Harbour University" in found
    assert "Nicholas Yang" in found
    assert not any(name.startswith(("President", "Secretary")) for name in found)


def test_bare_acronyms_governments_and_regions() -> None:
    found = {
        (d.name, d.type)
        for d in discover(
            article(
                "KTLAB opened a lab. Later KTLAB hired staff, and the CEO said so twice: CEO. "
                "The Kowloon government agreed. DPM Heng spoke, and DPM Heng left. "
                "Harbour Special Region (HSR) is a place."
            )
        )
    }
    assert ("KTLAB", "organisation") in found
    assert ("Kowloon government", "organisation") in found
    assert ("Harbour Special Region", "place") in found
    assert not any(name in ("CEO", "DPM", "government") for name, _ in found)


def test_initials_inside_a_longer_name_define_no_acronym() -> None:
    from desktop.core.entities.acronyms import find_acronyms

    assert find_acronyms("the World of Web3 (WOW) Summit Hong Kong opened") == []


def test_hyphenated_names_capital_surnames_and_editions() -> None:
    found = {
        (d.name, d.type)
        for d in discover(
            article(
                "Firms join Sea-Tech, not the Asia-Pacific market, said Huang Shao-Ning. "
                "Professor Francis KL CHAN spoke at the Harbour Venture Forum 2017 and the "
                "Faculty of Law and Ben Ho Professor of Law."
            )
        )
    }
    assert ("Sea-Tech", "initiative") in found
    assert ("Francis KL CHAN", "person") in found
    assert ("Harbour Venture Forum 2017", "initiative") in found
    names = {name for name, _ in found}
    assert ("Asia-Pacific", "place") in found and "Shao-Ning" not in names
    assert not any("Professor of Law" in name for name in names)


def test_spellings_of_one_name_in_an_article_are_one_entity() -> None:
    new = discover_entities(
        article(
            "The Harbour Innovation & Technology Commission met. "
            "The Harbour Innovation and Technology Commission agreed. "
            "Firms won the SeaStars Awards; one SeaStar Award went to a lab."
        ),
        [],
    )
    names = {e.name for e in new}
    assert len([n for n in names if "Commission" in n]) == 1
    assert len([n for n in names if "SeaStar" in n]) == 1


def test_names_before_a_lower_case_kind_a_portfolio_list_and_a_college_city() -> None:
    found = {
        (d.name, d.type, d.aliases)
        for d in discover(
            article(
                "The funds go to the Startup SG Equity scheme, part of Singapore’s Transformation "
                # A body before "scheme" owns it: "the Harbour Government scheme".
                "and Growth strategy, not to the Harbour Government scheme.",
                "The Innovation, Technology & Industry Bureau met Imperial College London, "
                "Harvard, Yale and Princeton University.",
                "It serves the Pearl River Delta (PRD) region with the Harbour Fund and Kowloon "
                "Robotics.",
            )
        )
    }
    assert found >= {
        ("Startup SG Equity", "initiative", ("Startup SG Equity scheme",)),
        ("Transformation and Growth", "initiative", ("Transformation and Growth strategy",)),
        ("Innovation, Technology & Industry Bureau", "organisation", ()),
        ("Imperial College London", "organisation", ()),
        ("Pearl River Delta", "place", ("PRD",)),
        ("Harbour Fund", "initiative", ()),
        ("Kowloon Robotics", "organisation", ()),
    }
    assert ("Harbour Government", "initiative", ("Harbour Government scheme",)) not in found
    assert not any(name.startswith("Harvard,") for name, _type, _aliases in found)


def test_a_building_or_a_compound_before_a_kind_noun_is_no_programme() -> None:
    names = {
        d.name
        for d in discover(
            article(
                "Officials backed the White House plan, and the Lunar New Year fund "
                "drive raised money; the Kowloon Bright Start programme opens today."
            )
        )
    }
    assert "Kowloon Bright Start" in names
    assert not names & {"White House", "Lunar New Year"}


def test_an_acronym_names_a_body_with_the_words_before_its_letters() -> None:
    found = {
        (d.name, d.aliases)
        for d in discover(article("It was cleared by the US Food and Drug Administration (FDA)."))
    }
    assert ("US Food and Drug Administration", ("FDA", "Food and Drug Administration")) in found


def test_an_edition_its_spacing_and_the_next_holder_after_and() -> None:
    found = {
        (d.name, d.aliases)
        for d in merge_names(
            discover(
                article(
                    "Teams won at the HICOOL 2024 Global Entrepreneur Summit in Beijing.",
                    "It listed under Chapter 18A. Firms under Chapter 18 A must be large.",
                    "Professor Jane Ho, Faculty of Medicine and Choh-Ming Li Professor of "
                    "Medicine, spoke.",
                )
            )
        )
    }
    assert ("HICOOL 2024 Global Entrepreneur Summit", ("HICOOL Global Entrepreneur Summit",)) in (
        found
    )
    assert ("Chapter 18A", ("Chapter 18 A",)) in found
    assert ("Faculty of Medicine", ()) in found


def test_a_kind_noun_after_a_place_or_a_possessive_college_is_no_new_name() -> None:
    found = {
        d.name
        for d in discover(
            article("It backed a New York fund.", "She studied at King’s College London.")
        )
    }
    assert "York" not in found
    assert "College London" not in found


def test_an_office_keeps_its_officer_a_name_its_our_and_a_rank_makes_a_post() -> None:
    names = {
        d.name
        for d in discover(
            article(
                "In March, the Our Harbour Foundation and the Office of the Privacy "
                "Commissioner met. The firm's Deputy Council Chairman Dr Mei Lee spoke."
            )
        )
    }
    assert {"Our Harbour Foundation", "Office of the Privacy Commissioner"} <= names
    assert not {n for n in names if "Council" in n or n == "Harbour Foundation"}


def test_companies_keep_their_legal_form_in_a_list() -> None:
    found = {
        d.name
        for d in discover(
            article(
                "Winners are Kowloon VB Ltd., Harbour Digital Solutions Ltd. and Tide Finance "
                "Ltd. Tide is formed by Bank of Kowloon (Hong Kong) Ltd. and Lantau Fintech "
                "Holding Co. with others."
            )
        )
    }
    assert {
        "Kowloon VB Ltd",
        "Harbour Digital Solutions Ltd",
        "Tide Finance Ltd",
        "Bank of Kowloon (Hong Kong) Ltd.",
        "Lantau Fintech Holding Co",
    } <= found


def test_people_named_as_one_of_a_group_or_by_where_they_live() -> None:
    found = {
        (d.name, d.type)
        for d in discover(
            article(
                "Wu Meiling, one of Kowloon’s top robotics engineers, spoke. Macau resident "
                "Lo Kok Wai founded a firm in Hengqin, one of the region's new zones."
            )
        )
    }
    assert {("Wu Meiling", "person"), ("Lo Kok Wai", "person")} <= found


def test_people_by_a_role_before_them_a_capitalised_post_or_their_birth() -> None:
    found = {
        (d.name, d.type)
        for d in discover(
            article(
                "Harbourpay’s co-founder and CEO, Nora Quill, who mentors founders, spoke. "
                "She joined Tom Ferro, Global Head of Consulting at 12QX, on stage.",
                "Ada Lin, born in the 1980s, set up Lumetric in 2014.",
            )
        )
    }
    assert {("Nora Quill", "person"), ("Tom Ferro", "person"), ("Ada Lin", "person")} <= found
    assert ("12QX", "organisation") in found


def test_the_body_a_post_is_held_at_is_an_organisation_but_not_a_place() -> None:
    found = {
        (d.name, d.type, d.rule)
        for d in discover(
            article(
                "Mia Stone, Chief Innovation Officer at Banque Verte and a professor at "
                "Kowloon’s oldest university, said so."
            )
        )
    }
    assert ("Banque Verte", "organisation", "employer") in found
    assert ("Kowloon", "organisation") not in {(n, t) for n, t, _r in found}
    assert "Kowloon’s" not in {n for n, _t, _r in found}
    cut = "Eric Or, chief officer at the Harbour Science and Technology Parks Corporation, said."
    assert "Harbour Science" not in {d.name for d in discover(article(cut))}


def test_a_word_describing_what_follows_ends_no_persons_name() -> None:
    names = {d.name for d in discover(article("He told Sai Kung-based news weekly Daily Tide."))}
    assert "Sai Kung-based" not in names


def test_and_between_two_names_splits_them_where_the_first_has_ended() -> None:
    found = {
        (d.name, d.type)
        for d in discover(
            article(
                "The hub was set up with QuillTel Nova8 and Media Futures Authority in 2011.",
                "She studied at Marlow College London and Ashby Grange University.",
                "Orbit Pay is backed by Wavebank Group Ltd’s founder Ken Ho and Lumen Holdings Ltd",
            )
        )
    }
    assert {
        ("QuillTel Nova8", "organisation"),
        ("Media Futures Authority", "organisation"),
        ("Marlow College London", "organisation"),
        ("Ashby Grange University", "organisation"),
        ("Lumen Holdings Ltd", "organisation"),
        ("Ken Ho", "person"),
    } <= found
    assert not any(" and " in name for name, _type in found)
    kept = {
        d.name for d in discover(article("The Harbour Science and Technology Parks Corporation"))
    }
    assert "Harbour Science and Technology Parks Corporation" in kept


def test_a_post_before_a_name_is_no_part_of_it() -> None:
    names = {
        d.name
        for d in discover(
            article("Premier Mao Dingwei said today. Vice President Rona Day said it would.")
        )
    }
    assert {"Mao Dingwei", "Rona Day"} <= names
    assert not any(name.startswith(("Premier", "Vice")) for name in names)


def test_a_company_with_its_legal_form_and_its_short_name() -> None:
    found = {
        (d.name, d.type, d.aliases)
        for d in discover(
            article(
                "Dr Ada Lin from Quorvale Technology Consulting Co., Ltd. spoke. Hong Kong "
                "Tidewater Management Co said so.",
                "Maravine Biotechnology won a prize. The firm Maravine said it was glad.",
            )
        )
    }
    names = {name for name, _type, _aliases in found}
    assert "Quorvale Technology Consulting Co., Ltd" in names
    assert "Hong Kong Tidewater Management Co" in names
    assert "Quorvale Technology" not in names  # a fragment never used on its own
    assert ("Maravine Biotechnology", "organisation", ("Maravine",)) in found
    assert "Maravine" not in names


def test_people_with_hyphenated_given_names_modified_posts_and_his_or_her() -> None:
    found = {
        (d.name, d.type)
        for d in discover(
            article(
                "Guests included Chief of Staff Pak Dong-sik and the Kowloon-based firm Lumo.",
                "Tan Wei Loong, an assistant managing director of the Harbour Monetary "
                "Authority. Ong Bee Lian made her fortune in shipping.",
                "Lumo met Rory Vance, the senior manager of the FinTech and Ledger Cluster.",
            )
        )
    }
    assert {
        ("Pak Dong-sik", "person"),
        ("Tan Wei Loong", "person"),
        ("Ong Bee Lian", "person"),
        ("Rory Vance", "person"),
        ("Harbour Monetary Authority", "organisation"),
        ("FinTech and Ledger Cluster", "initiative"),
    } <= found
    assert not any(name.startswith(("Staff", "Kowloon-based")) for name, _type in found)


def test_a_body_named_after_a_post_is_a_body_but_a_post_with_its_portfolio_is_not() -> None:
    names = {
        d.name
        for d in discover(
            article("Founder Institute grew. The Secretary for Innovation and Technology spoke.")
        )
    }
    assert "Founder Institute" in names
    assert not any(name.startswith("Secretary") for name in names)


def test_news_media_are_bodies() -> None:
    found = {
        (d.name, d.type)
        for d in discover(article("Ada Lin told the Harbour Morning Post that Kowa Press agreed."))
    }
    assert {("Harbour Morning Post", "organisation"), ("Kowa Press", "organisation")} <= found


def test_star_names_a_campus_in_brackets_a_newspaper_and_a_ministers_portfolio() -> None:
    found = {
        (d.name, d.type)
        for d in discover(
            article(
                "B*TIDE and the Harbour University (Qingmar) Research Institute told the Lumen "
                "Ledger Post, not the Tide Press Release desk. Minister of SMEs and Startups "
                "Pak Dong-sik spoke, as did a Hong Kong-based firm."
            )
        )
    }
    assert {
        ("B*TIDE", "organisation"),
        ("Harbour University (Qingmar) Research Institute", "organisation"),
        ("Lumen Ledger Post", "organisation"),
        ("Pak Dong-sik", "person"),
    } <= found
    names = {name for name, _type in found}
    assert not names & {"TIDE", "Kong", "Harbour University", "Startups Pak Dong-sik", "Tide Press"}


def test_a_heading_that_greets_someone_by_their_honorific_names_them() -> None:
    found = discover(article("Good morning, everyone.", heading="Mr Rao Lin, Chairman Tide Lab"))
    assert ("Rao Lin", "person") in {(d.name, d.type) for d in found}
    plain = discover(article("Good morning.", heading="Key Areas of Collaboration"))
    assert not [d for d in plain if d.type == "person"]


def test_hyphenated_words_firms_who_did_things_and_posts_are_no_people() -> None:
    found = discover(
        article(
            "Support for Hong Kong Start-ups grew. A Chinese Sci-fi film won. Dalton Robotics, "
            "who designed the arm, left. Mary Lee, Chairman Acme Bank, spoke. City University "
            "Innovation and Technology Centre opened."
        )
    )
    people = {d.name for d in found if d.type == "person"}
    assert people == {"Mary Lee"}
    names = {d.name for d in found}
    assert "Chairman Acme Bank" not in names
    assert "City University Innovation and Technology Centre" in names
    trusts = {
        d.name for d in discover(article("A Zero Trust model met the Lumen Ledger Data Trust."))
    }
    assert "Lumen Ledger Data Trust" in trusts and "Zero Trust" not in trusts


def test_the_people_a_caption_names_in_turn_are_linked_without_its_relations() -> None:
    caption = (
        "From left to right: Li Wei, founder and CEO of Harbour Robotics, and Amy Lo, head "
        "of growth at SeaBank. Photo: Handout"
    )
    text = "Harbour Robotics and SeaBank said on Monday they would open a lab in Kowloon."
    found = extract_entities(
        Article(
            "a",
            "Title",
            "x.txt",
            (Block("p0", "paragraph", text),),
            removals=(Removal(3, caption, "caption", "a picture's caption"),),
        ),
        [],
    )
    people = {e.name for e in found.discovered if e.type == "person"}
    assert {"Li Wei", "Amy Lo"} <= people
    assert {m.passage_id for m in found.mentions if m.text in people} == {"caption"}
    assert not any(r.evidence.passage_id == "caption" for r in found.relations)


def test_a_word_in_capitals_that_starts_a_longer_name_is_its_short_name() -> None:
    text = (
        "ATLATL Innovation Centre will open an office. Jo Wu, president at ATLATL, said it "
        "would grow. ATLATL hires. The HKUST Entrepreneurship Centre opened; HKUST hires; "
        "HKUST grows."
    )
    found = {d.name: d for d in discover(article(text))}
    assert "ATLATL" not in found
    assert "ATLATL" in found["ATLATL Innovation Centre"].aliases
    assert found["ATLATL Innovation Centre"].type == "organisation"
    assert "HKUST" in found  # initials own the longer name: no short form of it


def test_a_coined_name_spelt_with_other_capitals_is_the_same_name() -> None:
    text = "Beijing-based BioMap set up a lab. Investors backed Biomap, and BIOMAP grew."
    (found,) = [d for d in discover(article(text)) if d.name == "BioMap"]
    assert found.aliases == ("Biomap",)


def test_a_coined_name_after_with_the_is_a_body_and_after_at_the_a_place() -> None:
    found = {
        d.name: d.type
        for d in discover(
            article("Acme Bank co-organised the week with the InvestHK. Firms met at the InnoCell.")
        )
    }
    assert found["InvestHK"] == "organisation"
    assert found["InnoCell"] == "initiative"


def test_a_coined_name_used_alone_only_in_another_spelling_stays() -> None:
    text = "Acme set up an accelerator called BioMap InnoHub. Investors backed Biomap."
    found = {d.name: d for d in discover(article(text))}
    assert found["BioMap"].aliases == ("Biomap",)
    assert "BioMap InnoHub" in found


def test_a_centre_for_a_field_is_a_body() -> None:
    text = (
        "Among them is the Center for Neurodegenerative Diseases at Harbour University. "
        "The Centre for Economic Policy Research said so."
    )
    found = {d.name: d.type for d in discover(article(text))}
    assert found["Center for Neurodegenerative Diseases"] == "organisation"
    assert found["Centre for Economic Policy Research"] == "organisation"


def test_a_holder_run_into_the_name_of_the_body_they_hold_a_post_of() -> None:
    text = (
        "“It works,” explains the director of the Center for Neurodegenerative Diseases "
        "Nancy Ip. The head of the Office of Science and Technology Policy spoke."
    )
    found = {d.name: d.type for d in discover(article(text))}
    assert found["Center for Neurodegenerative Diseases"] == "organisation"
    assert found["Nancy Ip"] == "person"
    assert "Office of Science and Technology Policy" in found


def test_an_acronym_with_a_number_before_a_place_is_a_programme_not_a_post() -> None:
    text = (
        "BLOCK9 Penang opened. Start-ups have located in BLOCK9 Penang. BLOCK9 grew, and "
        "DPM Heng spoke to DPM Heng's staff."
    )
    found = {d.name: d.type for d in discover(article(text))}
    assert found["BLOCK9"] == "initiative"
    assert found["BLOCK9 Penang"] == "initiative"
    assert "DPM" not in found


def test_an_office_abroad_is_named_with_its_city() -> None:
    text = (
        "Jo Wu, Director of the Harbour Trade and Cultural Office in Boston, spoke. The "
        "Harbour Trade and Cultural Office hosted it. The Acme Regional Office in Kwun Tong "
        "closed."
    )
    found = {d.name: d for d in discover(article(text))}
    office = found["Harbour Trade and Cultural Office in Boston"]
    assert office.aliases == ("Harbour Trade and Cultural Office",)
    assert "Acme Regional Office" in found  # no city of the gazetteer after it


def test_an_enterprise_arm_is_a_body_and_enterprise_a_field() -> None:
    text = (
        "BLOCK9 is an initiative by HU Enterprise. It is part of the Research, Innovation "
        "and Enterprise plan. BLOCK9 grew."
    )
    found = {d.name: d.type for d in discover(article(text))}
    assert found["HU Enterprise"] == "organisation"
    assert not any(name.startswith("Research") for name in found)


def test_a_place_after_a_coined_name_makes_no_short_form() -> None:
    known = [Entity("nus", "Harbour University", "organisation")]
    text = "Harbour University launched incubator Block9 Suzhou on Monday. Block9 began in 2011."
    (block,) = [e for e in discover_entities(article(text), known) if e.name == "Block9 Suzhou"]
    assert "Block9" not in block.aliases


def test_a_post_with_its_portfolio_in_lower_case_before_the_name() -> None:
    text = "Demand grew, according to Acme Bank’s head of venture investing Jo-Anne Wu."
    assert ("Jo-Anne Wu", "person") in {(d.name, d.type) for d in discover(article(text))}


def test_a_team_before_a_comma_is_no_portfolio_of_the_commission() -> None:
    text = "Yours, Harbour Team, Innovation & Technology Commission"
    names = {d.name for d in discover(article(text))}
    assert "Innovation & Technology Commission" in names
    assert not any(name.startswith("Harbour Team") for name in names)


def test_a_speaker_set_off_by_commas_before_the_verb_is_a_person() -> None:
    found = discover(
        Article(
            "a",
            "t",
            "s",
            (Block("p", "paragraph", "The lawmaker who drafted it, Mara Quint, said it helped."),),
        )
    )
    assert [(d.name, d.type) for d in found] == [("Mara Quint", "person")]
