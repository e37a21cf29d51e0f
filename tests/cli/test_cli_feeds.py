"""``feeds`` and ``import URL`` from a terminal, against a loopback server: never the internet."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import feeds as cli_feeds
from desktop.cli.commands import build_parser, main
from desktop.core.feeds.pages import web_folder
from desktop.core.fetching import Fetcher
from desktop.core.library import Library
from desktop.core.sources import SourceList
from tests.loopback import Loopback, page, rss, served


@pytest.fixture
def server() -> Iterator[Loopback]:
    yield from served()


def run(data_dir: Path, *argv: str, command: str = "feeds") -> tuple[int, str, str]:
    """One command through the real parser, with a fetcher that does not pause between
    requests (the politeness delay is tested in tests/core/test_fetching.py)."""
    args = build_parser().parse_args([command, *argv, "--data-dir", str(data_dir)])
    out, err = io.StringIO(), io.StringIO()
    fetcher = Fetcher(host_delay=0.0, read_seconds=1.0, total_seconds=2.0, max_bytes=1 << 20)

    def make_library(extra: list[Path]) -> Library:
        return Library(data_dir, extra)

    entry = cli_feeds.run if command == "feeds" else cli_feeds.import_command
    code = entry(args, data_dir, make_library, out, err, fetcher)
    return code, out.getvalue(), err.getvalue()


def search(data_dir: Path, query: str) -> list[str]:
    with Library(data_dir, SourceList(data_dir).paths()) as library:
        return sorted(hit.title for hit in library.search(query).hits)


def stories(server: Loopback, numbers: range) -> list[tuple[str, str]]:
    return [
        (f"Story {n}", server.route(f"/s{n}.html", page(f"Quantum lab {n} opens", f"Lab {n}.")))
        for n in numbers
    ]


def test_a_feed_of_three_is_added_refreshed_searchable_and_then_only_new_is_fetched(
    server: Loopback, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    items = stories(server, range(1, 4))
    feed = server.route("/feed.xml", rss("Lab News", items), content_type="text/xml", etag='"1"')
    assert run(data, "add", feed)[:2] == (
        0,
        f"Subscribed to {feed}; `feeds refresh` fetches its entries.\n",
    )
    code, out, err = run(data, "refresh")
    assert code == 0, err
    assert out.count("  + ") == 3 and "3 new page(s) from 1 feed(s)" in out
    assert search(data, "quantum lab") == [f"Quantum lab {n} opens" for n in (1, 2, 3)]
    assert search(data, "cookies") == []  # the page's chrome was left out
    assert web_folder(data) in SourceList(data).paths()

    code, out, _err = run(data, "refresh", "--json")
    report = json.loads(out)
    assert code == 0 and report["feeds"][0]["status"] == "not-modified"
    assert report["feeds"][0]["saved"] == [] and report["indexed"] is None
    assert server.conditional["/feed.xml"] == 1

    fourth = server.route("/s4.html", page("Quantum lab 4 opens", "Lab 4."))
    server.route("/feed.xml", rss("Lab News", [*items, ("Four", fourth)]), content_type="text/xml")
    code, out, _err = run(data, "refresh", "--json")
    report = json.loads(out)
    assert [p["url"] for p in report["feeds"][0]["saved"]] == [fourth]
    assert all(server.hits[f"/s{n}.html"] == 1 for n in range(1, 5))
    assert len(search(data, "quantum lab")) == 4

    listed = json.loads(run(data, "list", "--json")[1])["feeds"]
    assert [(f["url"], f["title"], f["status"]) for f in listed] == [(feed, "Lab News", "ok")]


def test_a_failing_feed_is_one_line_and_the_others_go_on(server: Loopback, tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = server.route(
        "/good.xml", rss("Good", stories(server, range(1, 3))), content_type="text/xml"
    )
    for url in (
        server.url("/gone.xml"),
        server.route("/x.xml", "nope", content_type="text/xml"),
        good,
    ):
        run(data, "add", url)
    code, out, err = run(data, "refresh")
    assert code == 1 and "Traceback" not in out + err
    lines = out.splitlines()
    assert f"! {server.url('/gone.xml')} answered 404 Not Found." in lines
    assert any(line.startswith("! ") and "is not an RSS or Atom feed" in line for line in lines)
    assert "· Good: 2 new page(s) saved." in lines
    assert len(search(data, "quantum lab")) == 2


def test_feeds_remove_and_mistakes(server: Loopback, tmp_path: Path) -> None:
    data = tmp_path / "data"
    feed = server.url("/f.xml")
    run(data, "add", feed)
    assert run(data, "add", feed)[1] == f"Already subscribed to {feed}.\n"
    assert run(data, "add", "ftp://example.org/feed")[::2] == (
        2,
        "error: Refused ftp://example.org/feed: only http and https addresses are fetched, "
        "not ftp:.\n",
    )
    assert json.loads(run(data, "remove", feed, "--json")[1]) == {"removed": True, "url": feed}
    assert run(data, "remove", feed)[::2] == (
        2,
        f"error: no feed {feed} is subscribed (see: feeds list).\n",
    )
    assert run(data, "list") == (0, "No feeds yet: add one with `feeds add URL`.\n", "")
    assert run(data, "refresh")[1] == "No feeds to refresh: add one first.\n"


def test_import_url_saves_one_page_and_indexes_it(server: Loopback, tmp_path: Path) -> None:
    data = tmp_path / "data"
    url = server.route("/page.html", page("Cyberport opens a fintech hub", "The hub opened."))
    code, out, err = run(data, url, "--json", command="import")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert [row["title"] for row in report["added"]] == ["Cyberport opens a fintech hub"]
    assert len(list(web_folder(data).iterdir())) == 1
    assert search(data, "fintech hub") == ["Cyberport opens a fintech hub"]


def test_import_refuses_file_urls_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import", "file:///etc/passwd", "--data-dir", str(tmp_path / "data")])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err == (
        "error: Refused file:///etc/passwd: only http and https addresses are fetched, not file:.\n"
    )
    assert not (tmp_path / "data" / "web").exists()


def test_import_url_through_main_with_the_real_fetcher(
    server: Loopback, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.route("/p.html", page("Science Park news", "Park text."))
    code = main(["import", url, "--data-dir", str(tmp_path / "data")])
    out = capsys.readouterr().out
    assert code == 0 and "“Science Park news”" in out and "web" in out
    assert server.agents[-1].startswith("InnoAtlas/")
    missing = server.url("/missing.html")
    assert main(["import", missing, "--data-dir", str(tmp_path / "data")]) == 1
    assert capsys.readouterr().err == f"error: {missing} answered 404 Not Found.\n"
