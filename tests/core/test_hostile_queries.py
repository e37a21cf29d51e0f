"""Property tests: no query string, however hostile, makes search or the CLI fail."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import cli
from desktop.core.library import Library
from desktop.core.model import SearchResult
from desktop.locations import bundled_sources, knowledge_base

SYNTAX = st.sampled_from(
    [
        '"',
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "*",
        "?",
        "~",
        "^",
        ":",
        "-",
        "+",
        " AND ",
        " OR ",
        " NOT ",
        "title:",
        "date:",
        "entity:",
        "type:",
        "nosuchfield:",
        "date:[",
        " TO ",
        "\\",
        "'",
        "<",
        ">=",
        "=",
        "~2",
        "^2",
        " ANDNOT ",
        " ANDMAYBE ",
        " REQUIRE ",
        "year:",
        "source:",
        "headline:",
    ]
)
WORDS = st.sampled_from(["hkstp", "science", "park", "香港科技園", "cyber*", "2024", "a", "é"])
HOSTILE = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(SYNTAX, WORDS, st.text(max_size=5)), max_size=30).map("".join),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=50),
    st.builds(lambda w, n: (w + "*") * n, WORDS, st.integers(1, 200)),
    st.integers(5_000, 10_000).map(lambda n: ("hkstp " * n)[:n]),
)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    data = tmp_path_factory.mktemp("data")
    with Library(data, bundled_sources(), knowledge_base()) as lib:
        lib.refresh()
        yield lib


def check(result: SearchResult) -> None:
    assert result.total >= len(result.hits) >= 0
    for hit in result.hits:
        for start, end in hit.snippet.marks:
            assert 0 <= start < end <= len(hit.snippet.text)


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(query=HOSTILE, mode=st.sampled_from(["articles", "passages"]), as_you_type=st.booleans())
def test_search_never_raises(library: Library, query: str, mode: str, as_you_type: bool) -> None:
    check(library.search(query, mode=mode, as_you_type=as_you_type))  # type: ignore[arg-type]


@settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(query=HOSTILE)
def test_the_cli_prints_json_for_any_query(library: Library, query: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["search", "--json", "--data-dir", str(library.data_dir), "--", query])
    assert code == 0, err.getvalue()
    data = json.loads(out.getvalue())
    assert data["total"] >= len(data["hits"])
    assert "Traceback" not in err.getvalue()


def test_malformed_queries_say_so(library: Library) -> None:
    for query in ['"unbalanced', "title:(", "nosuchfield:x", "a" * 10_000, "x\x00y"]:
        result = library.search(query)
        assert result.notice or query == "x\x00y", query


def test_data_dir_is_left_alone_by_hostile_queries(library: Library) -> None:
    before = sorted(p.name for p in Path(library.data_dir).iterdir())
    library.search('"../../etc/passwd" title:<script>')
    assert sorted(p.name for p in Path(library.data_dir).iterdir()) == before
