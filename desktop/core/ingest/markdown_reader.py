"""Markdown to blocks with markdown-it-py: the markup says what is a heading and a paragraph.

A saved Markdown article states its structure, so nothing is guessed: headings are headings,
paragraphs, list items, quotes, table rows and code blocks are paragraphs, and inline markup is
reduced to its text (a link keeps its words, an image and raw HTML are left out: they are not
prose, and raw HTML is never run or shown). The title is the front matter's ``title:`` or else
the first level-one heading; the date is the front matter's ``date:`` or a date line at the edge
of the body.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from desktop.core.ingest.assemble import SourceBlock, article_from_blocks
from desktop.core.ingest.dates import parse_date_line
from desktop.core.ingest.limits import bounded_text
from desktop.core.model import Article, ArticleDate, BlockKind
from desktop.core.text import clean_line

_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S
)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")
#: Inline tokens whose text is not prose: pictures and raw markup.
_SKIPPED_INLINE = frozenset({"image", "html_inline"})


def front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Split YAML (``---``) or TOML (``+++``) front matter from the body.

    Only flat ``key: value`` fields are read (all an article needs); returns the fields, the
    body and how many lines the front matter took.

    >>> front_matter('---\\ntitle: "Startups Win"\\ndate: 2023-03-03\\n---\\n# Body\\n')
    ({'title': 'Startups Win', 'date': '2023-03-03'}, '# Body\\n', 4)
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    fields = {}
    for line in match.group(2).splitlines():
        field = _FIELD.match(line)
        if field and field.group(2):
            fields[field.group(1).lower()] = field.group(2).strip().strip("'\"").strip()
    return fields, text[match.end() :], match.group(0).count("\n")


def parse_date_value(value: str) -> ArticleDate | None:
    """A front-matter date: any date line format, or an ISO timestamp with a time zone.

    >>> parse_date_value("2024-03-01T10:00:00+08:00")
    ArticleDate(year=2024, month=3, day=1)
    """
    return parse_date_line(value) or (parse_date_line(value[:10]) if len(value) > 10 else None)


def inline_text(token: Token) -> str:
    """The plain text of an inline token: emphasis dropped, links keep their words.

    >>> md = MarkdownIt("commonmark")
    >>> inline_text(md.parse("Read **the** [report](http://x) ![pic](p.png) `now`")[1])
    'Read the report now'
    """
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type not in _SKIPPED_INLINE:
            parts.append(child.content)
    return clean_line("".join(parts))


def markdown_blocks(text: str, first_line: int = 1) -> list[SourceBlock]:
    """Headings and paragraphs of a Markdown text, in order, with their 1-based source lines.

    >>> [(b.kind, b.text) for b in markdown_blocks("# Hi\\n\\n- one\\n- *two*\\n")]
    [('heading', 'Hi'), ('paragraph', 'one'), ('paragraph', 'two')]
    """
    return _parse(text, first_line)[0]


def _parse(text: str, first_line: int) -> tuple[list[SourceBlock], int | None]:
    """The blocks, and the index of the first level-one heading among them (or None)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[SourceBlock] = []
    first_h1: int | None = None
    heading_tag: str | None = None
    row: list[str] | None = None
    row_line = 0
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open":
            heading_tag = token.tag
        elif token.type == "heading_close":
            heading_tag = None
        elif token.type == "tr_open":
            row, row_line = [], line
        elif token.type == "tr_close":
            if row and any(row):
                blocks.append(SourceBlock("paragraph", " | ".join(row), row_line))
            row = None
        elif token.type == "inline":
            content = inline_text(token)
            if row is not None:
                row.append(content)
            elif content:
                if heading_tag == "h1" and first_h1 is None:
                    first_h1 = len(blocks)
                kind: BlockKind = "heading" if heading_tag else "paragraph"
                blocks.append(SourceBlock(kind, content, line))
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(SourceBlock("paragraph", token.content.strip(), line))
    return blocks, first_h1


def article_from_markdown(text: str, source: str, fallback_title: str) -> Article:
    """The Article in a decoded Markdown file.

    Raises:
        SourceError: nothing but chrome or markup was left.
    """
    text, cut = bounded_text(text)
    fields, body, skipped_lines = front_matter(text)
    blocks, first_h1 = _parse(body, skipped_lines + 1)
    title = fields.get("title")
    if not title and first_h1 is not None:
        title = blocks.pop(first_h1).text
    date = parse_date_value(fields["date"]) if fields.get("date") else None
    return article_from_blocks(
        blocks,
        source,
        title=title,
        date=date,
        fallback_title=fallback_title,
        removals=[cut] if cut else [],
    )
