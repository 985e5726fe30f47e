"""Writing results without ever losing what the user had: temporary file, then rename."""
from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError, shown

CHUNK = 1 << 16  # characters of JSON text gathered before each write


def write_atomic(path: str | os.PathLike, data: bytes | str | Callable[[BinaryIO], Any]) -> None:
    """Write `data` to `path` so that a failure leaves any existing file untouched.

    `data` is the bytes (text is written as UTF-8), or a function that writes them to
    the open binary file, for output too large to hold whole (`write_json`). A symlink
    is written through to its target; a device or pipe (/dev/null, a FIFO) is written
    directly, since it holds no file to lose or replace.
    """
    name = shown(path)
    target = Path(os.path.realpath(path))
    if callable(data):
        write = data
    else:
        payload = data.encode("utf-8") if isinstance(data, str) else data

        def write(fh: BinaryIO) -> None:
            fh.write(payload)
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise InputError(f"{name}: cannot write ({e.strerror})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a folder, not a file to write")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_direct(name, target, write)
        return
    if st is not None and not st.st_mode & 0o222:
        raise InputError(f"{name}: is read-only; not overwriting it")
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"{name}: cannot write, folder {shown(folder)} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as e:
        raise InputError(f"{name}: cannot write there ({e.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o777 if st is not None else 0o644)
        os.replace(tmp, target)
    except BaseException as e:  # a writer that fails midway (or Ctrl-C) leaves no half file either
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise InputError(f"{name}: cannot write ({e.strerror})") from None
        raise


def _write_direct(name: str, target: Path, write: Callable[[BinaryIO], Any]) -> None:
    try:
        with open(target, "wb") as fh:
            write(fh)
    except OSError as e:
        raise InputError(f"{name}: cannot write ({e.strerror})") from None


def write_json(data: Any, path: str | os.PathLike) -> None:
    """Write `data` (a Comparison, or plain dicts and lists) as JSON to `path`, "-" for stdout.

    The text is the same as `json.dumps(data.to_dict(), ensure_ascii=False, indent=1)`
    (stdout gets a final newline), but streamed: neither the whole text nor its bytes
    are ever held, and a Comparison is not copied into dicts first (`to_dict(deep=False)`,
    each object turned into a dict as it is written). A file is written as by
    `write_atomic`: whole or not at all.
    """
    from .comparison import Comparison, plain

    if isinstance(data, Comparison):
        data = data.to_dict(deep=False)
    chunks = _text_chunks(json.JSONEncoder(ensure_ascii=False, indent=1, default=plain).iterencode(data))
    if os.fspath(path) == "-":
        for text in chunks:
            sys.stdout.write(text)
        sys.stdout.write("\n")
        return

    def write(fh: BinaryIO) -> None:
        for text in chunks:
            fh.write(text.encode("utf-8"))
    write_atomic(path, write)


def write_stdout(data: bytes | str) -> None:
    """A report to stdout ("-"): text as it is, bytes (a PDF) through the binary buffer."""
    if isinstance(data, str):
        sys.stdout.write(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _text_chunks(pieces: Iterable[str]) -> Iterator[str]:
    """The encoder's many small strings joined into pieces of about CHUNK characters."""
    buf: list[str] = []
    n = 0
    for s in pieces:
        buf.append(s)
        n += len(s)
        if n >= CHUNK:
            yield "".join(buf)
            buf, n = [], 0
    if buf:
        yield "".join(buf)
