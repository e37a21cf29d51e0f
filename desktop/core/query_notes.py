"""The query tree written for the notes index: the user's bookmark notes and tags.

The query is read once, by :mod:`desktop.core.query`; this rewrites its tree for the notes,
where only words, phrases, groups, operators and ``note:`` clauses have a meaning.
"""

from __future__ import annotations

import dataclasses

from desktop.core.query import (
    NOTE_FIELD,
    OPERATORS,
    Field,
    Group,
    Node,
    Operator,
    PreparedQuery,
    Range,
    has_field,
    prepare,
    render,
    written,
)

__all__ = ["asks_notes", "for_notes", "prepare"]

_BINARY = OPERATORS - {"NOT"}


def asks_notes(prepared: PreparedQuery) -> bool:
    """True when the query has a ``note:`` clause: it then searches the notes only.

    >>> asks_notes(prepare("note:grant fintech")), asks_notes(prepare("grant"))
    (True, False)
    """
    return has_field(prepared.tree, NOTE_FIELD)


def for_notes(prepared: PreparedQuery) -> tuple[str | None, str | None]:
    """The query in the notes index's syntax (its words matching a note or a tag, a
    ``note:`` clause a note), and a notice; None when the notes cannot answer it.

    A clause about an article's fields (``title:``, ``date:``, ``entity:``...) says nothing
    of a note: without ``note:`` the notes are then left out (the articles answer alone);
    with it, such a clause is dropped and the notice says so.

    >>> for_notes(prepare('grant "seed fund" -crypto'))
    ('grant "seed fund" NOT crypto', None)
    >>> for_notes(prepare("title:ai fintech"))
    (None, None)
    >>> for_notes(prepare("note:grant date:2023"))
    ('note:grant', 'Only words and note: apply to notes; “date:” was left out.')
    """
    dropped: list[str] = []

    def visit(items: tuple[Node, ...]) -> tuple[Node, ...]:
        kept: list[Node] = []
        for item in items:
            inner = visit(item.items) if isinstance(item, Group) else ()
            if isinstance(item, Group) and inner:
                kept.append(dataclasses.replace(item, items=inner))
            elif isinstance(item, Group | Range) or (
                isinstance(item, Field) and item.name != NOTE_FIELD
            ):
                if isinstance(item, Field | Range):
                    dropped.append(f"{item.name}:" if isinstance(item, Field) else render(item))
                if kept and kept[-1] == Operator("NOT"):
                    kept.pop()  # NOT of what was dropped is dropped with it
            else:
                kept.append(item)
        return _tidied(kept)

    items = visit(prepared.tree.items)
    if (dropped and not asks_notes(prepared)) or not items:
        return None, None
    notice = (
        f"Only words and note: apply to notes; “{dropped[0]}” was left out." if dropped else None
    )
    return written(items), notice


def _tidied(items: list[Node]) -> tuple[Node, ...]:
    """``items`` without the operators that dropping a clause left with nothing on a side."""
    out: list[Node] = []
    for item in items:
        dangling = not out or isinstance(out[-1], Operator)
        if isinstance(item, Operator) and item.name in _BINARY and dangling:
            continue
        out.append(item)
    while out and isinstance(out[-1], Operator):
        out.pop()
    return tuple(out)
