"""The composition root of the desktop app: arguments, data folder, library, main window.

The only module that knows both the core and the Qt layer.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.library_handle import LibraryHandle
from desktop.core.links import SCHEME, BadLink
from desktop.core.links import parse as parse_link
from desktop.locations import (
    APP_NAME,
    bundled_sources,
    default_data_dir,
    library_spec,
    resources_dir,
)
from desktop.ui.compat import guard_singletons
from desktop.ui.fault_report import make_excepthook, setup_logging
from desktop.ui.links_ui import LinksUi
from desktop.ui.main_window import MainWindow
from desktop.ui.notes_exchange_ui import NotesExchangeUi
from desktop.ui.settings import Settings
from desktop.ui.single_instance import ANSWER_MS, HandOff, SingleInstance
from desktop.ui.theme import remember_system_palette

ORGANIZATION = "InnoAtlas"
DESKTOP_FILE = "innoatlas"
SETTINGS_FILE = "settings.ini"


def build_parser() -> argparse.ArgumentParser:
    """Arguments of the GUI (the same ``--data-dir`` and ``--source`` as the CLI)."""
    parser = argparse.ArgumentParser(prog="innoatlas", description="InnoAtlas desktop app.")
    parser.add_argument("--data-dir", type=Path, default=None, help="where the index lives")
    parser.add_argument(
        "--source",
        type=Path,
        action="append",
        default=None,
        help="a file or folder of articles (repeatable; default: the bundled library)",
    )
    parser.add_argument(
        "--search",
        metavar="QUERY",
        default="",
        help="search for QUERY (in the open window)",
    )
    parser.add_argument(
        "--open",
        metavar="LINK",
        default="",
        help="open an innoatlas:// link at its passage (in the open window)",
    )
    return parser


def app_icon() -> QIcon:
    """The application icon from ``resources/``."""
    return QIcon(str(resources_dir() / "innoatlas.svg"))


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication with InnoAtlas's names and icon (reused if one exists, as in tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(app_icon())
    remember_system_palette(app)
    return app


def create_window(data_dir: Path, sources: Sequence[Path]) -> MainWindow:
    """Build the main window for the library in ``data_dir`` (not shown yet).

    The library itself (the core and its index) is opened by the window's worker on first
    use, so the window appears without waiting for it.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    spec = library_spec(data_dir, sources)
    settings = Settings(data_dir / SETTINGS_FILE)
    window = MainWindow(LibraryHandle(spec.open), settings, spec)
    add_features(window)
    return window


def add_features(window: MainWindow) -> LinksUi:
    """What the window gets beside its own parts: passage links (the reader's "Copy Link to
    Passage", links opened at their passage) and the notes' exchange menu items."""
    links = LinksUi(
        window,
        window.reader,
        window.tasks,
        window.library,
        lambda: window.bookmarks.store,
        lambda article_id, passage_id: window.open_article(article_id, passage_id=passage_id),
    )
    links.sig_status.connect(window.status_label.setText)
    bookmarks = window.bookmarks

    def changed() -> None:
        bookmarks.refresh()
        bookmarks.reanchor_all()

    notes = NotesExchangeUi(window, window.tasks, window.library, lambda: bookmarks.store, changed)
    notes.sig_status.connect(window.status_label.setText)
    quit_action = window.commands.quit
    notes.add_to(window.commands.menus["file"], quit_action)
    window.commands.menus["file"].insertSeparator(quit_action)
    return links


def notes_exchange_of(window: MainWindow) -> NotesExchangeUi | None:
    """The window's notes exchange menu items (None: built without :func:`add_features`)."""
    return window.findChild(NotesExchangeUi, "notes_exchange_ui")


def links_of(window: MainWindow) -> LinksUi | None:
    """The window's passage links (None: a window built without :func:`add_features`)."""
    return window.findChild(LinksUi, "links_ui")


def _close_on_signals(window: MainWindow) -> None:
    """Ctrl+C or SIGTERM close the window properly (settings saved, indexer stopped).

    Python runs signal handlers only between bytecodes, so a timer wakes the interpreter.
    """

    def close(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, close)
    wake = QTimer(window)
    wake.setInterval(250)
    wake.timeout.connect(lambda: None)
    wake.start()


#: The Qt platforms that need a display server (the others draw off screen or on a framebuffer).
_DISPLAY_PLATFORMS = ("", "xcb", "wayland")


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the window cannot open here, in one line, or None when it can.

    Without a display Qt aborts the process with a message about a missing xcb plugin, which
    sends users hunting for libraries; this says what is wrong and what to do instead.

    >>> display_problem({}, "linux").startswith("InnoAtlas cannot open its window")
    True
    >>> display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    True
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if chosen not in _DISPLAY_PLATFORMS:
        return None
    wayland, x11 = environ.get("WAYLAND_DISPLAY"), environ.get("DISPLAY")
    if wayland and chosen != "xcb":
        return None
    if x11 and _x11_reachable(x11):
        return None
    where = f"the display {x11} does not answer" if x11 else "no display is set (DISPLAY)"
    return (
        f"InnoAtlas cannot open its window: {where}. Run it in a desktop session, under a "
        "virtual display (xvfb-run python -m desktop), or use the command line "
        "(python -m desktop --help)."
    )


def _x11_reachable(display: str) -> bool:
    """False only for a local display whose socket is missing (``:1`` with no server)."""
    host, _colon, number = display.rpartition(":")
    if host not in ("", "unix"):
        return True  # a remote display: Qt will say whether it answers
    screen = number.split(".")[0]
    return not screen.isdigit() or Path(f"/tmp/.X11-unix/X{screen}").exists()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the exit code.

    Args:
        argv: arguments after the program name (default: ``sys.argv[1:]``); Qt's own
            arguments (``-style`` ...) are passed on to Qt.
    """
    multiprocessing.freeze_support()
    guard_singletons()
    args, qt_args = build_parser().parse_known_args(sys.argv[1:] if argv is None else list(argv))
    # A desktop's scheme handler runs ``innoatlas innoatlas://…`` (Exec=innoatlas %U).
    given = [a for a in qt_args if a.lower().startswith(f"{SCHEME}:")]
    qt_args = [a for a in qt_args if a not in given]
    args.open = args.open or (given[0] if given else "")
    if args.open:
        try:
            parse_link(args.open)
        except BadLink as error:
            sys.stderr.write(f"error: {error}\n")
            return 2
    problem = None if "-platform" in qt_args else display_problem(os.environ)
    if problem is not None:
        sys.stderr.write(problem + "\n")
        return 1
    app = create_application([sys.argv[0] if sys.argv else "innoatlas", *qt_args])
    data_dir = args.data_dir if args.data_dir is not None else default_data_dir()
    sources = args.source if args.source else bundled_sources()
    instance = SingleInstance(data_dir)
    handed = instance.hand_off({"search": args.search, "open": args.open})
    if handed is HandOff.TAKEN:
        print("InnoAtlas is already open on this data folder: your request went to its window.")
        return 0
    if handed is HandOff.NO_ANSWER:
        sys.stderr.write(
            f"InnoAtlas is already open on this data folder but did not answer within "
            f"{ANSWER_MS // 1000} s (it may be busy or not responding): your request may not "
            "have reached it. Try again, or close that window first.\n"
        )
        return 1
    try:
        window = create_window(data_dir, sources)
        log_path = setup_logging(data_dir)
    except OSError as exc:
        QMessageBox.critical(None, APP_NAME, f"The data folder cannot be used.\n\n{exc}")
        return 1
    sys.excepthook = make_excepthook(log_path, lambda: window)
    instance.listen()
    instance.sig_request_received.connect(lambda request: handle_request(window, request))
    window.show()
    window.start()
    if args.search:
        window.submit_search(args.search)
    if args.open:
        handle_request(window, {"open": args.open})
    _close_on_signals(window)
    try:
        return app.exec()
    finally:
        instance.close()
        window.shutdown()
        window.library.close()


def handle_request(window: MainWindow, request: dict[str, object]) -> None:
    """A later launch's request: bring the window forward, run its search and open its
    link, if any."""
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    query = request.get("search")
    if isinstance(query, str) and query.strip():
        window.submit_search(query)
    link = request.get("open")
    links = links_of(window)
    if isinstance(link, str) and link.strip() and links is not None:
        links.open_link(link)


if __name__ == "__main__":
    sys.exit(main())
