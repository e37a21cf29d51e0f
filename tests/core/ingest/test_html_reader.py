from pathlib import Path

import pytest

from desktop.core.errors import SourceError
from desktop.core.ingest.html_reader import article_from_html, decode_html
from desktop.core.model import ArticleDate

DATA = Path(__file__).parent / "data"


def read(name: str):  # type: ignore[no-untyped-def]
    return article_from_html((DATA / name).read_bytes(), name, Path(name).stem)


def test_news_page_keeps_the_story_and_loses_the_site() -> None:
    article = read("news-article.html")
    assert article.title == "Science Park Opens Robotics Hub in Sha Tin"
    assert article.date == ArticleDate(2024, 5, 14)
    assert [(b.kind, b.text[:40]) for b in article.blocks] == [
        ("paragraph", "The Hong Kong Science and Technology Par"),
        ("paragraph", "The hub sits beside the park's existing "),
        ("heading", "Funding for Young Companies"),
        ("paragraph", "Each company admitted to the hub can app"),
        ("paragraph", "Shared test floors of 2,000 square metre"),
        ("paragraph", "A prototyping workshop with metal and re"),
        ("paragraph", "Office space at a discount of half the m"),
        ("heading", "What Comes Next"),
        ("paragraph", "A second phase, due to open in 2026, wil"),
    ]
    text = article.plain_text()
    assert "advanced manufacturing equipment" in text  # a link keeps its words
    for chrome in (
        "cookies",
        "Startups",
        "Share on",
        "Related",
        "Leave a Reply",
        "Most read",
        "newsletter",
        "All rights reserved",
        "Privacy",
        "Loading ads",
    ):
        assert chrome not in text


def test_real_texinfo_page_loses_its_navigation_bar() -> None:
    article = read("libffi-memory-usage.html")
    text = article.plain_text()
    assert article.title.startswith("Memory Usage")
    assert "Next:" not in text and "Previous:" not in text and "[Index]" not in text
    assert "does not come from the same general pool" in text
    assert "A file created in any directory listed in /proc/mounts." in text
    assert len(article.passages) == 12


def test_real_mdbook_page_loses_sidebar_help_and_page_navigation() -> None:
    article = read("rustdoc-references.html")
    assert article.title == "References"
    text = article.plain_text()
    assert "There are many great rustdoc references out there." in text
    for chrome in ("Keyboard shortcuts", "Press", "Toggle", "The rustdoc book", "Previous chapter"):
        assert chrome not in text


def test_title_falls_back_to_the_h1_named_by_title_then_title() -> None:
    page = b"<title>Lab News - Site</title><h1>Site</h1><h1>Lab News</h1><p>Body text here.</p>"
    assert article_from_html(page, "p.html", "p").title == "Lab News"
    page = b"<title>Only Title</title><p>Body text here.</p>"
    assert article_from_html(page, "p.html", "p").title == "Only Title"


def test_time_element_gives_the_date() -> None:
    page = b'<h1>T</h1><p>By X <time datetime="2022-01-05">5 Jan</time></p><p>Body text here.</p>'
    assert article_from_html(page, "p.html", "p").date == ArticleDate(2022, 1, 5)


def test_broken_markup_is_read_as_far_as_it_goes() -> None:
    page = (DATA / "news-article.html").read_bytes()
    cut = page[: page.index(b"<h2>What Comes Next")] + b"<p>The last paragraph <b>is cut of"
    article = article_from_html(cut, "p.html", "p")
    assert article.title == "Science Park Opens Robotics Hub in Sha Tin"
    assert article.passages[-1].text == "The last paragraph is cut of"


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (b"<html><head><script>var x = 1;</script></head><body>  </body></html>", "no article"),
        (b"<<<>>><<<!!!", "no article"),
        (b"<nav><a href=/>Home</a> <a href=/b>News</a></nav>", "no article"),
        (b"\x00\x01\x02<html>" * 100, "binary"),
        (b"   ", "empty"),
    ],
)
def test_pages_without_an_article_give_a_reason(page: bytes, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        article_from_html(page, "p.html", "p")


def test_declared_charset_wins_over_detection() -> None:
    page = '<meta charset="big5"><title>香港科技園</title><p>數碼港</p>'
    assert decode_html(page.encode("big5")) == page
    assert decode_html(page.encode("utf-8")) == page  # the page lies: the bytes win


def test_a_link_prompt_is_cut_off_a_paragraph_of_a_page_too() -> None:
    page = (
        b"<html><head><title>Labs | Site</title></head><body><h1>Labs</h1>"
        b"<p>The labs may be used on a time-share basis by every tenant of the park all year. "
        b"(Click here to download the terms.)</p></body></html>"
    )
    article = article_from_html(page, "labs.html", "labs")
    assert article.blocks[0].text.endswith("all year.")
    assert any(r.rule == "link-prompt" for r in article.removals)


def test_paragraphs_set_apart_by_line_breaks_alone_are_paragraphs() -> None:
    story = (
        "Shenzhen is set to attract more young entrepreneurs from Hong Kong under a new plan.<br>"
        "Technological cooperation between the two cities will also help the region grow.<br>"
        "They noted that the city's flexible policy will offer young people more chances."
    )
    address = "Call us at the office,<br>1 Example Road,<br>Wan Chai, Hong Kong."
    page = f"<html><body><h1>A Plan</h1><article><p>{story}</p><p>{address}</p></article>"
    article = article_from_html(page.encode(), "plan.html", "plan")
    assert [b.text[:24] for b in article.blocks] == [
        "Shenzhen is set to attra",
        "Technological cooperatio",
        "They noted that the city",
        "Call us at the office, 1",  # short lines are one paragraph's
    ]


def test_a_story_broken_by_line_breaks_around_its_captions_is_paragraphs() -> None:
    lines = [
        "Young founders from Kowloon are moving into the new harbour workspace this spring.",
        "From left to right:",
        "Amy Lo, co-founder of the Harbour Box Storage.",
        "Ben Wu, founder of Kowloon Robotics Co., Ltd.",
        "Harbour Box Storage rents out lockers from room size down to one cubic metre a month.",
        "The founders said the rent was a fraction of what they would pay across the river.",
    ]
    page = (
        "<html><head><title>Founders Move In_Harbour Weekly</title></head><body>"
        "<div class='title'><h2>Founders Move In</h2></div>"
        "<div class='info'>2021-05-20 12:00:00 Source:Harbour Weekly Author:staff reporter AMY"
        f" LO</div><div class='text'>{'<br><br>'.join(lines)}</div></body></html>"
    )
    article = article_from_html(page.encode(), "founders.html", "founders")
    assert article.title == "Founders Move In"
    assert article.date == ArticleDate(2021, 5, 20)
    assert [b.text for b in article.blocks] == [lines[0], lines[4], lines[5]]
