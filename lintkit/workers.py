"""Linting files in several processes: this one and ``jobs - 1`` forked children.

Each process takes the next file from a counter they share, so big files given first
keep them balanced, and a child sends each result back as soon as it has it. The parent
lints too, rather than waiting on a pool: it needs each kind's rules anyway (for project
rules and the report), and with multiprocessing's pool the parent spent 0.2 s of CPU on
the Kubernetes corpus feeding tasks and taking results in threads, plus 25 ms importing
it, CPU that two cores do not have to spare.
"""

from __future__ import annotations

import fcntl
import mmap
import os
import pickle
import signal
import struct
import sys
from typing import Callable, TypeVar

Target = TypeVar("Target")
Result = TypeVar("Result")

_INDEX = struct.Struct("<Q")
_FRAME_HEADER = struct.Struct("<Q")
#: Room for a child's results while the parent is busy with a big file (Linux only).
_PIPE_SIZE = 1 << 20
#: Bytes asked of a pipe per read: os.read allocates this much even when nothing is there.
_READ_SIZE = 1 << 16


class _Counter:
    """The index of the next file, shared by forked processes: a number in shared memory
    behind a POSIX record lock. The kernel drops the lock of a process that dies, so a
    worker killed while holding it cannot leave the others waiting."""

    def __init__(self) -> None:
        self._memory = mmap.mmap(-1, _INDEX.size)  # anonymous and shared with children
        if hasattr(os, "memfd_create"):
            self._lock = os.memfd_create("lintkit-files")
        else:
            import tempfile

            self._lock = os.dup(tempfile.TemporaryFile().fileno())

    def take(self) -> int:
        fcntl.lockf(self._lock, fcntl.LOCK_EX)
        try:
            (index,) = _INDEX.unpack_from(self._memory)
            _INDEX.pack_into(self._memory, 0, index + 1)
        finally:
            fcntl.lockf(self._lock, fcntl.LOCK_UN)
        return index

    def close(self) -> None:
        os.close(self._lock)
        self._memory.close()


class _Child:
    """A forked child's end of the results pipe, read a frame (size, pickle) at a time."""

    def __init__(self, pid: int, channel: int) -> None:
        self.pid = pid
        self.channel = channel
        self.pending = bytearray()
        self.open = True
        os.set_blocking(channel, False)

    def drain(self, results: list, wait: bool) -> None:
        """Append the results that have arrived; with ``wait``, all of them, until the
        child closes the pipe."""
        if wait:
            os.set_blocking(self.channel, True)
        while self.open:
            try:
                data = os.read(self.channel, _READ_SIZE)
            except BlockingIOError:
                break
            if not data:
                self.open = False
            self.pending += data
        pending, start = self.pending, 0
        with memoryview(pending) as view:
            while len(pending) - start >= _FRAME_HEADER.size:
                (size,) = _FRAME_HEADER.unpack_from(pending, start)
                end = start + _FRAME_HEADER.size + size
                if len(pending) < end:
                    break
                results.append(pickle.loads(view[start + _FRAME_HEADER.size : end]))
                start = end
        del pending[:start]


def lint_in_parallel(
    targets: list[Target],
    jobs: int,
    lint: Callable[[Target], Result],
    unsendable: Callable[[Result, Exception], Result],
    first: Target | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Result]:
    """``lint`` of every target, in no particular order. A result a child cannot pickle
    (a plugin's facts holding a function, say) is replaced by ``unsendable(result, error)``.
    ``first``, when given, is linted here before the children are forked, so that they
    inherit what it imported (its kind's parser and rules). A child that dies loses the
    results it had not sent: the caller finds which targets have none. ``progress`` is
    told how many results have arrived, as they arrive."""
    results = [lint(first)] if first is not None else []
    counter = _Counter()

    def lint_share(send: Callable[[Result], None]) -> None:
        while (index := counter.take()) < len(targets):
            send(lint(targets[index]))

    sys.stdout.flush()
    sys.stderr.flush()
    children: list[_Child] = []
    try:
        for _ in range(jobs - 1):
            channel, write_end = os.pipe()
            _enlarge(write_end)
            pid = os.fork()
            if pid == 0:
                os.close(channel)
                _child_main(write_end, lint_share, unsendable)
            os.close(write_end)
            children.append(_Child(pid, channel))

        def keep(result: Result) -> None:
            results.append(result)
            for child in children:
                child.drain(results, wait=False)
            if progress is not None:
                progress(len(results))

        lint_share(keep)
        for child in children:
            child.drain(results, wait=True)
            if progress is not None:
                progress(len(results))
    except BaseException:
        for child in children:  # interrupted: stop the others
            os.kill(child.pid, signal.SIGTERM)
        raise
    finally:
        for child in children:
            os.close(child.channel)
            os.waitpid(child.pid, 0)
        counter.close()
    return results


def _child_main(channel: int, lint_share: Callable, unsendable: Callable) -> None:
    """Lint and send each result; exit without running the parent's cleanup."""
    code = 1
    try:
        with os.fdopen(channel, "wb") as out:

            def send(result) -> None:
                try:
                    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception as exc:  # pickle raises whatever the object's reduction raises
                    data = pickle.dumps(unsendable(result, exc), protocol=pickle.HIGHEST_PROTOCOL)
                out.write(_FRAME_HEADER.pack(len(data)))
                out.write(data)
                out.flush()

            lint_share(send)
        code = 0
    finally:
        os._exit(code)


def _enlarge(pipe: int) -> None:
    try:
        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    except (AttributeError, OSError):  # not Linux, or above the system's limit
        pass
