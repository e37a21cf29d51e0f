"""Bytes to text: BOMs first, then strict UTF-8, then charset detection for the rest.

Scrapes arrive in UTF-8, UTF-16, GB18030/GBK, Big5 or Latin-1; a binary file must be refused
with a reason rather than decoded into nonsense.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from desktop.core.errors import SourceError

MAX_BYTES = 20 * 1024 * 1024

#: The legacy encodings we tell apart when a file is not UTF: Chinese (simplified and
#: traditional), Western European, Japanese, Korean and Cyrillic. Fewer candidates make short
#: files far less ambiguous (Latin-1 text otherwise passes for Central European).
LEGACY_ENCODINGS = ("gb18030", "big5", "cp1252", "shift_jis", "euc_kr", "cp1251")

_BOMS = (
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
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace")), encoding
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_like_utf16(data):
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return _checked(data.decode(encoding, errors="replace")), encoding
    if b"\x00" in data[:8192]:
        raise SourceError("The file is binary, not text.")
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise SourceError("The file's text encoding could not be recognised.")
    return _checked(str(best)), best.encoding


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    return max(zeros_even, zeros_odd) > 0.3 * half and min(zeros_even, zeros_odd) < 0.05 * half


def _checked(text: str) -> str:
    """Refuse text that is mostly control characters: a binary file that happened to decode."""
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(sample) // 100):
        raise SourceError("The file is binary, not text.")
    return text
