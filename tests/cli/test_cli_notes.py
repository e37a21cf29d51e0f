"""``search`` finds a word only in a bookmark's note, and ``--json`` marks such hits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.links import parse
from tests.core.conftest import TINY, write_articles


@pytest.fixture
def where(tmp_path: Path) -> list[str]:
    sources = write_articles(tmp_path / "articles", TINY)
    return ["--data-dir", str(tmp_path / "data"), "--source", str(sources)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_search_json_marks_a_hit_found_through_a_note(
    capsys: pytest.CaptureFixture[str], where: list[str]
) -> None:
    code, out, _err = run(capsys, "search", "zeppelin", "--json", *where)
    assert code == 0 and json.loads(out)["total"] == 0
    articles = json.loads(run(capsys, "articles", "--json", *where)[1])
    fund = next(a["id"] for a in articles if a["title"] == "Fintech Fund Opens")
    code, out, _err = run(
        capsys,
        "bookmarks",
        "add",
        fund,
        "--quote",
        "HK$10 million",
        "--note",
        "the zeppelin question",
        *where,
    )
    assert code == 0
    code, out, _err = run(capsys, "search", "zeppelin", "--json", *where)
    data = json.loads(out)
    assert data["total"] == 1
    (hit,) = data["hits"]
    assert hit["article_id"] == fund and hit["via"] == "note"
    assert hit["note"] == "the zeppelin question" and len(hit["bookmark"]) == 32
    link = parse(hit["link"])
    assert (link.article_id, link.bookmark_id) == (fund, hit["bookmark"])
    code, out, _err = run(capsys, "search", "zeppelin", *where)
    assert "Your note: the *zeppelin* question" in out
