"""A fault report instead of a crash: unexpected errors are logged and shown, the window lives.

An exception escaping a slot would otherwise print to a terminal nobody reads, or (with some
Qt builds) abort the app. The hook writes the full report to ``logs/innoatlas.log`` in the data
folder (rotated) and shows a dialog with the message, the report to copy, and where the log is.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

LOG_NAME = "innoatlas"
LOG_FILE = Path("logs") / "innoatlas.log"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def setup_logging(data_dir: Path) -> Path:
    """Log warnings and errors to a rotating file in the data folder; return its path."""
    path = data_dir / LOG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger(LOG_NAME)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logger.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return path


def report_text(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    """The report a user can copy into a bug: versions and the traceback."""
    lines = traceback.format_exception(kind, error, tb)
    return (
        f"InnoAtlas fault report\nPython {platform.python_version()} on {platform.platform()}\n"
        f"PySide6 {pyside_version}\n\n" + "".join(lines)
    )


def make_excepthook(
    log_path: Path,
    parent: Callable[[], QWidget | None],
    show: Callable[[QMessageBox], None] | None = None,
) -> ExceptHook:
    """A ``sys.excepthook`` that logs the fault and shows it without closing the window.

    ``show`` displays the dialog (default: non-modal ``open()``); tests pass their own.
    """

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        report = report_text(kind, error, tb)
        logging.getLogger(LOG_NAME).error("unexpected error\n%s", report)
        box = QMessageBox(parent())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("InnoAtlas: something went wrong")
        box.setText(
            f"InnoAtlas ran into an unexpected problem: {error or kind.__name__}\n\n"
            "Your library and bookmarks are safe, and you can go on working."
        )
        box.setInformativeText(f"The details are saved in {log_path}.")
        box.setDetailedText(report)
        box.setAccessibleName("Fault report")
        (show or QMessageBox.open)(box)

    return hook
