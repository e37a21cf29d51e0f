"""An entity's mentions by year, as a small bar chart: where people would rather look than read.

Drawn with the palette's own colours (it follows the theme), one bar a year from the first year
to the last (a year without mentions is an empty slot, so gaps show), the count over each bar
and the year under it. Its accessible description says the same in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.view.wording import counted

_HEIGHT = 96
_LABEL = 16  # the height of the count above a bar and the year below it


class TimelineView(QWidget):
    """Mentions by year of an entity's articles.

    Attributes:
        years: (year, mentions) from the oldest year to the newest, gaps filled with 0.
        undated: mentions in articles without a date.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.years: list[tuple[int, int]] = []
        self.undated = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Mentions by year")

    def set_timeline(self, timeline: Sequence[tuple[int, int]], undated: int = 0) -> None:
        """Show these (year, mentions) counts; with none, the widget draws nothing."""
        counts = dict(timeline)
        self.years = (
            [(year, counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]
            if counts
            else []
        )
        self.undated = undated
        described = ", ".join(f"{year}: {n}" for year, n in self.years if n)
        if undated:
            described += f"; undated articles: {counted(undated, 'mention')}"
        self.setAccessibleDescription(described)
        self.setToolTip(described)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, _HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, _HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.years:
            return
        painter = QPainter(self)
        palette = self.palette()
        bar = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        most = max(n for _year, n in self.years) or 1
        slot = self.width() / len(self.years)
        top, bottom = _LABEL, self.height() - _LABEL
        every = max(1, round(len(self.years) / max(1, self.width() // 40)))  # years that fit
        for index, (year, mentions) in enumerate(self.years):
            left = index * slot
            height = (bottom - top) * mentions / most
            if mentions:
                rect = QRectF(left + slot * 0.15, bottom - height, slot * 0.7, height)
                painter.fillRect(rect, bar)
                painter.setPen(text)
                count = QRectF(left, bottom - height - _LABEL, slot, _LABEL)
                painter.drawText(count, Qt.AlignmentFlag.AlignCenter, str(mentions))
            if index % every == 0 or index == len(self.years) - 1:
                painter.setPen(text)
                label = QRectF(left - slot, bottom, slot * 3, _LABEL)
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(year))
        painter.end()
