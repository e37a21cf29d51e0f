"""Reading files of every supported kind, encoding and failure, end to end."""

import os
from pathlib import Path

import pytest

from desktop.core.errors import SourceError
from desktop.core.ingest import reader
from desktop.core.ingest.reader import find_source_files, read_article
from desktop.core.library import Library
from desktop.core.model import ArticleDate

BIG5_TEXT = (
    "數碼港推出中文詞彙培育計劃\n"
    "2023年3月3日\n"
    "數碼港今日宣佈推出新的培育計劃，支持本地初創企業發展金融科技。\n"
    "計劃為每間公司提供最多五十萬港元資助。\n"
)
GBK_TEXT = (
    "香港科技园发布机器人计划\n"
    "2024年5月14日\n"
    "香港科技园公司今日宣布推出机器人中心，为三十家初创企业提供实验室。\n"
)


def test_suffix_chooses_the_reader(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Markdown Title\n\nA *body* paragraph.\n", "utf-8")
    (tmp_path / "b.HTM").write_text(
        "<title>Page Title</title><nav><a href=/>Home</a></nav><p>A body paragraph.</p>", "utf-8"
    )
    (tmp_path / "c.txt").write_text("Plain Title\nA body paragraph.\n", "utf-8")
    titles = {p.name: read_article(p).title for p in find_source_files([tmp_path])}
    assert titles == {"a.md": "Markdown Title", "b.HTM": "Page Title", "c.txt": "Plain Title"}


def test_the_same_article_keeps_its_id_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Lab Opens\nMarch 3, 2023\nThe lab opened today.\n", "utf-8")
    (tmp_path / "a.md").write_text("# Lab Opens\n\nMarch 3, 2023\n\nThe lab opened today.\n")
    (tmp_path / "a.html").write_text(
        '<title>Lab Opens</title><meta name="date" content="2023-03-03">'
        "<p>The lab opened today.</p>",
        "utf-8",
    )
    articles = [read_article(tmp_path / n) for n in ("a.txt", "a.md", "a.html")]
    assert {a.id for a in articles} == {articles[0].id}
    assert {a.blocks for a in articles} == {articles[0].blocks}


@pytest.mark.parametrize(("encoding", "text"), [("big5", BIG5_TEXT), ("gbk", GBK_TEXT)])
def test_chinese_legacy_encodings_read_end_to_end(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    article = read_article(path)
    lines = text.splitlines()
    assert (article.title, article.date) == (lines[0], ArticleDate(*_ymd(lines[1])))
    assert [b.text for b in article.blocks] == lines[2:]


def _ymd(line: str) -> tuple[int, int, int]:
    year, rest = line.split("年")
    month, day = rest.rstrip("日").split("月")
    return int(year), int(month), int(day)


def test_big5_and_gbk_articles_are_searchable_by_chinese_words(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "big5.txt").write_bytes(BIG5_TEXT.encode("big5"))
    (folder / "gbk.txt").write_bytes(GBK_TEXT.encode("gbk"))
    with Library(tmp_path / "data", [folder]) as library:
        report = library.refresh()
        assert (report.added, report.skipped) == (2, ())
        big5 = library.search("中文詞")
        gbk = library.search("机器人")
        assert [h.source for h in big5.hits] == ["big5.txt"]
        assert [h.source for h in gbk.hits] == ["gbk.txt"]


def test_names_in_any_script(tmp_path: Path) -> None:
    path = tmp_path / "報告 – résumé.txt"
    path.write_text("Résumé du rapport\nLe rapport est publié aujourd'hui.\n", "utf-8")
    assert read_article(path).source == str(path)


def test_a_name_in_no_encoding_gives_a_reason(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/\xb3\xf8\xa7i.txt"  # Big5 bytes, not UTF-8
    with open(raw, "wb") as stream:
        stream.write(b"Title\nBody text.\n")
    (path,) = find_source_files([tmp_path])
    with pytest.raises(SourceError, match="name is not valid text"):
        read_article(path)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n ", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary"),
        ("chrome.txt", b"Loading...\nShare this\n", "no article text"),
        ("markup.html", b"<html><body><script>x()</script><<<>>>", "no article text"),
    ],
)
def test_bad_files_give_one_line_reasons(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceError, match=reason) as caught:
        read_article(path)
    assert "\n" not in str(caught.value)


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(reader.MAX_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(SourceError, match="too big"):
        read_article(path)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(SourceError, match="not a regular file"):
        read_article(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_gives_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Title\nBody.\n", "utf-8")
    path.chmod(0)
    with pytest.raises(SourceError, match="cannot be read"):
        read_article(path)


def test_symlink_loops_end(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "story.txt").write_text("Title\nBody.\n", "utf-8")
    (folder / "b" / "up").symlink_to(folder)  # a -> b -> up -> a ...
    (folder / "self.txt").symlink_to(folder / "self.txt")  # a file link to itself
    found = [p.relative_to(folder) for p in find_source_files([folder])]
    assert found == [Path("self.txt"), Path("b/story.txt")]
    with pytest.raises(SourceError, match="cannot be read"):
        read_article(folder / "self.txt")


def test_hidden_and_unsupported_files_are_not_sources(tmp_path: Path) -> None:
    for name in (".hidden.txt", "notes.docx", "a.markdown", "b.xhtml", "c.text"):
        (tmp_path / name).write_text("x", "utf-8")
    assert [p.name for p in find_source_files([tmp_path])] == ["a.markdown", "b.xhtml", "c.text"]


def test_a_mixed_folder_imports_what_it_can_and_reports_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Lab Opens\nThe lab opened today.\n", "utf-8")
    (folder / "good.md").write_text("# Fund Opens\n\nThe fund opened today.\n", "utf-8")
    (folder / "報告.html").write_text(
        "<title>報告</title><nav><a href=/>首頁</a></nav><p>數碼港今日發表報告。</p>", "utf-8"
    )
    (folder / "big5.txt").write_bytes(BIG5_TEXT.encode("big5"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.md").write_bytes(bytes(range(256)) * 8)
    (folder / "markup.htm").write_bytes(b"<<<>>>")
    os.mkfifo(folder / "pipe.txt")
    with (folder / "huge.txt").open("wb") as stream:
        stream.truncate(reader.MAX_BYTES + 1)
    (folder / "loop").symlink_to(folder)
    with Library(tmp_path / "data", [folder]) as library:
        report = library.refresh()
        skipped = {Path(path).name: reason for path, reason in report.skipped}
        assert report.added == 4
        assert sorted(skipped) == ["binary.md", "empty.txt", "huge.txt", "markup.htm", "pipe.txt"]
        assert all("\n" not in reason for reason in skipped.values())
        assert library.search("發表報告").total == 1
        assert library.search("opened").total == 2


def test_links_are_followed_only_within_the_imported_folders(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("Private Notes\nNot for the library at all.\n")
    folder = tmp_path / "news"
    (folder / "inner").mkdir(parents=True)
    (folder / "inner" / "story.txt").write_text("Lab Opens\nThe lab opened today.\n")
    (folder / "passwd.txt").symlink_to(outside / "secret.txt")
    (folder / "etc").symlink_to(outside)
    (folder / "again").symlink_to(folder / "inner")  # within the folder: followed, once
    found = sorted(p.relative_to(folder) for p in find_source_files([folder]))
    assert found == [Path("again/story.txt"), Path("etc"), Path("passwd.txt")]
    with Library(tmp_path / "data", [folder]) as library:
        report = library.refresh()
        assert [a.title for a in library.articles()] == ["Lab Opens"]
        assert library.search("private").total == 0
        reasons = {Path(p).name: r for p, r in report.skipped}
        assert sorted(reasons) == ["etc", "passwd.txt"]
        assert reasons["passwd.txt"] == (
            f"The link leads to a file outside the imported files and folders "
            f"({outside / 'secret.txt'}); links are followed only within them. Import that "
            "place itself to read it."
        )
        assert reasons["etc"].startswith("The link leads to a folder outside")
        assert not library.refresh().skipped  # remembered: not read again until it changes


def test_a_link_into_another_imported_folder_is_followed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "fund.txt").write_text("Fund Opens\nThe fund opened today.\n")
    (tmp_path / "a" / "fund-link.txt").symlink_to(tmp_path / "b" / "fund.txt")
    with Library(tmp_path / "data", [tmp_path / "a", tmp_path / "b"]) as library:
        report = library.refresh()
        assert not report.skipped and [a.title for a in library.articles()] == ["Fund Opens"]
        assert library.locations(library.articles()[0].id) == [
            str(tmp_path / "a" / "fund-link.txt"),
            str(tmp_path / "b" / "fund.txt"),
        ]


def test_folders_yield_pdf_and_epub_files_too(tmp_path: Path) -> None:
    for name in ("report.pdf", "book.EPUB", "notes.txt", "picture.png"):
        (tmp_path / name).write_bytes(b"x")
    assert sorted(p.name for p in find_source_files([tmp_path])) == [
        "book.EPUB",
        "notes.txt",
        "report.pdf",
    ]
