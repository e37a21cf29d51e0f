"""An e-book (EPUB 2 or 3) to an article: its chapters in reading order, each a section.

An EPUB is a zip of XHTML chapters with a package file (the OPF) that names the book's
title, authors and date and, in its spine, the order of the chapters; the table of contents
(EPUB 3's navigation document, EPUB 2's NCX) gives their titles. Each chapter becomes a
heading (its title) and its paragraphs, every block located in its chapter, which the
reader and bookmarks show.

The archive is read within bounds, whatever it claims: at most :data:`MAX_ENTRIES` entries,
each entry read up to :data:`MAX_ENTRY_BYTES` and all of them up to :data:`MAX_TOTAL_BYTES`
(a zip bomb's first megabytes are all that is ever inflated). A book locked by DRM (an
``encryption.xml`` that encrypts more than fonts, Adobe's ``rights.xml``, Apple's
``sinf.xml``) is skipped with that reason. Nothing is fetched: XML entities and DTDs are
not resolved, links are not followed.
"""

from __future__ import annotations

import io
import posixpath
import urllib.parse
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from desktop.core.errors import SourceError
from desktop.core.ingest.assemble import SourceBlock, article_from_blocks
from desktop.core.ingest.html_reader import parse_html
from desktop.core.ingest.limits import bounded_blocks, bounded_markup
from desktop.core.ingest.markdown_reader import parse_date_value
from desktop.core.model import Article, BlockKind
from desktop.core.text import clean_line, fold

MAX_ENTRIES = 10_000
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
MAX_CHAPTERS = 2_000
#: A chapter's location is its title, cut to this many characters.
MAX_LOCATION_CHARS = 60

_OPF = "http://www.idpf.org/2007/opf"
_DC = "http://purl.org/dc/elements/1.1/"
_NCX = "http://www.daisy.org/z3986/2005/ncx/"
_XENC = "http://www.w3.org/2001/04/xmlenc#"
#: Font obfuscation (IDPF's and Adobe's): common in books without DRM, and harmless.
_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)
_CHAPTER_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/xml"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PARAGRAPHS = frozenset(
    {"p", "li", "blockquote", "pre", "dd", "dt", "figcaption", "caption", "td", "th"}
)
_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)


def article_from_epub(data: bytes, source: str, fallback_title: str) -> Article:
    """The Article in an EPUB's bytes.

    Raises:
        SourceError: the file is not a readable EPUB, is locked by DRM, or has no text.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise SourceError("The EPUB cannot be read: it is not a valid zip archive.") from error
    with archive:
        book = _Book(archive)
        book.refuse_drm()
        package = book.package()
        title = _first_text(package, f"{{{_DC}}}title")
        date_text = _first_text(package, f"{{{_DC}}}date")
        creators = [clean_line("".join(e.itertext())) for e in package.iter(f"{{{_DC}}}creator")]
        blocks = list(_chapters(book, package))
    if not blocks:
        raise SourceError("The EPUB holds no text (no chapter in its spine could be read).")
    kept, cut = bounded_blocks(blocks)
    return article_from_blocks(
        kept,
        source,
        title=title or fallback_title,  # not chapter one's heading: that is the chapter's
        date=parse_date_value(date_text) if date_text else None,
        fallback_title=fallback_title,
        removals=[cut] if cut else [],
        bylines=[c for c in creators if c],
    )


class _Book:
    """The archive's entries, read within the bounds, by their path inside the book."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise SourceError(
                f"The EPUB has too many entries ({len(infos):,}; the limit is {MAX_ENTRIES:,})."
            )
        self.archive = archive
        self.names = {info.filename for info in infos}
        self.read_bytes = 0

    def read(self, name: str) -> bytes:
        """An entry's bytes, at most MAX_ENTRY_BYTES, within the book's MAX_TOTAL_BYTES."""
        if name not in self.names:
            raise SourceError(f"The EPUB is incomplete: it names {name!r} but does not hold it.")
        try:
            with self.archive.open(name) as stream:
                data = stream.read(MAX_ENTRY_BYTES + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as error:
            raise SourceError(f"The EPUB's entry {name!r} cannot be read ({error}).") from error
        if len(data) > MAX_ENTRY_BYTES:
            raise SourceError(
                f"The EPUB's entry {name!r} is too big (over {MAX_ENTRY_BYTES // 2**20} MB "
                "uncompressed): a damaged book or a zip bomb."
            )
        self.read_bytes += len(data)
        if self.read_bytes > MAX_TOTAL_BYTES:
            raise SourceError(
                f"The EPUB is too big uncompressed (over {MAX_TOTAL_BYTES // 2**20} MB)."
            )
        return data

    def xml(self, name: str) -> Any:
        try:
            root = etree.fromstring(self.read(name), _XML)
        except etree.XMLSyntaxError as error:
            raise SourceError(f"The EPUB's {name!r} is not well-formed XML.") from error
        if root is None:
            raise SourceError(f"The EPUB's {name!r} is empty.")
        return root

    def refuse_drm(self) -> None:
        """Raise for a book locked by DRM: its text is encrypted and cannot be read."""
        if {"META-INF/rights.xml", "META-INF/sinf.xml"} & self.names:
            raise _drm()
        if "META-INF/encryption.xml" not in self.names:
            return
        for data in self.xml("META-INF/encryption.xml").iter(f"{{{_XENC}}}EncryptedData"):
            method = data.find(f"{{{_XENC}}}EncryptionMethod")
            algorithm = method.get("Algorithm", "") if method is not None else ""
            if algorithm not in _FONT_OBFUSCATION:
                raise _drm()

    def package(self) -> Any:
        """The OPF package document, found through ``META-INF/container.xml``."""
        if "META-INF/container.xml" not in self.names:
            raise SourceError("The EPUB cannot be read: it has no META-INF/container.xml.")
        container = self.xml("META-INF/container.xml")
        rootfile = next(
            (e for e in container.iter() if _local(e.tag) == "rootfile" and e.get("full-path")),
            None,
        )
        if rootfile is None:
            raise SourceError("The EPUB cannot be read: its container names no package file.")
        self.opf = str(rootfile.get("full-path"))
        return self.xml(self.opf)

    def resolve(self, href: str, relative_to: str) -> str:
        """The entry an href names, relative to the document that holds it."""
        path = urllib.parse.unquote(href.split("#", 1)[0])
        return posixpath.normpath(posixpath.join(posixpath.dirname(relative_to), path))


def _drm() -> SourceError:
    return SourceError(
        "The EPUB is protected by DRM (its text is encrypted); InnoAtlas reads only books "
        "without DRM."
    )


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _first_text(root: Any, tag: str) -> str | None:
    for element in root.iter(tag):
        text = clean_line("".join(element.itertext()))
        if text:
            return text
    return None


def _chapters(book: _Book, package: Any) -> Iterator[SourceBlock]:
    """Every chapter of the spine, in order: its title as a heading, then its blocks."""
    manifest: dict[str, Any] = {
        str(item.get("id")): item for item in package.iter(f"{{{_OPF}}}item") if item.get("id")
    }
    try:
        titles = _toc_titles(book, package, manifest)
    except SourceError as error:
        if "too big" in str(error):
            raise
        titles = {}  # a missing or broken table of contents: the chapters' own headings
    spine = package.find(f"{{{_OPF}}}spine")
    itemrefs = [] if spine is None else list(spine.iter(f"{{{_OPF}}}itemref"))
    number, line = 0, 0
    for itemref in itemrefs[:MAX_CHAPTERS]:
        item = manifest.get(str(itemref.get("idref")))
        if item is None or itemref.get("linear") == "no":
            continue
        if item.get("media-type") not in _CHAPTER_TYPES or not item.get("href"):
            continue
        name = book.resolve(str(item.get("href")), book.opf)
        if name not in book.names:
            continue  # the spine names a chapter the archive lacks: read the rest
        blocks = list(_chapter_blocks(book.read(name)))
        if not any(kind == "paragraph" for kind, _text in blocks):
            continue  # a cover, or a page of pictures
        number += 1
        title = titles.get(name) or next((t for k, t in blocks if k == "heading"), "")
        location = _location(title, number)
        if title and not any(k == "heading" and fold(t) == fold(title) for k, t in blocks[:3]):
            blocks.insert(0, ("heading", title))
        for kind, text in blocks:
            line += 1
            yield SourceBlock(kind, text, line, location)


def _location(title: str, number: int) -> str:
    """A chapter as the reader cites it: its title (cut short), else its number.

    >>> _location("", 3), _location("Chapter 1: A Park by the Sea", 1)
    ('ch. 3', 'Chapter 1: A Park by the Sea')
    """
    if not title:
        return f"ch. {number}"
    if len(title) <= MAX_LOCATION_CHARS:
        return title
    return title[: MAX_LOCATION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _toc_titles(book: _Book, package: Any, manifest: dict[str, Any]) -> dict[str, str]:
    """Each chapter file's title by the table of contents (its first entry in the file)."""
    titles: dict[str, str] = {}

    def add(href: str, base: str, text: str) -> None:
        name = book.resolve(href, base)
        if text and name not in titles:
            titles[name] = text

    nav = next((i for i in manifest.values() if "nav" in (i.get("properties") or "").split()), None)
    if nav is not None and nav.get("href"):
        name = book.resolve(str(nav.get("href")), book.opf)
        for link in book.xml(name).iter():
            if _local(link.tag) == "a" and link.get("href"):
                add(str(link.get("href")), name, clean_line("".join(link.itertext())))
    spine = package.find(f"{{{_OPF}}}spine")
    ncx = manifest.get(str(spine.get("toc"))) if spine is not None else None
    if ncx is not None and ncx.get("href") and not titles:
        name = book.resolve(str(ncx.get("href")), book.opf)
        for point in book.xml(name).iter(f"{{{_NCX}}}navPoint"):
            label = point.find(f"{{{_NCX}}}navLabel")
            content = point.find(f"{{{_NCX}}}content")
            if label is not None and content is not None and content.get("src"):
                add(str(content.get("src")), name, clean_line("".join(label.itertext())))
    return titles


def _chapter_blocks(data: bytes) -> Iterator[tuple[BlockKind, str]]:
    """A chapter's headings and paragraphs, in order, read as a browser reads its XHTML."""
    text = bounded_markup(data.decode("utf-8", errors="replace"))
    try:
        tree = parse_html(text)
    except SourceError:
        return
    body = tree.find(".//body")
    yield from _walk(body)


def _walk(element: Any) -> Iterator[tuple[BlockKind, str]]:
    """Blocks of an element: a heading or paragraph element is one block; a container's
    loose text (text set straight in a ``<div>``) is a paragraph of its own."""
    loose = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _HEADINGS or tag in _PARAGRAPHS:
            if text := clean_line("".join(loose)):
                yield "paragraph", text
            loose = []
            kind: BlockKind = "heading" if tag in _HEADINGS else "paragraph"
            if text := clean_line("".join(_texts(child))):
                yield kind, text
        elif tag in ("script", "style", "head"):
            pass
        elif tag and len(child) and any(isinstance(c.tag, str) for c in child.iter()):
            if _has_blocks(child):
                if text := clean_line("".join(loose)):
                    yield "paragraph", text
                loose = []
                yield from _walk(child)
            else:
                loose.append("".join(child.itertext()))
        elif tag == "br":
            loose.append(" ")
        else:
            loose.append("".join(child.itertext()) if tag else "")
        loose.append(child.tail or "")
    if text := clean_line("".join(loose)):
        yield "paragraph", text


def _has_blocks(element: Any) -> bool:
    return any(
        isinstance(e.tag, str) and (e.tag in _HEADINGS or e.tag in _PARAGRAPHS or e.tag == "div")
        for e in element.iterdescendants()
    )


def _texts(element: Any) -> Iterator[str]:
    """An element's text, a line break read as a space."""
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str) and child.tag == "br":
            yield " "
        elif isinstance(child.tag, str) and child.tag not in ("script", "style"):
            yield from _texts(child)
        yield child.tail or ""
