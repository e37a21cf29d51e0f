from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from desktop.core.model import Article, ArticleDate, Block, Hit, Snippet
from desktop.view.colors import LIGHT_READER
from desktop.view.reader_html import (
    ReaderContent,
    article_url,
    block_anchor,
    block_id_from_anchor,
    build_article_html,
    build_start_html,
    citation_text,
    format_date,
    mark_text,
    parse_internal_url,
    prepare_content,
    search_url,
)

MARK = f'<span style="background-color:{LIGHT_READER.mark_bg}; color:{LIGHT_READER.mark_fg};">'

ARTICLE = Article(
    id="a1",
    title="<script>alert(1)</script> Parks",
    source="/x/seeds/a.txt",
    blocks=(
        Block("p-1", "paragraph", 'Fish & chips <img src="file:///etc/passwd"> here.'),
        Block("h-1", "heading", "Parks & People"),
        Block("p-2", "paragraph", "Parks grow; parks help. See https://example.org/a?b=1&c=2."),
    ),
    kicker="Kicker <b>",
    lead_question="Why <parks>?",
    date=ArticleDate(2024, 12, 2),
)


class FakeFinder:
    """Matches whole words case-insensitively (the real library stems; not needed here)."""

    def match_spans(self, text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
        import re

        spans: list[tuple[int, int]] = []
        for term in terms:
            spans += [m.span() for m in re.finditer(rf"\b{re.escape(term)}\b", text, re.I)]
        return sorted(spans)


def test_every_piece_of_article_text_is_escaped() -> None:
    page = build_article_html(ReaderContent(ARTICLE))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page
    assert "Kicker &lt;b&gt;" in page
    assert "Why &lt;parks&gt;?" in page
    assert "2 December 2024 · a.txt" in page


def test_marks_wrap_the_spans_and_urls_become_links() -> None:
    assert mark_text("a <b> c", [(6, 7)], LIGHT_READER) == f"a &lt;b&gt; {MARK}c</span>"
    linked = mark_text("See https://example.org/a?b=1&c=2.", [], LIGHT_READER)
    assert linked == (
        'See <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>.'
    )
    marked_link = mark_text("go http://x.org now", [(3, 7)], LIGHT_READER)
    assert marked_link == (f'go <a href="http://x.org">{MARK}http</span>://x.org</a> now')


def test_blocks_have_anchors_that_map_back_to_their_ids() -> None:
    page = build_article_html(ReaderContent(ARTICLE))
    for block in ARTICLE.blocks:
        assert f'<a name="{block_anchor(block.id)}"></a>' in page
        assert block_id_from_anchor(block_anchor(block.id)) == block.id
    assert block_id_from_anchor("title") is None


def test_prepare_content_highlights_and_targets_the_best_passage() -> None:
    content = prepare_content(FakeFinder(), ARTICLE, ["parks"], None)
    assert content.target_block == "p-2"
    assert content.spans["title"] == [(26, 31)]
    assert content.spans["p-2"] == [(0, 5), (12, 17)]
    assert "p-1" not in content.spans
    named = prepare_content(FakeFinder(), ARTICLE, ["parks"], "p-1")
    assert named.target_block == "p-1"
    assert prepare_content(FakeFinder(), ARTICLE, [], None).target_block is None


def test_related_articles_are_internal_links() -> None:
    hit = Hit("b/2", "Other <one>", ArticleDate(2022, 1), "b.txt", 1.0, Snippet(""))
    page = build_article_html(ReaderContent(ARTICLE, related=(hit,)))
    assert "More like this" in page
    assert f'<a href="{article_url("b/2")}">Other &lt;one&gt;</a>' in page
    assert parse_internal_url(article_url("b/2")) == ("article", "b/2")
    assert parse_internal_url(search_url('"big data" OR x')) == ("search", '"big data" OR x')
    assert parse_internal_url("https://example.org") is None


def test_start_page_offers_example_searches() -> None:
    page = build_start_html(LIGHT_READER, ['"big data"'])
    assert (
        f'<a href="{search_url(chr(34) + "big data" + chr(34))}">&quot;big data&quot;</a>' in page
    )


def test_dates_and_citations() -> None:
    assert [format_date(ArticleDate(2022)), format_date(None)] == ["2022", ""]
    assert citation_text(ARTICLE, "  Parks grow. ") == (
        "“Parks grow.”\n— <script>alert(1)</script> Parks, 2 December 2024, a.txt"
    )


def test_the_target_passage_is_tinted() -> None:
    content = prepare_content(FakeFinder(), ARTICLE, ["parks"], None)
    page = build_article_html(content, LIGHT_READER)
    tinted = f'<p style="background-color:{LIGHT_READER.passage_bg};"><a name="b-p-2"></a>'
    assert tinted in page
    assert page.count("background-color:" + LIGHT_READER.passage_bg) == 1


def test_copies_of_the_article_are_named() -> None:
    copy = replace(ARTICLE, also_at=("/mirror/b <copy>.txt",))
    assert "Also at: b &lt;copy&gt;.txt" in build_article_html(ReaderContent(copy))
    assert "Also at" not in build_article_html(ReaderContent(ARTICLE))


def test_the_header_names_the_authors_escaped() -> None:
    page = build_article_html(ReaderContent(replace(ARTICLE, authors=("Jane <Doe>", "Li Wei"))))
    assert "By Jane &lt;Doe&gt; and Li Wei · 2 December 2024 · a.txt" in page


def test_a_marker_names_each_new_page_and_a_chapter_heading_is_its_own_marker() -> None:
    article = Article(
        "b1",
        "Report",
        "/x/report.pdf",
        (
            Block("p-1", "paragraph", "One.", "p. 1"),
            Block("p-2", "paragraph", "Two.", "p. 1"),
            Block("h-1", "heading", "Cyberport", "Cyberport"),
            Block("p-3", "paragraph", "Three <x>.", "Cyberport"),
            Block("p-4", "paragraph", "Four.", "p. <7>"),
        ),
    )
    page = build_article_html(ReaderContent(article))
    markers = [part.split("</p>")[0] for part in page.split('<p class="location">')[1:]]
    assert markers == ["p. 1", "p. &lt;7&gt;"]
    assert page.index("p. 1") < page.index(block_anchor("p-1"))
    assert 'class="location"' not in build_article_html(ReaderContent(ARTICLE))


def test_a_citation_names_the_page() -> None:
    assert citation_text(ARTICLE, "Parks grow.", "p. 7").endswith(", a.txt, p. 7")
