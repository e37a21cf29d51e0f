"""Text analysis: the terms an article's words and a query's words become.

The analyzer folds case and accents, maps British spellings to American ones before Porter2
stemming (so "specialise" finds "specializing"), indexes hyphenated words both as parts and
joined ("start-ups" finds "startups"), and turns runs of CJK characters into overlapping bigrams.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, Token
from whoosh.lang.porter2 import stem as porter2_stem
from whoosh.support.charset import accent_map

from desktop.core.text import is_cjk

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "have",
        "if",
        "in",
        "is",
        "it",
        "may",
        "not",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "us",
        "we",
        "when",
        "will",
        "with",
        "yet",
        "you",
        "your",
        "its",
        "their",
        "his",
        "her",
        "our",
        "was",
        "were",
        "been",
        "has",
        "had",
        "do",
        "does",
        "did",
        "s",
        "t",
    ]
) | frozenset("bcdefghjklmnopqruvwxyz")


_TOKEN = re.compile(
    r"(?P<cjk>[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+)"
    r"|(?P<word>\w+(?:[&.]\w+)*(?:[-\u2010\u2011]\w+(?:[&.]\w+)*)*)"
)
_HYPHEN = re.compile(r"[-\u2010\u2011]")


class TextAnalyzer(Analyzer):  # type: ignore[misc]
    """Words (hyphenated parts plus the joined form) and CJK bigrams, case and accents folded,
    stop words dropped, British spellings made American, then Porter2 stems.

    One generator instead of a tokenizer and four filters: this runs for every word of every
    article, and each extra stage cost a generator hop per token. It behaves as the chain
    ``tokenizer | LowercaseFilter | CharsetFilter(accent_map) | StopFilter | stem`` did,
    positions renumbered over the kept words included; ``no_morph`` (Whoosh's request for the
    spelling words) skips the stemming. It holds no state, so the schema pickles small.
    """

    def has_morph(self) -> bool:
        return True  # so Whoosh keeps a separate field of unstemmed spelling words

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: Any,
    ) -> Iterator[Token]:
        if no_morph and _spelling.value is value:
            yield from _spelling_tokens(_spelling.words)
            return
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        pos = start_pos - 1  # renumbered over the kept words, as StopFilter(renumber=True)
        indexing = mode == "index" and not no_morph and removestops
        words: list[str] = []
        for match in _TOKEN.finditer(value):
            for text, start, end in _pieces(match, mode == "query"):
                folded = text.lower().translate(accent_map)
                stopped = folded in STOP_WORDS
                if stopped and removestops:
                    continue
                token.text = folded if no_morph else _stem(folded)
                if indexing and not stopped:
                    words.append(folded)
                token.stopped = stopped
                if keeporiginal:
                    token.original = text
                if positions:
                    if stopped:
                        token.pos = pos + 1
                    else:
                        pos += 1
                        token.pos = pos
                if chars:
                    token.startchar = start_char + start
                    token.endchar = start_char + end
                yield token
        if indexing:
            _spelling.value, _spelling.words = value, words


class _Spelling(threading.local):
    """The unstemmed words of the text this thread last indexed.

    Whoosh analyses a field's text a second time for its spelling words (with ``no_morph``),
    right after indexing it: 10% of writing an article. The first pass already had the
    words, so the second is answered from them (the same text object only).
    """

    def __init__(self) -> None:
        self.value: str | None = None
        self.words: list[str] = []


_spelling = _Spelling()


def _spelling_tokens(words: list[str]) -> Iterator[Token]:
    token = Token()
    for word in words:
        token.text = word
        yield token


def _pieces(match: re.Match[str], query_mode: bool) -> Iterator[tuple[str, int, int]]:
    """(text, start, end) for one regex match: a word, its hyphenated parts, or CJK bigrams."""
    start = match.start()
    if match.group("cjk"):
        run = match.group("cjk")
        if len(run) == 1:
            yield run, start, start + 1
        for i in range(len(run) - 1):
            yield run[i : i + 2], start + i, start + i + 2
        return
    word = match.group("word")
    parts = _HYPHEN.split(word)
    if len(parts) == 1:
        yield word, start, match.end()
        return
    yield "".join(parts), start, match.end()
    if query_mode:
        return
    offset = start
    for part in parts:
        yield part, offset, offset + len(part)
        offset += len(part) + 1


_BRITISH = [
    (re.compile(r"^programme(s?)$"), r"program\1"),
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w{3,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{3,})tre(s?)$"), r"\1ter\2"),
    (re.compile(r"^(\w{3,})our(s|ed|ing|able)?$"), r"\1or\2"),
]


def american_spelling(word: str) -> str:
    """Map common British spellings to American ones, so both stem alike.

    >>> [american_spelling(w) for w in ["specialise", "programmes", "centre", "labour", "four"]]
    ['specialize', 'programs', 'center', 'labor', 'four']
    """
    for pattern, replacement in _BRITISH:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return word


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """British-to-American spelling, then Porter2; CJK bigrams and numbers pass unchanged."""
    return word if is_cjk(word[0]) else porter2_stem(american_spelling(word))


ANALYZER = TextAnalyzer()


def analyze(text: str) -> list[str]:
    """The index terms of ``text``, in order (stems, stop words removed).

    >>> analyze("Start-ups are collaborating on 香港科技")
    ['startup', 'start', 'up', 'collabor', '香港', '港科', '科技']
    """
    return [term for term, _start, _end in term_spans(text)]


@functools.lru_cache(maxsize=4096)
def term_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each index term of ``text`` with its character span.

    Cached: answering re-reads the same candidate paragraphs for every keystroke of a question.
    """
    return tuple((t.text, t.startchar, t.endchar) for t in ANALYZER(text, chars=True))


def query_terms(text: str) -> list[str]:
    """The terms a query word becomes (hyphenated words joined, as the query parser does)."""
    return [t.text for t in ANALYZER(text, mode="query")]
