"""``python -m desktop``: a command (see :mod:`desktop.cli`), or the window when none is given."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from desktop import cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command given, or open the window (its Qt code is imported only then)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if cli.wants_window(args):
        from desktop import app

        return app.main(args)
    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
