"""A saved web page to an article: the page's metadata, then its main content, then cleaning.

Main-content extraction is trafilatura's job (a library made and evaluated for web pages); we
help it and check it:

1. the title and date come from the page's metadata (``og:title``, ``<title>``, ``<h1>``;
   ``article:published_time``, ``<time datetime>``, JSON-LD ``datePublished``), read before
   anything is removed;
2. elements that are page furniture by their role, not their text (``<nav>``, ``<aside>``,
   ``<footer>``, ``role="navigation"``, hidden elements, classes such as ``breadcrumb``,
   ``cookie-banner`` or ``share``) are cut before extraction, unless they hold most of the
   page's text;
3. trafilatura extracts the main content as XML, keeping headings, lists and tables;
4. a paragraph or list made mostly of links (a "Next / Previous / Up" bar) is dropped;
5. the plain-text cleaning rules run over the resulting blocks.

Nothing here touches the network: the page is parsed from bytes, links are never followed.
Broken markup is read as browsers read it (lxml recovers); a page with no text left is a
SourceError with the reason.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from desktop.core.errors import SourceError
from desktop.core.ingest.assemble import SourceBlock, article_from_blocks
from desktop.core.ingest.dates import labelled_date, parse_date_line
from desktop.core.ingest.decoding import decode_bytes
from desktop.core.ingest.limits import bounded_blocks, bounded_markup
from desktop.core.ingest.markdown_reader import parse_date_value
from desktop.core.model import Article, ArticleDate, Removal
from desktop.core.text import clean_line, fold, word_count

#: Class or id words that mark page furniture (split on spaces, dashes and underscores).
CHROME_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "sidebar",
        "header",
        "masthead",
        "footer",
        "popup",
        "modal",
        "cookie",
        "cookies",
        "consent",
        "share",
        "sharing",
        "social",
        "related",
        "newsletter",
        "subscribe",
        "advert",
        "advertisement",
        "ads",
        "promo",
        "comments",
        "pagination",
        "pager",
        "toc",
    }
)
CHROME_TAGS = frozenset({"nav", "aside", "footer", "dialog", "template", "noscript", "form"})
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu", "menubar"}
)
#: An element holding more than this share of the page's text is never cut as chrome (a
#: wrapper such as ``<div class="page has-sidebar">``).
MAX_CHROME_SHARE = 0.5
#: A paragraph of this many words or fewer, at least LINK_DENSITY of whose text is links
#: (and at least two of them), is a bar of links; a list whose items are mostly links is a
#: menu.
MAX_LINK_BAR_WORDS = 30
LINK_DENSITY = 0.5

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_WORD_SPLIT = re.compile(r"[\s_-]+")
_TITLE_META = (
    "og:title",
    "twitter:title",
    "dc.title",
    "citation_title",
)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "citation_publication_date",
    "sailthru.date",
    "article:modified_time",
)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')


def decode_html(data: bytes) -> str:
    """The page's text: its declared charset when the bytes agree, else detection.

    A page states its encoding in a ``<meta charset>``; detection is the fallback for pages
    that lie or say nothing. GB2312 and GBK are read as their superset GB18030.

    >>> decode_html('<meta charset="gbk"><p>香港</p>'.encode("gbk"))
    '<meta charset="gbk"><p>香港</p>'
    """
    text, detected = decode_bytes(data)
    match = _CHARSET.search(data[:4096])
    if match is None:
        return text
    declared = match.group(1).decode("ascii").lower()
    if declared in ("gb2312", "gbk", "x-gbk"):
        declared = "gb18030"
    try:
        if codecs.lookup(declared).name == codecs.lookup(detected).name:
            return text
        return data.decode(declared)
    except (LookupError, UnicodeError):  # a charset that does not exist, or that lies
        return text


def parse_html(text: str) -> Any:
    """An lxml tree of the page, recovering from broken markup as a browser would.

    Raises:
        SourceError: there is no document at all.
    """
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise SourceError(f"The page's markup cannot be read: {error}.") from error
    if tree is None or tree.find(".//body") is None:
        raise SourceError("The page's markup cannot be read: it has no body.")
    return tree


def _text(element: Any) -> str:
    return clean_line(str(element.text_content()))


def _meta(tree: Any, names: tuple[str, ...]) -> list[str]:
    """Contents of ``<meta>`` tags whose property, name or itemprop is one of ``names``."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = clean_line(meta.get("content") or "")
        if key in names and content:
            found.setdefault(key, []).append(content)
    return [value for name in names for value in found.get(name, [])]


def page_title(tree: Any) -> str | None:
    """The article's title: ``og:title``, else the ``<h1>`` the ``<title>`` names, else either.

    A ``<title>`` usually carries the site's name too ("Story - Site"), and a page may have
    several ``<h1>`` (the site's logo is often one): the ``<h1>`` inside ``<main>`` or
    ``<article>`` whose text the ``<title>`` contains is the article's own.

    A single ``<h1>`` in the content is the headline even when the ``<title>`` words it
    differently; a ``<title>`` used as it is loses its site suffix.

    >>> page_title(parse_html("<title>Big News - Site</title><h1>Site</h1>"
    ...     "<article><h1>Big News</h1><p>x</p></article>"))
    'Big News'
    >>> page_title(parse_html("<title>Lab opens | Tech News</title><h1>HKUST opens a lab</h1>"))
    'HKUST opens a lab'
    >>> page_title(parse_html("<title>Lab opens | Tech News</title><p>x</p>"))
    'Lab opens'
    >>> page_title(parse_html("<title>Lab opens_Tech Weekly</title><p>x</p>"))
    'Lab opens'
    """
    for value in _meta(tree, _TITLE_META):
        return value
    title_element = tree.find(".//title")
    title = _text(title_element) if title_element is not None else ""
    headings = [h for h in tree.iter("h1") if _text(h)]
    in_content = [h for h in headings if _inside(h, ("main", "article"))]
    for group in (in_content, headings):
        named = [_text(h) for h in group if title and fold(_text(h)) in fold(title)]
        if named:
            return max(named, key=len)
    for group in (in_content, headings):
        if len(group) == 1:
            return _text(group[0])
    if title:
        return _SITE_SUFFIX.sub("", title).strip() or title
    return _text(headings[0]) if headings else None


#: " | Site", " - Site", " — Site", "_Site" at the end of a <title>.
_SITE_SUFFIX = re.compile(r"(?:\s+[|–—-]\s+|_(?=[A-Z]))[^|–—_-]{1,60}$")


#: Metadata that names a page's authors, and words of a class or id that mark a byline.
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_BYLINE_WORDS = frozenset({"author", "authors", "byline", "writer", "reporter"})
#: A byline element's text is short; a longer one is an author's biography.
MAX_BYLINE_CHARS = 120
#: How many byline elements are read: the article's own come first, comments' come later.
MAX_BYLINE_ELEMENTS = 3


def page_bylines(tree: Any) -> list[str]:
    """The texts that name the page's authors: its author metadata (not a profile's address)
    and its first elements whose class, id, ``itemprop`` or ``rel`` says "author" or "byline".

    >>> page_bylines(parse_html('<meta name="author" content="Jane Doe">'
    ...     '<div class="byline">By Li Wei in Hong Kong</div><p>Text.</p>'))
    ['Jane Doe', 'By Li Wei in Hong Kong']
    """
    found = [v for v in _meta(tree, _AUTHOR_META) if "://" not in v]
    examined = 0  # every marked element counts, read or not: a page may mark thousands
    for element in tree.iter():
        if examined >= MAX_BYLINE_ELEMENTS:
            break
        if not isinstance(element.tag, str) or not _marks_byline(element):
            continue
        examined += 1
        text = clean_line(_leading_text(element, MAX_BYLINE_CHARS + 1))  # "Jane Doe<br>..."
        if text and len(text) <= MAX_BYLINE_CHARS:
            found.append(text)
    return found


def _marks_byline(element: Any) -> bool:
    """Whether an element's class, id, ``itemprop`` or ``rel`` says it names an author."""
    marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return (
        bool(_BYLINE_WORDS.intersection(_WORD_SPLIT.split(marks)))
        or (element.get("itemprop") or "").lower() == "author"
        or (element.get("rel") or "").lower() == "author"
    )


def _leading_text(element: Any, limit: int) -> str:
    """The element's text up to about ``limit`` characters, without reading all of a big one."""
    pieces, size = [], 0
    for piece in element.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > limit:
            break
    return " ".join(pieces)


def _inside(element: Any, tags: tuple[str, ...]) -> bool:
    return any(parent.tag in tags for parent in element.iterancestors())


def page_date(tree: Any) -> ArticleDate | None:
    """The publication date the page's metadata states, if any.

    >>> page_date(parse_html('<meta property="article:published_time" '
    ...     'content="2024-03-01T10:00:00+08:00"><p>x</p>'))
    ArticleDate(year=2024, month=3, day=1)
    """
    candidates = _meta(tree, _DATE_META)
    times = list(tree.iter("time"))
    times.sort(key=lambda t: not _inside(t, ("main", "article")))
    candidates += [t.get("datetime") or _text(t) for t in times]
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            candidates += _LD_DATE.findall(script.text)
    for value in candidates:
        parsed = parse_date_value(clean_line(value))
        if parsed is not None:
            return parsed
    return None


def _chrome_kind(element: Any) -> str | None:
    """``"role"`` for an element that is furniture by its tag, role or hiddenness, ``"name"``
    for one whose class or id says so, None for anything else."""
    if not isinstance(element.tag, str) or element.tag in ("html", "body", "main", "article"):
        return None
    if element.tag in CHROME_TAGS or (element.get("role") or "").lower() in CHROME_ROLES:
        return "role"
    if element.tag == "header" and not _inside(element, ("article", "main")):
        return "role"
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return "role"
    style = (element.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return "role"
    words = _WORD_SPLIT.split(f"{element.get('class') or ''} {element.get('id') or ''}".lower())
    return "name" if CHROME_WORDS.intersection(words) or "hidden" in words else None


def strip_chrome(tree: Any) -> int:
    """Cut page furniture out of the tree in place; return how many elements were cut.

    A class or id is only a hint: an element named like chrome that holds most of the page's
    text (``<div class="page has-sidebar">``) is a wrapper and stays. A ``<nav>`` goes always.

    >>> tree = parse_html('<nav>Home | News</nav><div class="share-bar">Share</div>'
    ...     '<p>The story itself, long enough to be most of the page.</p>')
    >>> strip_chrome(tree), _text(tree)
    (2, 'The story itself, long enough to be most of the page.')
    """
    body = tree.find(".//body")
    total = max(1, len(_text(body)))
    doomed = [(e, kind) for e in body.iter() if (kind := _chrome_kind(e)) is not None]
    elements = {e for e, _kind in doomed}
    cut = 0
    for element, kind in doomed:
        if element.getparent() is None or any(a in elements for a in element.iterancestors()):
            continue
        if kind == "name" and len(_text(element)) > MAX_CHROME_SHARE * total:
            continue
        element.drop_tree()
        cut += 1
    return cut


#: Pages with more elements than this are extracted without trafilatura's second opinions
#: (readability and jusText): jusText's time grows with the square of a page's paragraphs
#: (6,000 small tables took over 15 s).
MAX_FALLBACK_ELEMENTS = 3_000


def extract_xml(tree: Any) -> Any:
    """trafilatura's main content of the page as an XML element, or None when it finds none."""
    import trafilatura  # here: a quarter of a second to import, and only HTML needs it

    large = sum(1 for _element in tree.iter()) > MAX_FALLBACK_ELEMENTS
    xml = trafilatura.extract(
        tree,
        fast=large,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=True,
        include_formatting=False,
        favor_recall=True,
        with_metadata=False,
        deduplicate=False,
    )
    if not xml:
        return None
    return etree.fromstring(xml.encode("utf-8")).find("main")


_CONTAINERS = frozenset({"div", "quote", "table", "list", "main"})
_INLINE = frozenset({"hi", "ref", "lb", "del", "code", "graphic"})


def _link_density(element: Any) -> tuple[float, int]:
    text = "".join(element.itertext())
    links = [r for r in element.iter("ref")]
    linked = sum(len("".join(r.itertext())) for r in links)
    return (linked / max(1, len(text.strip()))), len(links)


def _own_text(element: Any) -> str:
    """Text of an element without the text of nested lists (they become their own blocks)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != "list":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return clean_line("".join(parts))


def xml_blocks(main: Any, removals: list[Removal]) -> list[SourceBlock]:
    """Headings and paragraphs of trafilatura's XML, link bars dropped (and recorded)."""
    blocks: list[SourceBlock] = []

    def add(kind: str, text: str) -> None:
        if text:
            position = len(blocks) + 1
            blocks.append(
                SourceBlock("heading" if kind == "heading" else "paragraph", text, position)
            )

    def link_bar(element: Any, text: str) -> bool:
        density, links = _link_density(element)
        if links >= 2 and density >= LINK_DENSITY and word_count(text) <= MAX_LINK_BAR_WORDS:
            removals.append(
                Removal(len(blocks) + 1, text, "navigation", "a bar of links, not article text")
            )
            return True
        return False

    def walk(element: Any) -> None:
        inline: list[str] = [element.text or ""] if element.tag != "table" else []
        for child in element:
            if child.tag in _INLINE and not (child.tag == "code" and "\n" in (child.text or "")):
                gap = " " if child.tag == "lb" else ""  # a line break is not glue
                inline.append(gap + "".join(child.itertext()) + (child.tail or ""))
                continue
            add("paragraph", clean_line("".join(inline)))
            inline = [child.tail or ""]
            if child.tag == "head":
                add("heading", clean_line("".join(child.itertext())))
            elif child.tag == "list" and _is_menu(child):
                removals.append(
                    Removal(
                        len(blocks) + 1,
                        clean_line(" · ".join(_items(child))),
                        "navigation",
                        "a list of links, not article text",
                    )
                )
            elif child.tag == "row":
                add("paragraph", " | ".join(_cells(child)))
            elif child.tag in _CONTAINERS:
                walk(child)
            elif child.tag == "item":
                add("paragraph", _own_text(child))
                for nested in child.iter("list"):
                    if nested.getparent() is child:
                        walk(nested)
            else:
                lines = _broken_lines(child)
                text = clean_line(" ".join(lines))
                if link_bar(child, text):
                    continue
                if len(lines) > 1 and _is_run_in_heading(lines[0]):
                    add("heading", clean_line(lines[0]))  # <p><b>Hub</b><br>In 2016 ...
                    lines = lines[1:]
                    text = clean_line(" ".join(lines))
                if _are_paragraphs(lines):
                    for line in lines:  # Paragraphs set apart by <br> alone, not by <p>
                        add("paragraph", line)
                else:
                    add("paragraph", text)
        add("paragraph", clean_line("".join(inline)))

    walk(main)
    return blocks


#: A paragraph's first line, ended by a line break, is a run-in heading this short or shorter.
RUN_IN_HEADING_WORDS = 10


def _broken_lines(element: Any) -> list[str]:
    """An element's text, split where it has a line break (``<br>``, trafilatura's ``lb``)."""
    lines = [""]

    def visit(node: Any) -> None:
        lines[-1] += node.text or ""
        for child in node:
            if child.tag == "lb":
                lines.append("")
            else:
                visit(child)
            lines[-1] += child.tail or ""

    visit(element)
    return [line for line in (clean_line(text) for text in lines) if line]


#: Lines broken by ``<br>`` are paragraphs when each is this long and ends a sentence (the
#: last may be cut off).
BROKEN_PARAGRAPH_WORDS = 12
_SENTENCE_END = (".", "!", "?", "”", '"', "。")


#: An element of this many broken lines or more holds paragraphs when most end a sentence
#: (with the headings and captions between them), and several are paragraph-long.
MANY_BROKEN_LINES = 5
SENTENCE_LINES_SHARE = 0.6


def _are_paragraphs(lines: list[str]) -> bool:
    """Whether an element's broken lines are paragraphs of their own (some sites write a
    whole article as one block of text broken by ``<br>``), not one paragraph's lines."""
    if len(lines) < 2:
        return False
    ends = [line.rstrip().endswith(_SENTENCE_END) for line in lines]
    long = [word_count(line) >= BROKEN_PARAGRAPH_WORDS for line in lines]
    if all(long) and all(ends[:-1]):
        return True
    return (
        len(lines) >= MANY_BROKEN_LINES
        and sum(ends) >= SENTENCE_LINES_SHARE * len(lines)
        and sum(long) >= 2
    )


def _is_run_in_heading(text: str) -> bool:
    return 0 < word_count(text) <= RUN_IN_HEADING_WORDS and not text.rstrip().endswith(
        (".", ",", ";", ":", "!", "?")
    )


def _items(element: Any) -> Iterator[str]:
    for item in element.iter("item"):
        yield clean_line("".join(item.itertext()))


def _cells(row: Any) -> list[str]:
    return [t for cell in row.iter("cell") if (t := clean_line("".join(cell.itertext())))]


def _is_menu(element: Any) -> bool:
    """A list most of whose items are nothing but a link."""
    items = list(element.iter("item"))
    linked = sum(1 for item in items if _link_density(item)[0] >= 0.8)
    return len(items) >= 2 and linked >= 0.8 * len(items)


#: How many texts after the headline may be its standfirst, byline and date.
BELOW_HEADLINE = 4
#: A standfirst is a sentence or two: this many words at least, and at most.
STANDFIRST_WORDS = (8, 60)


def below_headline(tree: Any, title: str | None = None) -> list[str]:
    """The first texts after the page's headline, in its own container: where a standfirst,
    a byline and the date stand, often outside what main-content extraction keeps.

    The headline is the ``<h1>``, else an ``<h2>`` that reads as the ``title``; one alone in
    a wrapper (``<div class="title"><h2>``) stands where the wrapper does.

    >>> below_headline(parse_html('<div><h2>Lab Opens</h2></div><div>2021-05-20</div>'),
    ...     "Lab Opens")
    ['2021-05-20']
    """
    headline = next(tree.iter("h1"), None)
    if headline is None and title:
        headline = next((h for h in tree.iter("h2") if fold(_text(h)) == fold(title)), None)
    if headline is None:
        return []
    while (parent := headline.getparent()) is not None and len(parent) == 1:
        if (parent.text or "").strip() or parent.tag == "body":
            break
        headline = parent
    texts = []
    for element in headline.itersiblings():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if text := _text(element):
            texts.append(text)
        if len(texts) >= BELOW_HEADLINE:
            break
    return texts


def _date_among(texts: list[str]) -> ArticleDate | None:
    for text in texts:
        if (date := parse_date_line(text) or labelled_date(text)) is not None:
            return date
    return None


def _with_standfirst(blocks: list[SourceBlock], below: list[str]) -> list[SourceBlock]:
    """The blocks with the standfirst first, when extraction left it out: the first text
    below the headline that reads as a sentence or two, not a date or a byline."""
    low, high = STANDFIRST_WORDS
    first = below[0] if below else ""
    if not (low <= word_count(first) <= high) or parse_date_line(first) or labelled_date(first):
        return blocks
    if any(
        fold(first) in fold(block.text) or fold(block.text) in fold(first)
        for block in blocks[:BELOW_HEADLINE]
    ):
        return blocks  # extraction kept it, whole or split into paragraphs
    return [SourceBlock("paragraph", first, 0), *blocks]


def article_from_html(data: bytes, source: str, fallback_title: str) -> Article:
    """The Article in a saved web page's bytes.

    Raises:
        SourceError: the bytes are not text, the markup cannot be read or holds no article.
    """
    text = bounded_markup(decode_html(data))
    tree = parse_html(text)
    removals: list[Removal] = []
    try:
        title = page_title(tree)
        below = below_headline(tree, title)
        date = page_date(tree) or _date_among(below)
        bylines = page_bylines(tree)
        strip_chrome(tree)
        main = extract_xml(tree)
        blocks = [] if main is None else xml_blocks(main, removals)
        blocks = _with_standfirst(blocks, below)
    except SourceError:
        raise
    except Exception as error:  # any failure inside the parsers is this one file's problem
        raise SourceError(f"The page's markup cannot be read ({type(error).__name__}).") from error
    if not blocks:
        raise SourceError("The page holds no article text (only markup, menus or scripts).")
    blocks, cut = bounded_blocks(blocks)
    return article_from_blocks(
        blocks,
        source,
        title=title,
        date=date,
        fallback_title=fallback_title,
        removals=[*removals, *([cut] if cut else [])],
        bylines=bylines,
    )
