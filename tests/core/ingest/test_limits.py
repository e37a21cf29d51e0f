"""Reading within bounds: however a file is made, what one read costs has a ceiling."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.core.errors import SourceError
from desktop.core.ingest import limits, reader
from desktop.core.ingest.limits import TooSlow, bounded_markup, passage_pieces, time_limit
from desktop.core.ingest.reader import read_article


def test_a_million_short_lines_are_cut_to_the_line_bound_and_say_so(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("A Very Long List\n" + "x\n" * 1_000_000, "utf-8")
    started = time.perf_counter()
    article = read_article(path)
    seconds = time.perf_counter() - started
    assert len(article.passages) < limits.MAX_LINES
    (note,) = [r for r in article.removals if r.rule == "limit"]
    assert note.line == limits.MAX_LINES + 1
    assert note.reason == (
        "the file is longer than InnoAtlas reads (10,000 lines): the rest is left out"
    )
    assert seconds < limits.READ_SECONDS  # a bound, not a benchmark (tests.bench.hostile_files)


def test_a_single_line_of_megabytes_becomes_bounded_passages(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    path.write_text("Title Line\n" + "Robots help. " * 400_000, "utf-8")
    article = read_article(path)
    assert sum(len(p.text) for p in article.passages) <= limits.MAX_CHARS
    assert max(len(p.text) for p in article.passages) <= limits.MAX_PASSAGE_CHARS
    assert all(p.text.endswith("help.") for p in article.passages[:-1])  # cut after sentences
    assert [r.reason for r in article.removals if r.rule == "limit"] == [
        "the file is longer than InnoAtlas reads (1,000,000 characters): the rest is left out"
    ]


def test_an_article_keeps_at_most_its_passage_bound(tmp_path: Path) -> None:
    path = tmp_path / "many.md"
    long_paragraph = "It grows. " * 70_000  # 700,000 characters: 140 passages
    lines = "".join(f"Paragraph number {i}.\n\n" for i in range(9_990))
    path.write_text(f"# Many\n\n{long_paragraph}\n\n{lines}", "utf-8")
    article = read_article(path)
    assert len(article.passages) == limits.MAX_PASSAGES
    assert article.removals[0].reason == (
        "the article is longer than InnoAtlas reads (10,000 passages): 130 more are left out"
    )


def test_passage_pieces_fall_back_to_spaces_and_then_to_any_character() -> None:
    assert passage_pieces("aaaa bbbb cccc", size=9) == ["aaaa bbbb", "cccc"]
    assert passage_pieces("x" * 10, size=4) == ["xxxx", "xxxx", "xx"]
    assert passage_pieces("short", size=9) == ["short"]


def test_markup_keeps_only_what_says_what_an_element_is() -> None:
    many = " ".join(f'data-n{i}="v"' for i in range(10_000))
    page = f'<div class="story" {many} id="main">Text</div>'
    assert bounded_markup(page) == '<div class="story" id="main">Text</div>'
    long_value = "x" * (limits.MAX_ATTRIBUTE_CHARS * 3)
    assert len(bounded_markup(f'<a href="{long_value}">link</a>')) < limits.MAX_ATTRIBUTE_CHARS + 20


def test_markup_loses_scripts_comments_and_styles_but_not_structured_data() -> None:
    page = (
        '<script type="application/ld+json">{"datePublished": "2024-03-01"}</script>'
        "<script>track('<p>')</script><style>p{}</style><!-- <p>old</p> --><p>Body</p>"
    )
    assert bounded_markup(page) == (
        '<script type="application/ld+json">{"datePublished": "2024-03-01"}</script><p>Body</p>'
    )


def test_markup_is_cut_after_its_element_bound() -> None:
    page = "<p>a</p>" * (limits.MAX_ELEMENTS + 10)
    assert bounded_markup(page).count("<p>") == limits.MAX_ELEMENTS


def test_a_page_of_a_million_attributes_reads_in_bounded_time(tmp_path: Path) -> None:
    attributes = " ".join(f'a{i}="v"' for i in range(1_000_000))
    path = tmp_path / "attributes.html"
    path.write_text(f"<html><body><p {attributes}>The lab opens in Sha Tin.</p></body></html>")
    started = time.perf_counter()
    assert read_article(path).passages[0].text == "The lab opens in Sha Tin."
    assert time.perf_counter() - started < limits.READ_SECONDS


def test_a_declared_charset_that_does_not_exist_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "undefined.html"
    path.write_bytes(
        b'<html><head><meta charset="undefined"><title>Lab Opens</title></head>'
        b"<body><p>The lab opened in Sha Tin today with thirty start-ups.</p></body></html>"
    )
    assert read_article(path).title == "Lab Opens"


def test_any_failure_of_a_reader_is_one_file_skipped_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a reader's own bug")

    monkeypatch.setattr(reader, "article_from_text", broken)  # isolates the fault
    path = tmp_path / "any.txt"
    path.write_text("Title\nBody.\n", "utf-8")
    with pytest.raises(SourceError) as caught:
        read_article(path)
    assert str(caught.value) == 'The file could not be read (KeyError: "a reader\'s own bug").'


def test_a_reader_that_never_ends_is_stopped_as_too_slow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def endless(*_args: object, **_kwargs: object) -> None:
        swallowed = 0
        while True:
            try:
                time.sleep(0.01)
            except Exception:  # noqa: BLE001 - a parser that swallows errors must still stop
                continue
            except BaseException:
                if swallowed:  # the first interrupt is swallowed whole, as a bare except does
                    raise
                swallowed += 1

    monkeypatch.setattr(reader, "article_from_text", endless)  # isolates the fault
    path = tmp_path / "slow.txt"
    path.write_text("Title\nBody.\n", "utf-8")
    started = time.perf_counter()
    with pytest.raises(TooSlow, match="too slow to read"):
        read_article(path, seconds=0.3)
    assert time.perf_counter() - started < 2


def test_an_enclosing_timer_keeps_its_time() -> None:
    import signal

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, _frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_limit(5):
            pass
        remaining, _interval = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 0.5
        time.sleep(0.7)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_title_of_a_whole_line_of_markup_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "brackets.md"
    path.write_text("[" * 200_000 + "text" + "]" * 200_000 + "\n", "utf-8")
    article = read_article(path)
    assert len(article.title) <= limits.MAX_TITLE_CHARS and article.title.endswith("…")


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        ('<img alt="growth > 20%" src="a.png"><p>Second para</p>', "<img><p>Second para</p>"),
        ('<a onclick="if(a>b){go()}" href="/x">link</a>', '<a href="/x">link</a>'),
        (
            "<script-loader><p>Text</p></script-loader>",
            "<script-loader><p>Text</p></script-loader>",
        ),
        ("<title>a <!-- b</title><p>c</p>", "<title>a <!-- b</title><p>c</p>"),
    ],
    ids=["gt-in-a-value", "gt-in-a-script-value", "custom-element", "unterminated-comment"],
)
def test_markup_bounds_keep_real_pages_as_they_are(page: str, kept: str) -> None:
    assert bounded_markup(page) == kept


def test_tags_left_open_are_read_in_linear_time() -> None:
    started = time.perf_counter()
    bounded_markup(("<p " + "a=b " * 2000) * 500)
    assert time.perf_counter() - started < limits.READ_SECONDS / 3
