"""The text layer of a PDF as lines with their look and place, read with PDFium.

PDFium (through pypdfium2, Apache-2.0/BSD-3) was chosen over pypdf and pdfminer.six by
measurement on 250 real pages (``tests/bench/pdf_libraries.py``): about 640 pages/s against
43 (pypdf) and 14 (pdfminer.six), with pdfminer's word counts (pypdf glued words together on
a tax form and slides) and a password-protected file told apart from a damaged one.

Each line keeps what the layout says about it: its font size and weight (headings), its box
(running headers and footers stand at a page's edges; paragraphs end where a line stops
short or a gap opens), so :mod:`desktop.core.ingest.pdf_reader` can rebuild the article.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from desktop.core.errors import SourceError
from desktop.core.ingest.pdf_guard import check_streams

#: Pages read from one PDF: a long report or a book; the rest is left out (and said so).
MAX_PDF_PAGES = 2_000
#: Characters read from one page: a page of small print has about 10,000.
MAX_PAGE_CHARS = 40_000
#: A font weight this heavy or heavier is bold (CSS weights: 400 regular, 700 bold).
BOLD_WEIGHT = 600


@dataclass(frozen=True)
class PdfLine:
    """One line of a page's text layer.

    Attributes:
        text: the line's text, spaces normalised.
        size: its font size in points (of its middle character).
        bold: every sampled character is in a bold font.
        left, right, top, bottom: its box in points from the page's bottom left corner.
        baseline, last_baseline: the heights of its first and last characters' baselines
            (PDFium joins a word hyphenated over two lines into one line: then they differ).
    """

    text: str
    size: float
    bold: bool
    left: float
    right: float
    top: float
    bottom: float
    baseline: float = 0.0
    last_baseline: float = 0.0


@dataclass(frozen=True)
class PdfPage:
    """A page's lines in reading order, its label ("7", "vii") and its height in points."""

    label: str
    lines: tuple[PdfLine, ...]
    height: float


@dataclass(frozen=True)
class PdfText:
    """What a PDF's text layer holds: its pages (at most :data:`MAX_PDF_PAGES`) and metadata."""

    pages: tuple[PdfPage, ...]
    metadata: dict[str, str]
    page_count: int


def read_pdf_text(data: bytes) -> PdfText:
    """The lines of every page of a PDF in memory.

    Raises:
        SourceError: the PDF needs a password, PDFium cannot read it, or its streams inflate
            to more than one file may (see :mod:`desktop.core.ingest.pdf_guard`).
    """
    check_streams(data)
    return read_unchecked(data)


def read_unchecked(data: bytes) -> PdfText:
    """:func:`read_pdf_text` without looking at the streams first: for
    :mod:`desktop.core.ingest.pdf_sandbox`'s bounded child only."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # here: only PDFs need it
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise SourceError(
                "The PDF is encrypted (it needs a password to open); InnoAtlas does not read "
                "protected files. Save an unprotected copy to import it."
            ) from error
        raise SourceError("The PDF cannot be read: it is damaged or not a PDF.") from error
    try:
        count = len(document)
        metadata = {k: v.strip() for k, v in document.get_metadata_dict(skip_empty=True).items()}
        pages = tuple(_pages(document, min(count, MAX_PDF_PAGES), raw))
        return PdfText(pages, metadata, count)
    finally:
        document.close()


def _pages(document: Any, count: int, raw: Any) -> Iterator[PdfPage]:
    import pypdfium2 as pdfium

    for index in range(count):
        page = document[index]
        try:
            height = float(page.get_height())
            textpage = page.get_textpage()
            try:
                lines = tuple(_lines(textpage, raw))
            finally:
                textpage.close()
        finally:
            page.close()
        try:
            label = document.get_page_label(index).strip()
        except (pdfium.PdfiumError, UnicodeError, ValueError):  # a broken label: the number
            label = ""
        yield PdfPage(label or str(index + 1), lines, height)


def _lines(textpage: Any, raw: Any) -> Iterator[PdfLine]:
    """The page's lines as PDFium orders them (the content's order, usually reading order)."""
    chars = min(textpage.count_chars(), MAX_PAGE_CHARS)
    if chars <= 0:
        return
    text = textpage.get_text_range(0, chars)
    position = 0
    for piece in text.splitlines(keepends=True):
        start, position = position, position + len(piece)
        line = " ".join(piece.split())
        if not line:
            continue
        first = start + (len(piece) - len(piece.lstrip()))
        last = start + len(piece.rstrip()) - 1
        yield _line(textpage, raw, line, first, last)


def _line(textpage: Any, raw: Any, text: str, first: int, last: int) -> PdfLine:
    """A line with its look, sampled from its first, middle and last characters."""
    handle = textpage.raw
    indexes = [raw.FPDFText_GetCharIndexFromTextIndex(handle, i) for i in (first, last)]
    start, end = (i if i >= 0 else first for i in indexes)
    samples = sorted({start + (end - start) * k // 4 for k in range(5)})
    sizes = sorted(
        float(raw.FPDFText_GetFontSize(handle, i)) * _scale(handle, raw, i) for i in samples
    )
    size = sizes[len(sizes) // 2]
    left, _r, bottom, top = _box(handle, raw, start)
    _l, right, bottom_end, top_end = _box(handle, raw, end)
    return PdfLine(
        text=text,
        size=round(size, 1),
        bold=all(_bold(handle, raw, i) for i in samples),
        left=left,
        right=max(right, left),
        top=max(top, top_end),
        bottom=min(bottom, bottom_end),
        baseline=_origin(handle, raw, start, bottom),
        last_baseline=_origin(handle, raw, end, bottom_end),
    )


def _box(handle: Any, raw: Any, index: int) -> tuple[float, float, float, float]:
    """A character's box (left, right, bottom, top), zeros when PDFium has none."""
    box = [ctypes.c_double() for _ in range(4)]
    if not raw.FPDFText_GetCharBox(handle, index, *(ctypes.byref(v) for v in box)):
        return 0.0, 0.0, 0.0, 0.0
    left, right, bottom, top = (v.value for v in box)
    return left, right, bottom, top


def _scale(handle: Any, raw: Any, index: int) -> float:
    """How much the text matrix scales a character's font size (a font set at 1 pt and
    scaled to 9 by the matrix, as some printers write PDFs, is 9 pt on the page)."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)):
        return 1.0
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return scale if scale > 0 else 1.0


#: Words of a font's name that say it is bold: "Arial-BoldMT", "Helvetica-Black", TeX's
#: "CMBX10" (Computer Modern Bold eXtended).
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|cmbx|\bbx", re.I)


def _bold(handle: Any, raw: Any, index: int) -> bool:
    """Whether a character is set in a bold font, by its weight or else its font's name."""
    if raw.FPDFText_GetFontWeight(handle, index) >= BOLD_WEIGHT:
        return True
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    length = raw.FPDFText_GetFontInfo(handle, index, buffer, 128, ctypes.byref(flags))
    return 0 < length <= 128 and bool(_BOLD_NAME.search(buffer.value.decode("latin-1")))


def _origin(handle: Any, raw: Any, index: int, fallback: float) -> float:
    """The height of a character's baseline, or ``fallback`` (its box's bottom)."""
    x, y = ctypes.c_double(), ctypes.c_double()
    if not raw.FPDFText_GetCharOrigin(handle, index, ctypes.byref(x), ctypes.byref(y)):
        return fallback
    return float(y.value)
