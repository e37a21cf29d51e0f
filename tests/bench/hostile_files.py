"""What one hostile file costs an import: seconds and peak memory, through the CLI.

Run: ``.venv/bin/python -m tests.bench.hostile_files [--only NAME]``. Each file is imported
alone by ``python -m desktop import`` into a fresh data folder (the bundled library left out),
as a user would, and the child's wall time and peak RSS are printed with what the import
said of the file. The targets (issue 13): 200,000 one-character lines import in under 10 s,
and a 20 MB file peaks under 400 MB of RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.core.ingest import documents

MB = 1024 * 1024
WORDS = "harbour fund robot lab park startup grant talent chip bay data cloud city".split()


def _prose(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word + ("." if rng.random() < 0.07 else ""))
        length += len(word) + 1
    return " ".join(words)


FILES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "lines-200k": ("lines.txt", lambda: b"A List\n" + b"x\n" * 200_000),
    "lines-1m": ("lines.txt", lambda: b"A List\n" + b"x\n" * 1_000_000),
    "one-line-19mb": ("one-line.txt", lambda: _prose(19 * MB).encode()),
    "paragraphs-20mb": (
        "paragraphs.txt",
        lambda: "\n".join(_prose(600, seed) for seed in range(33_000)).encode()[: 20 * MB - 1],
    ),
    "no-spaces-19mb": ("token.txt", lambda: b"Title\n" + b"x" * (19 * MB)),
    "attributes-1m": (
        "attributes.html",
        lambda: (
            "<html><body><p "
            + " ".join(f'a{i}="v"' for i in range(1_000_000))
            + ">The lab opens in Sha Tin.</p></body></html>"
        ).encode(),
    ),
    "elements-300k": (
        "elements.html",
        lambda: (
            "<html><body>"
            + "".join(f"<p>Paragraph {i} about the science park.</p>" for i in range(300_000))
            + "</body></html>"
        ).encode(),
    ),
    "tables-200k": (
        "tables.html",
        lambda: (
            "<html><body>"
            + "<table><tr><td>a</td><td>b</td></tr></table>" * 200_000
            + "</body></html>"
        ).encode(),
    ),
    "nesting-100k": (
        "deep.html",
        lambda: ("<div>" * 100_000 + "Deep text." + "</div>" * 100_000).encode(),
    ),
    "markdown-brackets": ("brackets.md", lambda: b"[" * 200_000 + b"text" + b"]" * 200_000),
    "markdown-emphasis": ("emphasis.md", lambda: b"*a " * 300_000),
    "pdf-bomb-200mb": ("bomb.pdf", lambda: documents.flate_bomb_pdf(200)),
    "pdf-bomb-15mb": ("bomb.pdf", lambda: documents.flate_bomb_pdf(15)),
    # Encrypted under an owner password only: it opens without one, its streams are noise.
    "pdf-locked-bomb-200mb": (
        "bomb.pdf",
        lambda: documents.owner_locked(documents.flate_bomb_pdf(200)),
    ),
    "pdf-locked-bomb-15mb": (
        "bomb.pdf",
        lambda: documents.owner_locked(documents.flate_bomb_pdf(15)),
    ),
    "pdf-pages-5000": (
        "pages.pdf",
        lambda: documents.make_pdf(
            [documents.page_of_paragraphs([[_prose(80, n)]]) for n in range(5000)]
        ),
    ),
    "epub-bomb-200mb": ("bomb.epub", lambda: documents.zip_bomb_epub(200)),
    "epub-chapters-3000": (
        "chapters.epub",
        lambda: documents.make_epub(
            [documents.Chapter(f"c{n}.xhtml", f"Part {n}", _prose(2000, n)) for n in range(3000)]
        ),
    ),
}


def run(name: str, folder: Path) -> dict[str, object]:
    """Import one generated file alone; its seconds, peak RSS and what the import said."""
    file_name, make = FILES[name]
    source = folder / name
    source.mkdir()
    (source / file_name).write_bytes(make())
    empty = folder / f"{name}-none"
    empty.mkdir()
    command = [sys.executable, "-m", "desktop", "import", str(source), "--json"]
    command += ["--data-dir", str(folder / f"{name}-data"), "--source", str(empty)]
    out_file, err_file = folder / f"{name}.out", folder / f"{name}.err"
    with out_file.open("w") as out_stream, err_file.open("w") as err_stream:
        started = time.perf_counter()
        # Into files, not pipes: a full pipe would stall the child, and wait4 gives its RSS.
        child = subprocess.Popen(command, stdout=out_stream, stderr=err_stream)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    out, err = out_file.read_text(), err_file.read_text()
    report = json.loads(out) if out.strip().startswith("{") else {}
    skipped = [row["reason"] for row in report.get("skipped", [])]
    return {
        "file": name,
        "bytes": (source / file_name).stat().st_size,
        "exit": os.waitstatus_to_exitcode(status),
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "added": len(report.get("added", [])),
        "skipped": skipped[0] if skipped else None,
        "error": err.strip().splitlines()[-1] if err.strip() else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(FILES), help="one file kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="innoatlas-hostile-") as temporary:
        for name in args.only or FILES:
            row = run(name, Path(temporary))
            print(
                f"{row['file']:18} {row['bytes'] / MB:6.1f} MB  exit {row['exit']}  "
                f"{row['seconds']:6.2f} s  {row['peak_rss_mb']:5} MB RSS  "
                f"added {row['added']}  {row['skipped'] or row['error'] or ''}",
                flush=True,
            )


if __name__ == "__main__":
    main()
