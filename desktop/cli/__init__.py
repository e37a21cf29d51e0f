"""``python -m desktop <command>``: the command line, a thin layer over the library.

Every command takes ``--data-dir`` and ``--source`` (repeatable; default: the bundled library).
User mistakes print one line to stderr and exit 2; nothing prints a traceback for them.
:mod:`commands` holds the parser and runs each command; :mod:`bookmarks` and :mod:`importing`
the commands of their own; :mod:`json_shapes` what ``--json`` prints; :mod:`output` the
terminal-safe streams and the progress line.
"""

from desktop.cli.commands import build_parser, command_word, main, run, wants_window

__all__ = ["build_parser", "command_word", "main", "run", "wants_window"]
