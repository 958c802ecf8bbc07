"""Compare lintkit's GitLab schema findings (GL003) with check-jsonschema's, same schema.

    python scripts/compare_gitlab_schema.py [CORPUS_DIR] [--check-jsonschema PATH]

check-jsonschema runs from its own virtualenv (default /tmp/refvenv-cjs/bin/check-jsonschema;
install it there with `python -m venv /tmp/refvenv-cjs && /tmp/refvenv-cjs/bin/pip install
check-jsonschema`), never from lintkit's environment. Both validate against the
`vendor.gitlab-ci` schema that check-jsonschema ships. Errors are compared per file and
JSON path; files that check-jsonschema cannot load (it does not know GitLab's
`!reference` tag, and refuses duplicate keys) are listed separately with the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

# ../shared beside the repository, wherever it is checked out.
DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "shared", "corpus", "gitlab-ci")
DEFAULT_TOOL = "/tmp/refvenv-cjs/bin/check-jsonschema"
_PATH_STEP = re.compile(r"\.([^.\[\]]+)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]")
_UNEXPECTED = re.compile(r"'([^']+)' (?:was|were) unexpected|, '([^']+)'")


def yaml_files(root: str) -> list[str]:
    found = []
    for folder, _dirs, names in os.walk(root):
        found += [os.path.join(folder, n) for n in names if n.endswith((".yml", ".yaml"))]
    return sorted(found)


def cjs_path(text: str) -> tuple:
    """``$.job['a b'].key[0]`` -> ("job", "a b", "key", 0)."""
    steps = []
    for match in _PATH_STEP.finditer(text[1:]):
        dotted, quoted, index = match.groups()
        steps.append(int(index) if index else (quoted if quoted is not None else dotted))
    return tuple(steps)


def lintkit_path(message: str) -> tuple:
    """The path lintkit puts first in its message: ```job.key[0]```."""
    match = re.match(r"`([^`]*)`", message)
    if not match:
        return ()
    text = match.group(1)
    head, _, rest = text.partition(".") if not text.startswith("[") else ("", "", text)
    steps: list = [head] if head else []
    for part in re.finditer(r"([^.\[\]]+)|\[(\d+)\]", rest):
        name, index = part.groups()
        steps.append(int(index) if index else name)
    unknown = re.search(r"unknown keyword `([^`]+)`|`([^`]+)` is not a job keyword", message)
    if unknown and "unknown keyword" in message:
        return tuple(steps)
    return tuple(steps)


def run_check_jsonschema(tool: str, files: list[str]) -> dict:
    result = subprocess.run(
        [tool, "--builtin-schema", "vendor.gitlab-ci", "-o", "json", *files],
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def run_lintkit(files: list[str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "lintkit", "check", "--isolated", "--select", "GL003,LK001",
         "--kind", "gitlab-ci", "--format", "json", *files],
        capture_output=True,
        text=True,
    )  # fmt: skip
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--check-jsonschema", default=DEFAULT_TOOL)
    args = parser.parse_args()
    tool = args.check_jsonschema if os.path.exists(args.check_jsonschema) else shutil.which("check-jsonschema")
    if not tool:
        print(f"check-jsonschema not found at {args.check_jsonschema} (see this script's docstring)", file=sys.stderr)
        return 2
    if not os.path.isdir(args.corpus):
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    files = yaml_files(args.corpus)
    reference = run_check_jsonschema(tool, files)
    ours = run_lintkit(files)

    unparsed = {e["filename"] for e in reference.get("parse_errors", [])}
    theirs: dict[str, set] = {}
    format_only: list[dict] = []
    for error in reference.get("errors", []):
        if "is not a '" in error["message"]:  # a `format` check; GitLab does not check formats
            format_only.append(error)
            continue
        path = cjs_path(error["path"])
        names = [a or b for a, b in _UNEXPECTED.findall(error["message"])]
        keys = {path + (n,) for n in names} if "unexpected" in error["message"] else {path}
        theirs.setdefault(error["filename"], set()).update(keys)
    mine: dict[str, set] = {}
    parse_errors: dict[str, list] = {}
    for finding in ours["findings"]:
        if finding["rule"] == "LK001" or finding["name"] == "duplicate-key":
            parse_errors.setdefault(finding["path"], []).append(finding)
            continue
        if finding["rule"] == "GL003":
            mine.setdefault(finding["path"], set()).add(lintkit_path(finding["message"]))

    compared = [f for f in files if f not in unparsed]
    matched = only_theirs = only_mine = 0
    print(f"{len(files)} YAML files; check-jsonschema loaded {len(compared)}, could not load {len(unparsed)}")
    for path in compared:
        a, b = theirs.get(path, set()), mine.get(path, set())
        matched += len(a & b)
        only_theirs += len(a - b)
        only_mine += len(b - a)
        for missing in sorted(a - b, key=str):
            print(f"  only check-jsonschema: {os.path.relpath(path, args.corpus)} {missing}")
        for extra in sorted(b - a, key=str):
            print(f"  only lintkit:          {os.path.relpath(path, args.corpus)} {extra}")
    total = matched + only_theirs
    rate = 100.0 * matched / total if total else 100.0
    print(f"schema errors on loadable files: check-jsonschema {total}, lintkit matched {matched} "
          f"({rate:.0f}%), lintkit extra {only_mine}")  # fmt: skip
    if format_only:
        print(f"{len(format_only)} check-jsonschema `format` errors not compared (GitLab does not "
              "check JSON Schema formats; lintkit does not either):")  # fmt: skip
        for error in format_only:
            print(f"  {os.path.relpath(error['filename'], args.corpus)} {error['path']}: {error['message'][:90]}")
    clean_unparsed = 0
    print("files check-jsonschema could not load:")
    for path in sorted(unparsed):
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        reason = "uses !reference" if "!reference" in text else "not loadable by its YAML reader"
        if path in parse_errors:
            reason += "; lintkit: " + "; ".join(f["message"][:60] for f in parse_errors[path])
        findings = sorted(mine.get(path, set()), key=str)
        clean_unparsed += not findings
        print(f"  {os.path.relpath(path, args.corpus)}: {reason}; lintkit schema findings: {findings or 'none'}")
    print(f"{clean_unparsed} of {len(unparsed)} of them have no lintkit schema finding once !reference is resolved")
    return 0 if only_theirs == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
