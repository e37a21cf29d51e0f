"""Header and body structure on hand-written articles."""

from desktop.core.ingest.cleaning import Line
from desktop.core.ingest.structure import build_structure
from desktop.core.model import ArticleDate


def structure(*texts: str):  # type: ignore[no-untyped-def]
    return build_structure([Line(i, t) for i, t in enumerate(texts, 1)], "fallback")


def test_kicker_above_a_longer_title() -> None:
    s = structure(
        "Fintech Week",
        "Cyberport Opens Its Doors to Two Hundred Startups",
        "Cyberport opened its doors to two hundred startups on Monday, its chief said.",
    )
    assert (s.kicker, s.title) == (
        "Fintech Week",
        "Cyberport Opens Its Doors to Two Hundred Startups",
    )


def test_question_line_above_the_title_is_the_lead_question() -> None:
    s = structure(
        "Who runs the new lab?",
        "A New Lab Opens in Sha Tin",
        "The lab, run by a university team, opened on Friday with twenty researchers.",
    )
    assert s.lead_question == "Who runs the new lab?"
    assert s.title == "A New Lab Opens in Sha Tin"


def test_a_question_alone_is_the_title() -> None:
    s = structure(
        "Is Hong Kong Ready for AI?", "Experts disagree on how ready the city is, they said."
    )
    assert (s.title, s.lead_question) == ("Is Hong Kong Ready for AI?", None)


def test_dates_in_the_header_in_several_formats() -> None:
    for line, expected in [
        ("Published: 5 March 2023", ArticleDate(2023, 3, 5)),
        ("2023-03-05T10:00:00Z", ArticleDate(2023, 3, 5)),
        ("March 2023", ArticleDate(2023, 3)),
        ("2023年3月5日", ArticleDate(2023, 3, 5)),
    ]:
        s = structure(line, "A Title", "A body paragraph that says something in full.")
        assert (s.title, s.date) == ("A Title", expected), line


def test_headings_and_lists() -> None:
    s = structure(
        "Title",
        "An opening paragraph that introduces the story in full sentences.",
        "What Changes Next Year",
        "The scheme will change next year, and these are the parts that change:",
        "more money for young companies",
        "fewer forms to fill in",
        "How to Apply",
        "Applications open in May and close in June, the fund said.",
        "consolidate strengths in the value chain",
        "The second section talks about strengths of the value chain.",
    )
    kinds = [(b.kind, b.text.split()[0]) for b in s.blocks]
    assert kinds == [
        ("paragraph", "An"),
        ("heading", "What"),
        ("paragraph", "The"),
        ("paragraph", "more"),
        ("paragraph", "fewer"),
        ("heading", "How"),
        ("paragraph", "Applications"),
        ("heading", "consolidate"),
        ("paragraph", "The"),
    ]


def test_block_ids_are_stable_and_unique() -> None:
    first = structure("Title", "Same paragraph, said twice.", "Same paragraph, said twice.")
    second = structure("Title", "New opening line.", "Same paragraph, said twice.")
    assert first.blocks[0].id != first.blocks[1].id
    assert first.blocks[0].id == second.blocks[1].id


def test_a_title_and_its_dek_are_no_kicker_and_title() -> None:
    s = structure(
        "Leaving the Old Science Park Behind",
        "The Region's Changing High-tech Centre",
        "The park was once the region's pride, but new clusters are growing near it now.",
    )
    assert (s.kicker, s.title) == (None, "Leaving the Old Science Park Behind")


def test_a_date_at_the_end_of_the_title_is_the_articles() -> None:
    s = structure(
        "Startup News Roundup - 5 April 2020",
        "Harbour lab opened on Monday to twenty robotics firms, its director said.",
    )
    assert s.date is not None and s.date.iso() == "2020-04-05"
    assert s.title == "Startup News Roundup - 5 April 2020"


def test_a_date_under_the_headline_wins_over_the_sites_today_above_it() -> None:
    s = structure(
        "Sunday, September 20, 2020",
        "Harbour Start-ups Find Their Feet",
        "Jun 17. 2016",
        "Start-ups in the harbour district found investors this year, a survey said.",
    )
    assert (s.title, s.date) == ("Harbour Start-ups Find Their Feet", ArticleDate(2016, 6, 17))
    alone = structure("Sunday, September 20, 2020", "A Title", "A body paragraph in full.")
    assert alone.date == ArticleDate(2020, 9, 20)


def test_a_date_above_the_headline_wins_over_an_update_below_it() -> None:
    s = structure(
        "18 September 2020",
        "Harbour Start-ups Find Their Feet",
        "Updated: 20 September 2020",
        "Start-ups in the harbour district found investors this year, a survey said.",
    )
    assert s.date == ArticleDate(2020, 9, 18)


def test_a_labelled_date_line_above_the_headline_is_no_title() -> None:
    s = structure(
        "date 2024-06-25 We Are China",
        "Explore Hong Kong Science Park, where startups thrive",
        "People's Daily Online) 09:13, June 25, 2024",
        "The Hong Kong Science Park is the largest research hub in Hong Kong, its owner said.",
    )
    assert (s.title, s.date) == (
        "Explore Hong Kong Science Park, where startups thrive",
        ArticleDate(2024, 6, 25),
    )
    assert [b.text[:20] for b in s.blocks] == ["The Hong Kong Scienc"]


def test_a_date_in_a_removed_section_line_is_the_articles() -> None:
    from desktop.core.ingest.structure import date_in_chrome
    from desktop.core.model import Removal

    removed = [Removal(1, "孵化器 · 2026-05-19", "chrome", "a menu in another script")]
    assert date_in_chrome(removed) == ArticleDate(2026, 5, 19)
    late = [Removal(40, "News · 2026-05-19", "chrome", "far below the header")]
    assert date_in_chrome(late) is None
