"""What every reader shares once it has text: cleaning structured blocks, ids and the Article.

Plain text, Markdown and HTML differ in how they find headings and paragraphs, not in what an
article is: the same cleaning rules, the same block ids and the same article id and content hash
apply whatever the format, so an article keeps its id (and its bookmarks) when it is re-saved
as Markdown or HTML.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.errors import SourceError
from desktop.core.ingest.bylines import authors_of
from desktop.core.ingest.cleaning import clean_lines
from desktop.core.ingest.limits import MAX_PASSAGES, MAX_TITLE_CHARS
from desktop.core.ingest.structure import (
    INGEST_VERSION,
    Structure,
    date_in_chrome,
    date_near_edges,
    is_title_like,
    make_blocks,
)
from desktop.core.model import Article, ArticleDate, Block, BlockKind, Removal
from desktop.core.text import clean_line, fold, word_count


@dataclass(frozen=True)
class SourceBlock:
    """A heading or paragraph as a structured format (Markdown, HTML) states it.

    Attributes:
        kind: what the markup says it is (never guessed, unlike plain text).
        text: plain text, inline markup already removed.
        line: where it came from, for the removals list: a source line for Markdown, the
            block's position in the extracted content for HTML.
        location: the page or chapter it stands in (PDF, EPUB), kept on the Block.
    """

    kind: BlockKind
    text: str
    line: int
    location: str = ""


def article_id(title: str, date: ArticleDate | None) -> str:
    """An id that survives moves and body edits: a hash of the folded title and the date.

    >>> article_id("Hello  World", None) == article_id("hello world", None)
    True
    """
    key = fold(title) + "|" + (date.iso() if date else "")
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def clean_blocks(blocks: Sequence[SourceBlock]) -> tuple[list[SourceBlock], list[Removal]]:
    """Apply the plain-text cleaning rules to structured blocks, one block per line.

    The rules see the blocks exactly as they see the lines of a scrape, so chrome that survives
    main-content extraction (a share line, a comment form, a repeated block) goes the same way;
    each removal names the block's own line.

    >>> kept, removed = clean_blocks([SourceBlock("paragraph", "Share this", 3),
    ...     SourceBlock("paragraph", "Body text.", 5)])
    >>> [b.text for b in kept], [(r.line, r.rule) for r in removed]
    (['Body text.'], [(3, 'chrome')])
    """
    usable = [b for b in blocks if clean_line(b.text)]
    lines, removals = clean_lines("\n".join(clean_line(b.text) for b in usable))
    moved = [
        Removal(usable[r.line - 1].line, r.text, r.rule, _renumbered(r.reason, usable))
        for r in removals
    ]
    # Each kept block as cleaning left its line (a rule may cut a link prompt off its end).
    kept = [dataclasses.replace(usable[line.number - 1], text=line.text) for line in lines]
    return kept, moved


def _renumbered(reason: str, blocks: Sequence[SourceBlock]) -> str:
    """A reason that names a joined line ("repeats line 4") names the block's own line."""
    return re.sub(r"\bline (\d+)", lambda m: f"line {blocks[int(m.group(1)) - 1].line}", reason)


def date_from_edges(blocks: list[SourceBlock]) -> tuple[ArticleDate | None, list[SourceBlock]]:
    """A date stated on a line of its own at the start or end of the body, and the rest.

    >>> date, rest = date_from_edges([SourceBlock("paragraph", "March 3, 2023", 1),
    ...     SourceBlock("paragraph", "Body.", 2)])
    >>> date.iso(), [b.text for b in rest]
    ('2023-03-03', ['Body.'])
    """
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == "paragraph"]
    date, index = date_near_edges([blocks[i].text for i in paragraphs])
    if index is None:
        return date, blocks
    return date, blocks[: paragraphs[index]] + blocks[paragraphs[index] + 1 :]


def build_article(
    structure: Structure,
    source: str,
    removals: Sequence[Removal],
    bylines: Sequence[str] = (),
) -> Article:
    """The Article for a structure, with its id, content hash and authors (named by
    ``bylines``, the markup's, and by the byline lines cleaning removed).

    Raises:
        SourceError: the structure has no paragraph at all (nothing to read or search).
    """
    if not structure.blocks:
        raise SourceError("The file holds no article text.")
    if len(structure.title) > MAX_TITLE_CHARS:  # a "title" of a whole line of brackets
        cut = structure.title[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0] or structure.title[:80]
        structure = dataclasses.replace(structure, title=cut.rstrip() + "…")
    if len(structure.blocks) > MAX_PASSAGES:
        left_out = structure.blocks[MAX_PASSAGES:]
        structure = dataclasses.replace(structure, blocks=structure.blocks[:MAX_PASSAGES])
        removals = [*removals, _passages_left_out(left_out)]
    authors = authors_of([*bylines, *(r.text for r in removals if r.rule == "byline")])
    content = "\n".join(
        [
            str(INGEST_VERSION),
            "; ".join(authors),
            structure.title,
            structure.kicker or "",
            structure.lead_question or "",
            structure.date.iso() if structure.date else "",
            *(
                f"{b.kind}:{b.text}" + (f"@{b.location}" if b.location else "")
                for b in structure.blocks
            ),
        ]
    )
    return Article(
        id=article_id(structure.title, structure.date),
        title=structure.title,
        source=source,
        blocks=structure.blocks,
        kicker=structure.kicker,
        lead_question=structure.lead_question,
        date=structure.date,
        content_hash=hashlib.blake2b(content.encode(), digest_size=12).hexdigest(),
        authors=authors,
        removals=tuple(sorted(removals, key=lambda r: r.line)),
    )


def _passages_left_out(blocks: Sequence[Block]) -> Removal:
    """The removal that says an article was cut after its first MAX_PASSAGES blocks."""
    first = blocks[0].text[:80]
    return Removal(
        0,
        first + ("…" if first else ""),
        "limit",
        f"the article is longer than InnoAtlas reads ({MAX_PASSAGES:,} passages): "
        f"{len(blocks):,} more are left out",
    )


def article_from_blocks(
    blocks: Sequence[SourceBlock],
    source: str,
    *,
    title: str | None,
    date: ArticleDate | None,
    fallback_title: str,
    removals: Sequence[Removal] = (),
    bylines: Sequence[str] = (),
) -> Article:
    """Clean structured blocks and make the Article; the markup's own title and date win.

    Without a title in the metadata the first heading (or else the first words) is the title;
    without a date, a date line at the edge of the body is used.

    Raises:
        SourceError: nothing but chrome was left.
    """
    kept, removed = clean_blocks(blocks)
    stated, kept = date_from_edges(kept)  # the line goes even when the metadata has the date
    date = date or stated or date_in_chrome(removed)
    if not title:
        if kept and (
            kept[0].kind == "heading" or (len(kept) > 1 and is_title_like(kept[0].text))
        ):  # a headline the markup did not mark up stands first, as in a plain scrape
            title, kept = kept[0].text, kept[1:]
        elif kept:
            words = kept[0].text.split()
            title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
        else:
            title = fallback_title
    elif kept and fold(kept[0].text) == fold(title):
        kept = kept[1:]  # the page repeats its title as the first heading
    if not any(b.kind == "paragraph" and word_count(b.text) for b in kept):
        raise SourceError("The file holds no article text.")
    structure = Structure(
        title=clean_line(title),
        kicker=None,
        lead_question=None,
        date=date,
        blocks=make_blocks([(b.text, b.kind) for b in kept], [b.location for b in kept]),
    )
    return build_article(structure, source, [*removals, *removed], bylines)
