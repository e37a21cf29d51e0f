"""Snippets: the best fragments of a hit with the query's words marked, as a core Snippet."""

from __future__ import annotations

import re
from typing import Any

from whoosh import highlight

from desktop.core.index.analysis import term_spans
from desktop.core.model import Snippet

_MARK_START, _MARK_END = "\ue000", "\ue001"


class SnippetFormatter(highlight.Formatter):  # type: ignore[misc]
    """Builds a Snippet (plain text plus mark offsets) instead of an HTML string."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return _MARK_START + str(highlight.get_text(text, token, replace)) + _MARK_END

    def format(self, fragments: list[Any], replace: bool = False) -> Snippet:
        if not fragments:
            return Snippet("")
        fragments = sorted(fragments, key=lambda f: f.startchar)
        for fragment in fragments:
            _trim_to_words(fragment)
        body = self.between.join(self.format_fragment(f, replace).strip() for f in fragments)
        lead = "… " if fragments[0].startchar > 0 else ""
        tail = " …" if fragments[-1].endchar < len(fragments[-1].text) else ""
        return _unmark(lead + body + tail)


_BLOCK_BREAK = re.compile(r"\s*\n\s*\n\s*")


def _trim_to_words(fragment: Any) -> None:
    """Move a fragment's ends to word boundaries, so no snippet starts or ends mid-word."""
    text = fragment.text
    first = min((t.startchar for t in fragment.matches), default=fragment.endchar)
    last = max((t.endchar for t in fragment.matches), default=fragment.startchar)
    if fragment.startchar > 0 and not text[fragment.startchar - 1].isspace():
        space = text.find(" ", fragment.startchar, first)
        if space != -1:
            fragment.startchar = space + 1
    if fragment.endchar < len(text) and not text[fragment.endchar].isspace():
        space = text.rfind(" ", last, fragment.endchar)
        if space != -1:
            fragment.endchar = space


def _unmark(marked: str) -> Snippet:
    # A break between blocks (a heading and its paragraph) reads as a separator, not a space.
    marked = _BLOCK_BREAK.sub(" · ", marked)
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    start = 0
    for char in marked:
        if char == _MARK_START:
            start = length
        elif char == _MARK_END:
            marks.append((start, length))
        elif char.isspace():
            if text and text[-1] != " ":  # paragraph breaks become single spaces
                text.append(" ")
                length += 1
        else:
            text.append(char)
            length += 1
    return Snippet("".join(text), tuple(marks))


def lead(text: str, limit: int = 240) -> Snippet:
    return Snippet(text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …")


def mark_terms(text: str, terms: set[str]) -> Snippet:
    """The whole text with every word whose term is in ``terms`` marked."""
    marks = [(start, end) for term, start, end in term_spans(text) if term in terms]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(marks):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return Snippet(text, tuple(merged))
