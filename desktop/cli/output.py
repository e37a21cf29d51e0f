"""What the command line writes: text a terminal only displays, JSON, and a progress line.

Titles, file names, notes and snippets come from files a user did not write. Printed raw, an
escape sequence in one could retitle the terminal, clear it or rewrite what was printed, so
every text stream the CLI writes is a :class:`TerminalSafe` one, and JSON escapes the control
characters that JSON itself allows raw.
"""

from __future__ import annotations

import io
from typing import Any, TextIO, cast

from desktop.core.text import json_text, terminal_safe


class TerminalSafe(io.TextIOBase):
    """A text stream that passes on what it is given, less escape sequences and controls.

    Attributes:
        raw: the stream written to (for the progress line's own control sequences).
    """

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        """Write ``text`` without what a terminal would obey; returns its length as given."""
        self.raw.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        """Flush the stream written to."""
        self.raw.flush()

    def isatty(self) -> bool:
        """Whether the stream written to is a terminal."""
        return self.raw.isatty()

    def writable(self) -> bool:
        """Always: this stream only writes."""
        return True

    @classmethod
    def around(cls, stream: TextIO) -> TextIO:
        """``stream`` made terminal-safe, typed as the text stream it stands for."""
        return cast(TextIO, cls(stream))


def write_json(data: Any, out: TextIO) -> None:
    """One JSON document and a newline (non-ASCII text kept readable, controls escaped)."""
    out.write(json_text(data) + "\n")


class TerminalProgress:
    """A progress line that rewrites itself on a terminal and stays quiet otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = cast(TextIO, getattr(stream, "raw", stream))
        self._live = stream.isatty()

    def report(self, done: int, total: int, message: str) -> None:
        """Rewrite the progress line."""
        if self._live:
            self._stream.write(f"\r{terminal_safe(message)}\x1b[K")
            self._stream.flush()

    def is_cancelled(self) -> bool:
        """Ctrl+C is the terminal's cancel; nothing to poll."""
        return False

    def done(self) -> None:
        """End the progress line."""
        if self._live:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


__all__ = ["TerminalProgress", "TerminalSafe", "write_json"]
