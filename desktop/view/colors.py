"""The reader's colours, light and dark, as ``#rrggbb`` strings for its generated HTML."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReaderColors:
    """Colours the reader's generated HTML and find highlights use (``#rrggbb`` strings).

    Attributes:
        text: body text.
        muted: kicker, date and source lines.
        mark_bg: background of query words.
        mark_fg: text colour of query words.
        find_bg: background of every find-in-article match.
        find_current_bg: background of the current find match.
        link: link colour.
        passage_bg: background of the passage a search pointed to (the best one, or the answer).
    """

    text: str
    muted: str
    mark_bg: str
    mark_fg: str
    find_bg: str
    find_current_bg: str
    link: str
    passage_bg: str


LIGHT_READER = ReaderColors(
    text="#1b1b1b",
    muted="#5f6368",
    mark_bg="#ffe58a",
    mark_fg="#1b1b1b",
    find_bg="#b8dcff",
    find_current_bg="#ff9f43",
    link="#1a5fb4",
    passage_bg="#eef4fc",
)
DARK_READER = ReaderColors(
    text="#e6e6e6",
    muted="#a0a4a8",
    mark_bg="#7a5c00",
    mark_fg="#fff6d5",
    find_bg="#1f4f7a",
    find_current_bg="#c25e00",
    link="#8ab4f8",
    passage_bg="#1e2836",
)
