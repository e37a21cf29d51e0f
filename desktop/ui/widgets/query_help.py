"""The query-syntax help (F1): a small non-modal window with examples."""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("science park", "both words (all words must match)"),
    ('"big data"', "the exact phrase"),
    ("cyberport OR hkstp", "either word"),
    ("fintech -crypto", "without a word (also NOT crypto)"),
    ("(ai OR robotics) singapore", "grouping"),
    ("title:collaboration", "a word in the title"),
    ("date:2023  date:[2022 TO 2024]  date:>=2023", "a year, a range, or from a date on"),
    ('entity:"Science Park"', "articles naming an entity, by any of its names"),
    ("type:person", "articles naming a person (organisation, initiative, place, topic)"),
    ("note:deadline", "only your bookmark notes (plain words search them too)"),
    ("香港科技園", "Chinese text, and entities by their Chinese names"),
    ("innov*", "a wildcard"),
    ("cybersecurty~", "a fuzzy word: forgives typos"),
    ("What will the collaboration focus on?", "a question: try Passages for the answer"),
)


def help_html() -> str:
    """The help text as HTML (every example escaped)."""
    rows = "".join(
        f"<tr><td><code>{html.escape(q)}</code></td><td>{html.escape(what)}</td></tr>"
        for q, what in EXAMPLES
    )
    return (
        "<h3>Searching</h3>"
        "<p>Results appear as you type; <b>Enter</b> runs a full search with spelling "
        "suggestions. <b>Down</b> moves into the results, <b>Enter</b> opens one.</p>"
        f'<table cellspacing="0" cellpadding="4">{rows}</table>'
        "<p>A query that cannot be read as written is searched as plain words, "
        "and the results panel says so.</p>"
        "<h3>Reading</h3><p><b>Ctrl+F</b> find in the article, <b>F3</b>/<b>Shift+F3</b> next/"
        "previous match, <b>Ctrl+=</b>/<b>Ctrl+-</b>/<b>Ctrl+0</b> zoom, <b>Alt+Left</b>/"
        "<b>Alt+Right</b> back and forward. Right-click a paragraph to copy it with its "
        "citation.</p>"
    )


class QueryHelpDialog(QDialog):
    """A non-modal window explaining the query language.

    Attributes:
        browser: the help text.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search Syntax")
        self.setObjectName("query_help")
        self.setAccessibleName("Search syntax help")
        self.setModal(False)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(help_html())
        self.browser.setAccessibleName("Search syntax")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 480)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)


def main() -> int:
    """Show the help window alone."""
    app = QApplication(sys.argv)
    dialog = QueryHelpDialog()
    dialog.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
