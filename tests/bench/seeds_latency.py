"""Index build time and search latency on the bundled library (a reused searcher).

Run: ``.venv/bin/python -m tests.bench.seeds_latency``. Prints one line per measurement.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from desktop.core.library import Library
from desktop.locations import bundled_sources

ARTICLE_QUERIES = [
    "hkstp",
    "science park singapore",
    '"greater bay area"',
    "cybersecurty~",
    "date:2024 shenzhen",
    "collaborat*",
    "talent OR startups",
]
QUESTIONS = [
    "When did HKSTP open its Shenzhen branch?",
    "What does i2Cool specialise in?",
    "Who chairs IDEA?",
    "How many companies has the Shenzhen branch attracted?",
]


def _median_ms(library: Library, queries: list[str], mode: str, rounds: int = 30) -> float:
    timings = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            library.search(query, mode=mode)  # type: ignore[arg-type]
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        with Library(Path(folder), bundled_sources()) as library:
            report = library.refresh()
            build = time.perf_counter() - started
            print(
                f"index build (5 seeds, from nothing): {build * 1000:.0f} ms "
                f"({report.added} articles)"
            )
            articles = _median_ms(library, ARTICLE_QUERIES, "articles")
            print(f"median search, article mode: {articles:.1f} ms")
            print(
                f"median search, passage mode (questions): "
                f"{_median_ms(library, QUESTIONS, 'passages'):.1f} ms"
            )


if __name__ == "__main__":
    main()
