"""Bytes to text: BOMs first, then strict UTF-8, then charset detection for the rest.

Scrapes arrive in UTF-8, UTF-16, GB18030/GBK, Big5 or Latin-1; a binary file must be refused
with a reason rather than decoded into nonsense.
"""

from __future__ import annotations

import codecs
import contextlib
import unicodedata
from collections.abc import Callable

import charset_normalizer

from desktop.core.errors import SourceError
from desktop.core.text import is_cjk

#: The legacy encodings we tell apart when a file is not UTF: Chinese (simplified and
#: traditional), Western European, Japanese, Korean and Cyrillic. Fewer candidates make short
#: files far less ambiguous (Latin-1 text otherwise passes for Central European).
LEGACY_ENCODINGS = ("gb18030", "big5", "cp1252", "shift_jis", "euc_kr", "cp1251")

#: Byte order marks and their codecs, longest first: UTF-32's little-endian mark begins with
#: UTF-16's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes; return the text and the encoding used.

    Raises:
        SourceError: the bytes are empty, binary or in no encoding we can tell.

    >>> decode_bytes("香港科技園".encode("big5"))[0]
    '香港科技園'
    >>> decode_bytes("café".encode("utf-8"))
    ('café', 'utf-8')
    """
    if not data.strip():
        raise SourceError("The file is empty.")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace")), encoding
    has_nul = b"\x00" in data[:8192]
    if not has_nul:
        try:
            return _checked(data.decode("utf-8")), "utf-8"
        except UnicodeDecodeError:
            pass
    # Without a BOM, UTF-16 is told by what it decodes to. ASCII in it has a zero byte per
    # character (valid UTF-8, zeros and all, and never in a legacy encoding); Chinese may have
    # none, and then a legacy encoding is the likelier reading (Shift JIS read as UTF-16 is
    # Chinese characters too), so UTF-16 comes after them.
    if has_nul:
        # UTF-8 with a stray zero byte stays UTF-8; ASCII in UTF-16 is valid UTF-8 too, but
        # its zeros are far more than the few controls text may have.
        with contextlib.suppress(UnicodeDecodeError, SourceError):
            return _checked(data.decode("utf-8")), "utf-8"
        utf16 = _as_utf16(data)
        if utf16 is None:
            raise SourceError("The file is binary, not text.")
        return utf16
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is not None:
        return _checked(str(best)), best.encoding
    # UTF-16 without zero bytes is Chinese, Japanese or Korean through and through; bytes
    # of another text read as UTF-16 give a mixture of scripts.
    utf16 = _as_utf16(data, share=UTF16_CJK_SHARE, ordinary=is_cjk_text)
    if utf16 is None:
        raise SourceError("The file's text encoding could not be recognised.")
    return utf16


#: How much of a file is looked at to tell UTF-16, at least and at most.
UTF16_MIN_BYTES = 16
UTF16_SAMPLE = 8192
#: The share of a UTF-16 reading that must be ordinary text to be taken.
UTF16_TEXT_SHARE = 0.97
#: ... and, without a zero byte, the share that must be Chinese, Japanese or Korean.
UTF16_CJK_SHARE = 0.95
#: Unicode's general categories of ordinary text: letters, marks, numbers, punctuation,
#: symbols, spaces (not controls, private use, surrogates or unassigned code points).
_ORDINARY = frozenset({"L", "M", "N", "P", "S", "Z"})


def _as_utf16(
    data: bytes, share: float = 0.0, ordinary: Callable[[str], bool] | None = None
) -> tuple[str, str] | None:
    """The text and its encoding if the bytes read as UTF-16 text in one byte order.

    Both orders are tried on a sample; one is taken when its zero bytes (if any) are all high
    bytes and it decodes without error into text that is nearly all ordinary characters (the
    wrong order, or a legacy Chinese encoding read as UTF-16, gives unassigned, private and
    control characters).

    >>> _as_utf16("香港科技園公司今日宣佈推出新的培育計劃".encode("utf-16-be"))
    ('香港科技園公司今日宣佈推出新的培育計劃', 'utf-16-be')
    >>> _as_utf16("Binary".encode("utf-16-le")[1:] + b"a") is None
    True
    """
    size = min(len(data), UTF16_SAMPLE)
    sample = data[: size - size % 2]
    if len(sample) < UTF16_MIN_BYTES:
        return None
    scores = []
    # Zero bytes in UTF-16 text are the high bytes of ASCII characters: odd offsets in
    # little-endian, even in big-endian. Zeros in low bytes mean binary data.
    zeros = (sample[0::2].count(0), sample[1::2].count(0))
    for encoding, low_zeros in (("utf-16-le", zeros[0]), ("utf-16-be", zeros[1])):
        if low_zeros > 0.02 * sum(zeros):
            continue
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError as error:
            if size == len(data) or error.start < len(sample) - 4:
                continue
            text = sample[: error.start].decode(encoding)  # cut inside a surrogate pair
        scores.append((_share(text, ordinary or _is_ordinary), encoding))
    if not scores or max(scores)[0] < (share or UTF16_TEXT_SHARE):
        return None
    encoding = max(scores)[1]
    return _checked(data.decode(encoding, errors="replace")), encoding


def _is_ordinary(char: str) -> bool:
    """A letter, mark, number, punctuation, symbol or space (or a line break or tab)."""
    category = unicodedata.category(char)
    return char in "\n\r\t" or (category[0] in _ORDINARY and category != "Co")


def is_cjk_text(char: str) -> bool:
    """A Chinese, Japanese or Korean character, their punctuation, or a line break."""
    return (
        is_cjk(char)
        or "\u3000" <= char <= "\u303f"
        or "\uff00" <= char <= "\uffef"
        or (char in "\n\r")
    )


def _share(text: str, counts: Callable[[str], bool]) -> float:
    """The share of characters of ``text`` that ``counts``."""
    return sum(1 for c in text if counts(c)) / len(text) if text else 0.0


def _checked(text: str) -> str:
    """Refuse text that is mostly control characters: a binary file that happened to decode."""
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(sample) // 100):
        raise SourceError("The file is binary, not text.")
    return text
