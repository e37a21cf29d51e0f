"""What the reader shows of the user's own data about an article, and fewer links.

An article's backlinks in one place (Obsidian's): the user's bookmarks and notes in it, then
the other articles that share its people and bodies. Its tags and collections go in the header.
And a page where every mention is a link is hard to read: linking only the first mention of
each entity per section keeps one way in per name and section without the clutter.

Pure functions over plain values (no Qt): :mod:`desktop.view.reader_html` builds the page
with them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.core.model import Block

#: The anchor of the backlinks section, for Go ▸ Backlinks.
BACKLINKS_ANCHOR = "backlinks"
#: How much of a bookmark's quote the backlinks list shows.
QUOTE_CHARS = 90

#: An entity name in a block: start, end and the entity's id.
EntitySpan = tuple[int, int, str]


@dataclass(frozen=True)
class NotedPassage:
    """A bookmark of the article, as its backlinks list it.

    Attributes:
        passage_id: the paragraph it is in (a link scrolls there).
        quote: the bookmarked words; note: the user's note, or "".
        orphaned: its words are no longer in the article.
    """

    passage_id: str
    quote: str
    note: str = ""
    orphaned: bool = False


def first_mentions(
    blocks: Sequence[Block], spans: Mapping[str, Sequence[EntitySpan]]
) -> dict[str, Sequence[EntitySpan]]:
    """``spans`` with only the first mention of each entity in each section (a heading starts
    a new one), so the second "HKSTP" of a section is text, not another link.

    >>> blocks = [Block("p1", "paragraph", "A A"), Block("h", "heading", "H"),
    ...           Block("p2", "paragraph", "A")]
    >>> first_mentions(blocks, {"p1": [(0, 1, "a"), (2, 3, "a")], "p2": [(0, 1, "a")]})
    {'p1': [(0, 1, 'a')], 'p2': [(0, 1, 'a')]}
    """
    kept: dict[str, Sequence[EntitySpan]] = {}
    seen: set[str] = set()
    for block in blocks:
        if block.kind == "heading":
            seen = set()
        found = []
        for span in sorted(spans.get(block.id, ())):
            if span[2] not in seen:
                seen.add(span[2])
                found.append(span)
        if found:
            kept[block.id] = found
    return kept


def labels_line(tags: Sequence[str], collections: Sequence[str]) -> str:
    """The header line naming the article's tags and collections (escaped), or ""."""
    parts = []
    if tags:
        parts.append("Tags: " + ", ".join(tags))
    if collections:
        parts.append("In: " + ", ".join(collections))
    return f'<p class="meta">{html.escape(" · ".join(parts))}</p>' if parts else ""


def _short(quote: str) -> str:
    text = " ".join(quote.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def notes_html(notes: Sequence[NotedPassage], block_href: Mapping[str, str]) -> str:
    """The list of the article's bookmarks and notes; ``block_href`` links a passage id to
    its place in the page (an orphaned bookmark is listed, unlinked)."""
    if not notes:
        return ""
    items = []
    for noted in notes:
        quote = html.escape(f"“{_short(noted.quote)}”")
        href = block_href.get(noted.passage_id)
        if href and not noted.orphaned:
            quote = f'<a href="{html.escape(href, quote=True)}">{quote}</a>'
        else:
            quote += ' <span class="related">(no longer in the article)</span>'
        note = f' <span class="related">— {html.escape(noted.note)}</span>' if noted.note else ""
        items.append(f"<li>{quote}{note}</li>")
    return "<h3>Your bookmarks and notes</h3><ul>" + "".join(items) + "</ul>"
