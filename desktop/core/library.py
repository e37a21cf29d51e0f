"""The facade the UI and the CLI use: a library of articles from source paths, and its index.

(Being written: the signatures below are the contract; bodies land in the next commits.)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.core.model import (
    Article,
    ArticleSummary,
    Hit,
    IndexReport,
    SearchMode,
    SearchResult,
    SortOrder,
)
from desktop.core.progress import NullProgress, Progress


class Library:
    """Articles read from ``sources`` and indexed in ``data_dir``.

    Opening is cheap (the index on disk is opened, not rebuilt); call :meth:`refresh` to bring
    the index up to date with the sources. Methods are thread-safe: searches and a refresh may
    run on different threads.
    """

    def __init__(self, data_dir: Path, sources: Sequence[Path]) -> None:
        raise NotImplementedError

    def needs_refresh(self) -> bool:
        """True when sources were added, changed or removed since the last refresh (cheap)."""
        raise NotImplementedError

    def refresh(self, progress: Progress | None = None, rebuild: bool = False) -> IndexReport:
        """Read changed sources and update the index; ``rebuild`` starts from scratch."""
        raise NotImplementedError

    def reload(self) -> None:
        """See commits made by another process (a child indexer)."""
        raise NotImplementedError

    def search(
        self,
        query: str,
        *,
        mode: SearchMode = "articles",
        limit: int = 20,
        sort: SortOrder = "relevance",
        as_you_type: bool = False,
    ) -> SearchResult:
        """Search; never raises for a malformed query (it says so in ``notice``)."""
        raise NotImplementedError

    def article(self, article_id: str) -> Article:
        """The clean article; raises ArticleNotFound."""
        raise NotImplementedError

    def articles(self) -> list[ArticleSummary]:
        """Every article, newest first."""
        raise NotImplementedError

    def related(self, article_id: str, limit: int = 5) -> list[Hit]:
        """Articles most like this one ("more like this")."""
        raise NotImplementedError

    def match_spans(self, text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
        """Character spans in ``text`` whose words match the query terms (after stemming)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the index."""
        raise NotImplementedError


_ = NullProgress
