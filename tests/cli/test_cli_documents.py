"""PDFs and EPUBs through the CLI as a user runs it: import, search, show at the page or
chapter, a scan reported and skipped, and a bookmark that survives the file's reflow."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.core.ingest.documents import Line, make_epub, make_pdf, page_of_paragraphs
from tests.core.ingest.test_epub_reader import CHAPTERS
from tests.core.ingest.test_pdf_reader import report_pages


def cli(*args: str, data_dir: Path, as_json: bool = True) -> Any:
    """What a command printed: its JSON (``--json``), else its text."""
    flags = ["--json"] if as_json else []
    run = subprocess.run(
        [sys.executable, "-m", "desktop", *args, *flags, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, "")
    return json.loads(run.stdout) if as_json else run.stdout


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, Path, dict[str, Any]]:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(make_pdf(report_pages()))
    (folder / "scan.pdf").write_bytes(make_pdf(report_pages(), image_only=True))
    (folder / "book.epub").write_bytes(make_epub(CHAPTERS, title="Parks of HK"))
    data_dir = tmp_path / "data"
    return folder, data_dir, cli("import", str(folder), data_dir=data_dir)


def located(data_dir: Path, query: str) -> tuple[str, str | None]:
    """The best passage for ``query`` (its text) and its location as ``show`` gives it."""
    hit = cli("search", query, "--passages", data_dir=data_dir)["hits"][0]
    article = cli("show", hit["article_id"], data_dir=data_dir)
    block = next(b for b in article["blocks"] if b["id"] == hit["passage_id"])
    assert hit.get("location") == block.get("location")  # the hit cites it too
    return block["text"], block.get("location")


def test_pdf_and_epub_passages_are_found_at_their_page_and_chapter(
    imported: tuple[Path, Path, dict[str, Any]],
) -> None:
    _folder, data_dir, report = imported
    titles = {Path(a["path"]).name: a["title"] for a in report["added"]}
    assert (titles["report.pdf"], titles["book.epub"]) == ("Robotics in Hong Kong", "Parks of HK")
    assert located(data_dir, "cloud services talent programmes") == (
        "The agreement covers cloud services, talent programmes and joint events that run "
        "through the year in both parks.",
        "p. 2",
    )
    assert located(data_dir, "digital hub fintech") == (
        "Cyberport grew from a digital hub into a fintech centre.",
        "Cyberport",
    )
    listed = cli("search", "cloud services", "--passages", data_dir=data_dir, as_json=False)
    assert "1. Robotics in Hong Kong, p. 2  [" in listed
    ids = {Path(a["path"]).name: a["id"] for a in report["added"]}
    shown = cli("show", ids["report.pdf"], data_dir=data_dir, as_json=False)
    assert "\n[p. 1]\n\nHong Kong Science Park opened" in shown
    assert "\n[p. 2]\n\n## Key Areas of Collaboration\n" in shown
    book = cli("show", ids["book.epub"], data_dir=data_dir, as_json=False)
    assert "\n## Cyberport\n" in book and "[Cyberport]" not in book  # its heading names it
    skipped = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert list(skipped) == ["scan.pdf"]
    assert "no text layer" in skipped["scan.pdf"]


def test_a_bookmark_in_a_pdf_survives_its_pages_moving(
    imported: tuple[Path, Path, dict[str, Any]],
) -> None:
    folder, data_dir, _report = imported
    hit = cli("search", "cloud services", "--passages", data_dir=data_dir)["hits"][0]
    quote = ("--quote", "talent programmes")
    cli("bookmarks", "add", hit["article_id"], *quote, data_dir=data_dir, as_json=False)
    assert [b["location"] for b in cli("bookmarks", "list", data_dir=data_dir)] == ["p. 2"]
    # A page is put in front: every passage moves one page on.
    preface = page_of_paragraphs([["A preface on the year in the parks, set before the rest."]])
    pages = report_pages()
    pages.insert(1, [Line("Preface", 790, 14, bold=True), *preface])
    (folder / "report.pdf").write_bytes(make_pdf(pages))
    cli("index", data_dir=data_dir, as_json=False)
    [bookmark] = cli("bookmarks", "list", data_dir=data_dir)
    assert (bookmark["status"], bookmark["quote"]) == ("attached", "talent programmes")
    assert bookmark["location"] == "p. 3"
    assert located(data_dir, "cloud services talent programmes")[1] == "p. 3"
