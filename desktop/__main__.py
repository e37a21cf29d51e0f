"""``python -m desktop``: see :mod:`desktop.cli`."""

import sys

from desktop.cli import main

sys.exit(main())
