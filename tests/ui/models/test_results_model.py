from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.core.library import Library
from desktop.core.model import ArticleDate, Hit, SearchResult, Snippet
from desktop.ui.models.results_model import (
    ArticleIdRole,
    DateTextRole,
    HitRole,
    PassageIdRole,
    ResultsModel,
    SnippetHtmlRole,
    SourceRole,
    browse_result,
)

HIT = Hit(
    "a1",
    "Parks <&> People",
    ArticleDate(2022, 1),
    "/x/seeds/a.txt",
    2.5,
    Snippet("big <data> here", ((4, 10),)),
    passage_id="p-1",
)


def test_model_passes_qtmodeltester_through_resets(
    qtmodeltester: ModelTester, library: Library
) -> None:
    model = ResultsModel()
    qtmodeltester.check(model)
    model.set_result(library.search("collaboration"))
    qtmodeltester.check(model)
    model.set_result(library.search("collaboration", mode="passages"))
    model.set_result(None)
    model.set_result(browse_result(library.articles()))
    qtmodeltester.check(model)


def test_rows_expose_the_hit_under_named_roles() -> None:
    model = ResultsModel()
    model.set_result(SearchResult("data", "passages", 7, (HIT,), terms=("data",)))
    index = model.index(0, 0)
    assert model.rowCount() == 1
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Parks <&> People"
    assert index.data(HitRole) == HIT
    assert index.data(ArticleIdRole) == "a1"
    assert index.data(PassageIdRole) == "p-1"
    assert index.data(DateTextRole) == "January 2022"
    assert index.data(SourceRole) == "a.txt"
    assert index.data(SnippetHtmlRole) == "big <b>&lt;data&gt;</b> here"
    assert model.index(1, 0).data(HitRole) is None


def test_a_passage_of_a_paged_source_shows_its_page() -> None:
    model = ResultsModel()
    paged = dataclasses.replace(HIT, source="/x/report.pdf", location="p. 7")
    model.set_result(SearchResult("data", "passages", 1, (paged,), terms=("data",)))
    index = model.index(0, 0)
    assert index.data(SourceRole) == "report.pdf · p. 7"
    assert "report.pdf · p. 7" in index.data(Qt.ItemDataRole.AccessibleTextRole)


def test_browse_result_lists_the_library(library: Library) -> None:
    result = browse_result(library.articles())
    assert result.total == 5
    assert result.query == ""
    assert [h.article_id for h in result.hits] == [a.id for a in library.articles()]
