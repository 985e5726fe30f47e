"""Writing results without ever losing what the user had: temporary file, then rename."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError, shown


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    """Write `data` to `path` so that a failure leaves any existing file untouched.

    A symlink is written through to its target; a device or pipe (/dev/null, a
    FIFO) is written directly, since it holds no file to lose or replace.
    """
    name = shown(path)
    target = Path(os.path.realpath(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise InputError(f"{name}: cannot write ({e.strerror})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a folder, not a file to write")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_direct(name, target, payload)
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
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o777 if st is not None else 0o644)
        os.replace(tmp, target)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InputError(f"{name}: cannot write ({e.strerror})") from None


def _write_direct(name: str, target: Path, payload: bytes) -> None:
    try:
        with open(target, "wb") as fh:
            fh.write(payload)
    except OSError as e:
        raise InputError(f"{name}: cannot write ({e.strerror})") from None
