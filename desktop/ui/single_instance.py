"""One window per data folder: a second launch hands its request to the first and exits.

The first instance listens on a local socket named after the data folder; a later launch
connects, sends one JSON line (e.g. ``{"search": "hkstp"}``, or ``{"open": "innoatlas://…"}``
for a passage link), waits for the first instance to
answer ``ok`` and quits. A first instance that is frozen accepts the connection (the system
does) but never answers: the later launch says so after :data:`ANSWER_MS` instead of claiming
that its request arrived. A socket left behind by a crashed instance accepts no connection: it
is detected as stale, removed and taken over (on Unix ``QLocalServer`` needs
``removeServer()`` before it can listen again).
"""

from __future__ import annotations

import enum
import hashlib
import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 500
WRITE_MS = 1000
READ_MS = 1000
#: How long a later launch waits for the running instance to say it took the request.
ANSWER_MS = 5000
_ANSWER = b"ok\n"
#: The longest request line read: a query or a link is far shorter, and a local program that
#: sends more is not a launch of ours.
MAX_REQUEST_BYTES = 64 * 1024


class HandOff(enum.Enum):
    """What became of a request handed to a running instance."""

    NOBODY = "no instance runs on this data folder"
    TAKEN = "the running instance took it"
    NO_ANSWER = "an instance runs but did not answer"


def server_name(data_dir: Path) -> str:
    """The socket name for a data folder: the same folder always gives the same name."""
    digest = hashlib.blake2b(str(data_dir.resolve()).encode(), digest_size=8).hexdigest()
    return f"innoatlas-{digest}"


class SingleInstance(QObject):
    """The local server of the running instance, or the client of a later launch.

    Attributes:
        name: the socket name for this data folder.

    Signals:
        sig_request_received(dict): a later launch sent a request (``{"search": ...}``).
    """

    sig_request_received = Signal(dict)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._server: QLocalServer | None = None

    def hand_off(self, request: dict[str, Any], answer_ms: int = ANSWER_MS) -> HandOff:
        """Send ``request`` to a running instance and wait for it to say it took it."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return HandOff.NOBODY
        socket.write((json.dumps(request) + "\n").encode())
        answered = socket.waitForBytesWritten(WRITE_MS) and _read_answer(socket, answer_ms)
        socket.abort()
        return HandOff.TAKEN if answered else HandOff.NO_ANSWER

    def listen(self) -> bool:
        """Become the running instance, taking over a stale socket; False if that fails."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # left behind by a crash
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        """Stop listening (the socket file is removed)."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def _on_server_new_connection(self) -> None:
        """Read the one line a later launch sends, then let the connection go.

        Read at once (the sender writes right after connecting), so no callback outlives
        the socket: connections are short and rare, and the wait is bounded.
        """
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            if socket.canReadLine() or socket.waitForReadyRead(READ_MS):
                data = bytes(socket.readLine(MAX_REQUEST_BYTES).data())
                line = data.decode("utf-8", "replace").strip()
                socket.write(_ANSWER)
                socket.waitForBytesWritten(WRITE_MS)
                self._emit(line)
            socket.disconnectFromServer()
            socket.deleteLater()

    def _emit(self, line: str) -> None:
        """Emit the request of one line, if it is one of ours."""
        try:
            request = json.loads(line)
        except ValueError:
            return  # not ours: ignore rather than fail
        if isinstance(request, dict):
            self.sig_request_received.emit(request)


def _read_answer(socket: QLocalSocket, answer_ms: int) -> bool:
    """True once the running instance answered ``ok`` within ``answer_ms``."""
    deadline = time.monotonic() + answer_ms / 1000
    while not socket.canReadLine():
        left = int((deadline - time.monotonic()) * 1000)
        if left <= 0 or not socket.waitForReadyRead(left):
            return False
    return bytes(socket.readLine().data()) == _ANSWER
