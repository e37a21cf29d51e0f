"""Reading a PDF whose streams cannot be looked at first: in a child process, bounded.

:mod:`desktop.core.ingest.pdf_guard` bounds what a PDF's streams inflate to by inflating them
before PDFium does. An encrypted PDF that opens without a password (an owner password only
restricts printing or copying, as many published reports do) has its streams encrypted, so
the guard sees noise, while PDFium decrypts and inflates them in one C call no timer stops: a
600 KB file took 6.6 s and 1.5 GB. Such a file is read by a child process of its own instead
(``python -m desktop.core.ingest.pdf_sandbox``), its address space capped at
:data:`CHILD_MEMORY_BYTES` and its time at the reading limit; a child that runs out of either
is killed, and the file is a SourceError that says so (that file: refused in 2.9 s). The
child answers in JSON, not a pickle: what it read came from a hostile file, and must not be
able to run code here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

from desktop.core.errors import SourceError
from desktop.core.ingest.limits import READ_SECONDS, too_slow
from desktop.core.ingest.pdf_layout import PdfLine, PdfPage, PdfText, read_pdf_text, read_unchecked
from desktop.core.lifetime import die_with_parent

#: The child's address space: an import reading a page whose content stream inflates to the
#: guard's limit (16 MB) peaks at 272 MB, and a long report's text takes far less; a
#: decompression bomb takes more.
CHILD_MEMORY_BYTES = 768 * 1024 * 1024

#: Characters that end a PDF name: white space and delimiters.
_NAME_CHAR = rb"[^\s/<>\[\]()%{}]"
#: The key of the trailer (or of a cross-reference stream's dictionary, which is never
#: compressed) that names an encryption dictionary...
_ENCRYPT = re.compile(rb"/Encrypt(?!" + _NAME_CHAR + rb")")
#: ... which may be spelt with ``#xx`` escapes ("/Encr#79pt"), as any name may.
_ESCAPED_NAME = re.compile(rb"/" + _NAME_CHAR + rb"*#[0-9A-Fa-f]{2}" + _NAME_CHAR + rb"*")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def read_pdf_safely(data: bytes, seconds: float = READ_SECONDS) -> PdfText:
    """The text layer of a PDF, its cost bounded: streams checked first, or, where they
    cannot be (an encrypted file), read in a bounded child process.

    Raises:
        SourceError: as :func:`~desktop.core.ingest.pdf_layout.read_pdf_text`, or the child
            ran out of memory or time.
    """
    if not is_encrypted(data):
        return read_pdf_text(data)
    return _from_json(_run_child(data, seconds))


def is_encrypted(data: bytes) -> bool:
    """Whether the PDF says it is encrypted (a false alarm only costs the child process).

    >>> is_encrypted(b"<< /Root 1 0 R /Encr#79pt 5 0 R >>"), is_encrypted(b"/Encrypted 1")
    (True, False)
    """
    if _ENCRYPT.search(data):
        return True
    return any(
        _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name.group()) == b"/Encrypt"
        for name in _ESCAPED_NAME.finditer(data)
    )


def _run_child(data: bytes, seconds: float) -> Any:
    """What the child printed for ``data``: the text as JSON, or its error."""
    command = [sys.executable, "-m", __name__]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as child:
        try:
            out, _err = child.communicate(data, timeout=seconds)
        except subprocess.TimeoutExpired:
            raise too_slow(seconds) from None
        finally:
            child.kill()  # at once, whatever stopped the wait (the reader's own timer too)
    try:
        answer = json.loads(out)
    except ValueError:  # killed or crashed: a C allocation past the cap ends PDFium so
        raise _too_much() from None
    if "error" in answer:
        raise SourceError(str(answer["error"]))
    return answer


def _too_much() -> SourceError:
    return SourceError(
        "The PDF is too large to read safely (it is encrypted, so its streams could not be "
        f"checked first, and reading it needed over {CHILD_MEMORY_BYTES // 2**20} MB): a "
        "damaged file or a decompression bomb."
    )


def _to_json(text: PdfText) -> dict[str, Any]:
    pages = [
        {
            "label": p.label,
            "height": p.height,
            "lines": [list(vars(line).values()) for line in p.lines],
        }
        for p in text.pages
    ]
    return {"pages": pages, "metadata": text.metadata, "page_count": text.page_count}


def _from_json(answer: Any) -> PdfText:
    """The child's answer as a PdfText; anything else in it is a damaged answer."""
    try:
        pages = tuple(
            PdfPage(
                str(page["label"]),
                tuple(PdfLine(*line) for line in page["lines"]),
                float(page["height"]),
            )
            for page in answer["pages"]
        )
        metadata = {str(k): str(v) for k, v in answer["metadata"].items()}
        return PdfText(pages, metadata, int(answer["page_count"]))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SourceError("The PDF cannot be read: it is damaged or not a PDF.") from error


def _cap_memory(limit: int) -> None:
    """Cap this process's address space, where the system lets a process do so."""
    if sys.platform == "win32":
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main() -> int:
    """The child: a PDF on stdin, its text layer (or why not) as JSON on stdout."""
    die_with_parent()
    _cap_memory(CHILD_MEMORY_BYTES)
    data = sys.stdin.buffer.read()
    try:
        answer: dict[str, Any] = _to_json(read_unchecked(data))
    except SourceError as error:
        answer = {"error": str(error)}
    except MemoryError:
        answer = {"error": str(_too_much())}
    except Exception as error:  # noqa: BLE001 - the file's problem, said in one line
        answer = {"error": f"The PDF cannot be read ({type(error).__name__})."}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
