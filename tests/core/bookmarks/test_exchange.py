"""Export to Markdown, JSON and CSV; JSON read back; unrelated files refused."""

from __future__ import annotations

import csv
import io
import json

import pytest

from desktop.core.bookmarks.exchange import (
    FIELDS,
    export,
    from_json,
    to_csv,
    to_json,
    to_markdown,
)
from desktop.core.bookmarks.model import AnchorStatus, Bookmark, ImportFormatError

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
        "\n"
        "Check the deadline\n"
        "\n"
        "Tags: `fintech`, `funding`\n"
        "\n"
        "> on Friday\n"
        ">\n"
        "> — *Fintech Fund Opens*, 2023-03-03, fund.txt\n"
        "\n"
        "## A New Robotics Lab\n"
        "\n"
        "> warehouse robots, “fast”, cheap\n"
        ">\n"
        "> — *A New Robotics Lab*, lab.txt\n"
        "\n"
        "*Orphaned: this text is no longer found in the article.*\n"
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
            }
        ],
    }


def test_json_reads_back_to_the_same_bookmarks() -> None:
    assert from_json(to_json([FIRST, SECOND])) == [FIRST, SECOND]
    assert from_json(export([FIRST], "json")) == [FIRST]


def test_csv_has_a_header_and_every_field() -> None:
    rows = list(csv.reader(io.StringIO(to_csv([FIRST, SECOND]))))
    assert rows == [
        list(FIELDS),
        [
            "a" * 32, "a1", "p-1", "a new round for fintech startups", "The fund opened ",
            " on Friday.", "16", "48", "Check the deadline", "fintech; funding", "#ffd54f",
            "2024-05-01T12:00:00+00:00", "2024-05-02T08:30:00+00:00", "Fintech Fund Opens",
            "2023-03-03", "/home/me/articles/fund.txt", "attached",
        ],
        [
            "b" * 32, "a2", "p-2", "warehouse robots, “fast”, cheap", "", "", "0", "31", "",
            "", "#90caf9", "2024-05-03T12:00:00+00:00", "2024-05-03T12:00:00+00:00",
            "A New Robotics Lab", "", "lab.txt", "orphaned",
        ],
    ]  # fmt: skip


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
