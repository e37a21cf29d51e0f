"""``tag``, ``tags`` and ``collections`` over a real library of tiny .txt articles: parsed by
the CLI's own parser and run as :mod:`desktop.cli.commands` runs them; the tags follow an
article through an edit and a rebuild of the index."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import tags as cli_tags
from desktop.cli.commands import build_parser, main
from desktop.core.bookmarks import BookmarkStore
from desktop.core.library import Library
from tests.core.conftest import TINY, write_articles


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    articles = write_articles(tmp_path / "articles", TINY)
    with Library(tmp_path / "data", [articles]) as opened:
        opened.refresh()
        yield opened


class Ran:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> object:
        return json.loads(self.out)


def run(library: Library | None, data_dir: Path, *argv: str) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(list(argv))
    code = cli_tags.run(args, library, data_dir, out, err)
    return Ran(code, out.getvalue(), err.getvalue())


def ids(library: Library) -> dict[str, str]:
    return {s.title: s.id for s in library.articles()}


def test_tag_lists_and_removes_an_articles_tags(library: Library) -> None:
    fund = ids(library)["Fintech Fund Opens"]
    data = library.data_dir
    ran = run(library, data, "tag", fund, "fintech", "funds")
    assert (ran.code, ran.out) == (0, "Tagged “Fintech Fund Opens”: fintech, funds\n")
    assert run(library, data, "tag", fund).out == "fintech, funds\n"
    assert run(library, data, "tags", "--json").json() == [
        {"tag": "fintech", "articles": 1},
        {"tag": "funds", "articles": 1},
    ]
    assert run(library, data, "tags").out == "    1  fintech\n    1  funds\n"
    assert run(library, data, "tags", "FINTECH", "--json").json()[0]["article_id"] == fund
    removed = run(library, data, "tag", fund, "--remove", "Funds", "--json")
    assert removed.json() == {"article_id": fund, "tags": ["fintech"]}
    again = run(library, data, "tag", fund, "--remove", "funds")
    assert again.code == 2 and again.err.startswith("error: ") and again.out == ""


def test_tagging_an_unknown_article_is_one_line_and_changes_nothing(library: Library) -> None:
    ran = run(library, library.data_dir, "tag", "no-such-article", "x")
    assert ran.code == 2 and ran.err.count("\n") == 1 and "no-such-article" in ran.err
    assert run(library, library.data_dir, "tags", "--json").json() == []


def test_collections_are_made_filled_shown_and_removed(library: Library) -> None:
    found = ids(library)
    fund, lab = found["Fintech Fund Opens"], next(i for t, i in found.items() if "Lab" in t)
    data = library.data_dir
    assert run(library, data, "collections", "add", "Shelf").out == "“Shelf”: 0 article(s) added.\n"
    shown = run(library, data, "collections", "add", "shelf", fund, lab, "--json").json()
    assert isinstance(shown, dict) and shown["name"] == "Shelf"
    assert [a["article_id"] for a in shown["articles"]] == [fund, lab]
    assert run(library, data, "collections", "list", "--json").json() == [
        {"name": "Shelf", "articles": 2}
    ]
    text = run(library, data, "collections", "show", "Shelf").out
    assert text.splitlines()[0] == "Shelf (2 article(s))" and "Fintech Fund Opens" in text
    out = run(library, data, "collections", "remove", "Shelf", lab)
    assert out.out == "Took 1 article(s) out of “Shelf”.\n"
    deleted = run(library, data, "collections", "remove", "Shelf", "--json").json()
    assert isinstance(deleted, dict) and len(deleted["articles"]) == 1
    missing = run(library, data, "collections", "show", "Shelf")
    assert missing.code == 2 and "no collection called “Shelf”" in missing.err


def test_listing_works_without_the_library_and_tagging_says_why_not(library: Library) -> None:
    fund = ids(library)["Fintech Fund Opens"]
    run(library, library.data_dir, "tag", fund, "fintech")
    assert run(None, library.data_dir, "tags", "--json").json() == [
        {"tag": "fintech", "articles": 1}
    ]
    refused = run(None, library.data_dir, "tag", fund, "more")
    assert refused.code == 2 and "cannot be read now" in refused.err


def test_tags_follow_an_edited_article_through_a_rebuild(tmp_path: Path, library: Library) -> None:
    fund = ids(library)["Fintech Fund Opens"]
    run(library, library.data_dir, "tag", fund, "fintech")
    path = tmp_path / "articles" / "fund.txt"
    path.write_text(path.read_text("utf-8") + "A later paragraph added by an edit.\n", "utf-8")
    library.refresh(rebuild=True)
    assert ids(library)["Fintech Fund Opens"] == fund  # the identity tags are keyed by
    with BookmarkStore(library.data_dir) as store:
        assert store.article_tags(fund) == ("fintech",)


def test_the_commands_are_wired_into_the_command_line(
    tmp_path: Path, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    fund = ids(library)["Fintech Fund Opens"]
    common = ["--data-dir", str(library.data_dir), "--source", str(tmp_path / "articles")]
    assert main(["tag", fund, "fintech", *common]) == 0
    assert main(["collections", "add", "Shelf", fund, *common]) == 0
    capsys.readouterr()
    assert main(["tags", "--json", *common]) == 0
    assert json.loads(capsys.readouterr().out) == [{"tag": "fintech", "articles": 1}]
