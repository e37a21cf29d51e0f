"""Print every quality measure of the development set; ``--check`` fails below the floors.

    python -m tests.quality            # the table
    python -m tests.quality --misses   # and what each measure missed
    python -m tests.quality --check    # exit 1 if a measure fell below floors.json
    python -m tests.quality --pages tests/quality/holdout   # another folder of pages

The floors only rise: after an improvement, raise them to the new figures (``--raise``).
The floors are the development set's: another folder (``--pages``) is measured without
them, and ``--check`` and ``--raise`` refuse it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from tests.quality.gold import PAGES, load_pages
from tests.quality.measures import (
    Score,
    library_of,
    measure_cleaning,
    measure_entities,
    measure_questions,
    measure_relations,
)

FLOORS = Path(__file__).with_name("floors.json")


def measure(folder: Path = PAGES) -> list[Score]:
    pages = load_pages(folder)
    sites = {page.site for page in pages}
    print(f"{len(pages)} pages from {len(sites)} sites")
    started = time.perf_counter()
    with library_of(pages) as (library, articles):
        print(f"indexed in {time.perf_counter() - started:.1f} s")
        return [
            *measure_cleaning(pages, articles),
            *measure_entities(library, pages, articles),
            *measure_relations(library, pages, articles),
            *measure_questions(library, pages, articles),
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.quality")
    parser.add_argument("--misses", action="store_true", help="list what each measure missed")
    parser.add_argument("--check", action="store_true", help="fail below floors.json")
    parser.add_argument("--raise", dest="rise", action="store_true", help="raise the floors")
    parser.add_argument(
        "--pages",
        type=Path,
        default=PAGES,
        metavar="DIR",
        help="measure this folder of pages instead (without the floors)",
    )
    args = parser.parse_args(argv)
    if not args.pages.is_dir():
        parser.error(f"--pages: not a folder: {args.pages}")
    own = args.pages.resolve() == PAGES.resolve()
    if not own and (args.check or args.rise):
        parser.error("--check and --raise are for the development set's floors, not --pages")
    scores = measure(args.pages)
    floors: dict[str, float] = {}
    if own and FLOORS.exists():
        floors = json.loads(FLOORS.read_text())
    elif not own:
        print(f"{args.pages}: not the development set, so no floors")
    failed = []
    print(f"\n{'measure':<52} {'now':>9} {'share':>6} {'floor':>6}")
    for score in scores:
        floor = floors.get(score.name)
        mark = ""
        if floor is not None and score.share < floor - 1e-9:
            failed.append(score.name)
            mark = "  BELOW FLOOR"
        shown = "" if floor is None else f"{floor:.0%}"
        print(
            f"{score.name:<52} {score.good:>4}/{score.total:<4} {score.share:>6.0%} {shown:>6}"
            + mark
        )
    if args.misses:
        for score in scores:
            if score.misses:
                print(f"\n{score.name}: {len(score.misses)} missed")
                for miss in score.misses:
                    print(f"  - {miss}")
    if args.rise:
        # Rounded down, so that the figure just measured is never below its own floor.
        risen = {
            s.name: max(math.floor(s.share * 1000) / 1000, floors.get(s.name, 0.0)) for s in scores
        }
        FLOORS.write_text(json.dumps(risen, indent=2) + "\n")
        print(f"\nfloors written to {FLOORS}")
    if args.check and failed:
        print(f"\nbelow the floor: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
