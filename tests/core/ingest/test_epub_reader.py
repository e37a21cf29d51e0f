"""EPUB 2 and 3 books to articles: chapters in spine order, titled, located; DRM and bombs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from desktop.core.errors import SourceError
from desktop.core.ingest import epub_reader
from desktop.core.ingest.epub_reader import article_from_epub
from desktop.core.ingest.reader import read_article
from desktop.core.model import ArticleDate
from tests.core.ingest.documents import Chapter, make_epub, zip_bomb_epub

CHAPTERS = [
    Chapter(
        "one.xhtml",
        "The Park by the Harbour",
        "<h1>The Park by the Harbour</h1><p>Hong Kong Science Park opened in <b>2002</b> "
        "in Sha Tin.</p><p>It now hosts over a thousand companies.</p>",
    ),
    Chapter(
        "two.xhtml",
        "Cyberport",
        "<section><h2>Cyberport</h2><div><p>Cyberport grew from a digital hub into a "
        "fintech centre.</p><div>Its incubation programme funds start-ups.</div></div>"
        "</section>",
    ),
    Chapter("cover.xhtml", "", '<div><img src="cover.jpg" alt="cover"/></div>'),
]


@pytest.mark.parametrize("version", [2, 3])
def test_chapters_come_in_spine_order_with_their_titles_and_the_books_metadata(
    version: int,
) -> None:
    data = make_epub(CHAPTERS, version=version, spine_order=[2, 1, 0], title="Parks of HK")
    article = article_from_epub(data, "book.epub", "book")
    assert (article.title, article.date, article.authors) == (
        "Parks of HK",
        ArticleDate(2023, 5, 4),
        ("Jane Doe",),
    )
    assert [(b.kind, b.text, b.location) for b in article.blocks] == [
        ("heading", "Cyberport", "Cyberport"),
        (
            "paragraph",
            "Cyberport grew from a digital hub into a fintech centre.",
            "Cyberport",
        ),
        ("paragraph", "Its incubation programme funds start-ups.", "Cyberport"),
        ("heading", "The Park by the Harbour", "The Park by the Harbour"),
        (
            "paragraph",
            "Hong Kong Science Park opened in 2002 in Sha Tin.",
            "The Park by the Harbour",
        ),
        ("paragraph", "It now hosts over a thousand companies.", "The Park by the Harbour"),
    ]


def test_a_chapter_without_a_title_is_numbered_and_its_toc_title_becomes_its_heading() -> None:
    chapters = [
        Chapter("a.xhtml", "", "<p>A chapter with no heading and no entry in the contents.</p>"),
        Chapter("b.xhtml", "Second Part", "<p>The contents name this chapter only.</p>"),
    ]
    article = article_from_epub(make_epub(chapters), "b.epub", "b")
    assert [(b.kind, b.text, b.location) for b in article.blocks] == [
        ("paragraph", "A chapter with no heading and no entry in the contents.", "ch. 1"),
        ("heading", "Second Part", "Second Part"),
        ("paragraph", "The contents name this chapter only.", "Second Part"),
    ]


ENCRYPTED = (
    '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
    'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
    '<enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData>'
    '<enc:CipherReference URI="OEBPS/text/one.xhtml"/></enc:CipherData>'
    "</enc:EncryptedData></encryption>"
)


@pytest.mark.parametrize(
    "extra",
    [
        {"META-INF/encryption.xml": ENCRYPTED.format(algorithm=epub_reader._XENC + "aes128-cbc")},
        {"META-INF/rights.xml": "<rights/>"},
        {"META-INF/sinf.xml": "<sinf/>"},
    ],
)
def test_a_book_locked_by_drm_is_skipped_with_the_reason(extra: dict[str, str]) -> None:
    data = make_epub(CHAPTERS, extra={k: v.encode() for k, v in extra.items()})
    with pytest.raises(SourceError, match="protected by DRM"):
        article_from_epub(data, "locked.epub", "locked")


def test_obfuscated_fonts_are_not_drm() -> None:
    fonts = ENCRYPTED.format(algorithm="http://www.idpf.org/2008/embedding")
    data = make_epub(CHAPTERS, extra={"META-INF/encryption.xml": fonts.encode()})
    assert article_from_epub(data, "fonts.epub", "fonts").title == "A Book"


def test_a_zip_bomb_chapter_is_refused_after_its_first_megabytes() -> None:
    data = zip_bomb_epub(200)  # 200 MB inflated
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(SourceError, match="too big"):
        article_from_epub(data, "bomb.epub", "bomb")


def test_too_many_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(epub_reader, "MAX_ENTRIES", 5)
    with pytest.raises(SourceError, match="too many entries"):
        article_from_epub(make_epub(CHAPTERS), "many.epub", "many")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a zip at all", "not a valid zip"),
        (make_epub([], extra={}), "holds no text"),
    ],
)
def test_a_broken_book_is_a_source_error(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        article_from_epub(data, "bad.epub", "bad")


def test_a_book_without_its_container_is_a_source_error() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    with pytest.raises(SourceError, match=r"container\.xml"):
        article_from_epub(out.getvalue(), "bad.epub", "bad")


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    chapter = Chapter("x.xhtml", "Entities", "<p>Before &xxe; after, a paragraph of text.</p>")
    data = make_epub([chapter])
    # The package declares an external entity that names a local file.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "OEBPS/content.opf":
                body = body.replace(
                    b'<?xml version="1.0"?>',
                    b'<?xml version="1.0"?><!DOCTYPE package [<!ENTITY xxe SYSTEM "'
                    + secret.as_uri().encode()
                    + b'">]>',
                ).replace(b"<dc:title>A Book", b"<dc:title>A Book &xxe;")
            target.writestr(info, body)
    article = article_from_epub(out.getvalue(), "x.epub", "x")
    assert "TOP SECRET" not in article.plain_text()


def test_read_article_reads_epub_files_by_their_suffix(tmp_path: Path) -> None:
    path = tmp_path / "Book.EPUB"
    path.write_bytes(make_epub(CHAPTERS))
    assert read_article(path).title == "A Book"


def test_a_book_missing_a_chapter_or_its_contents_is_read_as_far_as_it_goes() -> None:
    data = make_epub(CHAPTERS, title="")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename not in ("OEBPS/text/two.xhtml", "OEBPS/nav.xhtml"):
                target.writestr(info, source.read(info))
    article = article_from_epub(out.getvalue(), "Harbour Book.epub", "Harbour Book")
    assert article.title == "Harbour Book"  # the file's name, not chapter one's heading
    assert [(b.kind, b.location) for b in article.blocks] == [
        ("heading", "The Park by the Harbour"),
        ("paragraph", "The Park by the Harbour"),
        ("paragraph", "The Park by the Harbour"),
    ]
