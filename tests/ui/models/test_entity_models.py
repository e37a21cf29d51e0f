"""The entity panel's and the facets' item models over the real bundled library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.core.entities.graph import Link
from desktop.core.library import Library
from desktop.core.model import Facet, FacetValue, Mention
from desktop.ui.models.entity_models import (
    ArticleIdRole,
    EntityIdRole,
    FiguresModel,
    HighlightRole,
    LinksModel,
    MentionsModel,
    PassageIdRole,
)
from desktop.ui.models.facets_model import CountRole, FacetsModel, FilterRole
from desktop.ui.models.grouped_model import IsGroupRole, PayloadRole
from desktop.view.entity_data import EntityPage, load_entity_page


def _page(library: Library, name: str = "HKSTP") -> EntityPage:
    return load_entity_page(library, name)


def test_mentions_model_groups_by_article(qtmodeltester: ModelTester, library: Library) -> None:
    model = MentionsModel()
    qtmodeltester.check(model)
    page = _page(library)
    model.set_page(page)
    qtmodeltester.check(model)
    assert model.leaf_count() == len(page.details.mentions)
    assert model.rowCount() == len({m.article_id for m in page.details.mentions})
    group = model.index(0, 0)
    assert group.data(IsGroupRole) is True
    first = model.index(0, 0, group)
    mention = first.data(PayloadRole)
    assert isinstance(mention, Mention)
    assert group.data(Qt.ItemDataRole.DisplayRole).startswith(page.titles[mention.article_id])
    assert first.data(ArticleIdRole) == mention.article_id
    assert first.data(PassageIdRole) == mention.passage_id
    assert first.data(HighlightRole) == mention.text
    assert mention.text in first.data(Qt.ItemDataRole.DisplayRole)
    model.set_page(None)
    assert model.rowCount() == 0


def test_links_model_groups_by_relation(qtmodeltester: ModelTester, library: Library) -> None:
    model = LinksModel()
    model.set_page(_page(library))
    qtmodeltester.check(model)
    labels = [model.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())]
    assert any(label.startswith("runs (") for label in labels)
    runs = next(r for r, label in enumerate(labels) if label.startswith("runs ("))
    parent = model.index(runs, 0)
    targets = {model.index(r, 0, parent).data(EntityIdRole) for r in range(model.rowCount(parent))}
    assert {"gba-innoexpress", "gba-innoacademy"} <= targets
    row = model.index(0, 0, parent)
    link = row.data(PayloadRole)
    assert isinstance(link, Link)
    assert "“" in row.data(Qt.ItemDataRole.DisplayRole)
    assert link.relation.evidence.sentence in row.data(Qt.ItemDataRole.DisplayRole)


def test_figures_model(qtmodeltester: ModelTester, library: Library) -> None:
    model = FiguresModel()
    page = _page(library)
    model.set_page(page)
    qtmodeltester.check(model)
    assert model.leaf_count() == len(page.details.figures) > 0
    figure = page.details.figures[0]
    found = [
        model.index(r, 0, model.index(g, 0))
        for g in range(model.rowCount())
        for r in range(model.rowCount(model.index(g, 0)))
    ]
    assert any(i.data(PassageIdRole) == figure.evidence.passage_id for i in found)


def test_facets_model_checks_active_filters(qtmodeltester: ModelTester, library: Library) -> None:
    model = FacetsModel()
    qtmodeltester.check(model)
    result = library.search("hkstp entity:ai")
    model.set_facets(result.facets, result.query)
    qtmodeltester.check(model)
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles[0].startswith("Organisations")
    assert any(t.startswith("Year") for t in titles)
    rows = [
        model.index(r, 0, model.index(g, 0))
        for g in range(model.rowCount())
        for r in range(model.rowCount(model.index(g, 0)))
    ]
    by_filter = {i.data(FilterRole): i for i in rows}
    assert by_filter["entity:ai"].data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert by_filter["entity:hkstp"].data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert by_filter["entity:hkstp"].data(CountRole) == result.total


def test_facets_model_leaves_out_the_undated_sentinel() -> None:
    model = FacetsModel()
    values = (FacetValue("4294967295", "4294967295", 3, "date:4294967295"),)
    model.set_facets([Facet("year", (*values, FacetValue("2024", "2024", 1, "date:2024")))], "")
    group = model.index(0, 0)
    assert model.rowCount(group) == 1
    assert model.index(0, 0, group).data(FilterRole) == "date:2024"


def test_doctests_of_the_entity_modules() -> None:
    import doctest

    from desktop.ui.models import facets_model

    for module in (facets_model,):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0
        assert result.failed == 0
