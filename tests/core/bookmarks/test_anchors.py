"""Re-anchoring after edits, on tiny hand-written articles: each edit and its outcome."""

from __future__ import annotations

import hashlib

import pytest

from desktop.core.bookmarks.anchors import (
    MIN_FUZZY_LENGTH,
    Placement,
    anchor_at,
    anchor_passage,
    find_quote,
    locate,
)
from desktop.core.bookmarks.model import Anchor, AnchorStatus, QuoteNotFound
from desktop.core.model import Article, Block
from desktop.core.text import fold

ATTACHED, MOVED, ORPHANED = AnchorStatus.ATTACHED, AnchorStatus.MOVED, AnchorStatus.ORPHANED

FUND = "The Cyberport Macro Fund opened a new round for fintech startups on Friday, officials said."
APPLY = "Companies can apply for up to HK$10 million, the fund said in a statement."
LAB = "Researchers are collaborating on warehouse robots at the new lab in Sha Tin."


def pid(text: str) -> str:
    """The passage id ingestion gives this text."""
    return "p-" + hashlib.blake2b(fold(text).encode(), digest_size=4).hexdigest()


def article(*paragraphs: str) -> Article:
    blocks = [Block("h-1", "heading", "Fintech Fund Opens")]
    blocks += [Block(pid(text), "paragraph", text) for text in paragraphs]
    return Article("a1", "Fintech Fund Opens", "fund.txt", tuple(blocks))


ORIGINAL = article(FUND, APPLY, LAB)
QUOTE = "a new round for fintech startups"  # long enough for fuzzy matching
SHORT = "HK$10 million"  # too short for fuzzy matching


def test_anchor_at_keeps_the_quote_its_context_and_offsets() -> None:
    start = FUND.index(QUOTE)
    assert anchor_at(ORIGINAL, pid(FUND), start, start + len(QUOTE)) == Anchor(
        passage_id=pid(FUND),
        quote=QUOTE,
        prefix="The Cyberport Macro Fund opened ",
        suffix=" on Friday, officials said.",
        start=start,
        end=start + len(QUOTE),
    )


def test_context_is_at_most_32_characters_each_side() -> None:
    anchor = find_quote(ORIGINAL, "fintech")
    assert (len(anchor.prefix), anchor.prefix) == (32, "cro Fund opened a new round for ")
    assert anchor.suffix == " startups on Friday, officials s"


def test_anchor_passage_is_the_whole_paragraph() -> None:
    assert anchor_passage(ORIGINAL, pid(APPLY)) == Anchor(pid(APPLY), APPLY, "", "", 0, len(APPLY))


@pytest.mark.parametrize(
    ("passage_id", "start", "end"), [("p-none", 0, 3), (pid(APPLY), 5, 5), (pid(APPLY), 0, 999)]
)
def test_anchor_at_refuses_what_is_not_in_a_passage(passage_id: str, start: int, end: int) -> None:
    with pytest.raises(QuoteNotFound):
        anchor_at(ORIGINAL, passage_id, start, end)


def test_headings_are_not_passages() -> None:
    with pytest.raises(QuoteNotFound):
        anchor_passage(ORIGINAL, "h-1")


def test_find_quote_collapses_whitespace_and_is_otherwise_exact() -> None:
    assert find_quote(ORIGINAL, "  HK$10\n million ") == anchor_at(
        ORIGINAL, pid(APPLY), APPLY.index(SHORT), APPLY.index(SHORT) + len(SHORT)
    )
    with pytest.raises(QuoteNotFound, match="is not in “Fintech Fund Opens”"):
        find_quote(ORIGINAL, "hk$10 million")


# -- re-anchoring ------------------------------------------------------------------------------


def test_unchanged_article_keeps_it_attached() -> None:
    anchor = find_quote(ORIGINAL, QUOTE)
    assert locate(ORIGINAL, anchor) == Placement(anchor, ATTACHED, 100.0)


def test_reordered_passages_keep_it_attached() -> None:
    anchor = find_quote(ORIGINAL, SHORT)
    assert locate(article(LAB, APPLY, FUND), anchor) == Placement(anchor, ATTACHED, 100.0)


def test_editing_other_passages_keeps_it_attached() -> None:
    anchor = find_quote(ORIGINAL, QUOTE)
    edited = article(FUND, APPLY.replace("statement", "press release"), "A new closing line.")
    assert locate(edited, anchor) == Placement(anchor, ATTACHED, 100.0)


def test_edit_far_from_the_quote_moves_it_to_the_new_passage_id() -> None:
    anchor = find_quote(ORIGINAL, QUOTE)
    changed = FUND.replace("officials said.", "a spokesperson for the fund told reporters.")
    placement = locate(article(changed, APPLY, LAB), anchor)
    assert placement == Placement(
        Anchor(pid(changed), QUOTE, anchor.prefix, " on Friday, a spokesperson for t", 32, 64),
        MOVED,
        100.0,
    )


def test_text_inserted_before_the_passage_start_moves_the_offsets() -> None:
    anchor = find_quote(ORIGINAL, SHORT)
    changed = "According to the rules, c" + APPLY[1:]
    start = changed.index(SHORT)
    placement = locate(article(FUND, changed, LAB), anchor)
    assert placement == Placement(
        Anchor(pid(changed), SHORT, changed[start - 32 : start], anchor.suffix, start, start + 13),
        MOVED,
        100.0,
    )


def test_shortened_passage_that_still_holds_the_quote_moves_it() -> None:
    anchor = find_quote(ORIGINAL, QUOTE)
    shortened = "The fund opened a new round for fintech startups."
    placement = locate(article(shortened, APPLY, LAB), anchor)
    assert placement == Placement(
        Anchor(pid(shortened), QUOTE, "The fund opened ", ".", 16, 48), MOVED, 100.0
    )


def test_shortened_passage_that_cut_the_quote_orphans_it() -> None:
    anchor = find_quote(ORIGINAL, QUOTE)
    placement = locate(article("The Cyberport Macro Fund opened a new round.", APPLY, LAB), anchor)
    assert placement == Placement(anchor, ORPHANED, 0.0)


def test_deleted_passage_orphans_it_and_keeps_the_old_anchor() -> None:
    anchor = find_quote(ORIGINAL, QUOTE)
    assert locate(article(APPLY, LAB), anchor) == Placement(anchor, ORPHANED, 0.0)


def test_deleted_passage_never_attaches_a_short_quote_to_the_same_words_elsewhere() -> None:
    anchor = find_quote(ORIGINAL, "the new lab")
    other = "Visitors toured the new lab on Monday."
    assert locate(article(FUND, APPLY, other), anchor) == Placement(anchor, ORPHANED, 0.0)


def test_short_quote_with_one_side_of_its_context_is_found() -> None:
    anchor = find_quote(ORIGINAL, SHORT)
    changed = APPLY.replace(", the fund said in a statement.", ".")
    start = changed.index(SHORT)
    placement = locate(article(FUND, changed, LAB), anchor)
    assert placement == Placement(
        Anchor(pid(changed), SHORT, anchor.prefix, ".", start, start + len(SHORT)), MOVED, 100.0
    )


def test_short_quote_with_a_small_edit_is_orphaned_not_fuzzily_matched() -> None:
    anchor = find_quote(ORIGINAL, SHORT)
    assert len(SHORT) < MIN_FUZZY_LENGTH
    changed = APPLY.replace(SHORT, "HK$12 million")
    assert locate(article(FUND, changed, LAB), anchor) == Placement(anchor, ORPHANED, 0.0)


def test_long_quote_with_a_small_edit_is_matched_fuzzily_to_the_new_words() -> None:
    anchor = find_quote(ORIGINAL, QUOTE)
    changed = FUND.replace("fintech startups", "fintech start-ups")
    placement = locate(article(changed, APPLY, LAB), anchor)
    assert placement == Placement(
        Anchor(
            pid(changed), "a new round for fintech start-ups", anchor.prefix, anchor.suffix, 32, 65
        ),
        MOVED,
        98.5,
    )


def test_long_quote_with_words_inserted_covers_the_whole_new_quote() -> None:
    anchor = find_quote(ORIGINAL, "opened a new round for fintech startups on Friday")
    changed = FUND.replace("fintech startups", "small fintech startups")
    placement = locate(article(changed, APPLY, LAB), anchor)
    assert (placement.status, placement.anchor.quote) == (
        MOVED,
        "opened a new round for small fintech startups on Friday",
    )


def test_long_quote_rewritten_is_orphaned() -> None:
    anchor = find_quote(ORIGINAL, QUOTE)
    changed = "The Cyberport Macro Fund began accepting applications from young firms."
    assert locate(article(changed, APPLY, LAB), anchor) == Placement(anchor, ORPHANED, 0.0)


def test_repeated_quote_goes_to_the_occurrence_with_its_context() -> None:
    first = "Startups can apply online. The deadline is in May."
    second = "Universities can apply online. The deadline is in June."
    anchor = find_quote(article(first, second), "apply online")
    placement = locate(article(second, first), anchor)  # reordered
    assert placement == Placement(anchor, ATTACHED, 100.0)
    moved = locate(article("Note: " + second, "Note: " + first), anchor)
    assert (moved.status, moved.anchor.passage_id) == (MOVED, pid("Note: " + first))


def test_repeated_short_quote_without_context_is_orphaned() -> None:
    original = article("Startups can apply online now.")
    anchor = find_quote(original, "apply online")
    edited = article("Startups and universities can apply online or by post.", "Or apply online.")
    assert locate(edited, anchor).status is ORPHANED


def test_repeated_quote_with_one_side_of_context_in_one_place_is_found() -> None:
    anchor = find_quote(article("Startups can apply online now."), "apply online")
    edited = article("Universities may apply online.", "Startups can apply online today.")
    placement = locate(edited, anchor)
    assert (placement.status, placement.anchor.passage_id, placement.anchor.start) == (
        MOVED,
        pid("Startups can apply online today."),
        13,
    )


def test_same_article_read_twice_gives_the_same_placement() -> None:
    anchor = find_quote(ORIGINAL, QUOTE)
    changed = article(FUND.replace("Friday", "Monday"), APPLY, LAB)
    first = locate(changed, anchor)
    assert locate(changed, first.anchor) == Placement(first.anchor, ATTACHED, 100.0)


def test_whole_paragraph_bookmark_follows_a_small_edit_of_the_paragraph() -> None:
    anchor = anchor_passage(ORIGINAL, pid(APPLY))
    changed = APPLY.replace("statement", "statment")
    placement = locate(article(FUND, changed, LAB), anchor)
    assert (placement.status, placement.anchor) == (
        MOVED,
        Anchor(pid(changed), changed, "", "", 0, len(changed)),
    )


def test_whole_paragraph_bookmark_is_orphaned_when_half_the_paragraph_goes() -> None:
    anchor = anchor_passage(ORIGINAL, pid(APPLY))
    changed = "Companies can apply for up to HK$10 million."
    assert locate(article(FUND, changed, LAB), anchor) == Placement(anchor, ORPHANED, 0.0)
