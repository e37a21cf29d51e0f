"""The reader's own-data parts, Qt-free: the tags line, the backlinks list, first mentions."""

from __future__ import annotations

from desktop.core.model import Article, Block
from desktop.view.backlinks import NotedPassage, first_mentions, labels_line, notes_html
from desktop.view.reader_html import ReaderContent, SharedArticle, build_article_html

ARTICLE = Article(
    "a1",
    "Park news",
    "/x/park.txt",
    (
        Block("p-1", "paragraph", "HKSTP and HKSTP again."),
        Block("h-1", "heading", "Later"),
        Block("p-2", "paragraph", "HKSTP once more."),
    ),
)
SPANS = {"p-1": [(11, 16, "hkstp"), (0, 5, "hkstp")], "p-2": [(0, 5, "hkstp")]}


def test_only_the_first_mention_per_section_stays_a_link() -> None:
    assert first_mentions(ARTICLE.blocks, SPANS) == {
        "p-1": [(0, 5, "hkstp")],
        "p-2": [(0, 5, "hkstp")],
    }
    every = build_article_html(ReaderContent(ARTICLE, entity_spans=SPANS))
    fewer = build_article_html(ReaderContent(ARTICLE, entity_spans=SPANS, first_mentions_only=True))
    assert every.count("innoatlas:entity/hkstp") == 3 and fewer.count("innoatlas:entity/hkstp") == 2


def test_tags_and_collections_are_named_in_the_header_as_text() -> None:
    assert labels_line((), ()) == ""
    line = labels_line(("<b>ai</b>", "fintech"), ("Shelf",))
    assert line == '<p class="meta">Tags: &lt;b&gt;ai&lt;/b&gt;, fintech · In: Shelf</p>'
    page = build_article_html(ReaderContent(ARTICLE, tags=("fintech",)))
    assert page.index("Tags: fintech") < page.index("HKSTP and")


def test_backlinks_list_notes_linked_to_their_paragraph_then_shared_articles() -> None:
    notes = (
        NotedPassage("p-1", "HKSTP and", "<check>"),
        NotedPassage("p-9", "gone words", orphaned=True),
    )
    listed = notes_html(notes, {"p-1": "#b-p-1"})
    assert '<a href="#b-p-1">“HKSTP and”</a>' in listed and "&lt;check&gt;" in listed
    assert "“gone words” <span" in listed and "no longer in the article" in listed
    shared = (SharedArticle("a2", "Other", ("HKSTP",)),)
    page = build_article_html(ReaderContent(ARTICLE, notes=notes, shared=shared))
    assert page.index("Backlinks") < page.index("Your bookmarks") < page.index("Also about its")
    assert "Backlinks" not in build_article_html(ReaderContent(ARTICLE))
