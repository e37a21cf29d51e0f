"""The CLI, run as a user runs it: a subprocess per command, JSON read back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.links import parse


def cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    assert cli("index", data_dir=folder).returncode == 0
    return folder


def test_search_json_suggests_a_spelling(data_dir: Path) -> None:
    run = cli("search", "cybersecurty", "--json", data_dir=data_dir)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "query": "cybersecurty",
        "total": 0,
        "total_exact": True,
        "suggestion": "cybersecurity",
        "notice": None,
        "hits": [],
        "facets": {},
    }


@pytest.mark.parametrize("query", ["title:(", '"unbalanced'])
def test_malformed_query_gives_a_notice_not_a_traceback(data_dir: Path, query: str) -> None:
    run = cli("search", query, "--json", data_dir=data_dir)
    assert run.returncode == 0
    assert "Traceback" not in run.stderr
    assert json.loads(run.stdout)["notice"].startswith("The query has an unmatched")


def test_passages_json_fields(data_dir: Path) -> None:
    run = cli(
        "search",
        "What does i2Cool specialise in?",
        "--passages",
        "--limit",
        "2",
        "--json",
        data_dir=data_dir,
    )
    result = json.loads(run.stdout)
    hit = result["hits"][0]
    assert set(hit) == {
        "article_id",
        "title",
        "date",
        "source",
        "score",
        "snippet",
        "passage_id",
        "text",
        "link",
    }
    assert "electricity-free cooling technology" in hit["text"]
    link = parse(hit["link"])  # a link to paste into a note, back to this very passage
    assert (link.article_id, link.passage_id) == (hit["article_id"], hit["passage_id"])
    assert link.quote == " ".join(hit["text"].split())
    assert hit["date"] == "2024-12-02"


def test_articles_show_and_explain(data_dir: Path) -> None:
    rows = json.loads(cli("articles", "--json", data_dir=data_dir).stdout)
    assert len(rows) == 5
    roadmap = next(r for r in rows if r["title"].startswith("HKSTP Unveils"))
    shown = cli("show", roadmap["id"], "--explain", data_dir=data_dir).stdout
    assert "[chrome]" in shown and "Send this to a friend" in shown
    article = json.loads(cli("show", roadmap["id"], "--json", data_dir=data_dir).stdout)
    assert article["title"] == "HKSTP Unveils New Roadmap to Drive I&T Impetus"
    assert [r["rule"] for r in article["removed"]] == ["site-notice", "chrome", "chrome"]


def test_options_may_come_before_or_after_the_command(data_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "elsewhere"
    before = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "articles", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert len(json.loads(before.stdout)) == 5
    other = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(empty),
            "--source",
            str(tmp_path),
            "articles",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert json.loads(other.stdout) == [] and (empty / "index").is_dir()


def test_user_mistakes_are_one_line_errors(data_dir: Path, tmp_path: Path) -> None:
    missing = cli("show", "no-such-id", data_dir=data_dir)
    assert missing.returncode == 1
    assert missing.stderr == "error: No article with id “no-such-id” is in the library.\n"
    no_source = cli("search", "x", "--source", str(tmp_path / "nope"), data_dir=data_dir)
    assert no_source.returncode == 2
    assert no_source.stderr.startswith("error: the source")


def test_a_mistyped_command_is_named_with_the_nearest_one(tmp_path: Path) -> None:
    run = cli("serach", "hkstp", data_dir=tmp_path / "data")
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        "error: there is no command “serach”; did you mean “search”? (python -m desktop --help)\n"
    )
    assert not (tmp_path / "data").exists()  # no window was opened, nothing was created


def test_options_and_their_values_are_not_taken_for_commands() -> None:
    from desktop.cli import command_word

    assert command_word(["--data-dir", "index", "--source", "search"]) is None
    assert command_word(["--search=articles", "-style", "fusion"]) is None
    assert command_word(["--data-dir", "d", "entities", "--json"]) == "entities"
    assert command_word(["--", "search"]) == "search"


def test_titles_and_names_cannot_take_over_the_terminal(tmp_path: Path) -> None:
    hostile = "Harbour\x1b]0;owned\x07 Lab \x1b[2J\x9b31mopens\u202e\r"
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "lab\x1b[1m.txt").write_text(
        f"{hostile}\nMarch 3, 2023\nThe lab opens in Sha Tin with twenty robotics start-ups.\n"
    )
    source = ["--source", str(tmp_path / "articles")]
    listed = cli("articles", *source, data_dir=tmp_path / "data")
    searched = cli("search", "robotics", *source, data_dir=tmp_path / "data")
    assert listed.returncode == searched.returncode == 0
    for text in (listed.stdout, searched.stdout):
        assert "Harbour Lab opens" in text
        assert not any(c in text for c in "\x1b\x07\x9b\u202e\r")
    as_json = json.loads(cli("articles", "--json", *source, data_dir=tmp_path / "data").stdout)
    assert as_json[0]["title"].startswith("Harbour\x1b]0;owned\x07 Lab")  # JSON keeps it, escaped
    raw = cli("articles", "--json", *source, data_dir=tmp_path / "data").stdout
    assert not any(c in raw for c in "\x1b\x07\x9b\u202e")


def test_an_unterminated_escape_takes_nothing_past_its_line() -> None:
    from desktop.core.text import terminal_safe

    assert terminal_safe("a1  Bad \x1b]0;x title\nb2  next line\n") == "a1  Bad \nb2  next line\n"


def test_a_query_may_start_with_a_minus_with_or_without_dashes(data_dir: Path) -> None:
    totals = []
    for args in (
        ["search", "-crypto fintech", "--json"],
        ["search", "--", "-crypto fintech", "--json"],
        ["search", "--json", "--", "-crypto fintech"],
    ):
        run = cli(*args, data_dir=data_dir)
        assert run.returncode == 0, (args, run.stderr)
        data = json.loads(run.stdout)
        assert data["query"] == "-crypto fintech"
        totals.append(data["total"])
    alone = json.loads(cli("search", "-crypto", "--json", data_dir=data_dir).stdout)
    assert alone["total"] == 5  # no bundled article mentions crypto
    assert (
        totals[0]
        == totals[1]
        == totals[2]
        == json.loads(cli("search", "fintech", "--json", data_dir=data_dir).stdout)["total"]
    )


def test_saved_searches_are_added_listed_run_and_removed(data_dir: Path) -> None:
    added = cli(
        "saved", "add", "Singapore, newest", "singapore", "--sort", "date", data_dir=data_dir
    )
    assert added.returncode == 0, added.stderr
    listed = json.loads(cli("saved", "list", "--json", data_dir=data_dir).stdout)
    assert {(s["name"], s["query"], s["sort"]) for s in listed} >= {
        ("Singapore, newest", "singapore", "date")
    }
    ran = json.loads(cli("saved", "run", "singapore, NEWEST", "--json", data_dir=data_dir).stdout)
    direct = json.loads(
        cli("search", "singapore", "--sort", "date", "--json", data_dir=data_dir).stdout
    )
    assert [h["article_id"] for h in ran["hits"]] == [h["article_id"] for h in direct["hits"]]
    missing = cli("saved", "run", "nothing like it", data_dir=data_dir)
    assert missing.returncode == 2 and "no saved search called" in missing.stderr
    assert cli("saved", "remove", "Singapore, newest", data_dir=data_dir).returncode == 0
    assert cli("saved", "remove", "Singapore, newest", data_dir=data_dir).returncode == 2
