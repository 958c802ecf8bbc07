"""Mutated files, for lintkit's property-based fuzz test and ``scripts/fuzz_mutants.py``.

:func:`mutate` turns the bytes of a real file into a hostile variant: lines duplicated,
deleted, swapped or repeated, bytes flipped, and tokens that have broken parsers before
inserted (integers of thousands of digits, ``0x_``, deep nesting, 100,000-character
strings, odd YAML keys, tags, invalid UTF-8, tabs). :func:`lint_mutant` lints one such file
in this process with every rule and renders it in every format, and returns what went
wrong inside lintkit: a mutant may get findings, never an internal error.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

#: Tokens inserted into files. Each has crashed or slowed down a YAML, shell, expression or
#: Dockerfile parser of some linter.
HOSTILE_TOKENS: tuple[bytes, ...] = (
    b"9" * 5000, b"-" + b"9" * 4400, b"0x_", b"0b_", b"-0b_", b"0o_", b"0x" + b"f" * 3600,
    b"1_000_000", b"0755", b"22:22:22", b"1e99999", b".inf", b"-.nan", b"yes", b"~", b"null",
    b"[" * 500, b"{" * 500, b"[a, " * 300, b"- " * 300, b"$(" * 400, b"`" * 51, b"${" * 300,
    b"${{ " + b"(" * 400 + b"github.sha" + b")" * 400 + b" }}", b"${{ " * 50, b"{{ " * 200,
    b"{% if %}", b"a" * 100_000, b"'" + b"x" * 50_000, b"\"" + b"\\" * 999,
    b"? [a, b]: 1", b"true: 1", b"1: 1", b"~: 1", b"? {a: 1}: 2", b"[1, 2]: 3", b"<<: *missing",
    b"<<: [*a, *a]", b"&a x", b"*a", b"!!python/object/apply:os.system [\"touch pwned\"]",
    b"!!binary AAAA", b"!vault |", b"!reference [.a, b]", b"!!set {a, b}", b"!!omap [a: 1]",
    b"%YAML 1.1", b"%TAG ! tag:x,2000:", b"---", b"...", b"\t", b"\t\t- x", b"\xff\xfe",
    b"\xc3\x28", b"\xed\xa0\x80", b"\x00", b"\xef\xbb\xbf", b"\r", b"\x0b\x0c", b"\x1b[2J",
    "\u2028\u200b\ufeff".encode(), "\U0001f600".encode(), b"\\", b"\\\n", b"<<EOF", b"<<-'EOF'",
    b"&& " * 1000, b"| sh", b"; rm -rf /", b"# escape=`", b"# syntax=docker/dockerfile:1",
    b"ARG", b"ONBUILD ONBUILD", b"FROM", b"COPY --from=", b"RUN --mount=type=secret",
    b"image:", b"ports: [\"99999999999:80\"]", b"include:", b"extends:", b"uses: ./", b"needs: [",
    b"hosts: all", b"tasks:", b"apiVersion: v1", b"kind: List", b"on:", b"jobs:", b"services:",
)

_HOSTILE_LINES: tuple[bytes, ...] = (
    b"- " * 2000 + b"x", b" " * 4000 + b"x: 1", b"a: " + b"b: " * 2, b"x: &a [*a]",
    b"RUN " + b"true && " * 1200 + b"true", b"RUN " + b"$(" * 400 + b")" * 400,
)


@dataclass(frozen=True, slots=True)
class Mutant:
    data: bytes
    #: The mutations applied, in order, for the record.
    operations: tuple[str, ...]


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> Mutant:
    """A mutant of ``data`` after one to three (or ``rounds``) random mutations."""
    operations = []
    for _ in range(rounds if rounds is not None else rng.randint(1, 3)):
        name = rng.choice(_OPERATION_NAMES)
        data = _OPERATIONS[name](data, rng)
        operations.append(name)
    return Mutant(data, tuple(operations))


def _split(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _split(data)
    line = rng.choice(lines)
    lines.insert(rng.randrange(len(lines) + 1), line)
    return b"\n".join(lines)


#: Most bytes a repeated line may add: mutants stay under the engine's file size cap, as
#: files must be to be linted at all (a 100,000-character line 2,000 times is 200 MB).
_MAX_REPEATED_BYTES = 4_000_000


def _repeat_line(data: bytes, rng: random.Random) -> bytes:
    lines = _split(data)
    index = rng.randrange(len(lines))
    times = min(rng.choice((10, 100, 2000)), max(1, _MAX_REPEATED_BYTES // (len(lines[index]) + 1)))
    lines[index:index + 1] = [lines[index]] * times
    return b"\n".join(lines)


def _delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _split(data)
    start = rng.randrange(len(lines))
    del lines[start:start + rng.choice((1, 1, 2, 5))]
    return b"\n".join(lines)


def _swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _split(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def _reindent_line(data: bytes, rng: random.Random) -> bytes:
    lines = _split(data)
    index = rng.randrange(len(lines))
    stripped = lines[index].lstrip(b" \t")
    lines[index] = rng.choice((b"", b" ", b"  ", b"\t", b" " * 7, b" " * 40)) + stripped
    return b"\n".join(lines)


def _insert_token(data: bytes, rng: random.Random) -> bytes:
    token = rng.choice(HOSTILE_TOKENS)
    where = rng.random()
    if where < 0.4:  # in a value position: after the first ": " or "=" of a line
        lines = _split(data)
        index = rng.randrange(len(lines))
        line = lines[index]
        separator = next((s for s in (b": ", b"=", b" ") if s in line), None)
        if separator is not None:
            head, _, tail = line.partition(separator)
            lines[index] = head + separator + token + (tail if rng.random() < 0.5 else b"")
            return b"\n".join(lines)
    if where < 0.6:  # a line of its own, indented like a neighbour
        lines = _split(data)
        index = rng.randrange(len(lines))
        indent = lines[index][: len(lines[index]) - len(lines[index].lstrip(b" "))]
        lines.insert(index, indent + token)
        return b"\n".join(lines)
    offset = rng.randrange(len(data) + 1)
    return data[:offset] + token + data[offset:]


def _insert_line(data: bytes, rng: random.Random) -> bytes:
    lines = _split(data)
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(_HOSTILE_LINES))
    return b"\n".join(lines)


def _flip_byte(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    offset = rng.randrange(len(data))
    return data[:offset] + bytes([rng.randrange(256)]) + data[offset + 1:]


def _delete_bytes(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    offset = rng.randrange(len(data))
    return data[:offset] + data[offset + rng.choice((1, 1, 3, 20, 200)):]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


_OPERATIONS = {
    "duplicate-line": _duplicate_line,
    "repeat-line": _repeat_line,
    "delete-lines": _delete_lines,
    "swap-lines": _swap_lines,
    "reindent-line": _reindent_line,
    "insert-token": _insert_token,
    "insert-line": _insert_line,
    "flip-byte": _flip_byte,
    "delete-bytes": _delete_bytes,
    "truncate": _truncate,
}
#: Token insertion, the mutation that finds most, is drawn more often.
_OPERATION_NAMES = (*_OPERATIONS, "insert-token", "insert-token", "insert-token")


@dataclass(frozen=True, slots=True)
class Failure:
    """Something that went wrong inside lintkit: an exception type, the rule it came from
    (``None``: the engine or a parser; ``reporter:<format>``: a reporter) and the message,
    a traceback."""

    exception: str
    rule: str | None
    message: str


#: Rules the fuzzers leave out: shellcheck-run starts the ShellCheck program per script.
FUZZ_IGNORE = ("shellcheck-run",)
FORMATS = ("text", "json", "sarif", "gitlab", "junit", "github")


@dataclass(frozen=True, slots=True)
class MutantRun:
    failures: list[Failure]
    #: Seconds linting took, and rendering in the slowest format: together, the time of
    #: the slowest ``lintkit check`` of the file.
    lint_seconds: float
    render_seconds: float


def lint_mutant(path: str, kind: str | None, data: bytes, *, claimed: bool = False) -> MutantRun:
    """Lint ``data`` as the file at ``path`` (of ``kind``, None to let its content decide)
    with every rule, render the result in every format, and return the failures (internal
    errors of the engine and rules, exceptions of the reporters) and the time taken."""
    import contextlib
    import time
    import traceback

    from .discover import Target
    from .engine import RunOptions, run
    from .registry import Selection, reporters, load_reporter
    from .report import Report, masked_source_lines

    options = RunOptions(
        selection=Selection(["ALL"], list(FUZZ_IGNORE)),
        settings={"kubernetes_version": None, "compose_projects": []},
        jobs=1,
        texts={path: data},
        verbose=True,
    )
    started = time.perf_counter()
    result = run([Target(path, kind, claimed)], options)
    lint_seconds = time.perf_counter() - started
    failures = [Failure(_exception_of(e.message), e.rule, e.message) for e in result.errors]
    report = Report(findings=result.findings, rules=result.rules, files=result.files,
                    source_line=masked_source_lines(result.secret_spans, options.texts))
    available = reporters()
    render_seconds = 0.0
    for name in FORMATS:
        started = time.perf_counter()
        try:
            # The GitHub format writes its summary to stderr.
            with contextlib.redirect_stderr(io.StringIO()):
                load_reporter(available[name])(report, io.StringIO(), color=False)
        except Exception as exc:
            failures.append(Failure(type(exc).__name__, f"reporter:{name}", "".join(traceback.format_exception(exc))))
        render_seconds = max(render_seconds, time.perf_counter() - started)
    return MutantRun(failures, lint_seconds, render_seconds)


def _exception_of(message: str) -> str:
    """The exception type named on the last line of a traceback."""
    last = message.rstrip().rsplit("\n", 1)[-1]
    return last.split(":", 1)[0].strip() or "?"
