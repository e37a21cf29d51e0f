"""The reader's HTML, built from a clean article by pure functions (no Qt).

Every piece of article text goes through :func:`html.escape`, so text is always shown as text,
never run as markup. The only links are internal (``innoatlas:`` anchors and ids) and the plain
``http(s)`` URLs found in the text, which the reader opens only when clicked.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Protocol
from urllib.parse import quote, unquote

from desktop.core.ingest.bylines import byline
from desktop.core.model import Article, ArticleDate, Hit
from desktop.view.backlinks import (
    BACKLINKS_ANCHOR,
    NotedPassage,
    first_mentions,
    labels_line,
    notes_html,
)
from desktop.view.colors import LIGHT_READER, ReaderColors

Span = tuple[int, int]
#: An entity name in a block: start, end and the entity's id.
EntitySpan = tuple[int, int, str]

SCHEME = "innoatlas"
TITLE_ANCHOR = "title"
RELATED_ANCHOR = "related"
SHARED_ANCHOR = "shared"
BLOCK_ANCHOR_PREFIX = "b-"

_URL = re.compile(r"https?://[^\s<>\"'\u3000-\u303f\uff08\uff09]+", re.IGNORECASE)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class _SpanFinder(Protocol):
    def match_spans(self, text: str, terms: Sequence[str]) -> list[tuple[int, int]]: ...


@dataclass(frozen=True)
class SharedArticle:
    """Another article and the entities it shares with the one being read.

    Attributes:
        article_id, title: the other article.
        names: the shared entities' names, the rarest first.
    """

    article_id: str
    title: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class ReaderContent:
    """Everything the reader shows for one article, prepared off the GUI thread.

    Attributes:
        article: the clean article.
        terms: the query words being highlighted.
        spans: highlighted character spans per block id, and for the title under ``"title"``.
        target_block: the block to scroll to (the best passage), or None for the top.
        related: "more like this" hits.
        entity_spans: entity names per block id, shown as links to the entity.
        entity_cards: entity id -> its hover card (escaped rich text).
        shared: the articles that name the same bodies, programmes and people, closest first.
        tags, collections: the user's tags on the article and the collections holding it.
        notes: the user's bookmarks in it, with their notes (its backlinks).
        first_mentions_only: link only the first mention of an entity per section.
    """

    article: Article
    terms: tuple[str, ...] = ()
    spans: Mapping[str, Sequence[Span]] = field(default_factory=dict)
    target_block: str | None = None
    related: tuple[Hit, ...] = ()
    entity_spans: Mapping[str, Sequence[EntitySpan]] = field(default_factory=dict)
    entity_cards: Mapping[str, str] = field(default_factory=dict)
    shared: tuple[SharedArticle, ...] = ()
    tags: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()
    notes: tuple[NotedPassage, ...] = ()
    first_mentions_only: bool = False


def prepare_content(
    finder: _SpanFinder,
    article: Article,
    terms: Sequence[str],
    passage_id: str | None,
    related: Sequence[Hit] = (),
) -> ReaderContent:
    """Find the query words in every block and pick the passage to scroll to.

    The target is ``passage_id`` when the search named one, else the paragraph with the most
    matches (the first on a tie), else None when nothing matches.
    """
    spans: dict[str, Sequence[Span]] = {}
    terms = tuple(t for t in terms if t.strip())
    if terms:
        spans[TITLE_ANCHOR] = finder.match_spans(article.title, terms)
        for block in article.blocks:
            found = finder.match_spans(block.text, terms)
            if found:
                spans[block.id] = found
    target = passage_id if passage_id and article.block(passage_id) else None
    if target is None and terms:
        best = max(
            (b for b in article.passages if spans.get(b.id)),
            key=lambda b: len(spans[b.id]),
            default=None,
        )
        target = best.id if best else None
    return ReaderContent(article, terms, spans, target, tuple(related))


def format_date(date: ArticleDate | None) -> str:
    """A date at its stated precision, for people.

    >>> format_date(ArticleDate(2024, 12, 2)), format_date(ArticleDate(2022, 1))
    ('2 December 2024', 'January 2022')
    """
    if date is None:
        return ""
    if date.month is None or not 1 <= date.month <= 12:
        return str(date.year)
    month = _MONTHS[date.month - 1]
    if date.day is None:
        return f"{month} {date.year}"
    return f"{date.day} {month} {date.year}"


def source_name(source: str) -> str:
    """The file name of a source path (the whole path is in the tooltip or citation)."""
    return PurePath(source).name or source


def block_anchor(block_id: str) -> str:
    """The HTML anchor name of a block."""
    return BLOCK_ANCHOR_PREFIX + quote(block_id, safe="")


def block_id_from_anchor(anchor: str) -> str | None:
    """The block id an anchor name stands for, or None if it is not a block anchor."""
    if not anchor.startswith(BLOCK_ANCHOR_PREFIX):
        return None
    return unquote(anchor[len(BLOCK_ANCHOR_PREFIX) :])


def article_url(article_id: str) -> str:
    """An internal link that opens an article."""
    return f"{SCHEME}:article/{quote(article_id, safe='')}"


def search_url(query: str) -> str:
    """An internal link that runs a search."""
    return f"{SCHEME}:search/{quote(query, safe='')}"


def entity_url(entity_id: str) -> str:
    """An internal link that opens an entity in the entity panel."""
    return f"{SCHEME}:entity/{quote(entity_id, safe='')}"


def parse_internal_url(url: str) -> tuple[str, str] | None:
    """``("article", id)``, ``("search", query)`` or ``("entity", id)`` for an internal link.

    >>> parse_internal_url(article_url("a/b"))
    ('article', 'a/b')
    >>> parse_internal_url(entity_url("hkstp"))
    ('entity', 'hkstp')
    """
    if not url.startswith(SCHEME + ":"):
        return None
    kind, _, rest = url[len(SCHEME) + 1 :].partition("/")
    if kind not in ("article", "search", "entity"):
        return None
    return kind, unquote(rest)


def mark_text(
    text: str,
    spans: Sequence[Span],
    colors: ReaderColors,
    *,
    links: bool = True,
    entities: Sequence[EntitySpan] = (),
    cards: Mapping[str, str] | None = None,
) -> str:
    """Escape ``text``, wrap the ``spans`` in highlight markup and link plain http(s) URLs.

    ``entities`` become links to the entity (with its card from ``cards`` as the tooltip),
    except where they overlap a URL.

    >>> mark_text("a <b> c", [(6, 7)], LIGHT_READER, links=False)
    'a &lt;b&gt; <span style="background-color:#ffe58a; color:#1b1b1b;">c</span>'
    >>> print(mark_text("see HK", [], LIGHT_READER, entities=[(4, 6, "hk")], cards={"hk": "<b>H"}))
    see <a href="innoatlas:entity/hk" title="&lt;b&gt;H" style="text-decoration:none;">HK</a>
    """
    urls = [(m.start(), _trim_url(m.group())) for m in _URL.finditer(text)] if links else []
    url_ranges = [(start, start + len(url), url) for start, url in urls]
    clean = sorted((max(0, s), min(len(text), e)) for s, e in spans if s < e)
    named = [
        (s, e, entity_id)
        for s, e, entity_id in entities
        if 0 <= s < e <= len(text) and not any(s < ue and us < e for us, ue, _ in url_ranges)
    ]
    cuts = {0, len(text)}
    for s, e in clean:
        cuts.update((s, e))
    for s, e, _ in url_ranges:
        cuts.update((s, e))
    for s, e, _ in named:
        cuts.update((s, e))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    mark_open = f'<span style="background-color:{colors.mark_bg}; color:{colors.mark_fg};">'
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        piece = html.escape(text[a:b])
        url = next((u for s, e, u in url_ranges if s <= a < e), None)
        url_start = url is not None and any(s == a for s, _, _ in url_ranges)
        if url is not None and url_start:
            out.append(f'<a href="{html.escape(url, quote=True)}">')
        name = next((n for n in named if n[0] <= a < n[1]), None)
        if name is not None and name[0] == a:
            out.append(_entity_anchor(name[2], (cards or {}).get(name[2], "")))
        if any(s <= a < e for s, e in clean):
            piece = mark_open + piece + "</span>"
        out.append(piece)
        if name is not None and name[1] == b:
            out.append("</a>")
        if url is not None and any(e == b for _, e, _ in url_ranges):
            out.append("</a>")
    return "".join(out)


def _entity_anchor(entity_id: str, card: str) -> str:
    href = html.escape(entity_url(entity_id), quote=True)
    title = f' title="{html.escape(card, quote=True)}"' if card else ""
    return f'<a href="{href}"{title} style="text-decoration:none;">'


def _trim_url(url: str) -> str:
    return url.rstrip(".,;:!?)]}’”")


def _css(colors: ReaderColors) -> str:
    return (
        f"body {{ color:{colors.text}; }}"
        f"a {{ color:{colors.link}; }}"
        f".kicker {{ color:{colors.muted}; font-weight:600; }}"
        f".meta {{ color:{colors.muted}; }}"
        f".lead {{ color:{colors.muted}; font-style:italic; }}"
        f".related {{ color:{colors.muted}; }}"
        f".location {{ color:{colors.muted}; font-size:small; margin-bottom:4px; }}"
        "p { margin-top:0px; margin-bottom:12px; line-height:140%; }"
        "h1 { font-size:x-large; margin-bottom:4px; }"
        "h2 { font-size:large; margin-top:18px; margin-bottom:6px; }"
        "h3 { font-size:medium; margin-top:12px; margin-bottom:4px; }"
    )


def build_article_html(content: ReaderContent, colors: ReaderColors = LIGHT_READER) -> str:
    """The reader page for one article: kicker, title, date and source, then its blocks.

    Each block starts with an anchor (:func:`block_anchor`), so the reader can scroll to the
    best passage and map a click back to a passage for "copy with citation". Where the
    location changes (a PDF's page, an EPUB's chapter) a small marker says so ("p. 7").
    """
    article = content.article
    spans = content.spans
    parts = [f"<html><head><style>{_css(colors)}</style></head><body>"]
    if article.kicker:
        parts.append(f'<p class="kicker">{html.escape(article.kicker)}</p>')
    title = mark_text(article.title, spans.get(TITLE_ANCHOR, ()), colors, links=False)
    parts.append(f'<h1><a name="{TITLE_ANCHOR}"></a>{title}</h1>')
    meta = [
        m
        for m in (byline(article.authors), format_date(article.date), source_name(article.source))
        if m
    ]
    if meta:
        parts.append(f'<p class="meta">{html.escape(" · ".join(meta))}</p>')
    if article.also_at:
        copies = ", ".join(source_name(path) for path in article.also_at)
        parts.append(f'<p class="meta">{html.escape(f"Also at: {copies}")}</p>')
    parts.append(labels_line(content.tags, content.collections))
    if article.lead_question:
        parts.append(f'<p class="lead">{html.escape(article.lead_question)}</p>')
    entity_spans = content.entity_spans
    if content.first_mentions_only:
        entity_spans = first_mentions(article.blocks, entity_spans)
    location = ""
    for block in article.blocks:
        if block.location and block.location != location:
            location = block.location
            if block.location != block.text:  # a chapter's heading already names it
                parts.append(f'<p class="location">{html.escape(block.location)}</p>')
        tag = "h2" if block.kind == "heading" else "p"
        anchor = html.escape(block_anchor(block.id), quote=True)
        body = mark_text(
            block.text,
            spans.get(block.id, ()),
            colors,
            entities=entity_spans.get(block.id, ()),
            cards=content.entity_cards,
        )
        style = ""
        if block.id == content.target_block and block.kind == "paragraph":
            style = f' style="background-color:{colors.passage_bg};"'
        parts.append(f'<{tag}{style}><a name="{anchor}"></a>{body}</{tag}>')
    if content.related:
        parts.append(f'<hr/><h2><a name="{RELATED_ANCHOR}"></a>More like this</h2><ul>')
        for hit in content.related:
            href = html.escape(article_url(hit.article_id), quote=True)
            date = format_date(hit.date)
            suffix = f' <span class="related">· {html.escape(date)}</span>' if date else ""
            parts.append(f'<li><a href="{href}">{html.escape(hit.title)}</a>{suffix}</li>')
        parts.append("</ul>")
    if content.notes or content.shared:
        parts.append(f'<hr/><h2><a name="{BACKLINKS_ANCHOR}"></a>Backlinks</h2>')
        hrefs = {b.id: "#" + block_anchor(b.id) for b in article.passages}
        parts.append(notes_html(content.notes, hrefs))
    if content.shared:
        parts.append(f'<h3><a name="{SHARED_ANCHOR}"></a>Also about its people and bodies</h3><ul>')
        for other in content.shared:
            href = html.escape(article_url(other.article_id), quote=True)
            names = html.escape(", ".join(other.names[:3]))
            parts.append(
                f'<li><a href="{href}">{html.escape(other.title)}</a>'
                f' <span class="related">· {names}</span></li>'
            )
        parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)


def build_start_html(
    colors: ReaderColors = LIGHT_READER, examples: Sequence[str] = (), message: str = ""
) -> str:
    """The page the reader shows before an article is opened: how to get going."""
    items = "".join(
        f'<li><a href="{html.escape(search_url(q), quote=True)}">{html.escape(q)}</a></li>'
        for q in examples
    )
    note = f'<p class="meta">{html.escape(message)}</p>' if message else ""
    return (
        f"<html><head><style>{_css(colors)}</style></head><body>"
        "<h1>InnoAtlas</h1>"
        '<p class="meta">Search and read your library of articles, offline.</p>'
        f"{note}"
        "<p>Type in the search box above (<b>Ctrl+L</b>): results appear as you type. "
        "Press <b>Down</b> to move into the results and <b>Enter</b> to open one. "
        "<b>Alt+Left</b> goes back, <b>Ctrl+F</b> finds in the article, "
        "<b>F1</b> explains the query syntax.</p>"
        + (f"<p>Try:</p><ul>{items}</ul>" if items else "")
        + "</body></html>"
    )


def located_title(article: Article, block_id: str) -> str:
    """The article's title with the page or chapter of one of its blocks, where it has one.

    >>> from desktop.core.model import Block
    >>> a = Article("x", "Report", "r.pdf", (Block("p-1", "paragraph", "Text.", "p. 7"),))
    >>> located_title(a, "p-1"), located_title(a, "p-2")
    ('Report · p. 7', 'Report')
    """
    return with_location(article.title, article.location_of(block_id))


def with_location(text: str, location: str) -> str:
    """``text`` followed by a page or chapter, where there is one: "report.pdf · p. 7"."""
    return f"{text} · {location}" if location else text


def citation_text(article: Article, quote_text: str, location: str = "") -> str:
    """A quotation with its citation (title, date, source, and its page or chapter where the
    source has them), ready for the clipboard.

    >>> a = Article("x", "Title", "seeds/a.txt", (), date=ArticleDate(2022, 1))
    >>> print(citation_text(a, "Some words."))
    “Some words.”
    — Title, January 2022, a.txt
    >>> print(citation_text(a, "Some words.", "p. 7"))
    “Some words.”
    — Title, January 2022, a.txt, p. 7
    """
    parts = [article.title, format_date(article.date), source_name(article.source), location]
    return f"“{quote_text.strip()}”\n— " + ", ".join(p for p in parts if p)
