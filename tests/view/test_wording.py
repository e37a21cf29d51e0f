"""Counts in words."""

from desktop.view.wording import counted


def test_one_is_singular_and_the_rest_plural() -> None:
    assert [counted(n, "mention") for n in (0, 1, 2)] == ["0 mentions", "1 mention", "2 mentions"]
    assert counted(1, "match", "matches") == "1 match"
    assert counted(5, "match", "matches") == "5 matches"
