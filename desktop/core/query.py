"""Reading what the user typed, once, into a query tree; every rewrite works on that tree.

The index's parser is lenient to a fault (an unmatched quote or bracket silently changes what
is searched), so the query is parsed here first, by the grammar the query help documents:
words, ``"phrases"``, ``(groups)``, ``field:value`` clauses, ``[ranges]``, the operators
``AND OR NOT ANDNOT ANDMAYBE`` and ``-word``, patterns (``cyber*``), fuzzy words
(``word~``) and boosts (``word^2``). What cannot be read is searched as its plain words,
with a notice saying why. The tree is then rewritten (``date:`` values into numeric ranges,
``type:`` names checked, ``entity:`` names into ids, entity names among the plain words also
matching their entity, fuzzy words into the library's words near them) and written out in
the index's syntax, which is well formed by construction.

A question mark that ends the query is punctuation, not a pattern: "who runs hkstp?".
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.entities.graph import EntityGraph

#: Longest query we search as typed; longer ones are cut (at a word) with a notice.
MAX_QUERY_CHARS = 500

KNOWN_FIELDS = frozenset(
    {
        "title",
        "body",
        "text",
        "content",
        "headline",
        "date",
        "entity",
        "type",
        "source",
        "year",
        "note",
    }
)
#: The field that searches the user's bookmark notes only (see :mod:`desktop.core.query_notes`).
NOTE_FIELD = "note"
ENTITY_TYPE_NAMES = {
    "organisation": "organisation",
    "organization": "organisation",
    "org": "organisation",
    "initiative": "initiative",
    "programme": "initiative",
    "program": "initiative",
    "person": "person",
    "people": "person",
    "place": "place",
    "location": "place",
    "topic": "topic",
}
QUESTION_STARTS = frozenset(
    "what which who whom whose when where why how does do did is are was were can could "
    "should would will has have".split()
)
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
#: Words the index's parser reads as operators, ours or not ("REQUIRE"): as plain words they
#: are written in lower case, which it reads as words.
_PARSER_OPERATORS = OPERATORS | {"REQUIRE", "TO"}
_BINARY = OPERATORS - {"NOT"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\uf8ff]")
_FIELD = re.compile(r"(?<![\w-])(\w+):")
_FIELD_TOKEN = re.compile(r"(\w+):(.*)", re.DOTALL)
_BOOST = r"\^(?:\d+(?:\.\d+)?|\.\d+)"
#: After a phrase: its slop (the index needs 1 or more) and a boost; after a group, a boost.
_PHRASE_SUFFIX = re.compile(rf"(~[1-9]\d*)?({_BOOST})?")
_GROUP_SUFFIX = re.compile(rf"({_BOOST})?")
_DATE = re.compile(r"((?:19|20)\d\d)(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_COMPARE = re.compile(r"(<=|>=|<|>)(.*)", re.DOTALL)
_RANGE = re.compile(r"([\[{])\s*(.*?)\s*\b(?i:to)\b\s*(.*?)\s*([\]}])", re.DOTALL)
_BOUND = re.compile(r"[\w./-]*")
_WORD_SUFFIX = re.compile(rf"(.*?)(~\d*)?({_BOOST})?", re.DOTALL)
#: What the index's parser reads as syntax inside a word, and our grammar does not.
_LITERAL_BREAK = re.compile(r"[':^~<>=\\]")
#: What is syntax to our grammar: never part of a plain word.
_NOT_WORD = re.compile(r'[()"\[\]{}*?+]')
#: Characters that end a word: space, and the ones that open or close a part of the tree.
_WORD_END = frozenset('()"[]{}')


# -- the tree ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A word or a pattern as typed; ``fuzzy`` is the digits after ``~`` (None: not fuzzy)."""

    text: str
    fuzzy: str | None = None
    boost: str = ""

    @property
    def is_plain(self) -> bool:
        """A word the user meant as typed: no pattern, fuzziness or boost."""
        return self.fuzzy is None and not self.boost and not re.search(r"[*?]", self.text)


@dataclass(frozen=True)
class Phrase:
    """Words in quotes, with an optional slop (``~3``) and boost."""

    words: str
    suffix: str = ""


@dataclass(frozen=True)
class Group:
    """Clauses in brackets (or the whole query), with an optional boost."""

    items: tuple[Node, ...]
    suffix: str = ""


@dataclass(frozen=True)
class Range:
    """A range or a comparison, in the index's syntax: ``[a TO b]``, ``{a TO b]``, ``>=x``."""

    text: str


@dataclass(frozen=True)
class Field:
    """A ``field:value`` clause (the field's name lower-cased)."""

    name: str
    value: Node


@dataclass(frozen=True)
class Operator:
    """``AND``, ``OR``, ``NOT``, ``ANDNOT`` or ``ANDMAYBE`` (``-word`` is ``NOT word``)."""

    name: str


@dataclass(frozen=True)
class Either:
    """What the query says, or any of the entities it names: ``(hkstp OR entity:hkstp)``."""

    own: Node
    ids: tuple[str, ...]


Node = Word | Phrase | Group | Range | Field | Operator | Either


@dataclass(frozen=True)
class PreparedQuery:
    """A query read as typed.

    Attributes:
        tree: the query's clauses (its plain words when it could not be read).
        notice: why the query was read differently from how it was typed, or None.
        words: the plain words of the query (for highlighting).
        is_question: a natural-language question, best answered by ranking passages.
    """

    tree: Group
    notice: str | None
    words: tuple[str, ...]
    is_question: bool

    @property
    def text(self) -> str:
        """The query in the index's syntax, before names are resolved."""
        return written(self.tree.items)


class _Unreadable(Exception):
    """What makes a query unreadable as typed, in words for a notice."""


# -- reading -----------------------------------------------------------------------------------


def prepare(raw: str) -> PreparedQuery:
    """Read a query as typed; never raises.

    >>> prepare('"unbalanced').notice
    'The query has an unmatched quote, so InnoAtlas searched for its words instead.'
    >>> prepare("singapore -crypto date:2023 who?").text
    'singapore NOT crypto date:[20230000 TO 20239999] who'
    """
    notice = None
    text = re.sub(r"\s+", " ", _CONTROL.sub(" ", raw)).strip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
        notice = f"The query was longer than {MAX_QUERY_CHARS} characters and was shortened."
    words = tuple(plain_words(text))
    asks = text.endswith("?")
    try:
        reader = _Reader(text.rstrip("?") if asks else text)
        tree = Group(reader.clauses(closing=None))
        tree, problem = _typed_values(tree)
    except _Unreadable as error:
        tree = Group(tuple(piece for word in words for piece in _words(word)))
        return PreparedQuery(
            tree,
            f"The query has {error}, so InnoAtlas searched for its words instead.",
            words,
            _is_question(tree, asks),
        )
    return PreparedQuery(tree, notice or problem, words, _is_question(tree, asks))


def plain_words(text: str) -> list[str]:
    """The words of a query with every operator and symbol dropped.

    >>> plain_words('title:( "unbalanced AND -foo')
    ['unbalanced', 'foo']
    """
    text = _FIELD.sub(" ", text)
    return [w for w in re.findall(r"\w+(?:[-&.']\w+)*", text) if w not in OPERATORS]


def _is_question(tree: Group, asks: bool) -> bool:
    items = tree.items
    if len(items) < 3 or not all(isinstance(i, Word) and i.is_plain for i in items):
        return False
    first = items[0]
    return asks or (isinstance(first, Word) and first.text.lower() in QUESTION_STARTS)


class _Reader:
    """A recursive-descent reader over one query's text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def clauses(self, closing: str | None) -> tuple[Node, ...]:
        """Clauses up to ``closing`` (``)``) or the end, checked for dangling operators."""
        items: list[Node] = []
        text = self.text
        while True:
            while self.at < len(text) and text[self.at].isspace():
                self.at += 1
            if self.at == len(text):
                if closing:
                    raise _Unreadable("an unmatched bracket")
                break
            char = text[self.at]
            if char == ")":
                if not closing:
                    raise _Unreadable("an unmatched bracket")
                self.at += 1
                break
            if char == "-" and self.at + 1 < len(text) and not text[self.at + 1].isspace():
                self.at += 1
                clause: list[Node] = [Operator("NOT")]
            else:
                clause = self.clause()
            if clause == [Operator("NOT")] and items and items[-1] == Operator("NOT"):
                items.pop()  # NOT NOT x is x (and the index's parser fails on a run of them)
            else:
                items.extend(clause)
        _check_operators(items)
        return tuple(items)

    def clause(self) -> list[Node]:
        """The clause at the reader: none when a token holds no word (a lone "^" or "<")."""
        char = self.text[self.at]
        if char in '([{"]}':
            return [self.value()]
        token = self.token()
        if token in OPERATORS:
            return [Operator(token)]
        field = _FIELD_TOKEN.fullmatch(token)
        if field is None:
            return list(_words(token))
        name, rest = field.group(1), field.group(2)
        if name.lower() not in KNOWN_FIELDS:
            raise _Unreadable(f"an unknown field “{name}:”")
        if rest:
            value = _compared(rest) or _one(_words(rest))
        elif self.at < len(self.text) and self.text[self.at] in '([{"':
            value = self.value()
        else:
            value = None
        if value is None:
            raise _Unreadable(f"an empty “{name}:” field")
        if isinstance(value, Group) and has_field(value):
            raise _Unreadable(f"a field inside the “{name}:” field")
        return [Field(name.lower(), value)]

    def value(self) -> Node:
        """A group, a phrase or a range, the reader at its opening character."""
        text, char = self.text, self.text[self.at]
        if char in "]}":
            raise _Unreadable("an unmatched range bracket")
        if char == "(":
            self.at += 1
            items = self.clauses(closing=")")
            return Group(items, self.suffix(_GROUP_SUFFIX))
        if char == '"':
            end = text.find('"', self.at + 1)
            if end < 0:
                raise _Unreadable("an unmatched quote")
            words, self.at = text[self.at + 1 : end], end + 1
            return Phrase(words, self.suffix(_PHRASE_SUFFIX))
        if char in "[{":
            ends = [i for i in (text.find("]", self.at), text.find("}", self.at)) if i >= 0]
            if not ends or any(c in text[self.at + 1 : min(ends)] for c in "[{"):
                raise _Unreadable("an unmatched range bracket")
            end = min(ends) + 1
            inside, self.at = text[self.at : end], end
            return _range(inside)
        raise AssertionError(char)  # pragma: no cover - called only at an opening character

    def suffix(self, pattern: re.Pattern[str]) -> str:
        match = pattern.match(self.text, self.at)
        assert match is not None  # every part is optional
        self.at = match.end()
        return match.group(0)

    def token(self) -> str:
        """The word at the reader (never empty: it starts at no space and no bracket)."""
        start, text = self.at, self.text
        while (
            self.at < len(text) and not text[self.at].isspace() and text[self.at] not in _WORD_END
        ):
            self.at += 1
        return text[start : self.at]


def _words(token: str) -> tuple[Word, ...]:
    """The words of a token, its fuzziness and boost read; characters the index would take
    for syntax our grammar does not have (``'``, ``:``, ``<``...) are word breaks.

    >>> _words("cybersecurty~2"), _words("o'brien^2")
    ((Word(text='cybersecurty', fuzzy='2', boost=''),), (Word(text='o', fuzzy=None, boost=''), \
Word(text='brien', fuzzy=None, boost='^2')))
    """
    token = token.lstrip("+")
    if token[:1] in ("*", "?"):
        raise _Unreadable("a wildcard at the start of a word")
    match = _WORD_SUFFIX.fullmatch(token)
    assert match is not None  # the body may take all of the token
    body, fuzzy, boost = match.group(1), match.group(2), match.group(3) or ""
    pieces = [
        piece.lower() if piece in _PARSER_OPERATORS else piece
        for piece in (p.lstrip("*?") for p in _LITERAL_BREAK.sub(" ", body).split())
        if piece
    ]
    if not pieces:
        return ()
    # Only a whole word can be fuzzy: the index's fuzzy term fails on one it cannot analyse.
    fuzzy = fuzzy if fuzzy and re.fullmatch(r"\w+", pieces[-1]) else None
    last = Word(pieces[-1], None if fuzzy is None else fuzzy[1:], boost)
    return (*(Word(p) for p in pieces[:-1]), last)


def has_field(group: Group, name: str | None = None) -> bool:
    """True if ``group`` holds a field clause (named ``name``, if given) at any depth."""
    return any(
        (isinstance(item, Field) and name in (None, item.name))
        or (isinstance(item, Group) and has_field(item, name))
        for item in group.items
    )


def _one(words: tuple[Word, ...]) -> Node | None:
    """A field's value: its one word, or its words as a group (None: it has none)."""
    if not words:
        return None
    return words[0] if len(words) == 1 else Group(words)


def _range(text: str) -> Range:
    """A ``[low TO high]`` range (either bracket open or closed), its bounds checked."""
    match = _RANGE.fullmatch(text)
    if match is None or not all(_BOUND.fullmatch(b) for b in match.group(2, 3)):
        raise _Unreadable(f"a range it cannot read (“{text}”; try [2022 TO 2024])")
    opening, low, high, closing = match.groups()
    # An open end is written with no space beside it: the index reads a space as the bound.
    return Range(f"{opening}{low + ' ' if low else ''}TO{' ' + high if high else ''}{closing}")


def _compared(value: str) -> Range | None:
    """``>=2023``-style values, kept as the index reads them."""
    match = _COMPARE.fullmatch(value)
    return Range(value) if match and match.group(2) and _BOUND.fullmatch(match.group(2)) else None


def _check_operators(items: Sequence[Node]) -> None:
    names = [i.name if isinstance(i, Operator) else None for i in items]
    if not names:
        return
    if names[0] in _BINARY or names[-1] is not None:
        raise _Unreadable("an operator with nothing on one side")
    for before, after in itertools.pairwise(names):
        if before is not None and after in _BINARY:
            raise _Unreadable("an operator with nothing on one side")


# -- values that have a meaning of their own ---------------------------------------------------


def _typed_values(tree: Group) -> tuple[Group, str | None]:
    """``date:`` values made numeric ranges (unreadable: raises), ``type:`` names checked."""
    problems: list[str] = []

    def visit(node: Node) -> Node:
        if isinstance(node, Group):
            return dataclasses.replace(node, items=tuple(map(visit, node.items)))
        if not isinstance(node, Field):
            return node
        if node.name == "date":
            return Field("date", _date_range(node.value))
        if node.name == "year" and not _is_year(node.value):
            raise _Unreadable(f"a year it cannot read (“{render(node.value)}”; try year:2023)")
        if node.name == "type":
            return Field("type", _entity_type(node.value, problems))
        return node

    visited = visit(tree)
    assert isinstance(visited, Group)
    return visited, problems[0] if problems else None


def _date_range(value: Node) -> Range:
    """A ``date:`` value as the numeric range of the days it covers.

    >>> _date_range(Word("2023-05")), _date_range(Range(">=2023"))
    (Range(text='[20230500 TO 20230599]'), Range(text='[20230000 TO 99999999]'))
    >>> _date_range(Range("[ TO 2021]"))
    Range(text='[0 TO 20219999]')
    """
    text = render(value)
    low = high = None
    if isinstance(value, Range) and text[0] in "[{":
        parts = re.split(r"\s*\bto\b\s*", text[1:-1].strip(), flags=re.IGNORECASE)
        if len(parts) == 2:
            low = _date_bound(parts[0], upper=False) if parts[0] else 0
            high = _date_bound(parts[1], upper=True) if parts[1] else 99999999
    elif compare := _COMPARE.fullmatch(text):
        op, bound = (
            compare.group(1),
            _date_bound(compare.group(2), upper=compare.group(1) in {">", "<="}),
        )
        if bound is not None:
            low, high = (bound, 99999999) if op.startswith(">") else (0, bound)
    elif isinstance(value, Word) and value.is_plain:
        low, high = _date_bound(text, upper=False), _date_bound(text, upper=True)
    if low is None or high is None:
        raise _Unreadable(f"a date it cannot read (“{text}”; try date:2023 or date:[2022 TO 2024])")
    return Range(f"[{low} TO {high}]")


def _date_bound(value: str, upper: bool) -> int | None:
    match = _DATE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    low = int(year) * 10000 + int(month or 0) * 100 + int(day or 0)
    if not upper or day:
        return low
    return low + 99 if month else low + 9999


def _is_year(value: Node) -> bool:
    text = render(value)
    if isinstance(value, Word):
        return value.is_plain and text.isdigit()
    return bool(re.fullmatch(r"(\[|\{)\s*\d*\s*(?i:to)\s*\d*\s*(\]|\})|(<=|>=|<|>)\d+", text))


def _entity_type(value: Node, problems: list[str]) -> Node:
    if isinstance(value, Group):
        items = tuple(_entity_type(i, problems) for i in value.items)
        return dataclasses.replace(value, items=items)
    if isinstance(value, Operator):
        return value
    named = ENTITY_TYPE_NAMES.get(render(value).strip('"').lower())
    if named is None:
        problems.append(
            f"“{render(value)}” is not an entity type (organisation, initiative, person, "
            "place or topic)."
        )
        return Word("__unknown__")
    return Word(named)


# -- rewriting for the index -------------------------------------------------------------------


def for_index(
    prepared: PreparedQuery,
    names: EntityGraph,
    ids_named: Callable[[str], list[str] | None],
    near: Callable[[str, int], list[str]] | None = None,
) -> tuple[str, str | None]:
    """The query in the index's syntax, and a notice when a name in it is unknown.

    ``ids_named`` maps an ``entity:`` value (a name, an alias or an id) to the ids it stands
    for; ``names`` finds entity names among the plain words, which then also match the
    articles that mention the entity; ``near(word, edits)`` gives the library's words within
    that many edits of a fuzzy word (None: left to the index).
    """
    problems: list[str] = []

    def entity(node: Field) -> Node:
        name = render(node.value).strip('"')
        ids = ids_named(name)
        if not ids:
            problems.append(f"InnoAtlas knows no entity called “{name}”.")
            return Field("entity", Word("__unknown__"))
        fields: list[Node] = [Field("entity", Word(i)) for i in ids]
        return fields[0] if len(fields) == 1 else Group(_joined(fields, "OR"))

    def fuzzy(node: Node) -> Node:
        """Fuzzy words made the library's words near them, inside field values too."""
        if isinstance(node, Group):
            return dataclasses.replace(node, items=tuple(map(fuzzy, node.items)))
        if isinstance(node, Field):
            return dataclasses.replace(node, value=fuzzy(node.value))
        if isinstance(node, Word) and node.fuzzy is not None and near and node.text.isalnum():
            word = node.text.lower()
            edits = int(node.fuzzy) if node.fuzzy else (2 if len(word) >= 6 else 1)
            found = sorted(near(word, min(edits, 3)))
            return Group(_joined([Word(w) for w in found], "OR")) if found else Word(word)
        return node

    def visit(node: Node) -> Node:
        if isinstance(node, Group):
            return dataclasses.replace(node, items=_named(tuple(map(visit, node.items)), names))
        if isinstance(node, Field) and node.name == "entity":
            return entity(node)
        return fuzzy(node)

    tree = visit(prepared.tree)
    assert isinstance(tree, Group)
    return written(tree.items), problems[0] if problems else None


def _named(items: tuple[Node, ...], names: EntityGraph) -> tuple[Node, ...]:
    """Each run of plain words searched for the entity names it holds, too."""
    out: list[Node] = []
    run: list[Word] = []

    def flush() -> None:
        if run:
            out.extend(_expanded(run, names))
            run.clear()

    for item in items:
        if isinstance(item, Word) and item.is_plain:
            run.append(item)
        else:
            flush()
            out.append(item)
    flush()
    return tuple(out)


def _expanded(run: list[Word], names: EntityGraph) -> list[Node]:
    """The run with each entity name found in it (whole words only) made an :class:`Either`."""
    starts, ends, position = [], [], 0
    for word in run:
        starts.append(position)
        position += len(word.text)
        ends.append(position)
        position += 1
    out: list[Node] = []
    placed = 0  # words of the run already in ``out``
    for match in names.finder_for_queries().find(" ".join(w.text for w in run)):
        if match.start not in starts or match.end not in ends:
            continue  # a name inside a word
        first, last = starts.index(match.start), ends.index(match.end)
        if first < placed:
            continue  # overlaps the name before
        out.extend(run[placed:first])
        ids = names.merged_ids(names.resolve_id(match.entity_id))
        own: Node = Phrase(match.text) if " " in match.text else Word(match.text)
        out.append(Either(own, tuple(ids)))
        placed = last + 1
    out.extend(run[placed:])
    return out


def plain_query(words: Sequence[str]) -> str:
    """Words (and names) as a query of plain words, each with its boost: whatever other
    syntax they hold is not read.

    >>> plain_query(["(hkstp", "what's", "a:b OR", "found^0.5", "*x~"])
    'hkstp what s a b or found^0.5 x'
    """
    pieces = _NOT_WORD.sub(" ", " ".join(words)).replace("~", " ").split()
    return written([w for piece in pieces for w in _words(piece)])


def any_phrase(phrases: Sequence[str]) -> str:
    """A query for any of these phrases (each without a quote in it)."""
    return written(_joined([Phrase(p) for p in phrases if '"' not in p], "OR"))


def _joined(nodes: Sequence[Node], operator: str) -> tuple[Node, ...]:
    joined: list[Node] = []
    for node in nodes:
        if joined:
            joined.append(Operator(operator))
        joined.append(node)
    return tuple(joined)


# -- writing -----------------------------------------------------------------------------------


def written(items: Sequence[Node]) -> str:
    """Clauses in the index's syntax, as a query.

    >>> written((Field("title", Phrase("science park")), Operator("NOT"), Word("ai", "2")))
    'title:"science park" NOT ai~2'
    """
    return " ".join(map(render, items))


def render(node: Node) -> str:
    """One node in the index's syntax."""
    match node:
        case Word(text, fuzzy, boost):
            return text + ("" if fuzzy is None else "~" + fuzzy) + boost
        case Phrase(words, suffix):
            return f'"{words}"{suffix}'
        case Group(items, suffix):
            return f"({written(items)}){suffix}"
        case Range(text):
            return text
        case Field(name, value):
            return f"{name}:{render(value)}"
        case Operator(name):
            return name
        case Either(own, ids):
            return "(" + " OR ".join([render(own), *(f"entity:{i}" for i in ids)]) + ")"
    raise AssertionError(node)  # pragma: no cover - every node type is matched above
