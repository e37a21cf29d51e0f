"""The library facade: refreshes, search modes, failures that must not escape."""

import os
import shutil
from pathlib import Path

import pytest

from desktop.core.entities.extract import KnownEntities
from desktop.core.errors import ArticleNotFound, Cancelled
from desktop.core.library import Library
from tests.core.conftest import TINY, write_articles


def titles(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.title for hit in result.hits]


def test_query_language(tiny_library: Library) -> None:
    search = tiny_library.search
    assert titles(search("fintech startups")) == ["Fintech Fund Opens"]
    assert search("fintech warehouse").total == 0
    assert search("fintech OR warehouse").total == 2
    assert titles(search("startups NOT fintech")) == ["A New Robotics Lab in Sha Tin"]
    assert titles(search("startups -fintech")) == ["A New Robotics Lab in Sha Tin"]
    assert titles(search('"warehouse robots"')) == ["A New Robotics Lab in Sha Tin"]
    assert search('"robots warehouse"').total == 0
    assert titles(search("title:lab")) == ["A New Robotics Lab in Sha Tin"]
    assert titles(search("date:2023")) == ["Fintech Fund Opens"]
    assert titles(search("date:[2020 TO 2021-12]")) == ["A New Robotics Lab in Sha Tin"]
    assert titles(search("robot*")) == ["A New Robotics Lab in Sha Tin"]
    assert titles(search("warehuose~")) == ["A New Robotics Lab in Sha Tin"]
    assert titles(search("(fund OR lab) AND robots")) == ["A New Robotics Lab in Sha Tin"]
    assert titles(search("Date:2023 -robots fund?")) == ["Fintech Fund Opens"]


def test_a_question_in_article_mode_lists_articles_by_their_best_passage(
    tiny_library: Library,
) -> None:
    result = tiny_library.search("How much can companies apply for?")
    assert titles(result)[0] == "Fintech Fund Opens"
    assert len(set(titles(result))) == len(result.hits) == result.total
    best = result.hits[0]
    assert best.passage_id is not None and best.text is None  # opens at the passage
    assert best.snippet.text.startswith("Companies can apply for up to HK$10 million")
    assert tiny_library.search("how much can companies apply for").total == result.total


def test_a_question_mark_ends_a_question_in_any_mode(tiny_library: Library) -> None:
    for mode in ("articles", "passages"):
        asked = tiny_library.search("warehouse robots?", mode=mode)  # type: ignore[arg-type]
        plain = tiny_library.search("warehouse robots", mode=mode)  # type: ignore[arg-type]
        assert asked.total == plain.total == 1
        assert asked.notice is None


def test_stemming_spelling_and_hyphens(tiny_library: Library) -> None:
    assert titles(tiny_library.search("collaborate")) == ["A New Robotics Lab in Sha Tin"]
    assert titles(tiny_library.search("specializing startups")) == ["A New Robotics Lab in Sha Tin"]


def test_chinese_words_are_found(tiny_library: Library) -> None:
    assert titles(tiny_library.search("培育計劃")) == ["數碼港推出新計劃"]
    assert tiny_library.search("計劃培育").total == 0


def test_acronyms_defined_in_the_text_are_aliases(tiny_library: Library) -> None:
    assert titles(tiny_library.search("cyberport macro fund robotics")) == [
        "A New Robotics Lab in Sha Tin"
    ]


def test_date_sort(tiny_library: Library) -> None:
    result = tiny_library.search("startups", sort="date")
    assert titles(result) == ["Fintech Fund Opens", "A New Robotics Lab in Sha Tin"]


def test_newest_first_puts_undated_articles_last(tmp_path: Path) -> None:
    undated = {"undated.txt": "Startups Everywhere\nStartups grow in every district.\n"}
    sources = write_articles(tmp_path / "articles", {**TINY, **undated})
    with Library(tmp_path / "data", [sources]) as library:
        library.refresh()
        for as_you_type in (False, True):
            result = library.search("startups", sort="date", as_you_type=as_you_type)
            assert titles(result) == [
                "Fintech Fund Opens",
                "A New Robotics Lab in Sha Tin",
                "Startups Everywhere",
            ]


def test_passage_mode_returns_paragraphs(tiny_library: Library) -> None:
    result = tiny_library.search("How much can companies apply for?", mode="passages")
    assert result.hits[0].text == (
        "Companies can apply for up to HK$10 million, the fund said in a statement."
    )
    assert result.hits[0].snippet.marks


@pytest.mark.parametrize(
    "query", ['"unbalanced', "title:(", "))", "date:[x TO y]", "AND", "*", "~", "\x00", " " * 9]
)
def test_malformed_queries_never_raise(tiny_library: Library, query: str) -> None:
    for mode in ("articles", "passages"):
        result = tiny_library.search(query, mode=mode)  # type: ignore[arg-type]
        assert result.total >= 0


def test_incremental_refresh(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", TINY)
    with Library(tmp_path / "data", [folder]) as library:
        first = library.refresh()
        assert (first.added, first.updated, first.removed) == (3, 0, 0)
        assert not library.needs_refresh()
        assert library.refresh().unchanged == 3

        (folder / "lab.txt").write_text(TINY["lab.txt"] + "Drones are next, the team said.\n")
        (folder / "fund.txt").unlink()
        os.utime(folder / "chinese.txt")  # touched, not changed
        assert library.needs_refresh()
        second = library.refresh()
        assert (second.added, second.updated, second.removed, second.unchanged) == (0, 1, 1, 1)
        assert library.search("drones").total == 1
        assert library.search("cyberport fund").total == 0


def test_a_library_sees_another_process_update_without_losing_anything(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", TINY)
    with (
        Library(tmp_path / "data", [folder]) as window,
        Library(tmp_path / "data", [folder]) as child,
    ):
        window.refresh()
        (folder / "lab.txt").write_text(TINY["lab.txt"] + "Drones are next, the team said.\n")
        child.refresh()  # as the child indexer does, with deleted documents left in segments
        window.reload()
        assert len(window.articles()) == 3
        assert window.search("drones").total == 1
        assert not window.needs_refresh()


def test_library_survives_reopen_and_rebuild(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", TINY)
    with Library(tmp_path / "data", [folder]) as library:
        library.refresh()
        ids = [s.id for s in library.articles()]
    with Library(tmp_path / "data", [folder]) as library:
        assert not library.needs_refresh()
        assert [s.id for s in library.articles()] == ids
        assert library.refresh(rebuild=True).added == 3
        assert [s.id for s in library.articles()] == ids


def test_ids_survive_a_move(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", TINY)
    with Library(tmp_path / "data", [folder]) as library:
        library.refresh()
        before = {s.title: s.id for s in library.articles()}
        (folder / "lab.txt").rename(folder / "renamed.txt")
        library.refresh()
        assert {s.title: s.id for s in library.articles()} == before


def test_bad_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", TINY)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "copy.txt").write_text(TINY["fund.txt"])
    with Library(tmp_path / "data", [folder]) as library:
        report = library.refresh()
        reasons = {Path(path).name: reason for path, reason in report.skipped}
        assert reasons["empty.txt"] == "The file is empty."
        assert reasons["binary.txt"] == "The file is binary, not text."
        assert [(Path(p).name, Path(o).name) for p, o in report.duplicates] == [
            ("fund.txt", "copy.txt")
        ]
        assert report.added == 3
        (fund,) = [s for s in library.articles() if s.title == "Fintech Fund Opens"]
        assert [Path(p).name for p in library.locations(fund.id)] == ["copy.txt", "fund.txt"]
        assert library.article(fund.id).also_at == (str(folder / "fund.txt"),)


def test_a_copy_takes_over_when_the_original_goes(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", TINY)
    (folder / "syndicated.txt").write_text("Share this\n" + TINY["lab.txt"] + "Read more\n")
    with Library(tmp_path / "data", [folder]) as library:
        report = library.refresh()
        assert [Path(p).name for p, _o in report.duplicates] == ["syndicated.txt"]
        assert library.search("warehouse").total == 1
        (folder / "lab.txt").unlink()
        library.refresh()
        (lab,) = library.search("warehouse").hits
        assert [Path(p).name for p in library.locations(lab.article_id)] == ["syndicated.txt"]


def test_bad_files_are_remembered_until_they_change(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", TINY)
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    with Library(tmp_path / "data", [folder]) as library:
        first = library.refresh()
        assert sorted(Path(p).name for p, _r in first.skipped) == ["broken.txt", "loop.txt"]
        assert [Path(p).name for p, _r in library.skipped_files()] == ["broken.txt", "loop.txt"]
        assert not library.needs_refresh()
        (folder / "broken.txt").unlink()
        (folder / "broken.txt").write_text("Biotech Week\nA week of talks on biotech drugs.\n")
        second = library.refresh()
        assert (second.added, second.skipped) == (1, ())  # the loop was not read again
        assert [Path(p).name for p, _r in library.skipped_files()] == ["loop.txt"]


def test_a_full_disk_gives_a_message_and_searching_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from desktop.core.errors import IndexUnavailable
    from desktop.core.index import SearchIndex

    folder = write_articles(tmp_path / "a", TINY)
    with Library(tmp_path / "data", [folder]) as library:
        library.refresh()
        (folder / "new.txt").write_text("Drone Park Opens\nThe drone park opened in Tai Po.\n")

        def disk_full(*_args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(SearchIndex, "_add", staticmethod(disk_full))
        with pytest.raises(IndexUnavailable, match=r"No space left on device.*still works"):
            library.refresh()
        assert library.search("cyberport").total == 1  # what was indexed is still searchable
        monkeypatch.undo()
        assert library.refresh().added == 1  # not locked: the next refresh works
        assert library.search("drone").total == 1


def test_a_stale_lock_is_free_and_a_live_one_is_reported(tmp_path: Path) -> None:
    import subprocess
    import sys

    from desktop.core.errors import IndexUnavailable

    folder = write_articles(tmp_path / "a", TINY)
    with Library(tmp_path / "data", [folder]) as library:
        locks = sorted((tmp_path / "data" / "index").glob("*LOCK*"))
        stale = locks[0] if locks else tmp_path / "data" / "index" / "MAIN_WRITELOCK"
        stale.write_text("left by a process that was killed")
        assert library.refresh().added == 3  # a lock file alone does not block
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                (
                    "import sys, time; from whoosh import index; "
                    f"w = index.open_dir({str(tmp_path / 'data' / 'index')!r}).writer(); "
                    "print('locked', flush=True); time.sleep(60)"
                ),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            (folder / "new.txt").write_text("Drone Park Opens\nThe drone park opened.\n")
            with pytest.raises(IndexUnavailable, match="Another InnoAtlas is updating"):
                library.refresh()
            assert library.search("cyberport").total == 1
        finally:
            holder.kill()
            holder.wait()
            assert holder.stdout is not None
            holder.stdout.close()
        assert library.refresh().added == 1  # the dead holder's lock is free again


def test_cancel_commits_nothing(tmp_path: Path) -> None:
    class CancelAfterOne:
        def __init__(self) -> None:
            self.reports = 0

        def report(self, done: int, total: int, message: str) -> None:
            self.reports += 1

        def is_cancelled(self) -> bool:
            return self.reports >= 1

    folder = write_articles(tmp_path / "a", TINY)
    with Library(tmp_path / "data", [folder]) as library:
        with pytest.raises(Cancelled):
            library.refresh(CancelAfterOne())
        assert library.articles() == []
        assert library.needs_refresh()
        assert library.refresh().added == 3


def test_unknown_article(tiny_library: Library) -> None:
    with pytest.raises(ArticleNotFound, match="No article"):
        tiny_library.article("nope")


def test_related_and_match_spans(tiny_library: Library) -> None:
    lab = next(s for s in tiny_library.articles() if "Lab" in s.title)
    related = tiny_library.related(lab.id)
    assert [h.title for h in related] == ["Fintech Fund Opens"]
    text = "Robotics start-ups collaborate."
    spans = tiny_library.match_spans(text, ["robotic", "collaborating", "startups"])
    assert [text[a:b] for a, b in spans] == ["Robotics", "start-ups", "collaborate"]


def test_a_new_file_never_takes_the_id_of_an_article_read_again(tmp_path: Path) -> None:
    story = "Robots in the Harbour\nMarch 3, 2023\n{}\n"
    source = write_articles(
        tmp_path / "articles",
        {"zeta.txt": story.format("Warehouse robots now unload every ship in the harbour.")},
    )
    with Library(tmp_path / "data", [source]) as library:
        library.refresh()
        (original,) = library.articles()
        later = (source / "zeta.txt").stat().st_mtime_ns + 10**9
        os.utime(source / "zeta.txt", ns=(later, later))  # touched, same content
        write_articles(source, {"alpha.txt": story.format("A ferry line tests electric boats.")})
        library.refresh()
        ids = {Path(a.source).name: a.id for a in library.articles()}
        assert ids["zeta.txt"] == original.id and ids["alpha.txt"] != original.id
        assert library.search("warehouse").total == 1
        assert library.search("ferry").total == 1
    with Library(tmp_path / "data", [source]) as library:
        assert len(library.articles()) == 2  # consistent: no rebuild needed


def test_a_last_word_that_is_also_an_acronym_still_completes_as_you_type(
    tmp_path: Path,
) -> None:
    sources = write_articles(
        tmp_path / "articles",
        {
            "par.txt": "Phoenix Aerospace Research Opens\nMay 2, 2023\n"
            "The Phoenix Aerospace Research (PAR) lab opened in the science city.\n"
            "PAR will hire forty engineers next year.\n",
            "park.txt": "A Science Park Grows\nMay 3, 2023\n"
            "The science park added ten laboratories this year.\n"
            "The park hopes to double its tenants.\n",
        },
    )
    with Library(tmp_path / "data", [sources]) as library:
        library.refresh()
        assert library.names.find("PAR") is not None  # "par" is also a name
        titles = {h.title for h in library.search("science par", as_you_type=True).hits}
        assert titles == {"A Science Park Grows", "Phoenix Aerospace Research Opens"}


def test_a_refresh_within_folders_looks_only_at_them(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    write_articles(root / "one", {"fund.txt": TINY["fund.txt"], "lab.txt": TINY["lab.txt"]})
    write_articles(root / "two", {"chinese.txt": TINY["chinese.txt"]})
    with Library(tmp_path / "data", [root]) as library:
        assert library.refresh().added == 3
        (root / "one" / "lab.txt").unlink()
        (root / "one" / "fund.txt").write_text(TINY["fund.txt"] + "Quokkas applied too.\n")
        write_articles(root / "two", {"park.txt": "Park News\nThe science park grew.\n"})
        report = library.refresh(within=[root / "one"])
        assert (report.added, report.updated, report.removed) == (0, 1, 1)
        assert library.search("quokkas").total == 1
        assert library.search("park").total == 0  # not looked at yet
        (tmp_path / "elsewhere").mkdir()
        assert library.refresh(within=[tmp_path / "elsewhere", root / "one"]).added == 0
        assert library.needs_refresh()
        assert library.refresh(within=[root / "two" / "park.txt"]).added == 1
        assert not library.needs_refresh()
        write_articles(root / "two" / "deeper", {"lab.txt": TINY["lab.txt"]})
        assert library.refresh(within=[root / "two"]).added == 1
        shutil.rmtree(root / "two")  # the watcher reports its folders, all gone
        assert library.refresh(within=[root / "two" / "deeper"]).removed == 3
        assert [a.title for a in library.articles()] == ["Fintech Fund Opens"]
        shutil.rmtree(root)
        assert library.refresh(within=[root / "one"]).removed == 1


def test_a_window_reads_again_only_the_rows_a_child_refresh_rewrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = write_articles(tmp_path / "articles", TINY)
    with (
        Library(tmp_path / "data", [sources]) as window,
        Library(tmp_path / "data", [sources]) as child,
    ):
        child.refresh()
        window.reload()
        assert len(window.articles()) == 3
        (sources / "lab.txt").unlink()
        write_articles(sources, {"park.txt": "Park News\nThe science park grew.\n"})
        report = child.refresh()
        assert sorted(report.rewritten or ()) == [
            str(sources / "lab.txt"),
            str(sources / "park.txt"),
        ]
        with monkeypatch.context() as patched:
            patched.setattr(window._keeper.store, "entries", lambda: pytest.fail("read every row"))
            window.reload(report.rewritten)
        assert {a.title for a in window.articles()} == {
            "Fintech Fund Opens",
            "Park News",
            "數碼港推出新計劃",
        }
        assert not window.needs_refresh()
        # Rows the report does not name (another refresh): the counts differ, all are read.
        write_articles(sources, {"port.txt": "Port News\nThe port grew.\n"})
        child.refresh()
        window.reload(report.rewritten)
        assert len(window.articles()) == 4
        assert child.refresh(rebuild=True).rewritten is None


def test_a_warmed_up_library_refreshes_an_edit_with_the_lookups_it_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = write_articles(tmp_path / "articles", TINY)
    with Library(tmp_path / "data", [sources]) as library:
        library.refresh()
    built: list[int] = []
    original = KnownEntities.of
    monkeypatch.setattr(
        KnownEntities, "of", staticmethod(lambda entities: built.append(1) or original(entities))
    )
    with Library(tmp_path / "data", [sources]) as library:
        library.warm_up()
        assert built == [1]
        write_articles(sources, {"fund.txt": TINY["fund.txt"] + "Quokkas applied too.\n"})
        assert library.refresh(within=[sources]).updated == 1
        assert built == [1]  # the same names: the lookups were reused
        assert library.search("quokkas").total == 1


def test_the_newest_articles_are_the_head_of_the_whole_list(tmp_path: Path) -> None:
    stories = {
        f"{n}.txt": f"Story {n}\n{date}\nThe harbour robots moved {n} crates.\n"
        for n, date in enumerate(["March 3, 2023", "2021 June", "May 2, 2024", "", "2023"])
    }
    with Library(tmp_path / "data", [write_articles(tmp_path / "articles", stories)]) as library:
        library.refresh()
        everything = library.articles()
        assert [a.title for a in everything][:3] == ["Story 2", "Story 0", "Story 1"]
        assert everything == sorted(
            everything, key=lambda a: (-(a.date.sort_key() if a.date else 0), a.title)
        )
        assert library.articles(limit=3) == everything[:3]
        assert library.article_count() == 5
        assert library.titles() == {a.id: a.title for a in everything}
