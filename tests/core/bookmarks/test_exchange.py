"""Export to Markdown, JSON and CSV; JSON read back; unrelated files refused."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from desktop.core.bookmarks.exchange import (
    CSV_COLUMNS,
    FIELDS,
    export,
    from_json,
    link_of,
    markdown_text,
    read_export,
    to_csv,
    to_json,
    to_markdown,
)
from desktop.core.bookmarks.model import (
    AnchorStatus,
    Bookmark,
    ImportFormatError,
    normalize_tags,
)
from desktop.core.text import terminal_safe

FIRST = Bookmark(
    id="a" * 32,
    article_id="a1",
    passage_id="p-1",
    quote="a new round for fintech startups",
    prefix="The fund opened ",
    suffix=" on Friday.",
    start=16,
    end=48,
    note="Check the deadline",
    tags=("fintech", "funding"),
    colour="#ffd54f",
    created="2024-05-01T12:00:00+00:00",
    updated="2024-05-02T08:30:00+00:00",
    article_title="Fintech Fund Opens",
    article_date="2023-03-03",
    article_source="/home/me/articles/fund.txt",
    status=AnchorStatus.ATTACHED,
)
SECOND = Bookmark(
    id="b" * 32,
    article_id="a2",
    passage_id="p-2",
    quote="warehouse robots, “fast”, cheap",
    prefix="",
    suffix="",
    start=0,
    end=31,
    note="",
    tags=(),
    colour="#90caf9",
    created="2024-05-03T12:00:00+00:00",
    updated="2024-05-03T12:00:00+00:00",
    article_title="A New Robotics Lab",
    article_date=None,
    article_source="lab.txt",
    status=AnchorStatus.ORPHANED,
)
THIRD = Bookmark(**{**FIRST.__dict__, "id": "c" * 32, "quote": "on Friday", "note": "", "tags": ()})


def test_markdown_groups_by_article_with_a_citation_under_each_quote() -> None:
    assert to_markdown([FIRST, SECOND, THIRD]) == (
        "# Bookmarks\n"
        "\n"
        "## Fintech Fund Opens\n"
        "\n"
        "> a new round for fintech startups\n"
        ">\n"
        "> — *Fintech Fund Opens*, 2023-03-03, fund.txt\n"
        ">\n"
        f"> [Open in InnoAtlas]({link_of(FIRST)})\n"
        "\n"
        "Check the deadline\n"
        "\n"
        "Tags: `fintech`, `funding`\n"
        "\n"
        "> on Friday\n"
        ">\n"
        "> — *Fintech Fund Opens*, 2023-03-03, fund.txt\n"
        ">\n"
        f"> [Open in InnoAtlas]({link_of(THIRD)})\n"
        "\n"
        "## A New Robotics Lab\n"
        "\n"
        "> warehouse robots, “fast”, cheap\n"
        ">\n"
        "> — *A New Robotics Lab*, lab.txt\n"
        ">\n"
        f"> [Open in InnoAtlas]({link_of(SECOND)})\n"
        "\n"
        "*Orphaned: this text is no longer found in the article.*\n"
    )


#: A bookmark whose every text was written to attack whatever opens an export: spreadsheet
#: formulas, links and HTML, fake headings, a backtick in a tag, terminal escape sequences.
HOSTILE = dataclasses.replace(
    FIRST,
    quote="+1+2 <img src=x onerror=alert(1)>",
    prefix="\uff1d1+1; x",
    suffix="a;=1",
    note=(
        '=HYPERLINK("http://evil.example","click")\n'
        "# Fake heading\n"
        "   1. [x](javascript:alert(1))\n"
        "<script>alert(1)</script>\x1b]0;pwned\x07\x1b[2J\n"
        "---\n"
        "R&D `code` **bold** ~gone~ | cell"
    ),
    tags=("@SUM(1+1)", "a`b", "-cmd", "``x"),
    article_title="\tTitle ## *bold* \x9b2J",
    article_date="2023-03-03",
    article_source="/x/\r=1+1_name.txt",
)


def test_markdown_escapes_everything_that_is_not_its_layout() -> None:
    markdown = to_markdown([HOSTILE])
    assert markdown == (
        "# Bookmarks\n"
        "\n"
        "## Title \\#\\# \\*bold\\*\n"
        "\n"
        "> \\+1+2 \\<img src=x onerror=alert(1)>\n"
        ">\n"
        "> — *Title \\#\\# \\*bold\\**, 2023-03-03, \\=1+1_name.txt\n"
        ">\n"
        f"> [Open in InnoAtlas]({link_of(HOSTILE)})\n"
        "\n"
        '\\=HYPERLINK("http://evil.example","click")\n'
        "\\# Fake heading\n"
        "1\\. \\[x](javascript:alert(1))\n"
        "\\<script>alert(1)\\</script>\n"
        "\\---\n"
        "R&D \\`code\\` \\*\\*bold\\*\\* \\~gone\\~ \\| cell\n"
        "\n"
        "Tags: `@SUM(1+1)`, ``a`b``, `-cmd`, ``` ``x ```\n"
    )
    # Rendered as CommonMark (raw HTML allowed), only the layout is markup.
    assert MarkdownIt("commonmark").render(markdown) == (
        "<h1>Bookmarks</h1>\n"
        "<h2>Title ## *bold*</h2>\n"
        "<blockquote>\n"
        "<p>+1+2 &lt;img src=x onerror=alert(1)&gt;</p>\n"
        "<p>— <em>Title ## *bold*</em>, 2023-03-03, =1+1_name.txt</p>\n"
        f'<p><a href="{link_of(HOSTILE).replace("&", "&amp;")}">Open in InnoAtlas</a></p>\n'
        "</blockquote>\n"
        "<p>=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)\n"
        "# Fake heading\n"
        "1. [x](javascript:alert(1))\n"
        "&lt;script&gt;alert(1)&lt;/script&gt;\n"
        "---\n"
        "R&amp;D `code` **bold** ~gone~ | cell</p>\n"
        "<p>Tags: <code>@SUM(1+1)</code>, <code>a`b</code>, <code>-cmd</code>, "
        "<code>``x</code></p>\n"
    )


def test_markdown_of_nothing_is_just_the_heading() -> None:
    assert export([], "md") == "# Bookmarks\n"


def test_json_carries_every_field_in_a_versioned_envelope() -> None:
    assert json.loads(to_json([SECOND])) == {
        "format": "innoatlas-bookmarks",
        "version": 1,
        "bookmarks": [
            {
                "id": "b" * 32,
                "article_id": "a2",
                "passage_id": "p-2",
                "quote": "warehouse robots, “fast”, cheap",
                "prefix": "",
                "suffix": "",
                "start": 0,
                "end": 31,
                "note": "",
                "tags": [],
                "colour": "#90caf9",
                "created": "2024-05-03T12:00:00+00:00",
                "updated": "2024-05-03T12:00:00+00:00",
                "article_title": "A New Robotics Lab",
                "article_date": None,
                "article_source": "lab.txt",
                "status": "orphaned",
                "location": "",
                "link": link_of(SECOND),
            }
        ],
    }


def test_json_reads_back_to_the_same_bookmarks() -> None:
    assert from_json(to_json([FIRST, SECOND])) == [FIRST, SECOND]
    assert from_json(export([FIRST], "json")) == [FIRST]
    paged = dataclasses.replace(FIRST, location="p. 7")
    assert from_json(to_json([paged])) == [paged]


def test_json_of_an_older_export_without_locations_reads() -> None:
    data = json.loads(to_json([FIRST]))
    del data["bookmarks"][0]["location"]
    assert from_json(json.dumps(data)) == [FIRST]


def test_a_location_that_is_not_text_is_refused() -> None:
    data = json.loads(to_json([FIRST]))
    data["bookmarks"][0]["location"] = 7
    with pytest.raises(ImportFormatError, match="location"):
        from_json(json.dumps(data))


def test_markdown_cites_the_page() -> None:
    markdown = export([dataclasses.replace(FIRST, location="p. 7")], "md")
    assert "> — *Fintech Fund Opens*, 2023-03-03, fund.txt, p. 7\n" in markdown


def test_csv_has_a_header_and_every_field() -> None:
    rows = list(csv.reader(io.StringIO(to_csv([FIRST, SECOND]))))
    assert rows == [
        list(CSV_COLUMNS),
        [
            "a" * 32, "a1", "p-1", "a new round for fintech startups", "The fund opened ",
            " on Friday.", "16", "48", "Check the deadline", "fintech; funding", "#ffd54f",
            "2024-05-01T12:00:00+00:00", "2024-05-02T08:30:00+00:00", "Fintech Fund Opens",
            "2023-03-03", "/home/me/articles/fund.txt", "attached", "", link_of(FIRST),
        ],
        [
            "b" * 32, "a2", "p-2", "warehouse robots, “fast”, cheap", "", "", "0", "31", "",
            "", "#90caf9", "2024-05-03T12:00:00+00:00", "2024-05-03T12:00:00+00:00",
            "A New Robotics Lab", "", "lab.txt", "orphaned", "", link_of(SECOND),
        ],
    ]  # fmt: skip


def test_csv_neutralises_formula_cells_and_keeps_numbers_numbers() -> None:
    text = to_csv([HOSTILE])
    header, row = text.split("\r\n", 1)
    assert header == ",".join(CSV_COLUMNS)
    assert row == (
        '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","a1","p-1","\'+1+2 <img src=x onerror=alert(1)>",'
        '"\'\uff1d1+1; x","a;=1",16,48,'
        '"\'=HYPERLINK(""http://evil.example"",""click"")\n# Fake heading\n'
        "   1. [x](javascript:alert(1))\n<script>alert(1)</script>\n---\n"
        'R&D `code` **bold** ~gone~ | cell",'
        '"\'@SUM(1+1); a`b; -cmd; ``x","#ffd54f","2024-05-01T12:00:00+00:00",'
        '"2024-05-02T08:30:00+00:00","\'\tTitle ## *bold* ","2023-03-03","/x/=1+1_name.txt",'
        f'"attached","","{link_of(HOSTILE)}"\r\n'
    )
    [_header, cells] = list(csv.reader(io.StringIO(text)))
    assert [cells[FIELDS.index(name)] for name in ("quote", "start", "end", "article_title")] == [
        "'+1+2 <img src=x onerror=alert(1)>",
        "16",
        "48",
        "'\tTitle ## *bold* ",
    ]


@pytest.mark.parametrize(
    ("note", "cell"),
    [
        *((f"{c}cmd|' /C calc'!A0", f"'{c}cmd|' /C calc'!A0") for c in "=+-@\t\n\uff1d\uff20"),
        ("\rcmd|' /C calc'!A0", "cmd|' /C calc'!A0"),  # the CR is dropped: nothing to run
        ("\x1b[2J=1+1", "'=1+1"),  # checked after the escape sequence is dropped
        ("1-2=3", "1-2=3"),
    ],
)
def test_every_formula_start_is_neutralised(note: str, cell: str) -> None:
    [_header, cells] = list(
        csv.reader(io.StringIO(to_csv([dataclasses.replace(SECOND, note=note)])))
    )
    assert cells[FIELDS.index("note")] == cell


#: Text that JSON carries raw unless told otherwise: C0 and C1 controls, escape sequences,
#: bidirectional overrides, line and paragraph separators, a NUL; and text beyond the BMP.
NASTY = "a\x00b\x1b]0;t\x07\x1b[2Jc\x9b2J\u202e\u2066d\u2028e\u2029\x7f\r\n\t😀香港"


def test_json_is_lossless_for_hostile_text_and_safe_to_print() -> None:
    nasty = dataclasses.replace(
        FIRST,
        **{name: NASTY for name in ("quote", "prefix", "suffix", "note", "article_title")},
        article_source=NASTY,
        tags=normalize_tags([NASTY, "x"]),
    )
    text = to_json([nasty, HOSTILE])
    assert from_json(text) == [nasty, HOSTILE]
    assert terminal_safe(text) == text  # nothing a terminal obeys: safe to cat
    assert "\\u009b2J\\u202e\\u2066d\\u2028e\\u2029\\u007f" in text


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@given(
    quote=_TEXT.filter(bool),
    note=_TEXT,
    title=_TEXT,
    source=_TEXT,
    tags=st.lists(_TEXT, max_size=3).map(normalize_tags),
)
def test_json_reads_back_any_text_but_lone_surrogates(
    quote: str, note: str, title: str, source: str, tags: tuple[str, ...]
) -> None:
    bookmark = dataclasses.replace(
        FIRST, quote=quote, note=note, article_title=title, article_source=source, tags=tags
    )
    text = to_json([bookmark])
    assert from_json(text) == [bookmark]
    assert terminal_safe(text) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "The file is not JSON"),
        ("[]", "not an InnoAtlas bookmarks export"),
        ('{"format": "other", "version": 1, "bookmarks": []}', "not an InnoAtlas bookmarks"),
        ('{"format": "innoatlas-bookmarks", "bookmarks": []}', "no valid version"),
        ('{"format": "innoatlas-bookmarks", "version": 2, "bookmarks": []}', "version 2, newer"),
        ('{"format": "innoatlas-bookmarks", "version": 1}', "no list of bookmarks"),
        ('{"format": "innoatlas-bookmarks", "version": 1, "bookmarks": [{}]}', "has no “id”"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        from_json(text)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("start", "16", "“start” is not a whole number"),
        ("start", True, "“start” is not a whole number"),
        ("quote", 5, "“quote” is not text"),
        ("quote", "", "empty id, article or quote"),
        ("tags", "fintech", "“tags” is not a list"),
        ("colour", "red", "is not a colour"),
        ("status", "lost", "is not valid"),
        ("article_date", 2023, "“article_date” is not text"),
    ],
)
def test_a_bad_field_is_refused_with_its_name(field: str, value: object, message: str) -> None:
    data = FIRST.to_dict()
    data[field] = value
    document = {"format": "innoatlas-bookmarks", "version": 1, "bookmarks": [data]}
    with pytest.raises(ImportFormatError, match=message):
        from_json(json.dumps(document))


def test_a_missing_status_reads_as_attached() -> None:
    data = SECOND.to_dict()
    del data["status"]
    document = {"format": "innoatlas-bookmarks", "version": 1, "bookmarks": [data]}
    assert from_json(json.dumps(document)) == [
        Bookmark(**{**SECOND.__dict__, "status": AnchorStatus.ATTACHED})
    ]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"]
)
def test_read_export_reads_each_unicode_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(to_json([FIRST, SECOND, HOSTILE]).encode(encoding))
    assert read_export(path) == [FIRST, SECOND, HOSTILE]


def test_read_export_stops_at_its_limit_even_when_the_size_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(to_json([FIRST]), encoding="utf-8")
    limit = path.stat().st_size
    assert read_export(path, limit=limit) == [FIRST]
    message = f"The file is larger than {limit - 1:,} bytes, more than a bookmarks export "
    with pytest.raises(ImportFormatError, match=message):
        read_export(path, limit=limit - 1)
    with pytest.raises(ImportFormatError, match="larger than 1,000 bytes"):
        read_export(Path("/dev/zero"), limit=1000)  # a size of 0 and no end


#: Text dense in what could be markup, over several lines (some of them blank).
_MARKUPISH = st.text(st.sampled_from(list("ab1 _*`[]()<>&#;!-+=.)|~\\:/\"'\n\n")), min_size=1)


def _as_html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


@given(_MARKUPISH)
def test_markdown_text_renders_as_the_text_itself(text: str) -> None:
    """CommonMark shows exactly the text: its lines, in paragraphs, no markup, nothing lost."""
    paragraphs: list[list[str]] = [[]]
    for line in (line.strip(" ") for line in text.split("\n")):
        if line:
            paragraphs[-1].append(_as_html(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    expected = "".join(f"<p>{chr(10).join(lines)}</p>\n" for lines in paragraphs if lines)
    assert MarkdownIt("commonmark").render(markdown_text(text)) == expected


def test_every_export_carries_links_that_read_back_to_the_bookmark() -> None:
    from desktop.core.links import parse

    link = parse(link_of(FIRST))
    assert (link.article_id, link.passage_id, link.quote) == ("a1", "p-1", FIRST.quote)
    assert link.bookmark_id == FIRST.id and (link.start, link.end) == (16, 48)
    document = json.loads(to_json([FIRST]))
    assert document["bookmarks"][0]["link"] == link_of(FIRST)
    assert link_of(FIRST) in to_markdown([FIRST]) and link_of(FIRST) in to_csv([FIRST])
    odd = dataclasses.replace(FIRST, article_id="../etc")
    assert link_of(odd) == "" and "innoatlas://" not in to_markdown([odd])
