"""Small PDF and EPUB files written by hand for the tests: no generator library needed.

A PDF here is a few objects with the standard Helvetica fonts, text placed line by line
(``Line``), and a correct cross-reference table; an EPUB is a zip of a container, an OPF
package, a table of contents and XHTML chapters.
"""

from __future__ import annotations

import binascii
import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """A line of text at ``y`` points from the page's bottom, ``x`` from its left."""

    text: str
    y: float
    size: float = 11
    bold: bool = False
    x: float = 72


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(
    pages: list[list[Line]],
    info: dict[str, str] | None = None,
    *,
    image_only: bool = False,
    encrypted: bool = False,
) -> bytes:
    """A PDF of A4 pages with the given lines (or, ``image_only``, a picture per page)."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in below
    tree = add("")
    regular = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    bold = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>")
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    kids = []
    for lines in pages:
        if image_only:
            content = "q 500 0 0 700 50 70 cm /Im1 Do Q"
        else:
            content = "\n".join(
                f"BT /{'F2' if line.bold else 'F1'} {line.size} Tf {line.x} {line.y} Td "
                f"({_escape(line.text)}) Tj ET"
                for line in lines
            )
        stream = add(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> "
                f"/XObject << /Im1 {image} 0 R >> >> /Contents {stream} 0 R >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objects[tree - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    ).encode()
    trailer_extra = ""
    if info:
        fields = " ".join(f"/{k} ({_escape(v)})" for k, v in info.items())
        trailer_extra += f" /Info {add(f'<< {fields} >>')} 0 R"
    if encrypted:  # a user password is set: these hashes match no empty password
        owner, user = "11" * 32, "22" * 32
        handler = add(f"<< /Filter /Standard /V 1 /R 2 /P -44 /O <{owner}> /U <{user}> >>")
        trailer_extra += (
            f" /Encrypt {handler} 0 R"
            " /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R{trailer_extra} >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def page_of_paragraphs(
    paragraphs: list[list[str]], top: float = 760, header: str = "", number: str = ""
) -> list[Line]:
    """A page of paragraphs (each a list of lines), 14 pt apart and 24 between paragraphs,
    with a running header at the top and a page number at the bottom if given."""
    lines = [Line(header, 810, 9)] if header else []
    y = top
    for paragraph in paragraphs:
        for text in paragraph:
            lines.append(Line(text, y))
            y -= 14
        y -= 10
    return lines + ([Line(number, 40, 9, x=290)] if number else [])


def flate_bomb_pdf(megabytes: int, disguise: str = "") -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of tiny text
    operators (each a text object PDFium keeps), compressed to a few hundred KB.

    ``disguise``: "padding" pushes its filter far from ``stream``; "hex" puts it under
    ASCIIHex; "picture" calls the content stream a picture."""
    compressor = zlib.compressobj(6)
    chunk = b"BT /F1 11 Tf 72 700 Td (x) Tj ET\n" * 30_000  # 1 MB
    stream = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    pdf = make_pdf([page_of_paragraphs([["A short page about the park."]])])
    # The last content stream replaced (PDFium reads a file whose offsets are off, as
    # readers do).
    head, _sep, tail = pdf.rpartition(b"<< /Length ")
    filters = b"/Filter /FlateDecode"
    if disguise == "hex":
        stream, filters = binascii.hexlify(stream) + b">", b"/Filter [/AHx /Fl]"
    elif disguise == "padding":
        filters += b" /Pad (" + b"x" * 2000 + b")"
    elif disguise == "picture":
        filters += b" /Subtype /Image"
    body = b"<< /Length %d %s >>\nstream\n" % (len(stream), filters) + stream + b"\n"
    return head + body + tail[tail.index(b"endstream") :]


def zip_bomb_epub(megabytes: int) -> bytes:
    """An EPUB whose first chapter inflates to ``megabytes`` MB, a few hundred KB zipped."""
    out = io.BytesIO()
    chapters = [Chapter("one.xhtml", "One", "<p>x</p>"), Chapter("two.xhtml", "Two", "<p>y</p>")]
    with (
        zipfile.ZipFile(io.BytesIO(make_epub(chapters))) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != "OEBPS/text/one.xhtml":
                target.writestr(info, source.read(info))
        with target.open("OEBPS/text/one.xhtml", "w", force_zip64=True) as entry:
            chunk = b"<p>" + b"a" * (1024 * 1024) + b"</p>"
            for _ in range(megabytes):
                entry.write(chunk)
    return out.getvalue()


@dataclass(frozen=True)
class Chapter:
    """An XHTML chapter of an EPUB: its file name, its title in the table of contents and
    its body's markup."""

    name: str
    title: str
    body: str


def make_epub(
    chapters: list[Chapter],
    *,
    version: int = 3,
    title: str = "A Book",
    creator: str = "Jane Doe",
    date: str = "2023-05-04",
    extra: dict[str, bytes] | None = None,
    spine_order: list[int] | None = None,
) -> bytes:
    """An EPUB 2 (an NCX) or 3 (a navigation document) of the chapters, the spine in
    ``spine_order`` (by default the chapters' order), ``extra`` entries added as given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        items = "".join(
            f'<item id="c{i}" href="text/{c.name}" media-type="application/xhtml+xml"/>'
            for i, c in enumerate(chapters)
        )
        order = spine_order if spine_order is not None else list(range(len(chapters)))
        spine = "".join(f'<itemref idref="c{i}"/>' for i in order)
        if version == 3:
            items += '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
            items += 'properties="nav"/>'
            links = "".join(
                f'<li><a href="text/{c.name}">{c.title}</a></li>' for c in chapters if c.title
            )
            archive.writestr(
                "OEBPS/nav.xhtml",
                '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" '
                'xmlns:epub="http://www.idpf.org/2007/ops"><body>'
                f'<nav epub:type="toc"><ol>{links}</ol></nav></body></html>',
            )
            toc = ""
        else:
            items += '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
            points = "".join(
                f'<navPoint id="n{i}" playOrder="{i + 1}"><navLabel><text>{c.title}</text>'
                f'</navLabel><content src="text/{c.name}"/></navPoint>'
                for i, c in enumerate(chapters)
                if c.title
            )
            archive.writestr(
                "OEBPS/toc.ncx",
                '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
                f'version="2005-1"><navMap>{points}</navMap></ncx>',
            )
            toc = ' toc="ncx"'
        archive.writestr(
            "OEBPS/content.opf",
            f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
            f'version="{version}.0" unique-identifier="id"><metadata '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:identifier id="id">urn:x</dc:identifier><dc:title>{title}</dc:title>'
            f"<dc:creator>{creator}</dc:creator><dc:date>{date}</dc:date>"
            "<dc:language>en</dc:language></metadata>"
            f"<manifest>{items}</manifest><spine{toc}>{spine}</spine></package>",
        )
        for chapter in chapters:
            archive.writestr(
                f"OEBPS/text/{chapter.name}",
                '<?xml version="1.0" encoding="utf-8"?>'
                '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>'
                f"<body>{chapter.body}</body></html>",
            )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


#: The padding of the PDF Standard Security Handler (PDF 32000-1, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes.fromhex("0123456789abcdef0123456789abcdef")
_OBJECT = re.compile(rb"(\d+) 0 obj\n(.*?)\nendobj\n", re.S)


def _rc4(key: bytes, data: bytes) -> bytes:
    state, j = list(range(256)), 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(len(data)), 0, 0
    for n, byte in enumerate(data):
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out[n] = byte ^ state[(state[i] + state[j]) % 256]
    return bytes(out)


def owner_locked(pdf: bytes) -> bytes:
    """``pdf`` (as :func:`make_pdf` writes it) encrypted with RC4 40-bit (revision 2) under an
    owner password only: it opens without a password, as many published reports do, but its
    streams can no longer be read without decrypting them."""
    permissions = -44
    owner = _rc4(hashlib.md5(b"owner" + _PAD[:27]).digest()[:5], _PAD)
    key = hashlib.md5(_PAD + owner + permissions.to_bytes(4, "little", signed=True) + _FILE_ID)
    file_key = key.digest()[:5]
    user = _rc4(file_key, _PAD)

    def encrypted(match: re.Match[bytes]) -> bytes:
        number, body = int(match.group(1)), match.group(2)
        head, sep, rest = body.partition(b"stream\n")
        if sep:
            data, _end, _tail = rest.rpartition(b"\nendstream")
            object_key = hashlib.md5(file_key + number.to_bytes(3, "little") + b"\0\0").digest()
            body = head + sep + _rc4(object_key[:10], data) + b"\nendstream"
        return b"%d 0 obj\n%s\nendobj\n" % (number, body)

    start = pdf.index(b"1 0 obj")
    objects = _OBJECT.sub(encrypted, pdf[start : pdf.index(b"xref\n")])
    count = len(_OBJECT.findall(objects))
    handler = b"<< /Filter /Standard /V 1 /R 2 /P %d /O <%s> /U <%s> >>" % (
        permissions,
        binascii.hexlify(owner),
        binascii.hexlify(user),
    )
    objects += b"%d 0 obj\n%s\nendobj\n" % (count + 1, handler)
    out = io.BytesIO()
    out.write(pdf[:start])
    offsets = []
    for match in _OBJECT.finditer(objects):
        offsets.append(out.tell())
        out.write(match.group(0))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (count + 2))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    root = re.search(rb"/Root (\d+) 0 R", pdf)
    assert root is not None
    file_id = binascii.hexlify(_FILE_ID)
    out.write(
        b"trailer\n<< /Size %d /Root %s 0 R /Encrypt %d 0 R /ID [<%s> <%s>] >>\n"
        b"startxref\n%d\n%%%%EOF\n" % (count + 2, root.group(1), count + 1, file_id, file_id, xref)
    )
    return out.getvalue()
