"""innoatlas:// links: written and read back the same, hostile ones refused in one line, and
re-anchored like a bookmark after the article changes."""

from __future__ import annotations

import pytest

from desktop.core.bookmarks.model import AnchorStatus
from desktop.core.links import (
    MAX_LINK_CHARS,
    BadLink,
    PassageLink,
    bookmark_link,
    format_link,
    parse,
    passage_link,
    resolve,
)
from desktop.core.model import Article, Block

TEXT = "The Cyberport Macro Fund opened a new round for fintech startups on Friday."
AT = TEXT.find("fintech startups")
ARTICLE = Article("a1b2c3", "Fund", "f.txt", (Block("p-1", "paragraph", TEXT),))


def test_a_link_reads_back_as_it_was_written() -> None:
    link = PassageLink("a1b2c3", "p-1", "fintech startups & more?=#/", 3, 30, "0" * 32)
    assert parse(format_link(link)) == link
    assert parse(format_link(PassageLink("a1b2c3"))) == PassageLink("a1b2c3")


def test_passage_and_bookmark_links() -> None:
    link = parse(passage_link(ARTICLE, "p-1", 4, 13))
    assert (link.quote, link.start, link.end) == ("Cyberport", 4, 13)
    whole = parse(passage_link(ARTICLE, "p-1"))
    assert whole.quote == TEXT


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/open/a1",
        "innoatlas://evil/a1",
        "innoatlas://open/",
        "innoatlas://open/a1?passage=../../etc/passwd",
        "innoatlas://open/a1?cmd=rm",
        "innoatlas://open/a1?passage=p-1&passage=p-2",
        "innoatlas://open/a1?quote=x%0Ay",
        "innoatlas://open/a1?quote=x&at=9-3",
        "innoatlas://open/a1?at=1-2",
        "innoatlas://open/a1#frag",
        "innoatlas://open/a1\u202e",
        "innoatlas://open/%ff%fe",
        "innoatlas://open/a1?quote=" + "x" * MAX_LINK_CHARS,
        "innoatlas://open/a1?quote=" + "x" * 700,
        "javascript:alert(1)",
        "",
    ],
)
def test_hostile_links_are_refused_in_one_line(text: str) -> None:
    with pytest.raises(BadLink) as raised:
        parse(text)
    message = str(raised.value)
    assert "\n" not in message and len(message) < 200


def test_a_link_lands_on_its_quote_after_the_article_is_edited() -> None:
    link = parse(passage_link(ARTICLE, "p-1", AT, AT + 16))
    assert resolve(link, ARTICLE).passage_id == "p-1"
    edited = Article(
        "a1b2c3",
        "Fund",
        "f.txt",
        (
            Block("p-0", "paragraph", "A new first paragraph."),
            Block("p-9", "paragraph", "Yesterday the fund opened a round for fintech startups."),
        ),
    )
    landing = resolve(link, edited)
    assert (landing.passage_id, landing.status) == ("p-9", AnchorStatus.MOVED)
    assert landing.message and "changed" in landing.message


def test_a_link_whose_quote_is_gone_says_so() -> None:
    link = parse(passage_link(ARTICLE, "p-1", AT, AT + 16))
    gone = Article("a1b2c3", "Fund", "f.txt", (Block("p-2", "paragraph", "Nothing alike."),))
    landing = resolve(link, gone)
    assert landing.status is AnchorStatus.ORPHANED and landing.passage_id is None
    assert landing.message and "no longer" in landing.message


def test_a_bookmark_link_carries_its_id() -> None:
    from desktop.core.bookmarks.model import Bookmark

    bookmark = Bookmark(
        "f" * 32,
        "a1b2c3",
        "p-1",
        "fintech",
        "for ",
        " startups",
        AT,
        AT + 7,
        "",
        (),
        "#ffd54f",
        "",
        "",
        "Fund",
        None,
        "f.txt",
    )
    link = parse(bookmark_link(bookmark))
    assert link.bookmark_id == "f" * 32
    assert resolve(link, ARTICLE, bookmark).passage_id == "p-1"
