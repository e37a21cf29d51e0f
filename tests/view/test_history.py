from __future__ import annotations

from desktop.view.history import History, Location


def test_back_and_forward_walk_the_visits() -> None:
    h = History()
    a, b, c = Location("a"), Location("b"), Location("b", article_id="x")
    for loc in (a, b, c):
        h.visit(loc)
    assert (h.can_go_back, h.can_go_forward) == (True, False)
    assert h.back() == b
    assert h.back() == a
    assert h.back() is None
    assert h.forward() == b
    assert h.current == b


def test_a_new_visit_drops_the_forward_entries() -> None:
    h = History()
    h.visit(Location("a"))
    h.visit(Location("b"))
    h.back()
    h.visit(Location("c"))
    assert not h.can_go_forward
    assert [h.current, h.back(), h.back()] == [Location("c"), Location("a"), None]


def test_revisiting_the_same_place_updates_it_in_place() -> None:
    h = History()
    h.visit(Location("a", article_id="x", scroll=0.1))
    h.visit(Location("a", article_id="x", scroll=0.7))
    assert len(h) == 1
    assert h.current == Location("a", article_id="x", scroll=0.7)


def test_the_oldest_entries_go_first() -> None:
    h = History(limit=3)
    for q in "abcd":
        h.visit(Location(q))
    assert len(h) == 3
    assert [h.back(), h.back(), h.back()] == [Location("c"), Location("b"), None]


def test_update_current_replaces_without_moving() -> None:
    h = History()
    h.visit(Location("a"))
    h.visit(Location("b"))
    h.update_current(Location("b", scroll=0.5))
    assert h.current == Location("b", scroll=0.5)
    assert h.back() == Location("a")
