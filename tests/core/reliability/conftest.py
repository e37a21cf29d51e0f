"""The reliability suite: hostile files, concurrent commands, damaged and full data folders.

Every case runs the CLI as a user would (a process per command) and records in the ledger
what it tried, what survived and what was lost; the ledger is printed at the end of the run,
in the style of ``tests/core/test_crash_safety.py``. Read-only and full disks are real: a
private mount namespace (``unshare``, no root needed) holds a read-only bind mount or a
small tmpfs for the length of one case.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
#: A private user and mount namespace, where this user is root for mounting only.
UNSHARE = ("unshare", "--user", "--map-root-user", "--mount")


@dataclass
class Case:
    """One case of the suite: what was tried, and how much of it survived or was lost."""

    name: str
    tried: int = 0
    survived: int = 0
    lost: list[str] = field(default_factory=list)

    def check(self, what: str, ok: bool) -> bool:
        """Count one thing tried; a failure is named in ``lost``."""
        self.tried += 1
        if ok:
            self.survived += 1
        else:
            self.lost.append(what)
        return ok


LEDGER: list[Case] = []


@pytest.fixture
def case(request: pytest.FixtureRequest) -> Iterator[Case]:
    """The ledger entry of the running test; the test fails if anything was lost."""
    entry = Case(request.node.name.removeprefix("test_").replace("_", " "))
    LEDGER.append(entry)
    yield entry
    assert not entry.lost, f"lost: {entry.lost}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the ledger: each case, tried / survived / lost."""
    if not LEDGER:
        return
    write = terminalreporter.write_line
    write("")
    write("reliability: what was tried, what survived, what was lost")
    for entry in LEDGER:
        lost = ", ".join(entry.lost) if entry.lost else "nothing"
        write(f"  {entry.name}: {entry.survived} / {entry.tried} survived; lost: {lost}")
    tried = sum(e.tried for e in LEDGER)
    survived = sum(e.survived for e in LEDGER)
    write(f"  in all: {survived} / {tried} survived")


@dataclass
class Ran:
    """A finished command."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def _command(args: tuple[str, ...], data_dir: Path, source: Path | None) -> list[str]:
    command = [sys.executable, "-m", "desktop", *args, "--data-dir", str(data_dir)]
    return command + (["--source", str(source)] if source is not None else [])


def cli(*args: str, data_dir: Path, source: Path | None = None, timeout: float = 180) -> Ran:
    """Run ``python -m desktop ARGS`` as a user would, on ``data_dir`` (and ``source``)."""
    run = subprocess.run(
        _command(args, data_dir, source),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=ROOT,
    )
    return Ran(run.returncode, run.stdout, run.stderr)


def start_cli(*args: str, data_dir: Path, source: Path | None = None) -> subprocess.Popen[str]:
    """Start ``python -m desktop ARGS`` and let it run (for commands run at once)."""
    return subprocess.Popen(
        _command(args, data_dir, source),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def namespaces_work() -> bool:
    """True when this machine lets a process make its own mount namespace (no root needed)."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run([*UNSHARE, "true"], capture_output=True, check=False, timeout=30)
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(
    not namespaces_work(), reason="a private mount namespace (unshare) is not allowed here"
)


def in_namespace(script: str, **values: object) -> Any:
    """Run a Python ``script`` in a private mount namespace, where it may ``mount`` without
    touching the machine, and return the JSON it prints last.

    The script gets ``values`` as globals, ``mount(*args)`` and ``cli(*args, data_dir=...)``
    (as above, run inside the namespace, so they see its mounts).
    """
    prelude = textwrap.dedent(
        """
        import json, subprocess, sys
        from pathlib import Path
        def mount(*args):
            subprocess.run(["mount", *args], check=True)
        def cli(*args, data_dir, source=None):
            command = [sys.executable, "-m", "desktop", *args, "--data-dir", str(data_dir)]
            if source is not None:
                command += ["--source", str(source)]
            run = subprocess.run(command, capture_output=True, text=True, timeout=180)
            return {"code": run.returncode, "out": run.stdout, "err": run.stderr}
        """
    )
    assigned = "".join(f"{name} = {value!r}\n" for name, value in values.items())
    run = subprocess.run(
        [*UNSHARE, sys.executable, "-c", prelude + assigned + textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def write_articles(folder: Path, count: int, prefix: str = "story", marker: str = "") -> Path:
    """``count`` small distinct articles in ``folder``, each with its own marker word."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{prefix}-{number:03d}.txt").write_text(
            f"{prefix.title()} Number {number} Opens a Lab\nMarch 3, 2023\n"
            f"The {prefix} lab number {number} opened in Sha Tin with robots and grants.\n"
            f"Its marker is {marker or prefix}{number}x, and {number * 7} start-ups joined.\n",
            "utf-8",
        )
    return folder
