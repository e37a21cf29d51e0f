from desktop.core.ingest.assemble import SourceBlock
from desktop.core.ingest.markdown_reader import (
    article_from_markdown,
    front_matter,
    markdown_blocks,
)
from desktop.core.model import ArticleDate

ARTICLE = """\
# Cyberport Opens a *Fintech* Lab

March 3, 2023

The [Cyberport](https://cyberport.hk) lab gives **twenty** start-ups shared space and `API` access.
It opened on Friday.

## Who Can Apply

- Start-ups with fewer than 50 staff.
- Companies registered in Hong Kong.

```
apply --now
```

![a photo](photo.jpg)

<div class="ad">Buy now</div>

Share this
"""


def test_headings_paragraphs_and_inline_text() -> None:
    article = article_from_markdown(ARTICLE, "lab.md", "lab")
    assert article.title == "Cyberport Opens a Fintech Lab"
    assert article.date == ArticleDate(2023, 3, 3)
    assert [(b.kind, b.text) for b in article.blocks] == [
        (
            "paragraph",
            "The Cyberport lab gives twenty start-ups shared space and API access. "
            "It opened on Friday.",
        ),
        ("heading", "Who Can Apply"),
        ("paragraph", "Start-ups with fewer than 50 staff."),
        ("paragraph", "Companies registered in Hong Kong."),
        ("paragraph", "apply --now"),
    ]
    assert [(r.line, r.rule) for r in article.removals] == [(21, "chrome")]


def test_front_matter_title_and_date_win() -> None:
    text = '---\ntitle: "Lab Opens"\ndate: 2024-03-01T10:00:00+08:00\n---\n# Lab Opens\n\nBody.\n'
    article = article_from_markdown(text, "a.md", "a")
    assert (article.title, article.date) == ("Lab Opens", ArticleDate(2024, 3, 1))
    assert [b.text for b in article.blocks] == ["Body."]


def test_front_matter_is_optional_and_toml_works() -> None:
    assert front_matter("# x\n") == ({}, "# x\n", 0)
    assert front_matter('+++\ntitle = "T"\n+++\nBody\n') == ({"title": "T"}, "Body\n", 3)


def test_tables_become_one_paragraph_per_row_with_source_lines() -> None:
    blocks = markdown_blocks("Intro.\n\n| Fund | Size |\n|---|---|\n| CMF | HK$400m |\n")
    assert blocks == [
        SourceBlock("paragraph", "Intro.", 1),
        SourceBlock("paragraph", "Fund | Size", 3),
        SourceBlock("paragraph", "CMF | HK$400m", 5),
    ]


def test_no_heading_takes_the_first_words_as_title() -> None:
    article = article_from_markdown("Just one paragraph of text here.\n", "n.md", "n")
    assert article.title == "Just one paragraph of text here."


def test_a_headline_not_marked_as_one_is_still_the_title() -> None:
    from desktop.core.ingest.markdown_reader import article_from_markdown

    article = article_from_markdown(
        "Park Start-ups Raise HK$3.4 Billion in a Year, Their Biggest Total Yet\n"
        "## Summary\n"
        "Start-ups at the park raised HK$3.4 billion in the year to September, it said.\n",
        "funding.md",
        "funding",
    )
    assert article.title == "Park Start-ups Raise HK$3.4 Billion in a Year, Their Biggest Total Yet"
    assert article.blocks[0].text == "Summary"
