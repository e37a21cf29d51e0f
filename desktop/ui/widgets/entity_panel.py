"""The entity side panel: who or what an entity is, its figures, mentions and relations.

Everything shown comes from an :class:`EntityPage` prepared on the worker. The panel never
calls the core: a click asks the window to open a passage or another entity, and a correction
(rename, change the type, merge, split off an alias, hide, or confirm a discovered entity) is
handed to the window as a core ``Correction``. A line under the heading says where the entity
came from: the knowledge base, the articles (and how sure that is), or the user.

Run alone with sample data: ``python -m desktop.ui.widgets.entity_panel``.
"""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.entities.corrections import Correction
from desktop.core.model import ENTITY_TYPES
from desktop.ui.models.entity_models import (
    ArticleIdRole,
    EntityIdRole,
    FiguresModel,
    HighlightRole,
    LinksModel,
    MentionsModel,
    PassageIdRole,
)
from desktop.ui.models.grouped_model import GroupedModel, IsGroupRole
from desktop.ui.widgets.timeline import TimelineView
from desktop.view.entity_data import TYPE_LABELS, EntityPage
from desktop.view.wording import counted

_Index = QModelIndex | QPersistentModelIndex

EMPTY_HTML = (
    "<p><b>No entity open.</b></p>"
    "<p>Click a name in an article (names are links), or a value under "
    "<i>Organisations</i>, <i>Initiatives</i> or <i>People</i> in the results' facets.</p>"
)


class _WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped at the column's width (the default is one line)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """The wrapped text's height at the width left after indentation."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth = 1 if index.parent().isValid() else 0
        width = self._view.columnWidth(0) - self._view.indentation() * (depth + 1) - 12
        rect = QFontMetrics(opt.font).boundingRect(
            QRect(0, 0, max(width, 60), 100_000), int(Qt.TextFlag.TextWordWrap), opt.text
        )
        return QSize(max(width, 60), rect.height() + 6)


class _ItemTree(QTreeView):
    """A read-only tree whose leaf rows act on a click, Enter or Space.

    Signals:
        sig_row_activated(QModelIndex): a leaf row was clicked or activated from the keyboard.
    """

    sig_row_activated = Signal(QModelIndex)

    def __init__(self, model: GroupedModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setUniformRowHeights(False)
        self.header().setStretchLastSection(True)
        self.setItemDelegate(_WrapDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As tall as its rows: the panel scrolls as one page, not as boxes inside boxes.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setExpandsOnDoubleClick(False)
        self.clicked.connect(self._on_self_clicked)
        model.modelReset.connect(self.expandAll)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Wrap rows again at the new width."""
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()

    def _on_self_clicked(self, index: QModelIndex) -> None:
        self._act(index)

    def _act(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if index.data(IsGroupRole):
            self.setExpanded(index, not self.isExpanded(index))
        else:
            self.sig_row_activated.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter and Space act on the current row; the rest is standard."""
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if event.key() in keys and self.currentIndex().isValid():
            self._act(self.currentIndex())
            return
        super().keyPressEvent(event)


class EntityPanel(QWidget):
    """Shows one entity: name, type, aliases, description, figures, mentions and relations.

    Attributes:
        page: the page shown, or None.
        header: name, type, aliases and description (escaped rich text).
        provenance_label: where the entity came from ("From the knowledge base", "Found in the
            articles · likely", "... · confirmed by you"); its tooltip says why.
        figures_model, mentions_model, links_model: the three lists' models.
        figures_view, mentions_view, links_view: the three lists.
        timeline, timeline_label: the mentions by year of their articles (hidden when none of
            the articles has a date).
        graph_button: "Show Graph".
        confirm_button: "Confirm", shown for a discovered entity not yet confirmed.
        correct_button: the corrections menu (rename, change type, merge, split, hide).

    Signals:
        sig_passage_requested(str, str, str): open article, passage, and highlight these words.
        sig_entity_requested(str): follow a relation to this entity id.
        sig_graph_requested(str): show the neighbourhood graph of this entity id.
        sig_correction_requested(object): apply this :class:`Correction`.
    """

    sig_passage_requested = Signal(str, str, str)
    sig_entity_requested = Signal(str)
    sig_graph_requested = Signal(str)
    sig_correction_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entity_panel")
        self.setAccessibleName("Entity panel")
        self.page: EntityPage | None = None

        self.header = QLabel(self)
        self.header.setObjectName("entity_header")
        self.header.setAccessibleName("Entity")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.provenance_label = QLabel(self)
        self.provenance_label.setObjectName("entity_provenance")
        self.provenance_label.setAccessibleName("Where this entity came from")
        self.provenance_label.setTextFormat(Qt.TextFormat.PlainText)
        self.provenance_label.setWordWrap(True)
        self.provenance_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.graph_button = QPushButton("Show &Graph", self)
        self.graph_button.setToolTip("Show this entity's neighbourhood as a graph")
        self.graph_button.setAccessibleName("Show graph")
        self.confirm_button = QPushButton("C&onfirm", self)
        self.confirm_button.setToolTip(
            "This entity is right: show it as confirmed by you (Edit ▸ Undo Entity Correction "
            "takes it back)"
        )
        self.confirm_button.setAccessibleName("Confirm this entity")
        self.correct_button = QToolButton(self)
        self.correct_button.setText("&Correct")
        self.correct_button.setToolTip(
            "Rename, change the type, merge, split off an alias or hide this entity"
        )
        self.correct_button.setAccessibleName("Correct this entity")
        self.correct_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.correct_button)
        self.action_rename = menu.addAction("&Rename…")
        self.action_retype = menu.addAction("Change &Type…")
        self.action_merge = menu.addAction("&Merge Into…")
        self.action_split = menu.addAction("&Split Off Alias…")
        menu.addSeparator()
        self.action_hide = menu.addAction("&Hide Entity")
        self.correct_button.setMenu(menu)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        buttons.addWidget(self.graph_button)

        self.timeline = TimelineView(self)
        self.timeline_label = self._section_label("Mentions by year", self.timeline)
        self.figures_model = FiguresModel(self)
        self.mentions_model = MentionsModel(self)
        self.links_model = LinksModel(self)
        self.figures_view = _ItemTree(self.figures_model, "Key figures", self)
        self.mentions_view = _ItemTree(self.mentions_model, "Mentions by article", self)
        self.links_view = _ItemTree(self.links_model, "Related entities", self)
        self.figures_label = self._section_label("Key figures", self.figures_view)
        self.mentions_label = self._section_label("Mentions", self.mentions_view)
        self.links_label = self._section_label("Related", self.links_view)

        self.sections = QWidget(self)
        sections = QVBoxLayout(self.sections)
        sections.setContentsMargins(0, 0, 0, 0)
        self._sections: list[QWidget] = []  # figures, related, mentions
        for label, view in (
            (self.figures_label, self.figures_view),
            (self.links_label, self.links_view),
            (self.mentions_label, self.mentions_view),
        ):
            section = QWidget(self.sections)
            box = QVBoxLayout(section)
            box.setContentsMargins(0, 4, 0, 0)
            box.setSpacing(2)
            box.addWidget(label)
            box.addWidget(view)
            sections.addWidget(section)
            self._sections.append(section)
        sections.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.provenance_label)
        layout.addLayout(buttons)
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.timeline)
        layout.addWidget(self.sections, 1)

        self.graph_button.clicked.connect(self._on_graph_button_clicked)
        self.confirm_button.clicked.connect(self._on_confirm_button_clicked)
        self.action_rename.triggered.connect(self._on_rename_action_triggered)
        self.action_retype.triggered.connect(self._on_retype_action_triggered)
        self.action_merge.triggered.connect(self._on_merge_action_triggered)
        self.action_split.triggered.connect(self._on_split_action_triggered)
        self.action_hide.triggered.connect(self._on_hide_action_triggered)
        self.figures_view.sig_row_activated.connect(self._on_passage_row_activated)
        self.mentions_view.sig_row_activated.connect(self._on_passage_row_activated)
        self.links_view.sig_row_activated.connect(self._on_links_view_row_activated)
        self.setTabOrder(self.confirm_button, self.correct_button)
        self.setTabOrder(self.correct_button, self.graph_button)
        self.setTabOrder(self.graph_button, self.figures_view)
        self.setTabOrder(self.figures_view, self.links_view)
        self.setTabOrder(self.links_view, self.mentions_view)
        self.show_page(None)

    def _section_label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(f"<b>{html.escape(text)}</b>", self)
        label.setBuddy(buddy)
        return label

    # -- state --------------------------------------------------------------------------------
    @property
    def entity_id(self) -> str | None:
        """The id of the entity shown, or None."""
        return self.page.entity.id if self.page else None

    def show_page(self, page: EntityPage | None) -> None:
        """Show ``page`` (None shows how to open an entity)."""
        self.page = page
        for model in (self.figures_model, self.mentions_model, self.links_model):
            model.set_page(page)
        has_page = page is not None
        for widget in (self.provenance_label, self.graph_button, self.correct_button):
            widget.setVisible(has_page)
        self.sections.setVisible(has_page)
        dated = page is not None and bool(page.timeline)
        self.timeline.set_timeline(page.timeline if page else (), page.undated if page else 0)
        self.timeline.setVisible(dated)
        self.timeline_label.setVisible(dated)
        self.confirm_button.setVisible(page is not None and page.origin.confirmable)
        if page is None:
            self.header.setText(EMPTY_HTML)
            self.provenance_label.clear()
            return
        self.header.setText(header_html(page))
        origin = page.origin
        self.provenance_label.setText(origin.label)
        self.provenance_label.setToolTip(origin.explanation)
        self.provenance_label.setAccessibleDescription(f"{origin.label}. {origin.explanation}")
        details = page.details
        self.action_split.setEnabled(bool(page.entity.aliases))
        self.action_merge.setEnabled(bool(page.choices))
        self.action_hide.setEnabled(not details.hidden)
        articles = self.mentions_model.rowCount()
        self.figures_label.setText(f"<b>Key figures</b> ({len(details.figures)})")
        self.mentions_label.setText(
            f"<b>Mentions</b> ({len(details.mentions)} in {counted(articles, 'article')})"
        )
        self.links_label.setText(f"<b>Related</b> ({self.links_model.leaf_count()})")
        # An empty section is no section: the others get its room.
        for section, count in zip(
            self._sections,
            (len(details.figures), self.links_model.leaf_count(), articles),
            strict=True,
        ):
            section.setVisible(count > 0)

    def show_message(self, text: str) -> None:
        """Show a plain message instead of an entity (e.g. it could not be found)."""
        self.show_page(None)
        self.header.setText(f"<p>{html.escape(text)}</p>")

    # -- corrections --------------------------------------------------------------------------
    def request_rename(self, name: str) -> None:
        """Ask to rename the entity shown (the old name becomes an alias)."""
        if self.page is not None and name.strip() and name.strip() != self.page.entity.name:
            self.sig_correction_requested.emit(Correction("rename", self.page.entity.id, name))

    def request_confirm(self) -> None:
        """Ask to confirm the discovered entity shown (nothing for one already certain)."""
        if self.page is not None and self.page.origin.confirmable:
            self.sig_correction_requested.emit(Correction("confirm", self.page.entity.id))

    def request_retype(self, entity_type: str) -> None:
        """Ask to change the type of the entity shown to ``entity_type``."""
        if (
            self.page is not None
            and entity_type in ENTITY_TYPES
            and entity_type != self.page.entity.type
        ):
            self.sig_correction_requested.emit(
                Correction("retype", self.page.entity.id, entity_type)
            )

    def request_merge(self, target_id: str) -> None:
        """Ask to merge the entity shown into ``target_id``."""
        if self.page is not None and target_id and target_id != self.page.entity.id:
            self.sig_correction_requested.emit(Correction("merge", self.page.entity.id, target_id))

    def request_split(self, alias: str) -> None:
        """Ask to split ``alias`` off the entity shown, as an entity of its own."""
        if self.page is not None and alias in self.page.entity.aliases:
            self.sig_correction_requested.emit(Correction("split", self.page.entity.id, alias))

    def request_hide(self) -> None:
        """Ask to hide the entity shown (Edit ▸ Undo Correction brings it back)."""
        if self.page is not None:
            self.sig_correction_requested.emit(Correction("hide", self.page.entity.id))

    def _on_rename_action_triggered(self) -> None:
        if self.page is None:
            return
        name, ok = QInputDialog.getText(
            self,
            "Rename Entity",
            "New name (the old one stays an alias):",
            text=self.page.entity.name,
        )
        if ok:
            self.request_rename(name)

    def _on_confirm_button_clicked(self) -> None:
        self.request_confirm()

    def _on_retype_action_triggered(self) -> None:
        if self.page is None:
            return
        types = [t for t in ENTITY_TYPES if t != self.page.entity.type]
        labels = [TYPE_LABELS.get(t, t) for t in types]
        label, ok = QInputDialog.getItem(
            self, "Change Type", f"“{self.page.entity.name}” is a:", labels, 0, False
        )
        if ok and label in labels:
            self.request_retype(types[labels.index(label)])

    def _on_merge_action_triggered(self) -> None:
        if self.page is None or not self.page.choices:
            return
        labels = [f"{name}  [{entity_id}]" for entity_id, name in self.page.choices]
        label, ok = QInputDialog.getItem(
            self, "Merge Entity", f"Merge “{self.page.entity.name}” into:", labels, 0, False
        )
        if ok and label in labels:
            self.request_merge(self.page.choices[labels.index(label)][0])

    def _on_split_action_triggered(self) -> None:
        if self.page is None or not self.page.entity.aliases:
            return
        aliases = list(self.page.entity.aliases)
        alias, ok = QInputDialog.getItem(
            self, "Split Off Alias", "Make this alias an entity of its own:", aliases, 0, False
        )
        if ok:
            self.request_split(alias)

    def _on_hide_action_triggered(self) -> None:
        self.request_hide()

    # -- navigation ---------------------------------------------------------------------------
    def _on_graph_button_clicked(self) -> None:
        if self.page is not None:
            self.sig_graph_requested.emit(self.page.entity.id)

    def _on_passage_row_activated(self, index: QModelIndex) -> None:
        article_id, passage_id = index.data(ArticleIdRole), index.data(PassageIdRole)
        if isinstance(article_id, str) and isinstance(passage_id, str):
            self.sig_passage_requested.emit(article_id, passage_id, index.data(HighlightRole) or "")

    def _on_links_view_row_activated(self, index: QModelIndex) -> None:
        entity_id = index.data(EntityIdRole)
        if isinstance(entity_id, str):
            self.sig_entity_requested.emit(entity_id)


def header_html(page: EntityPage) -> str:
    """The panel's heading: name, type, aliases and description, every piece escaped."""
    entity = page.entity
    kind = TYPE_LABELS.get(entity.type, entity.type)
    if entity.kind:
        kind += f" · {entity.kind}"
    parts = [
        f'<h2 style="margin-bottom:2px;">{html.escape(entity.name)}</h2>',
        f"<p style='margin-top:0px;'><i>{html.escape(kind)}</i></p>",
    ]
    if page.details.hidden:
        parts.append("<p><b>Hidden.</b> Edit ▸ Undo Correction shows it again.</p>")
    if entity.description:
        parts.append(f"<p>{html.escape(entity.description)}</p>")
    if entity.aliases:
        aliases = ", ".join(html.escape(a) for a in entity.aliases)
        parts.append(f"<p><b>Also called:</b> {aliases}</p>")
    return "".join(parts)


def sample_page() -> EntityPage:
    """A small hand-made page for running the panel alone and for tests."""
    from desktop.core.entities.graph import Link
    from desktop.core.library import EntityDetails
    from desktop.core.model import Entity, Evidence, Figure, Mention, Relation, Snippet

    hkstp = Entity(
        "hkstp",
        "Hong Kong Science and Technology Parks Corporation",
        "organisation",
        ("HKSTP", "Hong Kong Science Park", "香港科技園公司"),
        "The statutory body that runs Hong Kong Science Park <and> its programmes.",
    )
    express = Entity("gba-innoexpress", "GBA InnoExpress", "initiative", (), "A programme.")
    sentence = "HKSTP runs GBA InnoExpress, a programme for start-ups."
    evidence = Evidence("a1", "p1", sentence)
    relation = Relation("runs", "hkstp", "gba-innoexpress", evidence)
    details = EntityDetails(
        hkstp,
        (
            Mention("hkstp", "a1", "p1", 0, 5, "HKSTP"),
            Mention("hkstp", "a2", "p9", 4, 26, "Hong Kong Science Park"),
        ),
        (Link("runs", "gba-innoexpress", relation),),
        (Figure("hkstp", "count", "20 years", Evidence("a2", "p9", "HKSTP is 20 years old.")),),
        False,
    )
    return EntityPage(
        details,
        {"a1": "HKSTP Unveils New Roadmap", "a2": "Hong Kong Science Park Seeks Partners"},
        (
            Snippet(sentence, ((0, 5),)),
            Snippet("The Hong Kong Science Park will collaborate.", ((4, 26),)),
        ),
        {"gba-innoexpress": express},
        (("gba-innoexpress", "GBA InnoExpress"),),
    )


def sample_discovered_page(confirmed: bool = False) -> EntityPage:
    """A hand-made page for an entity found in the articles (``confirmed`` by the user or not)."""
    from desktop.core.entities.corrections import Provenance
    from desktop.core.library import EntityDetails
    from desktop.core.model import Entity, Mention, Snippet

    entity = Entity(
        "d-kowloon-quantum-institute",
        "Kowloon Quantum Institute",
        "organisation",
        ("KQI",),
        discovered=True,
        confidence=0.9,
    )
    details = EntityDetails(
        entity, (Mention(entity.id, "a1", "p2", 4, 29, "Kowloon Quantum Institute"),), (), (), False
    )
    return EntityPage(
        details,
        {"a1": "HKSTP Unveils New Roadmap"},
        (Snippet("The Kowloon Quantum Institute (KQI) opened.", ((4, 29),)),),
        {},
        (("hkstp", "Hong Kong Science and Technology Parks Corporation"),),
        Provenance.of(entity, confirmed),
    )


def main() -> int:
    """Show the panel alone with sample data (``--discovered``: a discovered entity); clicks
    are printed."""
    app = QApplication(sys.argv)
    panel = EntityPanel()
    panel.show_page(sample_discovered_page() if "--discovered" in sys.argv else sample_page())
    panel.sig_passage_requested.connect(lambda a, p, h: print("open", a, p, h))
    panel.sig_entity_requested.connect(lambda e: print("entity", e))
    panel.sig_graph_requested.connect(lambda e: print("graph", e))
    panel.sig_correction_requested.connect(lambda c: print("correct", c))
    panel.resize(380, 700)
    panel.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
