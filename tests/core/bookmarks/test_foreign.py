"""Highlights from Kindle, Readwise and Zotero: read from small hand-written samples, matched
to a real library by title and quote, and hostile files refused in one line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.bookmarks.foreign import read_file, read_text, sniff
from desktop.core.bookmarks.matching import match
from desktop.core.bookmarks.model import AnchorStatus, ImportFormatError
from desktop.core.errors import ArticleNotFound
from desktop.core.library import Library
from desktop.core.model import Article

SAMPLES = Path(__file__).parents[2] / "data" / "highlights"


def _lookup(library: Library):  # type: ignore[no-untyped-def]
    def article(article_id: str) -> Article | None:
        try:
            return library.article(article_id)
        except ArticleNotFound:
            return None

    return article


def test_kindle_clippings_are_read_with_notes_joined_and_bookmarks_skipped() -> None:
    found = read_file(SAMPLES / "My Clippings.txt")
    assert [(h.title, h.quote[:20]) for h in found] == [
        ("Fintech Fund Opens", "Companies can apply "),
        ("A New Robotics Lab in Sha Tin", "Researchers are coll"),
        ("The Art of War", "All warfare is based"),
    ]
    assert found[0].note == "Check the deadline with the zeppelin team"
    assert found[0].location == "12-13" and found[0].source == "kindle"


def test_readwise_csv_is_read_with_tags_and_colours() -> None:
    found = read_file(SAMPLES / "readwise.csv")
    assert len(found) == 4
    assert found[0].tags == ("funding", "fintech") and found[0].colour == "yellow"
    assert found[0].note == "Compare with the robotics fund"


def test_zotero_annotations_take_the_title_of_their_parent_item() -> None:
    found = read_file(SAMPLES / "zotero.json")
    assert [h.title for h in found] == ["A New Robotics Lab in Sha Tin"] * 2
    assert found[0].note == "Visit in spring" and found[0].tags == ("robotics",)


def test_each_sample_is_told_apart() -> None:
    assert [
        sniff((SAMPLES / n).read_bytes()[:4096]) for n in sorted(p.name for p in SAMPLES.iterdir())
    ] == [
        "kindle",
        "readwise",
        "zotero",
    ]


def test_matching_by_title_and_quote_reports_orphans_with_reasons(tiny_library: Library) -> None:
    highlights = [
        *read_file(SAMPLES / "My Clippings.txt"),
        *read_file(SAMPLES / "readwise.csv"),
        *read_file(SAMPLES / "zotero.json"),
    ]
    report = match(highlights, tiny_library.titles(), _lookup(tiny_library))
    matched = {(m.highlight.source, m.highlight.quote[:12]): m for m in report.matched}
    assert len(report.matched) == 6 and len(report.orphans) == 3
    kindle = matched[("kindle", "Companies ca")]
    assert kindle.bookmark.article_title == "Fintech Fund Opens"
    assert kindle.bookmark.note == "Check the deadline with the zeppelin team"
    assert kindle.how == "exact" and kindle.bookmark.status is AnchorStatus.ATTACHED
    fuzzy = matched[("readwise", "The fund ope")]
    assert fuzzy.how == "similar" and fuzzy.bookmark.status is AnchorStatus.MOVED
    assert matched[("readwise", "opened a new")].bookmark.colour == "#ffd54f"
    assert matched[("zotero", "warehouse ro")].bookmark.colour == "#5fb236"
    reasons = [o.reason for o in report.orphans]
    assert any("titled like “The Art of War”" in r for r in reasons)
    assert any("the quote is not in “A New Robotics Lab in Sha Tin”" in r for r in reasons)
    lines = report.lines()
    assert lines[0] == "6 highlight(s) matched (1 by similar words), 3 orphaned."
    again = match(highlights, tiny_library.titles(), _lookup(tiny_library))
    assert [m.bookmark.id for m in again.matched] == [m.bookmark.id for m in report.matched]


HOSTILE = {
    "kindle": [
        "Title\n- Something else entirely\n\ntext\n==========\n",
        "Title\n- Your Highlight on Location 1\n\n" + "x" * 20_001 + "\n==========\n",
        "==========\n==========\n",
    ],
    "readwise": [
        "Title,Author\nx,y\n",
        'Highlight,Book Title\n"unclosed,quote\n',
        "Highlight,Book Title\n,\n",
    ],
    "zotero": [
        '{"items": 3}',
        "[" * 100_000,
        '[{"itemType": "annotation", "annotationText": 5}]',
        '[{"itemType": "annotation", "annotationText": "x", "tags": "no"}]',
        "[1, 2]",
        "not json",
        '[{"itemType": "annotation", "annotationText": "half \\ud800 a pair"}]',
    ],
}


@pytest.mark.parametrize(
    ("source", "text"), [(s, t) for s, texts in HOSTILE.items() for t in texts]
)
def test_hostile_files_are_one_line_errors(source: str, text: str) -> None:
    with pytest.raises(ImportFormatError) as raised:
        read_text(text, source)  # type: ignore[arg-type]
    assert "\n" not in str(raised.value) and len(str(raised.value)) < 200


def test_binary_and_huge_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "x.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ImportFormatError, match="not text"):
        read_file(binary)
    huge = tmp_path / "big.txt"
    huge.write_bytes(b"a" * 2048)
    with pytest.raises(ImportFormatError, match="larger than"):
        read_file(huge, "kindle", limit=1024)
