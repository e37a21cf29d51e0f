"""``python -m desktop``: a command (see :mod:`desktop.cli`), or the window when none is given.

``python -m desktop open LINK`` (or the link alone, as a desktop's scheme handler passes it)
opens an ``innoatlas://`` link in the window: handed to the one already running on the data
folder, else in a new one. The link is checked here first, so a bad one is one line on
stderr and no window.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from desktop import cli
from desktop.core.links import SCHEME, BadLink, parse


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command given, or open the window (its Qt code is imported only then)."""
    args = list(sys.argv[1:] if argv is None else argv)
    word = cli.command_word(args)
    if word == "open" or (word or "").lower().startswith(f"{SCHEME}:"):
        return _open_link(args, word or "")
    if cli.wants_window(args):
        from desktop import app

        return app.main(args)
    return cli.main(args)


def _open_link(args: list[str], word: str) -> int:
    """``open LINK``: the link checked, then given to the window as ``--open LINK``."""
    at = args.index(word)
    rest = args[:at] + args[at + 1 :]
    if word == "open":
        if at >= len(rest) or rest[at].startswith("-"):
            sys.stderr.write("error: open needs a link (python -m desktop open innoatlas://…)\n")
            return 2
        word = rest.pop(at)
    try:
        parse(word)
    except BadLink as error:
        sys.stderr.write(f"error: {error}\n")
        return 2
    from desktop import app

    return app.main(["--open", word, *rest])


if __name__ == "__main__":
    sys.exit(main())
