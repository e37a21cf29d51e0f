"""Authors: the names in a byline, kept as the article's metadata and as people it names."""

from pathlib import Path

from desktop.core.entities.extract import BYLINE, extract_entities
from desktop.core.ingest.bylines import byline, names_in_byline
from desktop.core.ingest.html_reader import article_from_html, page_bylines, parse_html
from desktop.core.ingest.reader import read_article
from desktop.core.model import Article


def test_a_byline_names_its_people_and_not_its_desk_or_place() -> None:
    assert names_in_byline("By Jane Doe and Li Wei in Hong Kong") == ("Jane Doe", "Li Wei")
    assert names_in_byline("Reporters: Mary A. Lee, Tom Wu | Updated: 2024-01-02") == (
        "Mary A. Lee",
        "Tom Wu",
    )
    assert names_in_byline("Written by Hsien-Hui Tong (Singapore)") == ("Hsien-Hui Tong",)
    assert names_in_byline("By China Daily Staff Reporter") == ()
    assert names_in_byline("By Agencies") == ()


def test_a_text_article_keeps_its_authors_while_the_byline_leaves_the_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Harbour Robotics Raises Money For Its Arms\n"
        "By Jane Doe and Li Wei in Hong Kong\n"
        "The Kowloon firm said on Monday it had raised funds from investors for its arms.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.authors == ("Jane Doe", "Li Wei")
    assert all("Jane Doe" not in block.text for block in article.blocks)
    assert [r.rule for r in article.removals] == ["byline"]
    assert byline(article.authors) == "By Jane Doe and Li Wei"


def test_a_page_names_its_authors_in_its_markup() -> None:
    page = (
        '<html><head><meta name="author" content="Jane Doe"><title>Lab Opens</title></head>'
        '<body><h1>Lab Opens</h1><div class="byline"><span class="author">Li Wei</span><br>'
        "Published Mon, Oct 28, 2024</div><article><p>The lab opened on Monday in Sha Tin "
        "with room for forty teams of researchers and their equipment.</p></article></body></html>"
    )
    article = article_from_html(page.encode(), "lab.html", "lab")
    assert article.authors == ("Jane Doe", "Li Wei")


def test_a_page_marking_thousands_of_authors_is_read_for_its_first_few() -> None:
    bios = "".join(
        f"<div class='author'>Staff writer {n}. " + "A long biography. " * 50 + "</div>"
        for n in range(5000)
    )
    story = "<article><p>" + "Text. " * 30 + "</p></article>"
    page = f"<html><body><div class='byline'>By Li Wei</div>{bios}{story}</body></html>"
    assert page_bylines(parse_html(page)) == ["By Li Wei"]


def bylined_page(author: str, story: str) -> Article:
    """A web page with a byline element above its story's paragraphs."""
    page = (
        f"<html><body><h1>Lab Opens</h1><div class='byline'>By {author}</div>"
        f"<article>{story}</article></body></html>"
    )
    return article_from_html(page.encode(), "lab.html", "lab")


def test_an_author_is_a_person_the_article_names() -> None:
    story = "".join(
        f"<p>The lab opened on Monday in Sha Tin with room for {n} teams of researchers and "
        "their equipment, the park said in a statement.</p>"
        for n in ("forty", "fifty", "sixty")
    )
    article = bylined_page("Grace Ho", story)
    assert article.authors == ("Grace Ho",)
    facts = extract_entities(article, [])
    people = [e for e in facts.discovered if e.type == "person"]
    assert [e.name for e in people] == ["Grace Ho"]
    assert [(m.passage_id, m.text) for m in facts.mentions if m.entity_id == people[0].id] == [
        (BYLINE, "Grace Ho")
    ]


def test_an_authors_surname_in_the_story_is_not_the_author() -> None:
    story = (
        "<p>The fund will open next year for young teams of researchers in the city, the "
        "agency said in a statement on Monday.</p><p>He said the new fund would open soon "
        "and that more teams would join it over the coming years in the park.</p>"
    )
    article = bylined_page("Sophie He", story)
    assert article.authors == ("Sophie He",)
    facts = extract_entities(article, [])
    assert [m.passage_id for m in facts.mentions if m.text in {"He", "Sophie He"}] == [BYLINE]


def test_a_byline_with_a_post_or_in_capitals_names_its_author(tmp_path: Path) -> None:
    for line, author in (
        ("Author: staff reporter ZHOU LIN", "Zhou Lin"),
        ("Article by Eric Chan", "Eric Chan"),
    ):
        path = tmp_path / "story.txt"
        path.write_text(
            f"Harbour Robotics Raises Money For Its Arms\n{line}\n"
            "The Kowloon firm said on Monday it had raised funds from investors for its arms.\n",
            encoding="utf-8",
        )
        article = read_article(path)
        assert article.authors == (author,)
        assert [r.rule for r in article.removals] == ["byline"]
