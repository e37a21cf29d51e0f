"""Places known by name: countries, regions and large cities of the world (``places.txt``,
from GeoNames), for articles that name a place with nothing around it to say it is one.

A place is a whole run of capitalised words ("Taipei", "South Korea"), never part of a longer
name ("Taipei Economic and Cultural Office", "Boston Consulting Group").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

#: A run of capitalised words, with "Bao'an"'s apostrophe but not a possessive's.
_RUN = re.compile(
    r"(?<![\w'’&@.-])[A-Z][a-zA-Z]*(?:'(?!s\b)[a-z]+)?(?:[ -][A-Z][a-zA-Z]*(?:'(?!s\b)[a-z]+)?)*"
    r"(?![\w&@])"
)
#: Words that open a sentence before a place ("In Taiwan, ...", "The Philippines").
_OPENERS = frozenset(
    "The In At On For From To By With And But As While After Before Since During Across Both "
    "Like Unlike Outside Inside Beyond Throughout Within Over Under Near Around Meanwhile "
    "Also Even Only Here There Now Then Today".split()
)


@cache
def place_names() -> frozenset[str]:
    """The names in ``places.txt``, read once."""
    text = files("desktop.core.entities").joinpath("places.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def named_places(text: str) -> Iterator[str]:
    """The places of the gazetteer that ``text`` names, in order, each time.

    >>> list(named_places("In Taiwan, the Taipei Economic and Cultural Office in Boston met."))
    ['Taiwan', 'Boston']
    """
    names = place_names()
    for match in _RUN.finditer(text):
        run = match.group(0)
        first, _, rest = run.partition(" ")
        if rest and first in _OPENERS:
            run = rest
        if run in names:
            yield run
