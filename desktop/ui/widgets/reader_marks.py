"""Bookmarks in the reader: a selection as a passage range, and bookmarked text painted.

The reader's HTML starts every block with an anchor naming its block id
(:func:`~desktop.view.reader_html.block_anchor`), and each document block's text is the
passage text exactly (both are whitespace-normalised and escaped/unescaped losslessly), so a
position in a ``QTextBlock`` is a character offset in the passage. These functions only read
and format the reader's document; they never re-render it or touch the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextCursor, QTextFormat

from desktop.core.bookmarks import AnchorStatus, Bookmark
from desktop.core.model import Article
from desktop.ui.models.bookmarks_model import tooltip_html
from desktop.ui.widgets.reader import ReaderView

#: The char-format property holding the id of the bookmark painted on a piece of text.
BOOKMARK_PROPERTY = QTextFormat.Property.UserProperty + 71
#: Dark and light text to keep bookmarked words readable on any colour, in either theme.
DARK_TEXT = "#1b1b1b"
LIGHT_TEXT = "#fafafa"

Span = tuple[int, int]


@dataclass(frozen=True)
class PassageRange:
    """A stretch of one passage: what a bookmark anchors to.

    Attributes:
        passage_id: the paragraph's block id.
        start: offset of the first character in the passage text.
        end: offset just past the last character.
    """

    passage_id: str
    start: int
    end: int


def passage_blocks(reader: ReaderView) -> dict[str, QTextBlock]:
    """Each passage id of the shown article mapped to the document block that shows it."""
    article = reader.article
    found: dict[str, QTextBlock] = {}
    if article is None:
        return found
    passages = {p.id for p in article.passages}
    block = reader.document().begin()
    while block.isValid():
        block_id = reader.block_id_at(QTextCursor(block))
        if block_id in passages and block_id not in found:
            found[block_id] = block
        block = block.next()
    return found


def _offsets(article: Article, passage_id: str, block: QTextBlock, start: int, end: int) -> Span:
    """Document offsets in ``block`` as offsets in the passage text (equal unless they differ)."""
    passage = article.block(passage_id)
    text = passage.text if passage else ""
    shown = block.text()
    if shown == text:
        return start, end
    wanted = shown[start:end].strip()
    at = text.find(wanted) if wanted else -1
    return (at, at + len(wanted)) if at >= 0 else (0, len(text))


def _trimmed(text: str, start: int, end: int) -> Span:
    """``[start, end)`` without surrounding spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def selection_range(reader: ReaderView, pos: QPoint | None = None) -> PassageRange | None:
    """The passage range to bookmark: the selection, else the whole paragraph under ``pos``
    (viewport coordinates) or the caret, else the first paragraph in view.

    A selection across paragraphs is cut to its first paragraph (a bookmark quotes one
    passage); a selection starting in a heading starts at the next paragraph it covers.
    Returns None when nothing bookmarkable is there (the start page, a heading alone).
    """
    article = reader.article
    if article is None:
        return None
    blocks = passage_blocks(reader)
    cursor = reader.textCursor()
    if cursor.hasSelection():
        first, last = cursor.selectionStart(), cursor.selectionEnd()
        for passage_id, block in blocks.items():
            block_start = block.position()
            block_end = block_start + block.length() - 1
            if block_end <= first or block_start >= last:
                continue
            start = max(first, block_start) - block_start
            end = min(last, block_end) - block_start
            start, end = _trimmed(block.text(), start, end)
            if start < end:
                start, end = _offsets(article, passage_id, block, start, end)
                return PassageRange(passage_id, start, end)
        return None
    target = reader.cursorForPosition(pos) if pos is not None else cursor
    block_id = reader.block_id_at(target)
    if block_id not in blocks:
        block_id = _first_visible_passage(reader, blocks) if pos is None else None
    passage = article.block(block_id) if block_id else None
    if passage is None or block_id is None or not passage.text:
        return None
    return PassageRange(block_id, 0, len(passage.text))


def _first_visible_passage(reader: ReaderView, blocks: dict[str, QTextBlock]) -> str | None:
    top = reader.verticalScrollBar().value()
    layout = reader.document().documentLayout()
    for passage_id, block in blocks.items():
        if layout.blockBoundingRect(block).bottom() > top:
            return passage_id
    return None


def text_colour(background: str) -> str:
    """Dark or light text, whichever reads better on ``background`` (``#rrggbb``).

    >>> text_colour("#ffd54f"), text_colour("#1a237e")
    ('#1b1b1b', '#fafafa')
    """
    colour = QColor(background)
    luminance = 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()
    return DARK_TEXT if luminance >= 0.45 else LIGHT_TEXT


def paint_bookmarks(reader: ReaderView, bookmarks: Iterable[Bookmark]) -> int:
    """Give each placed bookmark of the shown article a background in its colour.

    Orphaned bookmarks (and those whose passage is not shown) are skipped: they have no text
    to paint. Returns how many were painted. The reader's next render starts clean, so call
    this after every render (``ReaderView.sig_rendered``).
    """
    article = reader.article
    if article is None:
        return 0
    blocks = passage_blocks(reader)
    painted = 0
    for bookmark in bookmarks:
        if bookmark.article_id != article.id or bookmark.status is AnchorStatus.ORPHANED:
            continue
        block = blocks.get(bookmark.passage_id)
        if block is None or not 0 <= bookmark.start < bookmark.end <= block.length() - 1:
            continue
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + bookmark.start)
        cursor.setPosition(block.position() + bookmark.end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(bookmark.colour))
        fmt.setForeground(QColor(text_colour(bookmark.colour)))
        fmt.setProperty(BOOKMARK_PROPERTY, bookmark.id)
        fmt.setToolTip(tooltip_html(bookmark.note))
        cursor.mergeCharFormat(fmt)
        painted += 1
    return painted


def painted_bookmarks(reader: ReaderView) -> dict[str, str]:
    """Each bookmark id painted in the reader mapped to the text it covers (tests, a11y)."""
    found: dict[str, str] = {}
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            bookmark_id = fragment.charFormat().property(BOOKMARK_PROPERTY)
            if isinstance(bookmark_id, str) and bookmark_id:
                found[bookmark_id] = found.get(bookmark_id, "") + fragment.text()
            it += 1
        block = block.next()
    return found


def select_bookmark(reader: ReaderView, bookmark: Bookmark) -> bool:
    """Select the bookmark's text in the reader and bring it into view; False if not shown."""
    if bookmark.status is AnchorStatus.ORPHANED:
        return False
    block = passage_blocks(reader).get(bookmark.passage_id)
    if block is None or not 0 <= bookmark.start < bookmark.end <= block.length() - 1:
        return False
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + bookmark.start)
    cursor.setPosition(block.position() + bookmark.end, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    return True
