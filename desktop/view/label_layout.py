"""Where a graph's labels go so they do not overlap: a greedy placement over candidates.

A radial graph of 30 neighbours puts names on top of each other and of the edges' labels.
Each label, in order of importance (the centre first, then the inner ring), takes the first of
its candidate places that overlaps nothing already placed and no node; when every candidate
overlaps, the one that overlaps least. Plain rectangles in, offsets out, no Qt, so the rule
is tested on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: left, top, width and height."""

    x: float
    y: float
    w: float
    h: float

    def moved(self, dx: float, dy: float) -> Box:
        """This box shifted by ``(dx, dy)``."""
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def overlap(self, other: Box) -> float:
        """The area this box shares with ``other`` (0 when they only touch).

        >>> Box(0, 0, 10, 10).overlap(Box(5, 5, 10, 10))
        25.0
        """
        w = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        h = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return float(w * h) if w > 0 and h > 0 else 0.0


def place(
    labels: Sequence[Sequence[Box]], obstacles: Sequence[Box] = (), gap: float = 2.0
) -> list[int]:
    """For each label (its candidate boxes, best first), the index of the candidate it gets.

    Labels are placed in the order given; each avoids the ones placed before it and the
    ``obstacles`` (the nodes), kept ``gap`` apart.

    >>> place([[Box(0, 0, 10, 4)], [Box(0, 0, 10, 4), Box(0, 6, 10, 4)]])
    [0, 1]
    """
    placed: list[Box] = []
    chosen: list[int] = []
    for candidates in labels:
        best, best_cost = 0, float("inf")
        for index, box in enumerate(candidates):
            padded = Box(box.x - gap, box.y - gap, box.w + 2 * gap, box.h + 2 * gap)
            cost = sum(padded.overlap(other) for other in (*placed, *obstacles))
            if cost < best_cost:
                best, best_cost = index, cost
            if cost == 0:
                break
        chosen.append(best)
        if candidates:
            placed.append(candidates[best])
    return chosen


def node_label_candidates(
    cx: float, cy: float, radius: float, w: float, h: float, above_first: bool
) -> list[Box]:
    """Places for a node's name: above or below it first (as the ring's half says), then the
    other side, then beside it, then further out above and below."""
    above = Box(cx - w / 2, cy - radius - 2 - h, w, h)
    below = Box(cx - w / 2, cy + radius + 2, w, h)
    right = Box(cx + radius + 4, cy - h / 2, w, h)
    left = Box(cx - radius - 4 - w, cy - h / 2, w, h)
    first, second = (above, below) if above_first else (below, above)
    further = [
        first.moved(0, -(h + 2) * step if above_first else (h + 2) * step) for step in (1, 2)
    ]
    return [first, second, right, left, *further]


def edge_label_candidates(
    start: tuple[float, float], end: tuple[float, float], w: float, h: float
) -> list[Box]:
    """Places for an edge's label along it: the middle first, then nearer either end."""
    boxes = []
    for t in (0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75):
        x = start[0] + (end[0] - start[0]) * t
        y = start[1] + (end[1] - start[1]) * t
        boxes.append(Box(x - w / 2, y - h / 2, w, h))
    return boxes
