"""Reading a file on a linted file's behalf: regular files only, never more than a cap.

Every read lintkit makes for a linted file (the file itself, and whatever its content
names: a ``.env``, an included file, a Dockerfile a compose service builds) goes through
:func:`read_regular`. A FIFO would block ``open`` until a writer came, ``/dev/zero`` would
fill memory, a socket or a directory is no text at all: the file is opened without
blocking, checked with ``fstat`` on the open descriptor (so it cannot be swapped between
the check and the read) and read up to the cap only.
"""

from __future__ import annotations

import errno
import os
import re
import stat

#: Files larger than this are reported rather than parsed (``max-file-size`` in the
#: config, ``--max-file-size`` on the command line): 50 MiB, so that a "50 MB" file is
#: in. A 50 MB ConfigMap lints in 224-436 MiB (docs/benchmarks.md).
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Unreadable(Exception):
    """Why a file was not read: ``reason`` for messages, ``cause`` for callers (one of
    MISSING, NOT_REGULAR, TOO_LARGE, OS_ERROR)."""

    def __init__(self, reason: str, cause: str):
        super().__init__(reason)
        self.reason = reason
        self.cause = cause

    @property
    def missing(self) -> bool:
        return self.cause == MISSING


MISSING, NOT_REGULAR, TOO_LARGE, OS_ERROR = "missing", "not-regular", "too-large", "os-error"


def kind_of(mode: int) -> str:
    """What a file that is not regular is, for messages ("a FIFO")."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def read_regular(path: str, limit: int, *, follow_symlinks: bool = True, truncate: bool = False) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`Unreadable` for anything else: not a regular file, larger than
    ``limit`` (unless ``truncate``, which returns the first ``limit`` bytes), missing, or
    an OS error. With ``follow_symlinks=False`` a symbolic link is refused.
    """
    flags = _OPEN_FLAGS | (0 if follow_symlinks else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise Unreadable("no such file", MISSING) from None
        if exc.errno == errno.ELOOP and not follow_symlinks:
            raise Unreadable("a symbolic link, not followed", NOT_REGULAR) from None
        if exc.errno == errno.ENXIO:  # opening a socket
            raise Unreadable("a socket, not a regular file", NOT_REGULAR) from None
        raise Unreadable(f"cannot read file: {exc.strerror or exc}", OS_ERROR) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"{kind_of(info.st_mode)}, not a regular file", NOT_REGULAR)
        if info.st_size > limit and not truncate:
            raise Unreadable(f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit", TOO_LARGE)
        chunks = []
        wanted = limit + 1  # one byte more tells a file that grew past the limit
        while wanted > 0:
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    except OSError as exc:
        raise Unreadable(f"cannot read file: {exc.strerror or exc}", OS_ERROR) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        if not truncate:
            raise Unreadable(f"file is over the {limit:,}-byte limit", TOO_LARGE)
        data = data[:limit]
    return data


def read_text(path: str, limit: int, **options) -> str:
    """:func:`read_regular`, decoded as UTF-8 with undecodable bytes replaced (for the
    files a linted file refers to, which are read for facts, not linted)."""
    data = read_regular(path, limit, **options)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="replace")


_SIZE = re.compile(r"(\d+)\s*([kmg]i?b?|b)?", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1000, "m": 1000**2, "g": 1000**3, "ki": 1024, "mi": 1024**2, "gi": 1024**3}


def parse_size(value: int | str) -> int:
    """Bytes from ``52428800``, ``"50MB"``, ``"50 MiB"`` or ``"800k"``; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"not a size: {value!r}")
    if isinstance(value, int):
        if value <= 0:
            raise ValueError(f"not a positive size: {value!r}")
        return value
    match = _SIZE.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a size: {value!r} (expected bytes, or a number with kB, MB, GB, KiB, MiB or GiB)")
    unit = (match.group(2) or "").lower().removesuffix("b")
    size = int(match.group(1)) * _UNITS[unit]
    if size <= 0:
        raise ValueError(f"not a positive size: {value!r}")
    return size
