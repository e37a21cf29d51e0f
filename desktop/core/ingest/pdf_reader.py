"""A PDF's text layer to an article: paragraphs rebuilt from lines, each with its page.

A PDF has no paragraphs, only lines placed on pages, so the article is rebuilt from the
layout (:mod:`desktop.core.ingest.pdf_layout` reads it):

1. running headers and footers go: a line at the top or bottom edge of a page that repeats
   (numbers aside) on many pages, and a bare page number ("7", "Page 7 of 48", "- 7 -");
2. a short line set larger than the body text, or bold throughout, is a heading;
3. lines join into a paragraph until a gap opens, a line stops short after a sentence, the
   next is indented or starts a list item; a paragraph goes on over a page break when its
   sentence does; a word hyphenated at a line's end is joined again;
4. every paragraph keeps the page it starts on ("p. 7", the page's own label where the PDF
   gives one), which the reader and bookmarks show.

A PDF with no text at all (a scan without OCR) is skipped with the reason "no text layer";
an encrypted one says it needs a password.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from desktop.core.errors import SourceError
from desktop.core.ingest.assemble import SourceBlock, article_from_blocks
from desktop.core.ingest.limits import bounded_blocks
from desktop.core.ingest.pdf_layout import MAX_PDF_PAGES, PdfLine, PdfPage
from desktop.core.ingest.pdf_sandbox import read_pdf_safely
from desktop.core.model import Article, ArticleDate, BlockKind, Removal
from desktop.core.text import clean_line, word_count

#: A document has a text layer when one page at least has this many letters or digits (a
#: scan may carry a word of hidden text on a page or two).
MIN_TEXT_CHARS = 20
#: How many lines at the top and at the bottom of a page may be a running header or footer.
EDGE_LINES = 2
#: ... and only in the top or bottom share of its height.
EDGE_SHARE = 0.15
#: A line at a page's edge is running when it repeats on this share of the pages (and at
#: least twice).
RUNNING_SHARE = 0.4
#: A heading is set this much larger than the body text, or bold, and this short.
HEADING_SCALE = 1.15
MAX_HEADING_WORDS = 15
#: A gap this many times the usual line spacing ends a paragraph.
PARAGRAPH_GAP = 1.4

_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:page|p\.|seite|pág\.?)?\s*(?:\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|/|von)\s*\d{1,4})?[\W_]*$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[^\w#]+")
_WORD = re.compile(r"[^\W\d_]{3}|[\u3000-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?:;。！？][\"'”’)\]]*$")
_LIST_ITEM = re.compile(r"^(?:[•·▪◦■●\-–—*]|\(?[0-9ivx]{1,3}[.)]|\(?[a-z][.)])\s", re.I)
#: PDFium marks a hyphen that breaks a word at a line's end with U+FFFE; a soft hyphen or
#: U+0002 does the same in some files.
_BREAK_HYPHENS = "\ufffe\u00ad\u0002"
_OFFICE_TITLE = re.compile(r"^(?:microsoft\s+\w+\s*-\s*)", re.I)
_FILE_TITLE = re.compile(r"\.(?:docx?|pdf|tex|dvi|rtf|odt|indd|qxd|pages|pptx?|xlsx?)$", re.I)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def article_from_pdf(data: bytes, source: str, fallback_title: str) -> Article:
    """The Article in a PDF's bytes.

    Raises:
        SourceError: the PDF is encrypted, damaged, or has no text layer.
    """
    text = read_pdf_safely(data)
    letters = [sum(c.isalnum() for line in page.lines for c in line.text) for page in text.pages]
    if not any(count >= MIN_TEXT_CHARS for count in letters):
        raise SourceError(
            "The PDF has no text layer (scanned pages or only pictures): there is no text to "
            "search. Run it through OCR to import it."
        )
    removals: list[Removal] = []
    pages = strip_running_lines(text.pages, removals)
    body = body_size(pages)
    blocks = list(pdf_blocks(pages, body))
    title = metadata_title(text.metadata.get("Title", ""))
    if title is None:
        title, blocks = layout_title(blocks)
    if text.page_count > MAX_PDF_PAGES:
        removals.append(
            Removal(
                0,
                f"pages {MAX_PDF_PAGES + 1}-{text.page_count}",
                "limit",
                f"the PDF is longer than InnoAtlas reads ({MAX_PDF_PAGES:,} pages): "
                "the rest is left out",
            )
        )
    source_blocks = [
        SourceBlock(b.kind, b.text, number, f"p. {b.page}")
        for number, b in enumerate(blocks, start=1)
    ]
    kept, cut = bounded_blocks(source_blocks)
    author = text.metadata.get("Author", "")
    return article_from_blocks(
        kept,
        source,
        title=title,
        date=pdf_date(text.metadata.get("CreationDate", "")),
        fallback_title=fallback_title,
        removals=[*removals, *([cut] if cut else [])],
        bylines=[author] if author and not _DIGITS.search(author) else [],
    )


@dataclass
class _Block:
    kind: BlockKind
    page: str
    size: float
    lines: list[PdfLine] = field(default_factory=list)
    text: str = ""


def strip_running_lines(pages: Sequence[PdfPage], removals: list[Removal]) -> list[PdfPage]:
    """The pages without their running headers, footers and page numbers (each recorded).

    >>> line = lambda text, top: PdfLine(text, 10, False, 50, 300, top, top - 10)
    >>> pages = [PdfPage(str(n), (line(f"Annual Report {n}", 800), line("Body.", 500),
    ...     line(str(n), 40)), 842) for n in (1, 2, 3)]
    >>> [[l.text for l in p.lines] for p in strip_running_lines(pages, [])]
    [['Body.'], ['Body.'], ['Body.']]
    """
    edges = [_edge_lines(page) for page in pages]
    counts = Counter(key for edge in edges for key in {_running_key(line.text) for line in edge})
    needed = max(2, RUNNING_SHARE * len(pages))
    kept_pages = []
    number = 0
    for page, edge in zip(pages, edges, strict=True):
        kept = []
        for line in page.lines:
            number += 1
            if any(line is e for e in edge):
                repeats = counts[_running_key(line.text)]
                if repeats >= needed or _PAGE_NUMBER.match(line.text):
                    why = (
                        "a page number"
                        if _PAGE_NUMBER.match(line.text)
                        else f"a running header or footer (at the edge of {repeats} pages)"
                    )
                    removals.append(Removal(number, line.text, "running", why))
                    continue
            kept.append(line)
        kept_pages.append(PdfPage(page.label, tuple(kept), page.height))
    return kept_pages


def _edge_lines(page: PdfPage) -> list[PdfLine]:
    """The highest and lowest lines of a page, those within its margins' share of it."""
    by_height = sorted(page.lines, key=lambda line: -line.top)
    top = [line for line in by_height[:EDGE_LINES] if line.top > (1 - EDGE_SHARE) * page.height]
    rest = by_height[EDGE_LINES:][-EDGE_LINES:]
    return top + [line for line in rest if line.bottom < EDGE_SHARE * page.height]


def _running_key(text: str) -> str:
    """A line as it repeats from page to page: its numbers (page, chapter) and the dashes
    around them do not count.

    >>> _running_key("Page 6 of 48  Instructions") == _running_key("Page 7 of 48 Instructions")
    True
    >>> _running_key("-6- Annual Report") == _running_key("- 36 - Annual Report")
    True
    """
    return " ".join(_NOT_WORD.sub(" ", _DIGITS.sub("#", text.lower())).split())


def body_size(pages: Sequence[PdfPage]) -> float:
    """The font size most of the text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size)] += len(line.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 10.0


def _is_heading(line: PdfLine, body: float) -> bool:
    words = word_count(line.text)
    if not 0 < words <= MAX_HEADING_WORDS or _PAGE_NUMBER.match(line.text):
        return False
    # A figure's labels ("α", "P", "s1") are set large too: a heading has a word.
    if line.text.rstrip().endswith((".", ",", ";")) or not _WORD.search(line.text):
        return False
    return line.size >= body * HEADING_SCALE or (line.bold and line.size >= body * 0.95)


def pdf_blocks(pages: Sequence[PdfPage], body: float) -> Iterator[_Block]:
    """Headings and paragraphs rebuilt from the pages' lines, each with its page's label."""
    spacing = _line_spacing(pages, body)
    current: _Block | None = None
    for page in pages:
        for line in page.lines:
            kind: BlockKind = "heading" if _is_heading(line, body) else "paragraph"
            if current is not None and _continues(current, line, kind, page.label, spacing):
                current.lines.append(line)
                continue
            if current is not None:
                yield _finished(current)
            current = _Block(kind, page.label, line.size, [line])
    if current is not None:
        yield _finished(current)


def _line_spacing(pages: Sequence[PdfPage], body: float) -> float:
    """The usual distance between the baselines of two lines of a paragraph."""
    gaps = sorted(
        round(a.last_baseline - b.baseline, 1)
        for page in pages
        for a, b in zip(page.lines, page.lines[1:], strict=False)
        if 0 < a.last_baseline - b.baseline < 3 * body
    )
    # The lower third: the gaps between paragraphs are many too where paragraphs are short.
    return gaps[len(gaps) // 3] if gaps else body * 1.2


def _continues(block: _Block, line: PdfLine, kind: BlockKind, page: str, spacing: float) -> bool:
    """Whether ``line`` goes on the block (a paragraph, or a heading set on two lines)."""
    previous = block.lines[-1]
    if kind != block.kind:
        return False
    if kind == "heading":
        return page == block.page and abs(line.size - block.size) < 0.5 and _near(previous, line)
    ended = bool(_SENTENCE_END.search(previous.text))
    if page != block.page:  # a new page: the paragraph goes on while its sentence does
        return not ended and not _LIST_ITEM.match(line.text)
    if _LIST_ITEM.match(line.text):
        return False
    gap = previous.last_baseline - line.baseline
    if gap > PARAGRAPH_GAP * spacing:
        return False
    if gap <= 0:  # a new column, or a table's row: go on while the sentence does
        return not ended
    if not ended:
        return True
    # Where this column's lines end (of a block of one line nothing says it stopped short).
    column = [b for b in block.lines if abs(b.left - previous.left) < 2 * line.size]
    short = previous.right < max(b.right for b in column) - 2 * line.size
    indented = line.left > min(b.left for b in column or [previous]) + 0.8 * line.size
    return not (short or indented)


def _near(previous: PdfLine, line: PdfLine) -> bool:
    return 0 < previous.last_baseline - line.baseline < 2 * line.size


def _finished(block: _Block) -> _Block:
    block.text = join_lines([line.text for line in block.lines])
    return block


def join_lines(lines: Sequence[str]) -> str:
    """A paragraph's lines as one text, words hyphenated at a line's end joined again.

    >>> join_lines(["The Science Park in- ", "cubates start-", "ups and Hong-", "Kong firms."])
    'The Science Park incubates startups and Hong-Kong firms.'
    >>> join_lines(["para\\ufffe", "graph"])
    'paragraph'
    """
    text = ""
    for raw_line in lines:
        line = raw_line.strip()
        if not text:
            text = line
        elif text[-1] in _BREAK_HYPHENS:
            text = text[:-1] + line
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].isalpha():
            text = text[:-1] + line if line[0].islower() else text + line
        else:
            text = f"{text} {line}"
    return clean_line(re.sub(f"[{_BREAK_HYPHENS}]", "", text))


def metadata_title(value: str) -> str | None:
    """The PDF's own title when it is a title, not a file name or an editor's placeholder.

    >>> metadata_title("Microsoft Word - report.docx"), metadata_title("Annual Report 2023")
    (None, 'Annual Report 2023')
    """
    title = clean_line(_OFFICE_TITLE.sub("", value))
    if not title or _FILE_TITLE.search(title) or title.lower() in ("untitled", "title"):
        return None
    return title if sum(c.isalpha() for c in title) >= 3 else None


def layout_title(blocks: list[_Block]) -> tuple[str | None, list[_Block]]:
    """The largest heading on the first page as the title, and the blocks without it."""
    first_page = [b for b in blocks if b.page == blocks[0].page] if blocks else []
    headings = [b for b in first_page if b.kind == "heading"]
    if not headings:
        return None, blocks
    title = max(headings, key=lambda b: b.size)
    return title.text, [b for b in blocks if b is not title]


def pdf_date(value: str) -> ArticleDate | None:
    """The date a PDF's metadata says it was made (``D:20231206080123-05'00'``).

    >>> pdf_date("D:20231206080123-05'00'"), pdf_date("garbage")
    (ArticleDate(year=2023, month=12, day=6), None)
    """
    match = _PDF_DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if year is None or not 1900 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and not 1 <= day <= 31:
        day = None
    return ArticleDate(year, month, day if month else None)
