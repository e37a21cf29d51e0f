"""Thin adapters over an :class:`EntityPage`: mentions by article, links by relation, figures.

Each leaf row carries its core value (a Mention, Link or Figure) under :data:`PayloadRole`, and
what a click needs under named roles: the article and passage to open, or the entity to follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, Qt

from desktop.core.entities.graph import Link
from desktop.core.model import Figure, Mention
from desktop.ui.models.grouped_model import Group, GroupedModel, Row
from desktop.view.entity_data import EntityPage

#: The article a row opens.
ArticleIdRole = Qt.ItemDataRole.UserRole + 30
#: The passage a row opens the reader at.
PassageIdRole = Qt.ItemDataRole.UserRole + 31
#: The entity a row follows to.
EntityIdRole = Qt.ItemDataRole.UserRole + 32
#: The words to highlight when the reader opens (the mention or figure text).
HighlightRole = Qt.ItemDataRole.UserRole + 33

FIGURE_KINDS = (("money", "Money"), ("count", "Counts"), ("date", "Dates"))


def _quote(sentence: str) -> str:
    return f"“{sentence.strip()}”"


class _EntityRowsModel(GroupedModel):
    """The entity panel's lists: rows that open an article at a passage or follow an entity."""

    def roleNames(self) -> dict[int, QByteArray]:
        """Role names, for QML and accessibility tools."""
        names = super().roleNames()
        names.update(
            {
                ArticleIdRole: QByteArray(b"articleId"),
                PassageIdRole: QByteArray(b"passageId"),
                EntityIdRole: QByteArray(b"entityId"),
                HighlightRole: QByteArray(b"highlight"),
            }
        )
        return names


class MentionsModel(_EntityRowsModel):
    """Every mention of the entity, grouped by article (articles in the library's order)."""

    def set_page(self, page: EntityPage | None) -> None:
        """Show the mentions of ``page`` (None empties the model)."""
        if page is None:
            self.set_groups([])
            return
        by_article: dict[str, list[Row]] = {}
        for mention, snippet in zip(page.details.mentions, page.snippets, strict=False):
            title = page.titles.get(mention.article_id, mention.article_id)
            by_article.setdefault(mention.article_id, []).append(
                Row(
                    snippet.text,
                    tooltip=f"{title}\n\n{snippet.text}",
                    payload=mention,
                    accessible=f"Mention in {title}: {snippet.text}",
                )
            )
        self.set_groups(
            [
                Group(page.titles.get(article_id, article_id), tuple(rows))
                for article_id, rows in by_article.items()
            ]
        )

    def row_data(self, row: Row, role: int) -> Any:
        """The article, passage and mention text of a mention row."""
        mention = row.payload
        if not isinstance(mention, Mention):
            return None
        if role == ArticleIdRole:
            return mention.article_id
        if role == PassageIdRole:
            return mention.passage_id
        if role == HighlightRole:
            return mention.text
        return None


class LinksModel(_EntityRowsModel):
    """Related entities grouped by how the relation reads from this entity, with evidence."""

    def set_page(self, page: EntityPage | None) -> None:
        """Show the links of ``page`` (None empties the model)."""
        if page is None:
            self.set_groups([])
            return
        groups: dict[str, list[Row]] = {}
        seen: set[tuple[str, str, str]] = set()
        for link in page.details.links:
            key = (link.label, link.other, link.relation.evidence.sentence)
            if key in seen:
                continue
            seen.add(key)
            other = page.others.get(link.other)
            name = other.name if other else link.other
            sentence = link.relation.evidence.sentence
            groups.setdefault(link.label, []).append(
                Row(
                    f"{name} — {_quote(sentence)}",
                    tooltip=f"{page.entity.name} {link.label} {name}\n\n{_quote(sentence)}",
                    payload=link,
                    accessible=f"{link.label} {name}. Evidence: {sentence}",
                )
            )
        self.set_groups([Group(label, tuple(rows)) for label, rows in sorted(groups.items())])

    def row_data(self, row: Row, role: int) -> Any:
        """The entity a link row follows to, and where its evidence is."""
        link = row.payload
        if not isinstance(link, Link):
            return None
        if role == EntityIdRole:
            return link.other
        if role == ArticleIdRole:
            return link.relation.evidence.article_id
        if role == PassageIdRole:
            return link.relation.evidence.passage_id
        return None


class FiguresModel(_EntityRowsModel):
    """Key figures found next to the entity, grouped by kind (money, counts, dates)."""

    def set_figures(self, figures: Sequence[Figure], titles: dict[str, str] | None = None) -> None:
        """Show ``figures``; ``titles`` names their articles in tooltips."""
        titles = titles or {}
        groups = []
        for kind, title in FIGURE_KINDS:
            rows = tuple(
                Row(
                    f"{f.text} — {_quote(f.evidence.sentence)}",
                    tooltip=f"{titles.get(f.evidence.article_id, '')}\n\n"
                    f"{_quote(f.evidence.sentence)}".strip(),
                    payload=f,
                    accessible=f"{title}: {f.text}. Source: {f.evidence.sentence}",
                )
                for f in figures
                if f.kind == kind
            )
            groups.append(Group(title, rows))
        self.set_groups(groups)

    def set_page(self, page: EntityPage | None) -> None:
        """Show the figures of ``page`` (None empties the model)."""
        if page is None:
            self.set_groups([])
        else:
            self.set_figures(page.details.figures, dict(page.titles))

    def row_data(self, row: Row, role: int) -> Any:
        """Where a figure's source passage is, and the figure's words."""
        figure = row.payload
        if not isinstance(figure, Figure):
            return None
        if role == ArticleIdRole:
            return figure.evidence.article_id
        if role == PassageIdRole:
            return figure.evidence.passage_id
        if role == HighlightRole:
            return figure.text
        return None
