"""What the reader shows of one article, gathered off the GUI thread in one call.

The article and its highlights, its entity names as links, the articles most like it in
words ("More like this") and those about the same people and bodies. The last three are
conveniences: if one fails, the article is still shown without it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.view.entity_data import with_entity_links
from desktop.view.reader_html import ReaderContent, prepare_content
from desktop.view.shared_entities import shared_entity_articles

if TYPE_CHECKING:
    from desktop.core.library import Library

#: How many articles "More like this" and "Also about its people and bodies" list.
RELATED_LIMIT = 5


def load_reader_content(
    library: Library, article_id: str, terms: Sequence[str], passage_id: str | None
) -> ReaderContent:
    """The article ``article_id`` as the reader shows it."""
    article = library.article(article_id)
    try:
        related = library.related(article_id, limit=RELATED_LIMIT)
    except Exception:  # noqa: BLE001 - "more like this" is optional; never fail the article
        related = []
    content = with_entity_links(
        library, prepare_content(library, article, terms, passage_id, related)
    )
    try:
        shared = shared_entity_articles(library, article_id, RELATED_LIMIT)
    except Exception:  # noqa: BLE001 - the neighbours are optional too
        return content
    return dataclasses.replace(content, shared=shared)
