"""One bad file never breaks the library: a folder of hostile files is imported, and every
later command works; what can be read is read, the rest is skipped once, with its reason."""

from __future__ import annotations

import os
from pathlib import Path

from tests.core.reliability.conftest import Case, cli

UTF16_TEXT = "UTF-16 Article About Robots\nThe utf16marker lab opened with robots today.\n"
CHINESE = "科技園發表報告\n香港科技園今日發表中文報告，介紹新的培育計劃。\n"


def hostile_folder(folder: Path, outside: Path) -> dict[str, str]:
    """Hostile files beside good ones; returns file name -> a word only that file has (for
    the ones that must be readable)."""
    folder.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret Notes\nThe outsidemarker diary.\n")
    readable = {
        "good.txt": "goodmarker",
        "good.md": "mdmarker",
        "good.html": "htmlmarker",
        "charset.html": "charsetmarker",
        "lines.txt": "linesmarker",
        "attributes.html": "attrmarker",
        "one-line.txt": "onelinemarker",
        "utf16le.txt": "utf16marker",
        "utf16be.txt": "utf16marker",
        "chinese-utf16.txt": "培育計劃",
        "escapes.txt": "escapemarker",
    }
    (folder / "good.txt").write_text("Lab Opens\nMarch 3, 2023\nThe goodmarker lab opened.\n")
    (folder / "good.md").write_text("# Fund Opens\n\nThe mdmarker fund opened today.\n")
    (folder / "good.html").write_text(
        "<title>Park Grows</title><nav>Home | News</nav><p>The htmlmarker park grew.</p>"
    )
    (folder / "charset.html").write_bytes(
        b'<meta charset="undefined"><title>Declared Nonsense</title>'
        b"<p>The charsetmarker page declares a charset that does not exist.</p>"
    )
    (folder / "lines.txt").write_text("A Long List\nlinesmarker\n" + "x\n" * 200_000)
    attributes = " ".join(f'a{i}="v"' for i in range(1_000_000))
    (folder / "attributes.html").write_text(f"<p {attributes}>The attrmarker page.</p>")
    (folder / "one-line.txt").write_text("One Line\nonelinemarker " + "robots help. " * 1_500_000)
    (folder / "utf16le.txt").write_bytes(UTF16_TEXT.encode("utf-16-le"))
    (folder / "utf16be.txt").write_bytes(UTF16_TEXT.replace("About", "On").encode("utf-16-be"))
    (folder / "chinese-utf16.txt").write_bytes(CHINESE.encode("utf-16-le"))
    (folder / "escapes.txt").write_text(
        "Title\x1b]0;owned\x07 With \x1b[2JEscapes\nThe escapemarker text.\n"
    )
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "empty.md").write_bytes(b"")
    os.mkfifo(folder / "pipe.txt")
    (folder / "passwd.txt").symlink_to(outside / "secret.txt")
    (folder / "etc").symlink_to(outside)
    return readable


SKIPPED = {"binary.txt", "empty.md", "pipe.txt", "passwd.txt", "etc"}


def test_a_folder_of_hostile_files_imports_what_it_can_and_every_command_goes_on(
    tmp_path: Path, case: Case
) -> None:
    folder, data, none = tmp_path / "hostile", tmp_path / "data", tmp_path / "none"
    none.mkdir()
    readable = hostile_folder(folder, tmp_path / "outside")
    imported = cli("import", str(folder), "--json", data_dir=data, source=none)
    case.check("import exits 0", imported.code == 0)
    report = imported.json()
    skipped = {Path(row["path"]).name: row["reason"] for row in report["skipped"]}
    case.check("each bad file skipped", set(skipped) == SKIPPED)
    case.check("one line per reason", all("\n" not in r and r for r in skipped.values()))
    for name, marker in readable.items():
        found = cli("search", marker, "--json", data_dir=data, source=none)
        case.check(f"{name} searchable", found.code == 0 and found.json()["total"] >= 1)
    case.check(
        "nothing outside the folder",
        cli("search", "outsidemarker", "--json", data_dir=data, source=none).json()["total"] == 0,
    )
    listed = cli("articles", data_dir=data, source=none)
    case.check("articles lists them", listed.code == 0 and "Lab Opens" in listed.out)
    case.check("no escapes printed", "\x1b" not in listed.out and "\x07" not in listed.out)
    articles = cli("articles", "--json", data_dir=data, source=none).json()
    shown = [cli("show", a["id"], "--json", data_dir=data, source=none) for a in articles]
    case.check("every article shows", all(s.code == 0 for s in shown))
    lines = next(s.json() for s in shown if s.json()["title"] == "A Long List")
    case.check("a cut article says so", [r["rule"] for r in lines["removed"]] == ["limit"])
    lab = next(a["id"] for a in articles if a["title"] == "Lab Opens")
    add = cli("bookmarks", "add", lab, "--quote", "goodmarker lab", data_dir=data, source=none)
    case.check("bookmarks add", add.code == 0)
    for form in ("md", "json", "csv"):
        exported = cli("bookmarks", "export", "--format", form, data_dir=data, source=none)
        case.check(f"export {form}", exported.code == 0 and "goodmarker" in exported.out)
    case.check("entities", cli("entities", data_dir=data, source=none).code == 0)
    again = cli("index", data_dir=data, source=none)
    case.check("nothing read again", again.code == 0 and "0 new, 0 changed" in again.out)
    case.check("skipped files remembered, not reread", "Skipped" not in again.out)
