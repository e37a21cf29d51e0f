"""Recognising a line that is only a publication date, in the formats scrapes use.

A date line may carry a label ("Published:", "Updated on") and a time of day; what matters is
that nothing else is on the line, so that a sentence mentioning a date is never taken for one.
"""

from __future__ import annotations

import re
from datetime import date as _date

from desktop.core.model import ArticleDate

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_LABEL = r"(?:(?:published|posted|updated|date|last updated|first published)(?:\s+on)?\s*:?\s*)?"
_TIME = (
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{2,4})?)?"
)
_TAIL = _TIME + r"\s*(?:\|.*)?$"

_PATTERNS = [
    # December 2, 2024 / Dec. 2nd 2024, 5:25 pm
    re.compile(rf"^{_LABEL}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TAIL}", re.I),
    # 2 December 2024 / Monday, 2 Dec 2024
    re.compile(rf"^{_LABEL}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TAIL}", re.I),
    # 2024-12-02 / 2024/12/02 / 2024.12.02
    re.compile(
        rf"^{_LABEL}{_YEAR}[-/.](?P<month_n>\d{{1,2}})[-/.]{_DAY}(?:T[\d:.]+Z?)?{_TAIL}", re.I
    ),
    # 2024年12月2日 / 2024年12月
    re.compile(r"^(?P<year>\d{4})\s*年\s*(?P<month_n>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?$"),
    # January 2022 / 2022 January
    re.compile(rf"^{_LABEL}{_MONTH},?\s+{_YEAR}$", re.I),
    re.compile(rf"^{_LABEL}{_YEAR},?\s+{_MONTH}$", re.I),
    # 2024-12 (month)
    re.compile(rf"^{_LABEL}{_YEAR}-(?P<month_n>\d{{2}})$", re.I),
]


def parse_date_line(line: str) -> ArticleDate | None:
    """The date a line states, if the line is nothing but a date (labels and times allowed).

    >>> parse_date_line("December 2, 2024, 5:25 pm")
    ArticleDate(year=2024, month=12, day=2)
    >>> parse_date_line("2022 January")
    ArticleDate(year=2022, month=1, day=None)
    >>> parse_date_line("Published on 3 Mar 2023 | Hong Kong")
    ArticleDate(year=2023, month=3, day=3)
    >>> parse_date_line("In 2023, HKSTP took a bold step.") is None
    True
    """
    text = line.strip()
    if len(text) > 60:
        return None
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return _from_match(match)
    return None


def _from_match(match: re.Match[str]) -> ArticleDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month: int | None = MONTHS[groups["month"].lower().rstrip(".")]
    elif groups.get("month_n"):
        month = int(groups["month_n"])
    else:
        month = None
    day = int(groups["day"]) if groups.get("day") else None
    try:
        _date(year, month or 1, day or 1)
    except ValueError:
        return None
    return ArticleDate(year, month, day)
