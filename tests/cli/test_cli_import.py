import argparse
import io
import json
import os
from pathlib import Path

from desktop.cli import importing as cli_import
from desktop.core.library import Library
from desktop.core.sources import SourceList


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--data-dir", type=Path)

    cli_import.add_commands(commands, common)
    return parser.parse_args(["import", *argv])


def run(tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    data_dir = tmp_path / "data"

    def make_library(extra: list[Path]) -> Library:
        return Library(data_dir, extra)

    code = cli_import.run(parse(*argv), data_dir, make_library, out, err)
    return code, out.getvalue(), err.getvalue()


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "lab.txt").write_text("Lab Opens\nThe lab opened today.\n", "utf-8")
    (folder / "fund.md").write_text("# Fund Opens\n\nThe fund opened today.\n", "utf-8")
    (folder / "empty.html").write_bytes(b"")
    return folder


def test_import_remembers_the_folder_and_reports_in_text(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    code, out, err = run(tmp_path, str(folder))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Source added: {folder}",
        out.splitlines()[1],
        f"  + {folder / 'fund.md'}  “Fund Opens”",
        f"  + {folder / 'lab.txt'}  “Lab Opens”",
        f"  ! {folder / 'empty.html'}: The file is empty.",
    ]
    assert out.splitlines()[1].startswith("Added 2, updated 0, removed 0, skipped 1, unchanged 0")
    assert SourceList(tmp_path / "data").paths() == [folder]


def test_json_report_and_reimport_after_a_change(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    run(tmp_path, str(folder))
    (folder / "lab.txt").write_text("Lab Opens\nThe lab opened today, a week late.\n", "utf-8")
    (folder / "fund.md").unlink()
    (folder / "wire-copy.txt").write_text(
        "Lab Opens\nThe lab opened today, a week late.\n", "utf-8"
    )
    code, out, _err = run(tmp_path, str(folder), "--json")
    data = json.loads(out)
    lab = {"path": str(folder / "lab.txt"), "id": data["updated"][0]["id"], "title": "Lab Opens"}
    assert code == 0
    assert {k: v for k, v in data.items() if k != "seconds"} == {
        "sources_added": [],
        "added": [],
        "updated": [lab],
        "removed": [str(folder / "fund.md")],
        "skipped": [{"path": str(folder / "empty.html"), "reason": "The file is empty."}],
        "duplicates": [
            {"path": str(folder / "wire-copy.txt"), "original": str(folder / "lab.txt")}
        ],
        "unchanged": 0,
        "relinked": 0,
    }


def test_a_missing_path_imports_nothing(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    code, out, err = run(tmp_path, str(folder), str(tmp_path / "nope"))
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path / 'nope'} does not exist; nothing was imported.\n"
    assert not (tmp_path / "data" / "sources.json").exists()


def test_a_file_named_in_no_encoding_is_skipped_and_printable(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    with open(os.fsencode(folder) + b"/\xb3\xf8.txt", "wb") as stream:
        stream.write(b"Title\nBody text.\n")
    code, out, _err = run(tmp_path, str(folder), "--json")
    skipped = json.loads(out)["skipped"]
    assert code == 0
    assert skipped[-1]["path"] == str(folder) + "/\\xb3\\xf8.txt"
    assert "name is not valid text" in skipped[-1]["reason"]
