"""A page by URL saved as a Markdown article: main content kept, chrome gone, URL recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.feeds.pages import (
    PageError,
    escape,
    original_url,
    save_page,
    web_folder,
)
from desktop.core.fetching import Fetcher, FetchError
from desktop.core.ingest.markdown_reader import markdown_blocks
from desktop.core.ingest.reader import read_article
from desktop.core.text import clean_line
from tests.loopback import Loopback, page, served


@pytest.fixture
def server() -> Iterator[Loopback]:
    yield from served()


def fetcher() -> Fetcher:
    return Fetcher(host_delay=0.0, read_seconds=2.0, total_seconds=3.0)


def test_a_page_is_saved_with_its_main_content_and_its_url(
    server: Loopback, tmp_path: Path
) -> None:
    url = server.route("/lab.html", page("HKSTP opens a robotics lab", "The lab opened."))
    saved = save_page(url, fetcher(), web_folder(tmp_path))
    assert saved.path.parent == tmp_path / "web" and saved.path.suffix == ".md"
    assert saved.title == "HKSTP opens a robotics lab"
    article = read_article(saved.path)
    assert article.title == "HKSTP opens a robotics lab"
    assert article.date is not None and article.date.iso() == "2024-03-01"
    assert article.headings == ("What comes next",)
    text = article.plain_text()
    assert text.count("The lab opened. ") == 1 and "The programme will support start-ups" in text
    for chrome in ("Home", "cookies", "Copyright", "newsletter"):
        assert chrome not in text
    assert original_url(saved.path) == url


def test_saving_the_same_url_again_replaces_its_file(server: Loopback, tmp_path: Path) -> None:
    url = server.route("/a.html", page("First title", "One."))
    first = save_page(url, fetcher(), tmp_path / "web")
    server.route("/a.html", page("Second title", "Two."))
    second = save_page(url, fetcher(), tmp_path / "web")
    assert second.path == first.path and list((tmp_path / "web").iterdir()) == [first.path]
    assert read_article(second.path).title == "Second title"


def test_a_page_without_an_article_is_a_one_line_error(server: Loopback, tmp_path: Path) -> None:
    url = server.route("/empty.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(PageError) as caught:
        save_page(url, fetcher(), tmp_path / "web")
    assert "\n" not in str(caught.value) and url in str(caught.value)
    assert not (tmp_path / "web").exists() or not list((tmp_path / "web").iterdir())


def test_a_refused_url_saves_nothing(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"^Refused file:///etc/passwd"):
        save_page("file:///etc/passwd", fetcher(), tmp_path / "web")
    assert not (tmp_path / "web").exists()


def test_only_a_saved_page_has_an_original_url(tmp_path: Path) -> None:
    own = tmp_path / "mine.md"
    own.write_text("---\nurl: https://example.org/\n---\n# Mine\n\nText.\n", "utf-8")
    assert original_url(own) is None
    forged = tmp_path / "forged.md"
    forged.write_text("---\ngenerator: innoatlas-web-page\nurl: file:///etc/passwd\n---\n", "utf-8")
    assert original_url(forged) is None
    assert original_url(tmp_path / "missing.md") is None


MARKUP = st.sampled_from(list("ab 19.)#*-_[]<>`\\|~&!=+():'\"{}"))
PROSE = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))


@given(st.text(MARKUP | PROSE, min_size=1))
def test_escaped_text_reads_back_as_written(text: str) -> None:
    """Whatever a paragraph holds, Markdown markup included, the saved file gives it back (as
    the reader cleans any line)."""
    line = clean_line(text)
    blocks = markdown_blocks(escape(line) + "\n")
    assert [b.text for b in blocks] == ([line] if line else [])
