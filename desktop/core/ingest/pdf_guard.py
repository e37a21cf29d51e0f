"""A look at a PDF's streams before PDFium parses them: what they inflate to is bounded.

PDFium parses a page's whole content stream in one C call, which no timer interrupts, and
keeps every text object it finds: a 600 KB file whose content stream inflates to 200 MB of
tiny text operators took 10 s and 3 GB. So, before PDFium sees the file, each stream is
inflated here, in chunks whose output is counted and dropped at once: a content stream
that inflates past :data:`MAX_STREAM_BYTES`, or streams that all together pass
:data:`MAX_INFLATED_BYTES`, make the file a SourceError. What a stream's dictionary says
is not trusted (padding can push it out of sight, a filter can be hidden behind another or
an indirect object): every stream is tried as Flate data, plain or under an ASCII filter. A
picture may inflate to more (:data:`MAX_PICTURE_BYTES`): a lossless scan is large.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

from desktop.core.errors import SourceError

#: A page of dense small print is about 100 KB of content; a detailed map a few MB.
MAX_STREAM_BYTES = 16 * 1024 * 1024
MAX_INFLATED_BYTES = 256 * 1024 * 1024
#: A picture (so its dictionary says) may be larger: a lossless scan of a page.
MAX_PICTURE_BYTES = 64 * 1024 * 1024
_CHUNK = 64 * 1024
#: How far before ``stream`` its dictionary is looked for.
_DICTIONARY_BYTES = 400
_STREAM = re.compile(rb">>\s*stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image|/Type\s*/XObject\s*/Subtype\s*/Image")
_HEX = re.compile(rb"[0-9A-Fa-f\s]+>?")


def check_streams(data: bytes) -> None:
    """Raise when a stream of the PDF (other than a picture) inflates past the bounds.

    >>> check_streams(b"<< /Filter /Fl >>\\nstream\\n" + zlib.compress(b"q Q") + b"\\nendstream")

    Raises:
        SourceError: a stream, or all of them, would inflate to too much for one file.
    """
    total = 0
    for match in _STREAM.finditer(data):
        dictionary = data[max(0, match.start() - _DICTIONARY_BYTES) : match.start()]
        dictionary = dictionary[dictionary.rfind(b"obj") + 1 :]
        end = data.find(b"endstream", match.end())
        body = data[match.end() : end if end >= 0 else len(data)]
        bound = MAX_PICTURE_BYTES if _IMAGE.search(dictionary) else MAX_STREAM_BYTES
        size = _inflated_size(body, bound)
        if size > bound:
            raise _too_big(f"a stream inflates to over {bound // 2**20} MB")
        total += size
        if total > MAX_INFLATED_BYTES:
            raise _too_big(f"its streams inflate to over {MAX_INFLATED_BYTES // 2**20} MB")


def _inflated_size(body: bytes, bound: int) -> int:
    """What a stream inflates to, Flate data plain or under ASCIIHex or ASCII85 (its own
    length when it is none of these), counted up to just past the bound."""
    size = _flate_size(body, bound)
    if size:
        return size
    stripped = body.strip()
    try:
        if _HEX.fullmatch(stripped):
            size = _flate_size(binascii.unhexlify(b"".join(stripped.rstrip(b">").split())), bound)
        elif stripped.endswith(b"~>"):
            size = _flate_size(base64.a85decode(stripped, adobe=stripped.startswith(b"<~")), bound)
    except ValueError:
        pass  # not what it looked like: taken as it is
    return max(size, len(body))


def _flate_size(body: bytes, bound: int) -> int:
    """How many bytes Flate data inflates to (0 when it is not Flate), up to past the bound."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        for start in range(0, len(body), _CHUNK):
            pending = body[start : start + _CHUNK]
            while pending:
                size += len(inflater.decompress(pending, _CHUNK))
                if size > bound or inflater.eof:
                    return size
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # a damaged stream: PDFium reads what it can of it, as much as inflated here
    return size


def _too_big(why: str) -> SourceError:
    return SourceError(
        f"The PDF is too large to read safely ({why}): a damaged file or a decompression bomb."
    )
