"""Issue 8 in the window: one instance per data folder, fault reports, hostile articles."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core import space
from desktop.core.library import Library
from desktop.core.spec import LibrarySpec
from desktop.locations import bundled_sources, knowledge_base
from desktop.ui.fault_report import LOG_NAME, make_excepthook, setup_logging
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.single_instance import HandOff, SingleInstance, server_name

WAIT_MS = 20_000


def test_a_second_launch_hands_its_request_to_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.listen()
    received: list[dict[str, object]] = []
    first.sig_request_received.connect(received.append)
    # The second launch is another process, as it is for a user.
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from desktop.ui.single_instance import HandOff, SingleInstance
        app = QCoreApplication([])
        handed = SingleInstance(Path({str(tmp_path)!r})).hand_off({{"search": "hkstp"}})
        sys.exit(0 if handed is HandOff.TAKEN else 3)
        """
    )
    second = subprocess.Popen([sys.executable, "-c", code])
    qtbot.waitUntil(lambda: received == [{"search": "hkstp"}], timeout=WAIT_MS)
    assert second.wait(timeout=30) == 0
    first.close()
    assert SingleInstance(tmp_path).hand_off({"search": "x"}) is HandOff.NOBODY  # none listens


def test_a_frozen_first_window_is_not_told_it_got_the_request(tmp_path: Path) -> None:
    # The first instance listens, then stops answering (its event loop never runs again).
    frozen = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from pathlib import Path
                from PySide6.QtCore import QCoreApplication
                from desktop.ui.single_instance import SingleInstance
                app = QCoreApplication([])
                instance = SingleInstance(Path({str(tmp_path)!r}))
                assert instance.listen()
                print("listening", flush=True)
                time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert frozen.stdout is not None and frozen.stdout.readline().strip() == "listening"
        second = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path), "--search", "hkstp"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 1
        assert second.stderr.startswith(
            "InnoAtlas is already open on this data folder but did not answer within 5 s"
        )
        assert "your request went to its window" not in second.stdout
    finally:
        frozen.kill()
        frozen.wait()
        if frozen.stdout is not None:
            frozen.stdout.close()


def test_a_stale_socket_from_a_crash_is_taken_over(qtbot: QtBot, tmp_path: Path) -> None:
    stale = Path("/tmp") / server_name(tmp_path)  # where Qt puts the socket on Linux
    stale.write_text("left behind by a crash")
    try:
        instance = SingleInstance(tmp_path)
        assert instance.listen()
        assert SingleInstance(tmp_path / "other").hand_off({}) is HandOff.NOBODY
        instance.close()
    finally:
        stale.unlink(missing_ok=True)


def test_an_unexpected_error_is_logged_and_shown_and_the_window_lives(
    qtbot: QtBot, tmp_path: Path, library: object, make_window: object
) -> None:
    window = make_window(library)  # type: ignore[operator]
    log_path = setup_logging(tmp_path)
    shown: list[QMessageBox] = []
    hook = make_excepthook(log_path, lambda: window, show=shown.append)
    try:
        raise RuntimeError("a widget fell over")
    except RuntimeError as error:
        hook(RuntimeError, error, error.__traceback__)
    for handler in logging.getLogger(LOG_NAME).handlers:
        handler.flush()
    assert "a widget fell over" in shown[0].text()
    assert "Traceback" in shown[0].detailedText()
    assert "RuntimeError: a widget fell over" in log_path.read_text("utf-8")
    assert window.isVisible()
    window.submit_search("hkstp")
    qtbot.waitUntil(lambda: window.last_result is not None, timeout=WAIT_MS)


HOSTILE = (
    "Harbour Lab Opens\nMarch 3, 2023\n"
    'The lab said <img src="http://example.com/x.png"> and <script>alert(1)</script> twice.\n'
    'See <a href="javascript:alert(2)">here</a> or file:///etc/passwd for more.\n'
)


def test_hostile_article_text_is_shown_literally_and_loads_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "hostile.txt").write_text(HOSTILE, "utf-8")
    spec = LibrarySpec(tmp_path / "data", (source,))
    library = spec.open()
    library.refresh()
    window = MainWindow(library, Settings(tmp_path / "settings.ini"), spec)
    qtbot.addWidget(window)
    requests: list[str] = []
    original = window.reader.loadResource

    def spy(kind: int, name: object) -> object:
        requests.append(str(name))
        return original(kind, name)

    window.reader.loadResource = spy  # type: ignore[method-assign]
    window.show()
    window.start()
    (article,) = library.articles()
    window.open_article(article.id)
    qtbot.waitUntil(lambda: "<script>" in window.reader.toPlainText(), timeout=WAIT_MS)
    text = window.reader.toPlainText()
    assert '<img src="http://example.com/x.png">' in text
    assert '<a href="javascript:alert(2)">here</a>' in text
    assert not [r for r in requests if "example.com" in r or "passwd" in r]
    html = window.reader.toHtml()
    assert "<script>" not in html and 'href="javascript' not in html
    window.submit_search("script")
    qtbot.waitUntil(
        lambda: window.last_result is not None and window.last_result.total == 1, timeout=WAIT_MS
    )
    window.close()
    library.close()


def test_a_damaged_index_found_by_a_search_is_rebuilt_and_searched_again(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    statuses: list[str] = []
    (stored,) = (data_dir / "index").glob("*._stored.col")
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) // 3] + bytes(len(data) - len(data) // 3))
    window.submit_search("hkstp")
    # The status is set as the rebuild starts (the indexer's progress follows later).
    qtbot.waitUntil(
        lambda: window.indexing.job is not None and not statuses.append(window.status_label.text()),
        timeout=WAIT_MS,
    )
    assert "The library's index was damaged: rebuilding it" in statuses[-1]
    qtbot.waitUntil(lambda: window.indexing.job is None, timeout=WAIT_MS * 3)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=WAIT_MS)
    window.submit_search("hkstp")
    qtbot.waitUntil(
        lambda: (
            window.last_result is not None
            and window.last_result.query == "hkstp"
            and window.last_result.total == 5
        ),
        timeout=WAIT_MS,
    )
    assert not (data_dir / "index" / "innoatlas-damaged").exists()


def test_what_opening_the_library_repaired_is_said_in_the_status_bar(
    qtbot: QtBot, spec: LibrarySpec, make_window: Callable[[Library], MainWindow], data_dir: Path
) -> None:
    (data_dir / "corrections.json").write_text("{not json", "utf-8")
    library = spec.open()
    library.refresh()
    try:
        window = make_window(library)
        qtbot.waitUntil(
            lambda: "corrections could not be read" in window.status_label.text(),
            timeout=WAIT_MS,
        )
        assert list(data_dir.glob("corrections.json.damaged-*"))
        window.close()
    finally:
        library.close()


def test_the_window_does_not_refill_a_full_disk_by_itself(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    spec = LibrarySpec(data_dir, (*bundled_sources(), extra), knowledge_base())
    library = spec.open()
    library.refresh()
    (extra / "new.txt").write_text("A New Story\nIt arrived after the disk filled up.\n")
    space.remember_failure(data_dir / "index", "No space left on device")
    assert library.needs_refresh()
    window = MainWindow(library, settings, spec)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start()
        qtbot.waitUntil(
            lambda: "ran out of disk space" in window.status_label.text(), timeout=WAIT_MS
        )
        assert window.indexing.job is None  # not started by itself
        window.commands.refresh.trigger()  # asked for: tried
        assert window.indexing.job is not None
        qtbot.waitUntil(lambda: window.indexing.job is None, timeout=WAIT_MS * 3)
    finally:
        window.close()
        assert window.tasks.wait(WAIT_MS)
        library.close()
