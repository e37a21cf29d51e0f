"""PDF text libraries side by side on real PDFs: pages a second and words found.

Run: ``.venv/bin/python -m tests.bench.pdf_libraries FOLDER`` with a folder of PDFs (for
example py-pdf's sample-files and pdfminer.six's samples). Each library present (pypdfium2,
pypdf, pdfminer.six; the last two are not dependencies, install them to compare) reads
every page's text; the table gives its time, pages a second, the words it found and the
share of "words" over 18 letters (words glued together where a space was lost).
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import re
import time
import warnings
from collections.abc import Callable
from pathlib import Path


def _pypdf(path: Path) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(path)
    if reader.is_encrypted and not reader.decrypt(""):
        raise RuntimeError("encrypted")
    return [page.extract_text() or "" for page in reader.pages]


def _pdfminer(path: Path) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [
        "\n".join(e.get_text() for e in page if isinstance(e, LTTextContainer))
        for page in extract_pages(path)
    ]


def _pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(path)
    texts = []
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    document.close()
    return texts


LIBRARIES: dict[str, tuple[str, Callable[[Path], list[str]]]] = {
    "pypdfium2": ("pypdfium2", _pdfium),
    "pypdf": ("pypdf", _pypdf),
    "pdfminer.six": ("pdfminer", _pdfminer),
}
_WORD = re.compile(r"[^\W\d_]+")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    totals: dict[str, list[float]] = {}
    print(f"{'file':34} {'library':13} {'pages':>5} {'s':>7} {'pages/s':>8} {'words':>7} glued%")
    for path in sorted(args.folder.glob("*.pdf")):
        for name, (module, read) in LIBRARIES.items():
            if importlib.util.find_spec(module) is None:
                continue
            started = time.perf_counter()
            try:
                pages = read(path)
            except Exception as error:  # noqa: BLE001 - a library's failure is a row of the table
                print(f"{path.name[:34]:34} {name:13} error: {type(error).__name__}")
                continue
            seconds = time.perf_counter() - started
            words = _WORD.findall(" ".join(pages))
            glued = sum(len(w) > 18 for w in words) / max(1, len(words))
            total = totals.setdefault(name, [0, 0.0])
            total[0] += len(pages)
            total[1] += seconds
            print(
                f"{path.name[:34]:34} {name:13} {len(pages):5} {seconds:7.3f} "
                f"{len(pages) / max(seconds, 1e-9):8.1f} {len(words):7} {100 * glued:5.2f}"
            )
    for name, (pages, seconds) in totals.items():
        print(f"total {name}: {pages:.0f} pages in {seconds:.2f} s = {pages / seconds:.0f} pages/s")


if __name__ == "__main__":
    main()
