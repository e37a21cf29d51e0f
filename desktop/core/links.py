"""``innoatlas://`` links: a passage (or a bookmark) of an article, to paste anywhere.

A note in another program (Obsidian, Zotero, a mail) keeps such a link; opening it brings the
window to the passage. A passage id is a hash of its text, so it changes when the paragraph is
edited: the link also carries the quote (and where it sat) as a fallback anchor, and is
re-anchored as a bookmark is (:func:`resolve`), or reported as orphaned when the quote is gone.

The form, every part percent-encoded::

    innoatlas://open/<article>?passage=<passage>&quote=<text>&at=<start>-<end>&bookmark=<id>

Links come from outside (a web page, a file, another program), so :func:`parse` reads them
strictly: the scheme and host exact, ids of a safe alphabet and length, the quote bounded,
controls refused, unknown parameters refused; each refusal is one sentence (:class:`BadLink`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

from desktop.core.bookmarks.anchors import Placement, locate
from desktop.core.bookmarks.model import MAX_OFFSET, Anchor, AnchorStatus, Bookmark
from desktop.core.errors import InnoAtlasError
from desktop.core.model import Article
from desktop.core.text import terminal_safe

SCHEME = "innoatlas"
HOST = "open"
#: The longest link read: a long quote fits (about 2,000 characters once encoded), a flood
#: pasted by mistake does not.
MAX_LINK_CHARS = 8_192
#: The longest quote a link carries; a longer one is cut at a word (the link still finds the
#: passage by its id, and a cut quote is still a quote of it).
MAX_QUOTE_CHARS = 600
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_AT = re.compile(r"(\d{1,8})-(\d{1,8})")
_PARAMETERS = frozenset({"passage", "quote", "at", "bookmark"})
#: Characters no link of ours holds once decoded: controls, and bidirectional overrides that
#: would make a link shown in a message read differently from what it is.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class BadLink(InnoAtlasError):
    """A link that is not an InnoAtlas passage link, or is damaged; the message says why."""


@dataclass(frozen=True)
class PassageLink:
    """What a link points at.

    Attributes:
        article_id: the article.
        passage_id: the paragraph, as it was when the link was made ("" for the article).
        quote: the words linked to, the fallback anchor ("" for a whole article).
        start, end: where the quote sat in the paragraph (0, 0 when not known).
        bookmark_id: the bookmark the link was made from, or "".
    """

    article_id: str
    passage_id: str = ""
    quote: str = ""
    start: int = 0
    end: int = 0
    bookmark_id: str = ""

    @property
    def anchor(self) -> Anchor | None:
        """The link as an anchor to re-find (None: it names no passage)."""
        if not self.passage_id or not self.quote:
            return None
        start, end = (self.start, self.end) if self.end > self.start else (0, len(self.quote))
        return Anchor(self.passage_id, self.quote, "", "", start, end)


@dataclass(frozen=True)
class Landing:
    """Where a link lands in an article as it is now.

    Attributes:
        passage_id: the paragraph to show, or None (the article's top: no passage, or lost).
        status: ``attached`` (where it was), ``moved`` (found again elsewhere) or
            ``orphaned`` (the quote is no longer in the article).
        message: a sentence for the status bar when the link did not land where it was made.
    """

    passage_id: str | None
    status: AnchorStatus
    message: str | None = None


def cut_quote(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """``text`` with its spacing collapsed, cut at a word to at most ``limit`` characters.

    >>> cut_quote("big  data and AI", 10)
    'big data'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def format_link(link: PassageLink) -> str:
    """The link as text; :func:`parse` reads it back the same (the quote cut to its limit).

    >>> format_link(PassageLink("a1b2", "p-1", "big data", 4, 12))
    'innoatlas://open/a1b2?passage=p-1&quote=big%20data&at=4-12'
    """
    _check_ids(link.article_id, link.passage_id, link.bookmark_id)
    parts = []
    if link.passage_id:
        parts.append(f"passage={quote(link.passage_id, safe='')}")
    text = cut_quote(link.quote)
    if text:
        parts.append(f"quote={quote(text, safe='')}")
        if text == link.quote and link.end > link.start:
            parts.append(f"at={link.start}-{link.end}")
    if link.bookmark_id:
        parts.append(f"bookmark={quote(link.bookmark_id, safe='')}")
    query = "?" + "&".join(parts) if parts else ""
    return f"{SCHEME}://{HOST}/{quote(link.article_id, safe='')}{query}"


def passage_link(article: Article, passage_id: str, start: int = 0, end: int = 0) -> str:
    """The link of a passage of ``article`` (or of ``[start, end)`` within it).

    >>> from desktop.core.model import Block
    >>> article = Article("a1", "T", "t.txt", (Block("p-1", "paragraph", "Big data and AI."),))
    >>> passage_link(article, "p-1", 4, 8)
    'innoatlas://open/a1?passage=p-1&quote=data&at=4-8'
    """
    block = article.block(passage_id)
    text = block.text if block is not None else ""
    if not 0 <= start < end <= len(text):
        start, end = 0, len(text)
    return format_link(PassageLink(article.id, passage_id, text[start:end], start, end))


def bookmark_link(bookmark: Bookmark) -> str:
    """The link of a bookmark: its passage and quote, and its id (to follow it if it moves)."""
    return format_link(
        PassageLink(
            bookmark.article_id,
            bookmark.passage_id,
            bookmark.quote,
            bookmark.start,
            bookmark.end,
            bookmark.id,
        )
    )


def parse(text: str) -> PassageLink:
    """The link in ``text`` (spaces around it ignored); raises BadLink saying what is wrong.

    >>> parse("innoatlas://open/a1?passage=p-1&quote=big%20data&at=4-12").quote
    'big data'
    >>> parse("innoatlas://open/a1?passage=../../etc")
    Traceback (most recent call last):
    ...
    desktop.core.links.BadLink: The link's passage id is not one InnoAtlas makes.
    """
    text = text.strip()
    if len(text) > MAX_LINK_CHARS:
        raise BadLink(f"The link is longer than {MAX_LINK_CHARS:,} characters: it is not ours.")
    if _UNSAFE.search(text):
        raise BadLink("The link holds control characters: it is not an InnoAtlas link.")
    try:
        parts = urlsplit(text)
    except ValueError as error:
        raise BadLink(f"The link cannot be read ({error}).") from error
    if parts.scheme.lower() != SCHEME:
        raise BadLink(f"{_shown(text)} is not an InnoAtlas link (they start with {SCHEME}://).")
    if parts.netloc.lower() != HOST or parts.fragment:
        raise BadLink(f"The link {_shown(text)} does not say what to open ({SCHEME}://{HOST}/…).")
    article_id = _decoded(parts.path.removeprefix("/"), "article id")
    try:
        query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    except ValueError as error:
        raise BadLink("The link's parameters cannot be read.") from error
    unknown = sorted(set(query) - _PARAMETERS)
    if unknown:
        raise BadLink(f"The link has a parameter InnoAtlas does not know ({_shown(unknown[0])}).")
    if any(len(values) > 1 for values in query.values()):
        raise BadLink("The link gives a parameter twice.")
    values = {name: items[0] for name, items in query.items()}
    if _UNSAFE.search("".join(values.values())):
        raise BadLink("The link holds control characters: it is not an InnoAtlas link.")
    passage_id, bookmark_id = values.get("passage", ""), values.get("bookmark", "")
    _check_ids(article_id, passage_id, bookmark_id)
    words = " ".join(values.get("quote", "").split())
    if len(words) > MAX_QUOTE_CHARS:
        raise BadLink(f"The link's quote is longer than {MAX_QUOTE_CHARS} characters.")
    start = end = 0
    if "at" in values:
        at = _AT.fullmatch(values["at"])
        if at is None or not 0 <= int(at[1]) < int(at[2]) <= MAX_OFFSET or not words:
            raise BadLink("The link's position (at=) is not a stretch of its passage.")
        start, end = int(at[1]), int(at[2])
    return PassageLink(article_id, passage_id, words, start, end, bookmark_id)


def _decoded(text: str, what: str) -> str:
    try:
        value = unquote(text, errors="strict") if "%" in text else text
    except UnicodeDecodeError as error:
        raise BadLink(f"The link's {what} is not text.") from error
    if not value:
        raise BadLink(f"The link names no {what}.")
    return value


def _check_ids(article_id: str, passage_id: str, bookmark_id: str) -> None:
    if not _ID.fullmatch(article_id):
        raise BadLink("The link's article id is not one InnoAtlas makes.")
    if passage_id and not _ID.fullmatch(passage_id):
        raise BadLink("The link's passage id is not one InnoAtlas makes.")
    if bookmark_id and not _ID.fullmatch(bookmark_id):
        raise BadLink("The link's bookmark id is not one InnoAtlas makes.")


def _shown(value: str, width: int = 60) -> str:
    text = " ".join(terminal_safe(value).split())
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"


def _only_place(article: Article, anchor: Anchor) -> Placement | None:
    """The quote where it occurs exactly once in ``article``: a link keeps no words around
    its quote, so a short one that a bookmark would need them for is taken where it is alone."""
    spots = [
        (block, start) for block in article.passages for start in _starts(block.text, anchor.quote)
    ]
    if len(spots) != 1:
        return None
    block, start = spots[0]
    found = Anchor(block.id, anchor.quote, "", "", start, start + len(anchor.quote))
    return Placement(found, AnchorStatus.MOVED, 100.0)


def _starts(text: str, quote: str) -> list[int]:
    starts: list[int] = []
    at = text.find(quote)
    while at >= 0 and len(starts) < 2:
        starts.append(at)
        at = text.find(quote, at + 1)
    return starts


def resolve(link: PassageLink, article: Article, bookmark: Bookmark | None = None) -> Landing:
    """Where ``link`` lands in ``article`` now, re-anchored as a bookmark is.

    ``bookmark``: the bookmark the link names, as the store has it now (it is re-anchored
    with every refresh, and keeps its words around the quote), else the link's own anchor.
    A link without a passage opens the article at its top.
    """
    anchor = bookmark.anchor if bookmark is not None else link.anchor
    if anchor is None:
        if link.passage_id and article.block(link.passage_id) is not None:
            return Landing(link.passage_id, AnchorStatus.ATTACHED)
        return Landing(None, AnchorStatus.ATTACHED)
    placement: Placement = locate(article, anchor)
    if placement.status is AnchorStatus.ORPHANED and bookmark is None:
        placement = _only_place(article, anchor) or placement
    if placement.status is AnchorStatus.ORPHANED:
        return Landing(
            None,
            AnchorStatus.ORPHANED,
            f"The linked passage is no longer in “{article.title}”: "
            f"“{cut_quote(anchor.quote, 80)}” was not found, so the article opens at its top.",
        )
    if placement.status is AnchorStatus.MOVED:
        return Landing(
            placement.anchor.passage_id,
            AnchorStatus.MOVED,
            "The article changed since the link was made; it opens where the quote is now.",
        )
    return Landing(placement.anchor.passage_id, AnchorStatus.ATTACHED)
