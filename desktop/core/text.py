"""Small text helpers shared by cleaning, answering and tests: normalising and sentences."""

from __future__ import annotations

import json
import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2032": "'",
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")


def clean_line(line: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) and drop invisible characters.

    >>> clean_line("\\u00a0 Hong\\u00a0Kong \\u200b ")
    'Hong Kong'
    """
    return _SPACES.sub(" ", line.translate(_INVISIBLE)).strip()


def fold(text: str) -> str:
    """A form for comparing text: case, accents, curly quotes and spacing do not matter.

    >>> fold("  Universidad de San Martín’s  ")
    "universidad de san martin's"
    """
    text = text.translate(_QUOTES)
    if not text.isascii():  # most text is: no accents to strip
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", text.casefold()).strip()


_SENTENCE_END = re.compile(
    r"""(?<=[.!?。！？])["'\u201d\u2019)\]]*\s+(?=["'\u201c\u2018(\[]*[A-Z0-9\u4e00-\u9fff])"""
)
#: What ends in a full stop without ending a sentence: titles, abbreviations, an initial
#: ("Rocky S. Tuan", "J.R.R. Tolkien").
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Inc|Ltd|Co|Corp|vs|e\.g|i\.e|Jr|Sr|Hon|Ch|Fig|Gen|Col|Lt)\."
    r"|(?:^|[\s.])[A-Z]\.)$"
)


_INITIAL = re.compile(r"(?:^|[\s.])[A-Z]\.$")
#: Words that open a sentence, not a name: after "Team A." they say the sentence ended.
_OPENER = re.compile(
    r"(?:The|A|An|It|Its|This|That|These|They|He|She|We|I|In|On|At|But|And|Both|Its|There)\b"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in a paragraph (a rule-based splitter, no model).

    >>> text = "Dr. Fujita leads it. It opened in 2023! Why? Ask Rocky S. Tuan. Team A. The end."
    >>> [text[a:b] for a, b in sentence_spans(text)][3:]
    ['Ask Rocky S. Tuan.', 'Team A.', 'The end.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()]
        if _ABBREVIATIONS.search(candidate) and not (
            _INITIAL.search(candidate) and _OPENER.match(text, match.end())
        ):
            continue
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def word_count(text: str) -> int:
    """Words in a line, counting each CJK character as one word.

    >>> word_count("HKSTP 香港科技園 opened")
    7
    """
    if text.isascii():
        return len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk


_CJK_RANGES = "\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\U00020000-\U0002ffff"
_CJK = re.compile(f"[{_CJK_RANGES}]")
_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")


def is_cjk(char: str) -> bool:
    """True for Chinese, Japanese kana and Korean syllables."""
    code = ord(char)
    return (
        0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x3040 <= code <= 0x30FF
        or 0xAC00 <= code <= 0xD7AF
        or 0x20000 <= code <= 0x2FFFF
    )


def cjk_ratio(text: str) -> float:
    """The share of letters in ``text`` that are CJK characters."""
    if text.isascii():
        return 0.0
    letters = len(_LETTER.findall(text))
    return len(_CJK.findall(text)) / letters if letters else 0.0


#: Terminal escape sequences (CSI ``ESC [ ... final``, OSC ``ESC ] ... BEL or ESC \\``, an
#: unterminated OSC ending at the line's end, and the
#: two-character ones), then any other control character but newline, tab and the carriage
#: return of a CRLF line end (a lone one rewrites the line), C1 controls included, and the
#: bidirectional overrides that make text display in another order.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?|\x9d[^\x07\x9c\n]*[\x07\x9c]?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)


def terminal_safe(text: str) -> str:
    """Text with nothing a terminal would obey: escape sequences (which can set the window's
    title, clear the screen or rewrite what was printed) and control characters removed.

    A title or a file name comes from files a user did not write; printed raw, it could take
    over the terminal it is printed on.

    >>> terminal_safe("Report\\x1b]0;pwned\\x07 on \\x1b[2JHKSTP\\rX\\r\\n\\tnext")
    'Report on HKSTPX\\r\\n\\tnext'
    """
    return _ESCAPES.sub("", text) if not text.isprintable() else text


#: What JSON allows raw inside a string that a terminal or an editor would still obey.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(data: object, indent: int | None = 2) -> str:
    """``data`` as JSON, non-ASCII text kept as it is, every control character escaped.

    ``json.dumps`` escapes the C0 controls but leaves C1 ones (``\\x9b`` starts an escape
    sequence on many terminals) and bidirectional overrides raw; escaped, they still read back
    as the same text.

    >>> json_text({"title": "a\\x9b2Jb\\u202e"}, indent=None)
    '{"title": "a\\\\u009b2Jb\\\\u202e"}'
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
