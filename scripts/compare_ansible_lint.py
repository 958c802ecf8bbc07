#!/usr/bin/env python3
"""Compare lintkit's Ansible rules with ansible-lint over a corpus of project folders.

ansible-lint is never a lintkit dependency: install it in a venv of its own, e.g.

    python3 -m venv /tmp/refvenv-al && /tmp/refvenv-al/bin/pip install ansible-lint

then run

    python scripts/compare_ansible_lint.py [--corpus ../shared/corpus/ansible]

ansible-lint runs once per project folder (a folder directly under the corpus), the way a
project would run it, on a writable copy of the folder (it writes an ``.ansible/`` cache
next to the files). Its findings are cached in ``--cache`` so that later comparisons only
re-run lintkit; ``--refresh`` runs ansible-lint again (``--refresh-project NAME`` on one
folder only).

Matching: an ansible-lint finding ``rule[tag]`` at line L of a file is *reproduced* when
lintkit reports, in the same file, a finding whose aliases contain
``ansible-lint:rule[tag]`` or the bare ``ansible-lint:rule``, at a line in
[L - 1, L + WINDOW] (anywhere in the file when L is 1, where ansible-lint puts findings
about a whole file or role). The window exists because lintkit points at the offending
token (``state: latest``, the ``register:`` of a long task) where ansible-lint reports the
first line of the task; each lintkit finding is used at most once, exact lines first,
then nearest. ansible-lint reports a task's ``vars:`` names twice (once with a
``(vars: x)`` suffix); the duplicate is counted once. A rule is *mapped* when some lintkit rule
carries its alias (``lintkit rules``), whether or not lintkit reported anything for it. Per mapped rule the script prints ansible-lint's count, how many lintkit
reproduced, and lintkit's extras (findings with that alias matching nothing of
ansible-lint's); ``--show-missed`` and ``--show-extra`` list them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

DEFAULT_CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "ansible")
#: ansible-lint with the full ``ansible`` package (its collections) first: without them it
#: stops at syntax-check on every file that uses a collection module.
DEFAULT_TOOLS = ("/tmp/refvenv-alfull/bin/ansible-lint", "/tmp/refvenv-al/bin/ansible-lint")
DEFAULT_CACHE = os.path.join(tempfile.gettempdir(), "lintkit-compare-ansible-lint")
#: Opt-in ansible-lint rules that lintkit implements too (off by default in both tools):
#: enabled in both runs so that they are compared.
OPT_IN = (
    "empty-string-compare", "no-log-password", "no-prompting", "no-same-owner", "only-builtins",
    "name[prefix]", "jinja-template-extension", "role-argument-spec", "galaxy-version-incorrect",
)  # fmt: skip
WINDOW = 30
#: ansible-lint rules after which it stops linting the file: findings of other rules in
#: such a file are not comparable.
_STOPPING_RULES = ("syntax-check", "load-failure", "internal-error", "schema", "parser-error")
_VARS_SUFFIX = re.compile(r" \(vars: [^)]*\)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;;[^\x1b]*\x1b\\")


def find_tool(explicit: str | None) -> str | None:
    for candidate in (explicit, *DEFAULT_TOOLS, shutil.which("ansible-lint")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def galaxy_roles(project: str) -> list[str]:
    """Roles a project takes from Ansible Galaxy (``namespace.role``) and so does not hold."""
    import yaml

    found: set[str] = set()

    def visit(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "roles" and isinstance(item, list):
                    for role in item:
                        name = role.get("role", role.get("name")) if isinstance(role, dict) else role
                        if isinstance(name, str) and "." in name and "{" not in name and "/" not in name:
                            found.add(name)
                elif key in ("include_role", "import_role", "ansible.builtin.include_role", "ansible.builtin.import_role"):
                    name = item.get("name") if isinstance(item, dict) else None
                    if isinstance(name, str) and "." in name and "{" not in name:
                        found.add(name)
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    for folder, _, files in os.walk(project):
        for name in files:
            if name.endswith((".yml", ".yaml")):
                try:
                    with open(os.path.join(folder, name), encoding="utf-8") as fh:
                        for document in yaml.safe_load_all(fh):
                            visit(document)
                except (yaml.YAMLError, UnicodeDecodeError):
                    continue
    return sorted(found)


def write_config(project: str) -> None:
    """An ``.ansible-lint`` for the run: the opt-in rules lintkit implements too
    (``enable_list``; the command-line flag does not enable them), and the Galaxy roles
    the project uses as ``mock_roles``, the documented way to lint a project whose
    dependencies are not installed (otherwise its syntax check fails on every playbook
    that uses one, and no other rule runs there)."""
    lines = ["enable_list:\n", *(f"  - {r}\n" for r in OPT_IN)]
    roles = galaxy_roles(project)
    if roles:
        lines += ["mock_roles:\n", *(f"  - {r}\n" for r in roles)]
    with open(os.path.join(project, ".ansible-lint"), "w") as fh:
        fh.writelines(lines)


def run_reference(tool: str, project: str, name: str) -> tuple[list[dict], float, float]:
    """ansible-lint's findings for one project folder, its wall time and CPU time."""
    with tempfile.TemporaryDirectory(prefix="al-ref-") as scratch:
        copy = os.path.join(scratch, name)
        shutil.copytree(project, copy)
        for folder, dirs, files in os.walk(copy):
            os.chmod(folder, 0o755)
            for f in files:
                os.chmod(os.path.join(folder, f), 0o644)
        write_config(copy)
        env = dict(os.environ, NO_COLOR="1", ANSIBLE_LINT_SKIP_SCHEMA_UPDATE="1")
        env["PATH"] = os.path.dirname(tool) + os.pathsep + env.get("PATH", "")
        command = [tool, "-f", "json", "--offline", "--nocolor"]
        before = os.times()
        start = time.perf_counter()
        proc = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    try:
        findings = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        tail = _ANSI.sub("", proc.stderr).strip().splitlines()[-3:]
        raise SystemExit(f"ansible-lint gave no JSON for {name} (exit {proc.returncode}): {' | '.join(tail)}")
    return findings, wall, cpu


def reference_findings(tool: str | None, corpus: str, cache: str, refresh) -> tuple[list[tuple], dict]:
    """(path relative to the corpus, rule, line, message) for every ansible-lint finding."""
    os.makedirs(cache, exist_ok=True)
    rows: list[tuple] = []
    timing = {"wall": 0.0, "cpu": 0.0, "projects": 0}
    for name in sorted(os.listdir(corpus)):
        project = os.path.join(corpus, name)
        if not os.path.isdir(project):
            continue
        cached = os.path.join(cache, name + ".json")
        if refresh is True or name in (refresh or ()) or not os.path.exists(cached):
            if tool is None:
                raise SystemExit(
                    "ansible-lint is not installed and no cached results exist; install it with\n"
                    "  python3 -m venv /tmp/refvenv-al && /tmp/refvenv-al/bin/pip install ansible-lint"
                )
            print(f"running ansible-lint on {name} ...", file=sys.stderr)
            findings, wall, cpu = run_reference(tool, project, name)
            with open(cached, "w") as fh:
                json.dump({"findings": findings, "wall": wall, "cpu": cpu}, fh)
        with open(cached) as fh:
            data = json.load(fh)
        timing["wall"] += data["wall"]
        timing["cpu"] += data["cpu"]
        timing["projects"] += 1
        seen = set()
        for f in data["findings"]:
            location = f["location"]
            line = location.get("lines", {}).get("begin") or location.get("positions", {}).get("begin", {}).get("line", 1)
            row = (os.path.join(name, location["path"]), f["check_name"], line, f["description"])
            # var-naming reports a task's vars twice, once with a "(vars: x)" suffix.
            key = (*row[:3], _VARS_SUFFIX.sub("", row[3]))
            if key not in seen:
                seen.add(key)
                rows.append(row)
    return rows, timing


def lintkit_aliases(lintkit: str) -> set[str]:
    """The ansible-lint rules lintkit maps (from its rules' aliases)."""
    proc = subprocess.run([lintkit, "rules", "--kind", "ansible", "--format", "json"], capture_output=True, text=True)
    rules = json.loads(proc.stdout)
    return {a for r in rules for a in map(_alias_rule, r["aliases"]) if a}


def lintkit_findings(corpus: str, lintkit: str) -> tuple[list[dict], float, float]:
    selected = ",".join(["ansible", *(f"ansible-lint:{r}" for r in OPT_IN)])
    command = [lintkit, "check", "--isolated", "--select", selected, "--format", "json", corpus]
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"lintkit failed (exit {proc.returncode}): {proc.stderr.strip()}")
    if proc.stderr.strip():
        print(proc.stderr.strip(), file=sys.stderr)
    findings = json.loads(proc.stdout)["findings"]
    for f in findings:
        f["path"] = os.path.relpath(f["path"], corpus)
    return findings, wall, cpu


def _alias_rule(alias: str) -> str | None:
    return alias[len("ansible-lint:") :] if alias.startswith("ansible-lint:") else None


def covers(alias_rule: str, check_name: str) -> bool:
    return alias_rule == check_name or check_name.startswith(alias_rule + "[")


def _findings_under(ours_by_path: dict[str, list[dict]], path: str) -> list[dict]:
    """lintkit's findings in ``path``; for a role-level finding of ansible-lint (its path
    is the role folder), those in the files of that role's own subfolders."""
    if path in ours_by_path:
        return ours_by_path[path]
    role = path.rstrip("/")
    return [f for p, fs in ours_by_path.items() if os.path.dirname(os.path.dirname(p)) == role for f in fs]


def compare(reference: list[tuple], ours: list[dict], aliases: set[str]):
    mapped_rules = sorted({r for _, r, _, _ in reference if any(covers(a, r) for a in aliases)})
    ours_by_path: dict[str, list[dict]] = defaultdict(list)
    for f in ours:
        ours_by_path[f["path"]].append(f)
    used: set[int] = set()
    reproduced: Counter = Counter()
    missed: dict[str, list[tuple]] = defaultdict(list)
    totals: Counter = Counter()
    # Exact-line pairs first, then the nearest within the window, so one lintkit finding is
    # not taken by a neighbour's reference finding.
    pending = [row for row in reference if row[1] in mapped_rules]
    for tolerance_pass in (False, True):
        still = []
        for row in pending:
            path, rule, line, _ = row
            candidates = [
                f for f in _findings_under(ours_by_path, path)
                if id(f) not in used and any(covers(a, rule) for a in map(_alias_rule, f["aliases"]) if a)
            ]  # fmt: skip
            if tolerance_pass:
                # Line 1 is where ansible-lint puts findings about a whole file or role.
                candidates = [
                    f for f in candidates
                    if line - 1 <= f["line"] <= line + WINDOW or f["path"] != path or line == 1
                ]  # fmt: skip
                candidates.sort(key=lambda f: abs(f["line"] - line))
            else:
                candidates = [f for f in candidates if f["line"] == line]
            if candidates:
                used.add(id(candidates[0]))
                reproduced[rule] += 1
            else:
                still.append(row)
        pending = still
    for row in reference:
        if row[1] in mapped_rules:
            totals[row[1]] += 1
    for row in pending:
        missed[row[1]].append(row)
    extras: dict[str, list[dict]] = defaultdict(list)
    for f in ours:
        if id(f) in used:
            continue
        own = [a for a in map(_alias_rule, f["aliases"]) if a]
        if not own:
            continue
        target = next((r for a in own for r in mapped_rules if covers(a, r)), own[0])
        extras[target].append(f)
    unmapped = Counter(r for _, r, _, _ in reference if r not in mapped_rules)
    stopped = {path for path, rule, _, _ in reference if rule.startswith(_STOPPING_RULES)}
    return mapped_rules, totals, reproduced, missed, extras, unmapped, stopped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--ansible-lint", dest="tool")
    parser.add_argument("--lintkit", default=shutil.which("lintkit") or "/tmp/lkvenv/bin/lintkit")
    parser.add_argument("--cache", default=DEFAULT_CACHE)
    parser.add_argument("--refresh", action="store_true", help="run ansible-lint again")
    parser.add_argument("--refresh-project", action="append", metavar="NAME",
                        help="run ansible-lint again on this project folder only (repeatable)")
    parser.add_argument("--show-missed", action="store_true")
    parser.add_argument("--show-extra", action="store_true")
    parser.add_argument("--rule", help="only list missed/extra findings of this ansible-lint rule")
    args = parser.parse_args()
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    tool = find_tool(args.tool)
    if tool is None:
        print("ansible-lint not found (only cached results can be used)", file=sys.stderr)
    reference, timing = reference_findings(tool, corpus, args.cache, args.refresh or args.refresh_project)
    ours, wall, cpu = lintkit_findings(corpus, args.lintkit)
    mapped, totals, reproduced, missed, extras, unmapped, stopped = compare(reference, ours, lintkit_aliases(args.lintkit))

    print(
        "extra: lintkit findings ansible-lint does not have, in files it linted fully;\n"
        "extra*: the same in files where ansible-lint stopped early (syntax-check, load-failure...)\n"
    )
    print(f"{'ansible-lint rule':32} {'theirs':>7} {'ours':>7} {'agree':>7} {'extra':>6} {'extra*':>6}")
    all_theirs = all_ours = 0
    for rule in mapped:
        t, r = totals[rule], reproduced[rule]
        all_theirs += t
        all_ours += r
        found = extras.get(rule, ())
        in_stopped = sum(1 for f in found if f["path"] in stopped)
        print(f"{rule:32} {t:7} {r:7} {100.0 * r / t:6.1f}% {len(found) - in_stopped:6} {in_stopped:6}")
    rate = 100.0 * all_ours / all_theirs if all_theirs else 100.0
    print(f"{'all mapped rules':32} {all_theirs:7} {all_ours:7} {rate:6.1f}%")
    other_extras = {a: fs for a, fs in extras.items() if a not in mapped}
    if other_extras:
        print("\nlintkit findings under ansible-lint aliases that ansible-lint did not report at all:")
        for a, fs in sorted(other_extras.items()):
            print(f"  {a:32} {len(fs):5}")
    if unmapped:
        print("\nansible-lint rules with no lintkit equivalent:")
        for rule, n in unmapped.most_common():
            print(f"  {rule:32} {n:5}")
    print(
        f"\ntime: ansible-lint {timing['wall']:.1f} s wall, {timing['cpu']:.1f} s CPU over "
        f"{timing['projects']} project runs (cached); lintkit {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"(one run); wall ratio {timing['wall'] / wall:.0f}x"
    )
    wanted = (lambda r: covers(args.rule, r)) if args.rule else (lambda r: True)
    if args.show_missed:
        print("\nmissed (ansible-lint found, lintkit did not):")
        for rule in sorted(missed):
            if wanted(rule):
                for path, _, line, message in missed[rule]:
                    print(f"  {rule:28} {path}:{line}  {message[:110]}")
    if args.show_extra:
        print("\nextra (lintkit found, ansible-lint did not):")
        for alias in sorted(extras):
            if wanted(alias):
                for f in extras[alias]:
                    mark = "*" if f["path"] in stopped else " "
                    print(f" {mark}{alias:28} {f['path']}:{f['line']}:{f['column']}  {f['message'][:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
