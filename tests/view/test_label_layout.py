"""Label placement without Qt: each label takes a free candidate, else the least crowded."""

from __future__ import annotations

import itertools

from desktop.view.label_layout import (
    Box,
    edge_label_candidates,
    node_label_candidates,
    place,
)


def test_labels_of_nodes_side_by_side_do_not_overlap() -> None:
    nodes = [(x * 30.0, 0.0) for x in range(6)]  # closer than their names are wide
    candidates = [node_label_candidates(x, y, 10, 80, 14, above_first=False) for x, y in nodes]
    circles = [Box(x - 10, y - 10, 20, 20) for x, y in nodes]
    chosen = place(candidates, circles)
    boxes = [options[i] for options, i in zip(candidates, chosen, strict=True)]
    assert all(a.overlap(b) == 0 for a, b in itertools.combinations(boxes, 2))
    assert all(b.overlap(c) == 0 for b in boxes for c in circles)


def test_the_least_crowded_place_when_none_is_free() -> None:
    wall = [Box(-100, -100, 200, 200)]
    assert place([[Box(0, 0, 10, 10), Box(95, 0, 10, 10)]], wall) == [1]


def test_an_edge_label_starts_at_the_middle_of_its_edge() -> None:
    first = edge_label_candidates((0, 0), (100, 50), 20, 10)[0]
    assert (first.x + first.w / 2, first.y + first.h / 2) == (50, 25)
