"""Who wrote an article: the names in its byline, the way a reference manager reads them.

Cleaning removes a byline from the text ("By Jane Doe and Li Wei in Hong Kong", "Author:
Jane Zhang / Xi Wenjing Date: 2022-05-07"); the names in it are the article's authors, kept as
metadata the reader shows and entity discovery links as people. A web page names its authors
in its markup too (``<meta name="author">``, an element of class ``author`` or ``byline``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from desktop.core.ingest.cleaning import AUTHOR_FIELD
from desktop.core.text import clean_line

#: A byline's opening label: "By", "Written by", "Author:", "Reporters:".
_LABEL = re.compile(
    r"^[•·*-]?\s*(?:(?:written|words|text|reporting|reported|story|edited|article|compiled|"
    r"contributed)\s+by|by|authors?|"
    r"reporters?|writers?|editors?|text|words)\b\s*[:：]?\s*",
    re.IGNORECASE,
)
#: Where the names end: a place ("in Hong Kong"), a source, a date, a bar or a bracket.
_TAIL = re.compile(
    r"\s*(?:\b(?:in|from|at)\s+[A-Z].*|[|(（].*|\b(?:source|published|updated|posted|date|"
    r"photos?|images?)\b.*|\d.*)$",
    re.IGNORECASE,
)
#: A post before the name: "staff reporter ZHOU LIN", "our correspondent Li Wei".
_POST = re.compile(
    r"^(?:(?:our|staff|senior|chief|special|business|political|tech|technology)\s+)*"
    r"(?:reporters?|correspondents?|writers?|editors?|journalists?)\s+(?=[A-Z])",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:,|/|&|;|\band\b)\s*")
#: A person's name: two to four capitalised words, initials or a hyphenated given name
#: allowed ("Jane Doe", "Hsien-Hui Tong", "Mary A. Lee", "Francis KL CHAN").
_PERSON = re.compile(
    r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Sir)\.?\s+)?"
    r"(?P<name>[A-Z][a-zA-Z'’]+(?:-[A-Za-z][a-z'’]+)?(?:\s+(?:[A-Z]\.|[A-Z][a-zA-Z'’]+"
    r"(?:-[A-Za-z][a-z'’]+)?)){1,3})"
)
#: Words that make a capitalised run a desk, a site or a body, not a person.
_NOT_PEOPLE = frozenset(
    "the staff reporter reporters correspondent correspondents desk team editor editors editorial "
    "admin administrator news newsroom agency agencies online media press release office "
    "daily times post journal herald tribune group limited ltd company inc corporation "
    "university council government department bureau association contributor contributors "
    "guest writer writers research magazine network institute centre center foundation "
    "partners capital ventures technology digital services consulting llp".split()
)
#: A byline names at most this many people; more is a list of something else.
MAX_AUTHORS = 6


def names_in_byline(text: str) -> tuple[str, ...]:
    """The people a byline names, in its order.

    >>> names_in_byline("By Shen Weiduo and Li Xuanmin in Shenzhen Source:Global Times")
    ('Shen Weiduo', 'Li Xuanmin')
    >>> names_in_byline("Author:Jane Zhang / Xi Wenjing Date:2022-05-07")
    ('Jane Zhang', 'Xi Wenjing')
    >>> names_in_byline("By Sophie He in Hong Kong(HK Edition)")
    ('Sophie He',)
    >>> names_in_byline("By Staff Reporter"), names_in_byline("By Reuters")
    ((), ())
    >>> names_in_byline("Author: staff reporter ZHOU LIN"), names_in_byline("Article by Eric Chan")
    (('Zhou Lin',), ('Eric Chan',))
    >>> names_in_byline("2021-05-20 12:00:00 Source:Daily Author:staff reporter ZHOU LIN")
    ('Zhou Lin',)
    """
    text = clean_line(text)
    if not _LABEL.match(text) and (field := AUTHOR_FIELD.search(text)):
        text = text[field.start() :]  # "2021-05-20 Source: Daily Author: Jane Doe"
    body = _LABEL.sub("", text, count=1)
    body = _TAIL.sub("", _POST.sub("", body, count=1))
    names: list[str] = []
    for part in _SEPARATORS.split(body):
        match = _PERSON.fullmatch(part.strip())
        if match is None:
            continue
        name = _name_case(match.group("name"))
        if not _NOT_PEOPLE.intersection(name.lower().split()) and name not in names:
            names.append(name)
    return tuple(names[:MAX_AUTHORS])


def _name_case(name: str) -> str:
    """A name set in capitals as names are written ("ZHOU LIN": Zhou Lin); initials stay."""
    if not any(len(w) > 2 and w.isupper() for w in name.split()):
        return name
    return " ".join(w.title() if len(w) > 2 and w.isupper() else w for w in name.split())


def authors_of(bylines: Iterable[str]) -> tuple[str, ...]:
    """Every person the bylines name, each once, in order."""
    names: dict[str, None] = {}
    for line in bylines:
        names.update(dict.fromkeys(names_in_byline(line)))
    return tuple(names)[:MAX_AUTHORS]


def byline(authors: Sequence[str]) -> str:
    """The authors as a reader's header line writes them ("" for none).

    >>> byline(["Jane Doe"]), byline(["A Lee", "B Wu", "C Ho"])
    ('By Jane Doe', 'By A Lee, B Wu and C Ho')
    """
    if not authors:
        return ""
    names = list(authors)
    return "By " + (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])
