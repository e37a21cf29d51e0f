"""What reading one file may cost: bounds on its size, its parts and its time.

One file must never stall or break the library, however it is made: a 20 MB file on one line,
a million one-character lines, markup with a million attributes (libxml2 checks each new
attribute against all the earlier ones, so its time grows with their square). Every reader
works within these bounds, so the work per file is bounded by them whatever the input:

- the bytes read (:data:`MAX_BYTES`), the text kept (:data:`MAX_CHARS`) and, of plain text and
  Markdown, the lines read (:data:`MAX_LINES`);
- the elements of a page and their attributes (:data:`MAX_ELEMENTS`, :data:`MAX_ATTRIBUTES`);
- the passages of one article (:data:`MAX_PASSAGES`), each at most :data:`MAX_PASSAGE_CHARS`
  long (a longer paragraph is split at sentence ends);
- the time (:data:`READ_SECONDS`): a file still being read after it is skipped as "too slow to
  read", and the library remembers why, so it is not read again until it changes.

An article cut to these bounds says so in its removals (``show --explain``).
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import Protocol, TypeVar

from desktop.core.errors import SourceError
from desktop.core.model import Removal

MAX_BYTES = 20 * 1024 * 1024
#: About 170,000 words: a long report or a book is read whole; more is cut.
MAX_CHARS = 1_000_000
#: Non-blank lines of plain text or Markdown read from one file.
MAX_LINES = 10_000
MAX_ATTRIBUTES = 8
MAX_ATTRIBUTE_CHARS = 2_000
MAX_PAGE_ATTRIBUTES = 50_000
#: Elements of one page: a long article with its site's chrome has a few thousand.
MAX_ELEMENTS = 50_000
MAX_PASSAGES = 10_000
#: A title longer than this is cut (a title is shown in every list and every citation).
MAX_TITLE_CHARS = 300
MAX_PASSAGE_CHARS = 5_000
READ_SECONDS = 15.0


class _HasText(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def line(self) -> int: ...


_Block = TypeVar("_Block", bound=_HasText)


class TooSlow(SourceError):
    """Reading one file took longer than :data:`READ_SECONDS`."""


class _Expired(BaseException):
    """The timer's signal, not an Exception: a parser's own ``except Exception`` (trafilatura
    has several) must not swallow it and read on."""


def too_slow(seconds: float = READ_SECONDS) -> TooSlow:
    """The error for a file that took too long, with the reason a user reads."""
    return TooSlow(
        f"The file is too slow to read (still not read after {seconds:g} s); it is skipped "
        "until it changes."
    )


@contextlib.contextmanager
def time_limit(seconds: float = READ_SECONDS) -> Iterator[None]:
    """Stop the work inside after ``seconds`` of wall-clock time by raising :class:`TooSlow`.

    In the main thread a timer signal interrupts any Python code, third-party parsers
    included (a C call already running finishes first: the other bounds keep those short).
    Elsewhere, where signals cannot be used, nothing is interrupted: the bounds on what is
    read still hold. An enclosing timer (another limit, a test runner's) is restored after.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    inside = [True]  # the handler raises only while the work runs, never in its clean-up

    def expire(_signum: int, _frame: FrameType | None) -> None:
        if inside[0]:
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    # Again every tenth of a second after the first: a bare ``except:`` somewhere may still
    # swallow one.
    outer, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        try:
            yield
        finally:
            inside[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise too_slow(seconds) from None
    finally:
        signal.signal(signal.SIGALRM, previous)
        if outer:  # the enclosing timer goes on with what it had left
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer_interval)


def bounded_text(text: str) -> tuple[str, Removal | None]:
    """The first :data:`MAX_CHARS` characters and :data:`MAX_LINES` non-blank lines of a text,
    and, when something was cut, the removal that says so.

    >>> kept, cut = bounded_text("a\\n" * (MAX_LINES + 3))
    >>> kept.count("a"), cut.line, cut.reason
    (10000, 10001, 'the file is longer than InnoAtlas reads (10,000 lines): the rest is left out')
    """
    head = text[:MAX_CHARS]
    cut_at = len(head) if len(text) > MAX_CHARS else None
    lines = 0
    for match in _NON_BLANK_LINE.finditer(head):
        lines += 1
        if lines > MAX_LINES:
            cut_at = match.start()
            break
    if cut_at is None:
        return text, None
    bound = f"{MAX_LINES:,} lines" if lines > MAX_LINES else f"{MAX_CHARS:,} characters"
    return text[:cut_at], _cut_note(text, cut_at, text.count("\n", 0, cut_at) + 1, bound)


_NON_BLANK_LINE = re.compile(r"^[ \t\f\v]*\S", re.M)


def _cut_note(text: str, at: int, line: int, bound: str) -> Removal:
    rest = text[at : at + 200].strip().split("\n", 1)[0][:80]
    return Removal(
        line,
        rest + ("…" if rest else ""),
        "limit",
        f"the file is longer than InnoAtlas reads ({bound}): the rest is left out",
    )


def bounded_blocks(blocks: Sequence[_Block]) -> tuple[list[_Block], Removal | None]:
    """The blocks (of a page or a Markdown file) that fit :data:`MAX_CHARS` and
    :data:`MAX_LINES`, and the removal that says what was cut, if anything."""
    kept: list[_Block] = []
    chars = 0
    for block in blocks:
        chars += len(block.text)
        if chars > MAX_CHARS or len(kept) >= MAX_LINES:
            bound = f"{MAX_CHARS:,} characters" if chars > MAX_CHARS else f"{MAX_LINES:,} blocks"
            return kept, _cut_note(block.text, 0, block.line, bound)
        kept.append(block)
    return kept, None


def passage_pieces(text: str, size: int = MAX_PASSAGE_CHARS) -> list[str]:
    """A paragraph in pieces of at most ``size`` characters, cut after a sentence where one
    ends in the second half of a piece, else at a space, else anywhere.

    >>> passage_pieces("One two. Three four five. Six.", size=14)
    ['One two.', 'Three four', 'five. Six.']
    """
    pieces = []
    while len(text) > size:
        window = text[: size + 1]
        end = max(window.rfind(". ", size // 2), window.rfind("? ", size // 2))
        end = end + 1 if end > 0 else window.rfind(" ", size // 2)
        end = end if end > 0 else size
        pieces.append(text[:end].strip())
        text = text[end:].strip()
    return [*pieces, text] if text else pieces


def bounded_markup(markup: str) -> str:
    """A page the parsers read in bounded time and memory, in linear passes before any of
    them sees it: without comments, scripts and styles (never article text; a script of
    structured data, JSON-LD, stays), at most :data:`MAX_ELEMENTS` elements (the rest is cut,
    as a browser shows a page whose end is missing), and only the attributes that say what an
    element is or where it links: at most :data:`MAX_ATTRIBUTES` an element, each value at most
    :data:`MAX_ATTRIBUTE_CHARS` long, :data:`MAX_PAGE_ATTRIBUTES` in all.

    libxml2 checks each attribute against the element's earlier ones, and trafilatura copies
    the tree several times: the attributes decide both time and memory.

    >>> bounded_markup('<p class="lead" data-x="1" onclick="go()">a<!-- c --><style>x</style>b')
    '<p class="lead">ab'
    """
    markup = _NOT_TEXT.sub(lambda m: m.group(0) if m.group(2) else "", _without_comments(markup))
    for count, tag in enumerate(_START_TAG.finditer(markup)):
        if count == MAX_ELEMENTS:
            markup = markup[: tag.start()]
            break
    budget = [MAX_PAGE_ATTRIBUTES]

    def trim(match: re.Match[str]) -> str:
        kept: list[str] = []
        for attribute in _ATTRIBUTE.finditer(match.group(2)):
            if len(kept) == min(MAX_ATTRIBUTES, budget[0]):
                break
            if attribute.group(1).lower() in KEPT_ATTRIBUTES:
                value = attribute.group(2) or ""
                if len(value) > MAX_ATTRIBUTE_CHARS:
                    value = value[:MAX_ATTRIBUTE_CHARS] + value[0] * (value[0] in "'\"")
                kept.append(f" {attribute.group(1)}{'=' if value else ''}{value}")
        budget[0] -= len(kept)
        return f"<{match.group(1)}{''.join(kept)}{match.group(3)}>"

    return _TAG_WITH_ATTRIBUTES.sub(trim, markup)


def _without_comments(markup: str) -> str:
    """Markup without its comments, in one pass; an unterminated ``<!--`` (text in a title,
    say) is left as it is, with what follows it.

    >>> _without_comments("a<!-- x -->b<!-- y")
    'ab<!-- y'
    """
    parts, position = [], 0
    while (start := markup.find("<!--", position)) >= 0:
        end = markup.find("-->", start + 4)
        if end < 0:
            break
        parts.append(markup[position:start])
        position = end + 3
    return "".join(parts) + markup[position:]


#: What the readers and trafilatura look at: what an element is (its class, id, role, hidden
#: or not), where it links, and the page's metadata.
KEPT_ATTRIBUTES = frozenset(
    {
        "class", "id", "role", "hidden", "aria-hidden", "style", "href", "lang", "type",
        "datetime", "content", "property", "name", "itemprop", "charset", "http-equiv",
        "colspan", "rowspan", "rel",
    }
)  # fmt: skip
#: A script or a style (not ``<script-loader>``, a custom element), to its end or the page's.
_NOT_TEXT = re.compile(
    r"<(script|style)(?=[\s/>])(?:[^>]*?(application/ld\+json))?[^>]*>.*?(?:</\1\s*>|\Z)",
    re.S | re.I,
)
_START_TAG = re.compile(r"<[A-Za-z]")
#: A start tag, its attributes read as HTML reads them (a quoted value may hold ``>``); an
#: unquoted name or value stops at ``<``, so that a tag left open does not run into the next.
#: The repeat is possessive (``*+``): a backtracking one keeps a state per attribute, and a
#: tag of a million attributes then took 800 MB.
_TAG_WITH_ATTRIBUTES = re.compile(
    r"""<([A-Za-z][\w:-]*)((?:\s+[^\s=/<>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*+)\s*(/?)>"""
)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
