#!/usr/bin/env python3
"""Compare lintkit's compose rules with dclint (the npm package ``dclint``).

    npm install --prefix /tmp/refnode dclint          # once, outside the repository
    python scripts/compare_dclint.py [CORPUS]          # default: ../shared/corpus/compose

Runs dclint and lintkit over the same compose files and prints, for every dclint rule,
how many of its findings lintkit reproduces (a lintkit finding whose aliases include
``dclint:<rule>``, in the same file and the same service; one lintkit finding answers one
dclint finding), and what lintkit reports beyond them. dclint writes its JSON to a file:
on a pipe it stops at 64 KiB.

Rules are compared with dclint's default options: lintkit runs with
``quote-ports: {quote: single}`` (dclint requires single quotes; lintkit's default accepts
either kind) and with its off-by-default style rules selected. The set of lintkit rules
that answer a reference rule is the alias table, plus the documented equivalences in
``EQUIVALENT``: an image that is wholly an unset variable (``image: ${IMAGE}``) is
reported by unset-variable-without-default rather than image-explicit-tag, because the
variable may carry a tag; dclint and compose-lint call it untagged.

dclint's require-quotes-in-ports also asks for quotes on ``expose:`` entries; lintkit's
quote-ports does not (a container port alone has no ``:`` for YAML to misread as base 60),
so those findings are set aside and counted apart.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

# The installed lintkit, picked as the benchmarks pick it.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "benchmarks"))
from timing import lintkit_command  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpus", "compose"))

#: Reference rules reported once per file (no service to match on).
FILE_LEVEL = {"no-version-field", "require-project-name-field", "top-level-properties-order", "invalid-schema", "invalid-yaml"}
#: Reference rules whose line is found by searching the text for the value (the first
#: occurrence wins, often in another service): matched within the file.
LINE_BY_TEXT_SEARCH = {"no-quotes-in-volumes"}
#: Extra lintkit rules that answer a reference rule (documented in the module docstring).
EQUIVALENT = {
    "dclint:service-image-require-explicit-tag": {"unset-variable-without-default"},
    "compose-lint:CL-0004": {"unset-variable-without-default"},
    # compose-lint counts `master` (and other branch names) as a version tag lacking a
    # digest; lintkit reports the stronger problem, a floating tag.
    "compose-lint:CL-0019": {"image-explicit-tag"},
}
_SERVICE_IN_MESSAGE = re.compile(r"^service '([^']+)'")


def find_dclint() -> list[str] | None:
    explicit = os.environ.get("DCLINT")
    if explicit:
        return explicit.split()
    for candidate in ("/tmp/refnode/node_modules/.bin/dclint", shutil.which("dclint") or ""):
        if candidate and os.path.exists(candidate):
            return [candidate]
    return None


def run_lintkit(corpus: str, select: list[str], rule_options: dict | None = None) -> tuple[list[dict], float]:
    with tempfile.TemporaryDirectory(prefix="lintkit-compare-") as tmp:
        out = os.path.join(tmp, "lintkit.json")
        args = [*lintkit_command(), "check", corpus, "--format", "json", "--output", out, "--select", ",".join(select)]
        if rule_options:
            config = os.path.join(tmp, "lintkit.yaml")
            with open(config, "w", encoding="utf-8") as fh:
                json.dump({"rules": rule_options}, fh)  # JSON is YAML
            args += ["--config", config]
        else:
            args.append("--isolated")
        start = time.perf_counter()
        subprocess.run(args, check=False, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        with open(out, encoding="utf-8") as fh:
            return json.load(fh)["findings"], elapsed


def lintkit_rules() -> list[dict]:
    result = subprocess.run([*lintkit_command(), "rules", "--kind", "compose", "--format", "json"], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


class ServiceIndex:
    """Which service a line of a compose file belongs to (from lintkit's own parser)."""

    def __init__(self):
        self._spans: dict[str, list[tuple[int, int, str]]] = {}

    def service_at(self, path: str, line: int) -> str | None:
        spans = self._spans.get(path)
        if spans is None:
            spans = self._spans[path] = self._load(path)
        for start, end, name in spans:
            if start <= line <= end:
                return name
        return None

    @staticmethod
    def _load(path: str) -> list[tuple[int, int, str]]:
        from lintkit.model import ParseError
        from lintkit.parsers import compose
        from lintkit.source import SourceFile
        from lintkit.yamlmodel import load

        try:
            with open(path, encoding="utf-8") as fh:
                source = SourceFile(path, fh.read())
            view = compose.parse(source, load(source), load_siblings=False)
        except (OSError, UnicodeDecodeError, ParseError):
            return []
        return [(s.name_span().line, s.span.end_line, str(s.name)) for s in view.services]


def compare(tool: str, reference: list[dict], ours: list[dict], rules: list[dict]) -> dict:
    """``reference``: dicts with path, service, rule, line. Prints and returns per-rule counts."""
    by_alias: dict[str, set[str]] = defaultdict(set)
    for r in rules:
        for alias in r["aliases"]:
            by_alias[alias].add(r["name"])
    index = ServiceIndex()
    ours_by_key: dict[tuple, list[dict]] = defaultdict(list)
    for f in ours:
        path = os.path.normpath(f["path"])
        # The message names the service: a value merged in with `<<:` sits at its anchor,
        # inside another service's lines.
        named = _SERVICE_IN_MESSAGE.match(f["message"])
        service = named.group(1) if named else index.service_at(path, f["line"])
        ours_by_key[(path, service)].append(f)
        ours_by_key[(path, "*")].append(f)

    totals = {}
    matched_ours: set[int] = set()
    print(f"{'reference rule':48} {'ref':>5} {'ours':>5} {'agree':>7}  lintkit rules")
    for rule in sorted({r["rule"] for r in reference}):
        alias = f"{tool}:{rule}"
        names = by_alias.get(alias, set()) | EQUIVALENT.get(alias, set())
        items = [r for r in reference if r["rule"] == rule]
        if not names:
            print(f"{rule:48} {len(items):5} {'-':>5} {'unmapped':>7}")
            continue
        used: set[int] = set()
        hits = 0
        misses = []
        for item in items:
            path = os.path.normpath(item["path"])
            service = "*" if rule in FILE_LEVEL | LINE_BY_TEXT_SEARCH else (item.get("service") or index.service_at(path, item["line"]))
            candidates = [
                f for f in ours_by_key.get((path, service), [])
                if f["name"] in names and id(f) not in used
            ]
            if not candidates:
                misses.append(item)
                continue
            best = min(candidates, key=lambda f: abs(f["line"] - item["line"]))
            used.add(id(best))
            matched_ours.add(id(best))
            hits += 1
        mapped = [f for f in ours if f["name"] in names]
        totals[rule] = (hits, len(items), len(mapped))
        print(f"{rule:48} {len(items):5} {len(mapped):5} {hits / len(items):7.1%}  {', '.join(sorted(names))}")
        for item in misses[:3]:
            print(f"    missed: {item['path']}:{item['line']} {item.get('message', '')[:110]}")
    hits = sum(h for h, _n, _m in totals.values())
    count = sum(n for _h, n, _m in totals.values())
    print(f"\nmapped reference findings reproduced: {hits}/{count} ({hits / max(count, 1):.1%})")
    worst = [r for r, (h, n, _m) in totals.items() if h / n < 0.95]
    print("rules under 95%:", ", ".join(worst) if worst else "none")
    extras(tool, ours, rules, matched_ours)
    return totals


def extras(tool: str, ours: list[dict], rules: list[dict], matched: set[int]) -> None:
    """lintkit findings of mapped rules that answer no reference finding, a few shown."""
    print("\nlintkit findings of mapped rules beyond the reference's (first few per rule):")
    names = {r["name"] for r in rules if any(a.startswith(tool + ":") for a in r["aliases"])}
    shown = defaultdict(int)
    for f in ours:
        if f["name"] in names and id(f) not in matched:
            if shown[f["name"]] < 3:
                print(f"    {f['name']}: {f['path']}:{f['line']}:{f['column']} {f['message'][:110]}")
            shown[f["name"]] += 1
    for name, n in sorted(shown.items()):
        print(f"  {name}: {n}")


def _in_expose_list(path: str, line: int) -> bool:
    """Whether ``line`` (1-based) is an item of an ``expose:`` sequence: the nearest key
    above it that is indented less (or as much, for a sequence not indented) is ``expose``."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return False
    if not 0 < line <= len(lines):
        return False
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
    for text in reversed(lines[: line - 1]):
        stripped = text.lstrip()
        depth = len(text) - len(stripped)
        if not stripped or stripped.startswith("#") or depth > indent or (depth == indent and stripped.startswith("-")):
            continue
        return stripped.split(":", 1)[0].strip() == "expose"
    return False


def main() -> int:
    corpus = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CORPUS)
    dclint = find_dclint()
    if dclint is None:
        print("dclint not found: install it outside the repository with\n"
              "    npm install --prefix /tmp/refnode dclint\n"
              "or point DCLINT at its executable.", file=sys.stderr)
        return 2
    if not os.path.isdir(corpus):
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="dclint-") as tmp:
        out = os.path.join(tmp, "dclint.json")
        start = time.perf_counter()
        subprocess.run([*dclint, "-r", corpus, "-f", "json", "-o", out], check=False, stdout=subprocess.DEVNULL)
        dclint_wall = time.perf_counter() - start
        with open(out, encoding="utf-8") as fh:
            report = json.load(fh)
    reference = []
    for file_result in report:
        for m in file_result["messages"]:
            data = m.get("data") or {}
            service = data.get("serviceName")
            if service is None and isinstance(data.get("service"), dict) and len(data["service"]) == 1:
                service = next(iter(data["service"]))
            reference.append({"path": file_result["filePath"], "rule": m["rule"], "line": m["line"], "service": service, "message": m["message"]})

    exposed = [r for r in reference if r["rule"] == "require-quotes-in-ports" and _in_expose_list(r["path"], r["line"])]
    reference = [r for r in reference if not any(r is e for e in exposed)]
    print(f"set aside: {len(exposed)} require-quotes-in-ports findings on expose: entries (not a risk)")
    rules = lintkit_rules()
    selected = sorted({r["id"] for r in rules if any(a.startswith("dclint:") for a in r["aliases"])} | {"DC053"})
    ours, lintkit_wall = run_lintkit(corpus, selected, {"quote-ports": {"quote": "single"}})
    print(f"dclint: {len(reference)} findings in {len(report)} files ({dclint_wall:.2f} s); "
          f"lintkit: {len(ours)} findings of {len(selected)} rules ({lintkit_wall:.2f} s)\n")
    compare("dclint", reference, ours, rules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
