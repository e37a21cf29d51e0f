"""Figures an article gives an entity: sums of money, counts and years, each given to the
nearest organisation, initiative or person in its sentence."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from desktop.core.model import Article, Entity, Evidence, Figure, Mention
from desktop.core.text import sentence_spans

_MONEY = re.compile(
    r"(?:HK\$|US\$|RMB|HKD|USD|\$|€|£|¥)\s?\d[\d,.]*\s*(?:billion|million|thousand|bn|m|k)?\+?"
    r"(?:\s+(?:billion|million))?",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"\b(?:(?:more than|over|nearly|about|around|almost|up to|some)\s+)?"
    r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+)\+?\s+(?:[a-z-]+\s+){0,2}?"
    r"(?!(?:this|its|was|has|is|as|us)\b)[a-z-]{2,}s\b"
)
_DATE = re.compile(
    r"\b(?:in|since|by|from)\s+(?:(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+)?(?:19|20)\d\d\b"
)


def extract_figures(
    article: Article, mentions: Sequence[Mention], entities: Mapping[str, Entity]
) -> list[Figure]:
    """Money, counts and dates, each given to the nearest organisation, initiative or person."""
    figures = []
    for block in article.passages:
        block_mentions = [
            m
            for m in mentions
            if m.passage_id == block.id
            and entities[m.entity_id].type in {"organisation", "initiative", "person"}
        ]
        if not block_mentions:
            continue
        for start, end in sentence_spans(block.text):
            sentence = block.text[start:end]
            inside = [m for m in block_mentions if start <= m.start < end]
            if not inside:
                continue
            for kind, pattern in (("money", _MONEY), ("count", _COUNT), ("date", _DATE)):
                for match in pattern.finditer(sentence):
                    position = start + match.start()
                    nearest = min(inside, key=lambda m: abs(m.start - position))
                    figures.append(
                        Figure(
                            nearest.entity_id,
                            kind,  # type: ignore[arg-type]
                            match.group(0).strip(),
                            Evidence(article.id, block.id, sentence),
                        )
                    )
    return figures
