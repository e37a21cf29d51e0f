"""Toolbar icons drawn in the theme's own colours.

The platform's arrow icons are drawn for a light toolbar: on the dark theme the enabled Back
arrow was dimmer than the disabled Forward one. These are drawn from the palette instead,
the enabled arrow in the text colour and the disabled one half-way to the background, so
an arrow that works always stands out more than one that does not.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap

_SIZES = (16, 24, 32, 48)


def arrow_icon(pointing_left: bool, palette: QPalette) -> QIcon:
    """A chevron pointing left (Back) or right (Forward) in the palette's colours."""
    enabled = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    background = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    disabled = _between(enabled, background, 0.62)
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(_chevron(size, pointing_left, enabled), QIcon.Mode.Normal)
        icon.addPixmap(_chevron(size, pointing_left, disabled), QIcon.Mode.Disabled)
    return icon


def _between(one: QColor, other: QColor, share: float) -> QColor:
    """``one`` moved ``share`` of the way to ``other``."""
    return QColor(
        round(one.red() + (other.red() - one.red()) * share),
        round(one.green() + (other.green() - one.green()) * share),
        round(one.blue() + (other.blue() - one.blue()) * share),
    )


def _chevron(size: int, pointing_left: bool, colour: QColor) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, max(1.5, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    tip, back = (0.32, 0.62) if pointing_left else (0.68, 0.38)
    painter.drawPolyline(
        [
            QPointF(back * size, 0.2 * size),
            QPointF(tip * size, 0.5 * size),
            QPointF(back * size, 0.8 * size),
        ]
    )
    painter.end()
    return pixmap
