"""Whoosh query trees: parsing a user's query for one kind of document, and rewriting the
tree (bounded wildcards, the word being typed) before it runs. The user's query itself
is read and rewritten by :mod:`desktop.core.query`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from whoosh import fields, qparser, query

from desktop.core.index.analysis import ANALYZER, STOP_WORDS, analyze
from desktop.core.index.completions import Completions
from desktop.core.index.schema import FIELDS, Fields
from desktop.core.text import is_cjk

#: A query's field clauses (left as typed), else its plain words: not part of a pattern or a
#: fuzzy word, no digits.
_PLAIN_WORD = re.compile(
    r'(?P<clause>\b\w+:(?:"[^"]*"|\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|\S+))'
    r"|(?<![\w~*?\\-])(?P<word>[^\W\d_]+)(?![\w:~*?])"
)
_OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})


def parser(kind: str, schema: fields.Schema, any_word: bool) -> Any:
    """A parser over one kind's fields, with their user names ("headline", "text", "type")."""
    names = FIELDS[kind]
    group = qparser.OrGroup.factory(0.9) if any_word else qparser.AndGroup
    parser = qparser.MultifieldParser(list(names.default), schema, group=group)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    aliases = {
        names.text: ["text", "content", "body"] if names.text != "body" else ["text", "content"],
        names.title: ["headline", "title"] if names.title != "title" else ["headline"],
        "etype": ["type"],
    }
    parser.add_plugin(qparser.FieldAliasPlugin(aliases))
    return parser


def of_kind(parsed: Any, kind: str) -> Any:
    """The query restricted to one kind of document. Terms of the kind's own text fields
    match nothing else, so the restriction (one more posting list to walk, a tenth of the
    library long) is only added when a clause could match the other kind: a shared field
    (entity, date, source...), a range, a negation or everything."""
    own = set(FIELDS[kind].default) | {FIELDS[kind].title, FIELDS[kind].text}
    leaves = list(parsed.leaves()) if parsed.children() else [parsed]
    if (
        leaves
        and not _matches_beyond_terms(parsed)
        and all(
            isinstance(leaf, (query.Term, query.Phrase, query.PatternQuery))
            and leaf.fieldname in own
            for leaf in leaves
        )
    ):
        return parsed
    return query.And([parsed, query.Term("kind", kind)])


def _matches_beyond_terms(node: Any) -> bool:
    """True if a part of the query matches documents its terms do not (NOT x, everything)."""
    if isinstance(node, (query.Not, query.Every)):
        return True
    return any(_matches_beyond_terms(child) for child in node.children())


def bound_patterns(parsed: Any, reader: Any, max_expansion: int) -> Any:
    """Replace each wildcard or prefix by at most ``max_expansion`` of its most frequent
    words, so that ``a*`` on a large library costs no more than a long OR query."""

    def bound(node: Any) -> Any:
        if isinstance(node, (query.Wildcard, query.Prefix)):
            field = node.fieldname
            words = [
                w.decode("utf-8") if isinstance(w, bytes) else w
                for w in itertools.islice(node._btexts(reader), max_expansion * 8)
            ]
            words.sort(key=lambda w: -reader.doc_frequency(field, w))
            terms = [query.Term(field, w) for w in words[:max_expansion]]
            return query.Or(terms) if terms else query.NullQuery
        return node.apply(bound)

    return bound(parsed)


def suggestion(text: str, vocabulary: Completions) -> str | None:
    """``text`` with each word the library does not have replaced by its nearest word, or
    None when nothing changed (field values, operators and CJK are left as typed)."""

    def replace(match: re.Match[str]) -> str:
        if match.group("clause"):
            return match.group(0)  # a field's value: an id, a source name, a date
        word = match.group("word")
        folded = [t.text for t in ANALYZER(word, no_morph=True, removestops=False)]
        if word in _OPERATORS or len(folded) != 1 or is_cjk(word[0]):
            return word
        if folded[0] in STOP_WORDS or folded[0] in vocabulary:
            return word
        near = vocabulary.within(folded[0], 2 if len(folded[0]) >= 6 else 1, 1)
        return near[0] if near else word

    suggested = _PLAIN_WORD.sub(replace, text)
    return suggested if suggested != text else None


def expand_last_word(
    parsed: Any, text: str, names: Fields, vocabulary: Completions, completions: Sequence[int]
) -> Any:
    """Search-as-you-type: let the last word also match its most frequent completions
    (``completions[n - 1]`` of them for a word of ``n`` letters)."""
    match = re.search(r"(\w+)$", text)
    if not match or text.endswith((" ", '"', ")")):
        return parsed
    prefix = match.group(1).lower()
    wanted = completions[min(len(prefix), len(completions)) - 1]
    stems = {stem for word in vocabulary.complete(prefix, wanted) for stem in analyze(word)[:1]}
    if not stems:
        return parsed
    # In the text only: a title's words are nearly always in its text too, and each
    # extra term is one more posting list to walk on every keystroke. A lone letter or
    # two is matched in titles: its completions are the commonest words, found in most
    # of the library's texts but in few titles.
    alone = len(prefix) <= 2 and text.strip().lower() == prefix
    field = names.title if alone else names.text
    alternatives = query.Or([query.Term(field, stem) for stem in sorted(stems)])
    return _replace_last_term(parsed, prefix, alternatives)


def _replace_last_term(parsed: Any, prefix: str, alternatives: Any) -> Any:
    stemmed = analyze(prefix)
    if not stemmed:
        return query.And([parsed, alternatives]) if parsed is not query.NullQuery else alternatives
    target = stemmed[-1]

    def swap(node: Any) -> Any:
        if isinstance(node, query.Term) and node.text == target:
            return query.Or([node, alternatives])
        return node.apply(swap)

    if isinstance(parsed, query.Term) and parsed.text == target:
        return query.Or([parsed, alternatives])
    return parsed.apply(swap)
