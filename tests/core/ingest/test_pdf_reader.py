"""PDFs to articles: paragraphs rebuilt from lines, pages kept, headers and scans handled."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.core.errors import SourceError
from desktop.core.ingest import pdf_layout, pdf_sandbox
from desktop.core.ingest.pdf_reader import article_from_pdf, join_lines, metadata_title
from desktop.core.ingest.pdf_sandbox import read_pdf_safely
from desktop.core.ingest.reader import read_article
from desktop.core.model import ArticleDate
from tests.core.ingest.documents import (
    Line,
    flate_bomb_pdf,
    make_pdf,
    owner_locked,
    page_of_paragraphs,
)


def report_pages() -> list[list[Line]]:
    """Three pages of a small report: a title, a heading, a running header and page numbers,
    a word hyphenated at a line's end and a paragraph that goes on over a page break."""
    first = page_of_paragraphs(
        [
            [
                "Hong Kong Science Park opened a robotics centre for thirty start-",
                "ups in Sha Tin.",
            ],
            ["The centre offers laboratories and funding of up to", "HK$1 million a company."],
        ],
        top=720,
        header="Innovation Review 2024",
        number="1",
    )
    first.insert(1, Line("Robotics in Hong Kong", 770, 22, bold=True))
    second = page_of_paragraphs(
        [
            ["Cyberport and the park signed an agreement on data sharing for", "fintech firms."],
            ["The agreement covers cloud services, talent programmes and joint events that", "run"],
        ],
        top=720,
        header="Innovation Review 2024",
        number="2",
    )
    second.insert(1, Line("Key Areas of Collaboration", 750, 14, bold=True))
    third = page_of_paragraphs(
        [
            ["through the year in both parks.", "Its partners meet every quarter."],
            ["A final note on the Greater Bay Area closes the review of the year."],
        ],
        header="Innovation Review 2024",
        number="3",
    )
    return [first, second, third]


def test_a_report_becomes_headings_and_paragraphs_with_their_pages() -> None:
    data = make_pdf(report_pages(), {"Author": "Li Wei", "CreationDate": "D:20240305101500Z"})
    article = article_from_pdf(data, "report.pdf", "report")
    assert (article.title, article.date, article.authors) == (
        "Robotics in Hong Kong",
        ArticleDate(2024, 3, 5),
        ("Li Wei",),
    )
    assert [(b.kind, b.text, b.location) for b in article.blocks] == [
        (
            "paragraph",
            "Hong Kong Science Park opened a robotics centre for thirty startups in Sha Tin.",
            "p. 1",
        ),
        (
            "paragraph",
            "The centre offers laboratories and funding of up to HK$1 million a company.",
            "p. 1",
        ),
        ("heading", "Key Areas of Collaboration", "p. 2"),
        (
            "paragraph",
            "Cyberport and the park signed an agreement on data sharing for fintech firms.",
            "p. 2",
        ),
        (
            "paragraph",
            "The agreement covers cloud services, talent programmes and joint events that run "
            "through the year in both parks.",
            "p. 2",
        ),
        ("paragraph", "Its partners meet every quarter.", "p. 3"),  # after a short line
        (
            "paragraph",
            "A final note on the Greater Bay Area closes the review of the year.",
            "p. 3",
        ),
    ]
    removed = [(r.rule, r.text) for r in article.removals]
    assert removed.count(("running", "Innovation Review 2024")) == 3
    assert {("running", str(n)) for n in (1, 2, 3)} <= set(removed)


def test_the_metadata_title_wins_unless_it_is_a_file_name() -> None:
    pages = report_pages()
    titled = article_from_pdf(make_pdf(pages, {"Title": "Review 2024"}), "r.pdf", "r")
    assert titled.title == "Review 2024"
    assert titled.blocks[0].text.startswith("Robotics in Hong Kong")  # now the first heading
    named = article_from_pdf(make_pdf(pages, {"Title": "Microsoft Word - r.docx"}), "r.pdf", "r")
    assert named.title == "Robotics in Hong Kong"
    assert (metadata_title("untitled"), metadata_title("  ")) == (None, None)


def test_a_scanned_pdf_is_skipped_for_having_no_text_layer() -> None:
    with pytest.raises(SourceError, match="no text layer"):
        article_from_pdf(make_pdf(report_pages(), image_only=True), "scan.pdf", "scan")


def test_an_encrypted_pdf_says_it_needs_a_password() -> None:
    with pytest.raises(SourceError, match=r"encrypted \(it needs a password"):
        article_from_pdf(make_pdf(report_pages(), encrypted=True), "locked.pdf", "locked")


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4\n garbage", b"\x00" * 5000, b"PK\x03\x04"])
def test_a_damaged_pdf_is_a_source_error(data: bytes) -> None:
    with pytest.raises(SourceError, match="cannot be read"):
        article_from_pdf(data, "bad.pdf", "bad")


def test_read_article_reads_pdf_files_by_their_suffix(tmp_path: Path) -> None:
    path = tmp_path / "Report.PDF"
    path.write_bytes(make_pdf(report_pages()))
    article = read_article(path)
    assert (article.title, article.source) == ("Robotics in Hong Kong", str(path))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf(report_pages(), image_only=True))
    with pytest.raises(SourceError, match="no text layer"):
        read_article(scan)


def test_words_broken_at_line_ends_are_joined() -> None:
    assert join_lines(["a robo-", "tics lab", "for Hong-", "Kong", "data\u00ad", "sets"]) == (
        "a robotics lab for Hong-Kong datasets"
    )


def test_a_pdf_of_very_many_pages_is_read_up_to_the_page_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_layout, "MAX_PDF_PAGES", 5)
    monkeypatch.setattr("desktop.core.ingest.pdf_reader.MAX_PDF_PAGES", 5)
    words = "robots chips data cloud talent funds labs parks bays grants".split()
    pages = [
        page_of_paragraphs([[f"This page tells of {words[n % 10]} and {words[n // 10]}."]])
        for n in range(40)
    ]
    article = article_from_pdf(make_pdf(pages), "long.pdf", "long")
    assert [b.location for b in article.blocks] == [f"p. {n}" for n in range(1, 6)]
    assert any(r.rule == "limit" and "5 pages" in r.reason for r in article.removals)


def test_a_decompression_bomb_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """A 600 KB content stream that inflates to 200 MB of tiny text operators (PDFium took
    10 s and 3 GB to parse it, in one C call no timer stops) is refused unparsed."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(flate_bomb_pdf(200))
    started = time.monotonic()
    with pytest.raises(SourceError, match="decompression bomb"):
        read_article(path)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(("disguise", "megabytes"), [("padding", 40), ("hex", 40), ("picture", 80)])
def test_a_disguised_bomb_is_refused_too(tmp_path: Path, disguise: str, megabytes: int) -> None:
    """Its filter out of the dictionary's sight, under another filter, or called a picture."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(flate_bomb_pdf(megabytes, disguise))
    with pytest.raises(SourceError, match="decompression bomb"):
        read_article(path)


def test_a_pdf_locked_by_an_owner_password_only_is_read_like_any_other() -> None:
    """It opens without a password (printing or copying restricted), as many reports do."""
    plain = article_from_pdf(make_pdf(report_pages()), "report.pdf", "report")
    locked = article_from_pdf(owner_locked(make_pdf(report_pages())), "report.pdf", "report")
    assert locked.blocks == plain.blocks and locked.title == plain.title


@pytest.mark.parametrize("spelling", [b"/Encrypt", b"/Encr#79pt"])
def test_a_bomb_in_an_encrypted_pdf_is_stopped_by_the_bounded_child(spelling: bytes) -> None:
    """Its streams are noise to the guard, so a child with capped memory reads it instead."""
    bomb = owner_locked(flate_bomb_pdf(100)).replace(b"/Encrypt", spelling)
    with pytest.raises(SourceError, match="decompression bomb"):
        article_from_pdf(bomb, "bomb.pdf", "bomb")


def test_a_child_too_slow_is_killed_and_the_file_skipped() -> None:
    with pytest.raises(SourceError, match="too slow to read"):
        read_pdf_safely(owner_locked(flate_bomb_pdf(100)), seconds=0.01)


@pytest.mark.parametrize("answer", [{}, {"pages": [{"label": 1}]}, {"pages": 3}, []])
def test_a_damaged_answer_from_the_child_is_a_source_error(answer: object) -> None:
    with pytest.raises(SourceError, match="cannot be read"):
        pdf_sandbox._from_json(answer)
