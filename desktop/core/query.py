"""Reading what the user typed before the index sees it: checks, date ranges, questions, aliases.

The index's parser is lenient to a fault, so malformed input is caught here and replaced by a
plain-words search with a notice saying why; ``date:`` values are turned into numeric ranges
(Whoosh's own date parser warns on Python 3.12+); acronyms and their long forms are searched
together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.entities.graph import EntityGraph

#: Longest query we search as typed; longer ones are cut (at a word) with a notice.
MAX_QUERY_CHARS = 500

KNOWN_FIELDS = frozenset(
    {"title", "body", "text", "content", "headline", "date", "entity", "type", "source", "year"}
)
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
    [
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "does",
        "do",
        "did",
        "is",
        "are",
        "was",
        "were",
        "can",
        "could",
        "should",
        "would",
        "will",
        "has",
        "have",
    ]
)
_OPERATORS = re.compile(r"\b(AND|OR|NOT|ANDNOT|ANDMAYBE)\b")
_SYNTAX = re.compile(r'["()\[\]{}*?~^:+]|(?:^|\s)-\w')
_FIELD = re.compile(r"(?<![\w-])(\w+):")
_DATE = re.compile(r"\bdate:(\[[^\]]*\]|\{[^}]*\}|[<>]=?\S+|\S+)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\uf8ff]")


@dataclass(frozen=True)
class PreparedQuery:
    """A query ready for the index.

    Attributes:
        text: the query in the index's syntax.
        notice: why the query was read differently from how it was typed, or None.
        words: the plain words of the query (for highlighting).
        is_question: a natural-language question, best answered by ranking passages.
    """

    text: str
    notice: str | None
    words: tuple[str, ...]
    is_question: bool


def plain_words(text: str) -> list[str]:
    """The words of a query with every operator and symbol dropped.

    >>> plain_words('title:( "unbalanced AND -foo')
    ['unbalanced', 'foo']
    """
    text = _FIELD.sub(" ", text)
    return [w for w in re.findall(r"\w+(?:[-&.']\w+)*", text) if not _OPERATORS.fullmatch(w)]


def problem_in(text: str) -> str | None:
    """What makes a query unreadable as typed, in words for a notice, or None.

    >>> problem_in('"unbalanced'), problem_in("title:("), problem_in("a (b OR c)")
    ('an unmatched quote', 'an unmatched bracket', None)
    """
    if text.count('"') % 2:
        return "an unmatched quote"
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "an unmatched bracket"
    if depth:
        return "an unmatched bracket"
    if text.count("[") != text.count("]") or text.count("{") != text.count("}"):
        return "an unmatched range bracket"
    for match in _FIELD.finditer(text):
        name = match.group(1).lower()
        if name not in KNOWN_FIELDS:
            return f"an unknown field “{match.group(1)}:”"
        rest = text[match.end() :]
        if not rest or rest[0].isspace() or rest[0] in ")":
            return f"an empty “{match.group(1)}:” field"
    words = text.split()
    if words and (words[0] in {"AND", "OR"} or words[-1] in {"AND", "OR", "NOT", "ANDNOT"}):
        return "an operator with nothing on one side"
    if re.search(r"(^|\s)[*?]", text):
        return "a wildcard at the start of a word"
    return None


def _date_bound(value: str, upper: bool) -> int | None:
    match = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value.strip())
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    low = int(year) * 10000 + int(month or 0) * 100 + int(day or 0)
    if not upper:
        return low
    if day:
        return low
    if month:
        return low + 99
    return low + 9999


def rewrite_dates(text: str) -> tuple[str, str | None]:
    """Turn ``date:`` values into numeric ranges; return the text and a problem, if any.

    >>> rewrite_dates("hkstp date:2023")
    ('hkstp date:[20230000 TO 20239999]', None)
    >>> rewrite_dates("date:[2022 TO 2024-06]")[0]
    'date:[20220000 TO 20240699]'
    """
    problem: str | None = None

    def replace(match: re.Match[str]) -> str:
        nonlocal problem
        value = match.group(1)
        if value[0] in "[{":
            parts = re.split(r"\s*\bto\b\s*", value[1:-1].strip(), flags=re.IGNORECASE)
            if len(parts) == 2:
                low = _date_bound(parts[0], upper=False) if parts[0] else 0
                high = _date_bound(parts[1], upper=True) if parts[1] else 99999999
                if low is not None and high is not None:
                    return f"date:[{low} TO {high}]"
        elif value[0] in "<>":
            op = re.match(r"[<>]=?", value)
            assert op is not None
            bound = _date_bound(value[op.end() :], upper=op.group(0) in {">", "<="})
            if bound is not None:
                low_high = (bound, 99999999) if op.group(0).startswith(">") else (0, bound)
                return f"date:[{low_high[0]} TO {low_high[1]}]"
        else:
            low, high = _date_bound(value, upper=False), _date_bound(value, upper=True)
            if low is not None and high is not None:
                return f"date:[{low} TO {high}]"
        problem = f"a date it cannot read (“{value}”; try date:2023 or date:[2022 TO 2024])"
        return ""

    return _DATE.sub(replace, text), problem


_ENTITY = re.compile(r'\bentity:("[^"]*"|\S+)', re.IGNORECASE)
_TYPE = re.compile(r"\btype:(\S+)", re.IGNORECASE)


def rewrite_entities(
    text: str, resolve: Callable[[str], list[str] | None]
) -> tuple[str, str | None]:
    """Turn ``entity:NAME`` into a search for the entity's ids, and check ``type:`` values.

    ``resolve`` maps any name or alias to the ids to search (or None when unknown).

    >>> rewrite_entities('entity:"Science Park" type:organization', lambda n: ["hkstp"])
    ('entity:hkstp type:organisation', None)
    """
    problem: str | None = None

    def entity(match: re.Match[str]) -> str:
        nonlocal problem
        name = match.group(1).strip('"')
        ids = resolve(name)
        if not ids:
            problem = problem or f"InnoAtlas knows no entity called “{name}”."
            return "entity:__unknown__"
        if len(ids) == 1:
            return f"entity:{ids[0]}"
        return "(" + " OR ".join(f"entity:{i}" for i in ids) + ")"

    def entity_type(match: re.Match[str]) -> str:
        nonlocal problem
        value = ENTITY_TYPE_NAMES.get(match.group(1).lower())
        if value is None:
            problem = problem or (
                f"“{match.group(1)}” is not an entity type (organisation, initiative, person, "
                "place or topic)."
            )
            return "type:__unknown__"
        return f"type:{value}"

    text = _ENTITY.sub(entity, text)
    return _TYPE.sub(entity_type, text), problem


def looks_like_question(text: str) -> bool:
    """A natural-language question: ends in '?' or opens like one, with no query syntax.

    >>> looks_like_question("When did HKSTP open its Shenzhen branch?")
    True
    >>> looks_like_question('title:"science park"')
    False
    """
    if _SYNTAX.search(text.rstrip("?")) or _OPERATORS.search(text):
        return False
    words = text.split()
    if len(words) < 3:
        return False
    return text.rstrip().endswith("?") or words[0].lower() in QUESTION_STARTS


def prepare(raw: str) -> PreparedQuery:
    """Check and rewrite a query as typed; never raises.

    >>> prepare('"unbalanced').notice
    'The query has an unmatched quote, so InnoAtlas searched for its words instead.'
    """
    notice = None
    text = re.sub(r"\s+", " ", _CONTROL.sub(" ", raw)).strip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
        notice = f"The query was longer than {MAX_QUERY_CHARS} characters and was shortened."
    words = tuple(plain_words(text))
    problem = problem_in(text)
    if problem is None:
        text, problem = rewrite_dates(text)
    if problem is None:
        text = re.sub(r"(^|\s)-(?=[\w\"(])", r"\1NOT ", text)
    if problem is not None:
        text = " ".join(words)
        notice = f"The query has {problem}, so InnoAtlas searched for its words instead."
    return PreparedQuery(text, notice, words, looks_like_question(text))


#: Parts of a query that are syntax, not plain words: phrases, field clauses, patterns.
_SYNTAX_SPANS = re.compile(
    r'"[^"]*"|\b\w+:(?:\([^)]*\)|"[^"]*"|\[[^\]]*\]|\{[^}]*\}|\S+)|\S*[*?~]\S*'
)


def expand_names(text: str, names: EntityGraph) -> str:
    """Let each entity name among the query's plain words also match the articles that
    mention it; phrases, field clauses and patterns are left exactly as typed."""
    protected = [m.span() for m in _SYNTAX_SPANS.finditer(text)]
    matches = [
        m
        for m in names.finder_for_queries().find(text)
        if not any(a < m.end and m.start < b for a, b in protected)
        and m.text not in ("AND", "OR", "NOT")
    ]
    out, position = [], 0
    for match in matches:
        ids = names.merged_ids(names.resolve_id(match.entity_id))
        own = f'"{match.text}"' if " " in match.text else match.text
        alternatives = " OR ".join(f"entity:{i}" for i in ids)
        out.append(text[position : match.start] + f"({own} OR {alternatives})")
        position = match.end
    return "".join(out) + text[position:]
