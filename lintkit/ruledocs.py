"""One documentation page per rule, generated from its metadata, as ruff has them.

``docs/rules/<ID>.md`` has fixed sections: what the rule does (its summary), why it
matters (its rationale), an example with where the finding lands (found by linting the
documented bad example), what to write instead (the good example), its options, and
references: the rule's own, the page of each tool whose check it reproduces (from its
aliases), and the reference documentation of its kind. ``docs/rules/README.md`` is the
index by kind. ``scripts/generate_rule_docs.py`` writes the pages and a test fails when
the checked-in ones are stale; SARIF's ``helpUri`` and the language server's
``codeDescription`` link to them (:func:`rule_url`).
"""

from __future__ import annotations

import re
from typing import Iterable

from .model import KINDS, Rule

#: Where the generated pages are published: the repository's ``docs/rules/`` folder.
DOCS_BASE_URL = "https://github.com/lintkit/lintkit/blob/main/docs/rules/"

#: The reference documentation of each kind, linked from every rule of that kind.
KIND_REFERENCES = {
    "dockerfile": ("Dockerfile reference", "https://docs.docker.com/reference/dockerfile/"),
    "compose": ("Compose file reference", "https://docs.docker.com/reference/compose-file/"),
    "kubernetes": ("Kubernetes API reference", "https://kubernetes.io/docs/reference/kubernetes-api/"),
    "ansible": ("Ansible playbook guide", "https://docs.ansible.com/ansible/latest/playbook_guide/index.html"),
    "gitlab-ci": ("GitLab CI/CD YAML syntax reference", "https://docs.gitlab.com/ci/yaml/"),
    "github-actions": (
        "Workflow syntax for GitHub Actions",
        "https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax",
    ),
}

KIND_TITLES = {
    "dockerfile": "Dockerfile",
    "compose": "docker-compose",
    "kubernetes": "Kubernetes",
    "ansible": "Ansible",
    "gitlab-ci": "GitLab CI",
    "github-actions": "GitHub Actions",
    None: "Every kind (engine rules)",
}

FENCE_LANGUAGE = {"dockerfile": "dockerfile"}

_HADOLINT = re.compile(r"DL\d{4}")
_SHELLCHECK = re.compile(r"SC\d{4}")


def rule_url(rule_id: str) -> str:
    """The published page of a rule."""
    return f"{DOCS_BASE_URL}{rule_id}.md"


def alias_reference(alias: str) -> tuple[str, str] | None:
    """(title, URL) of the page of the tool check an alias names, for the tools whose
    checks have one page each; None for the others (Checkov, Trivy, Polaris... publish
    indexes rather than stable per-check pages)."""
    if _HADOLINT.fullmatch(alias):
        return f"hadolint {alias}", f"https://github.com/hadolint/hadolint/wiki/{alias}"
    if _SHELLCHECK.fullmatch(alias):
        return f"ShellCheck {alias}", f"https://www.shellcheck.net/wiki/{alias}"
    tool, _, check = alias.partition(":")
    check = check.split("[")[0]
    if not check:
        return None
    if tool == "ansible-lint":
        return f"ansible-lint {check}", f"https://ansible.readthedocs.io/projects/lint/rules/{check}/"
    if tool == "kube-linter":
        return f"kube-linter {check}", f"https://docs.kubelinter.io/#/generated/checks?id={check}"
    if tool == "zizmor":
        return f"zizmor {check}", f"https://docs.zizmor.sh/audits/#{check}"
    if tool == "dclint":
        return (
            f"dclint {check}",
            f"https://github.com/zavoloklom/docker-compose-linter/blob/main/docs/rules/{check}-rule.md",
        )
    if tool == "buildkit":
        slug = _kebab(check)
        return f"Docker build check {check}", f"https://docs.docker.com/reference/build-checks/{slug}/"
    if tool == "actionlint":
        return f"actionlint {check}", "https://github.com/rhysd/actionlint/blob/main/docs/checks.md"
    return None


def _kebab(camel: str) -> str:
    """``JSONArgsRecommended`` -> ``json-args-recommended``: a word starts at a capital
    that follows a small letter, or that a small letter follows after capitals."""
    out = []
    for i, ch in enumerate(camel):
        after_small = i > 0 and camel[i - 1].islower()
        ends_capitals = i > 0 and camel[i - 1].isupper() and i + 1 < len(camel) and camel[i + 1].islower()
        if ch.isupper() and (after_small or ends_capitals):
            out.append("-")
        out.append(ch.lower())
    return "".join(out)


def references(rule: Rule) -> list[tuple[str, str]]:
    """The rule's references, most specific first, without repeats."""
    found: list[tuple[str, str]] = [(url, url) for url in rule.references]
    found += filter(None, map(alias_reference, rule.aliases))
    if rule.kind in KIND_REFERENCES:
        found.append(KIND_REFERENCES[rule.kind])
    seen: set[str] = set()
    unique = []
    for title, url in found:
        if url not in seen:
            seen.add(url)
            unique.append((title, url))
    return unique


def _fence(text: str, language: str) -> list[str]:
    # An example of undecodable input holds lone surrogates (lintkit.testing writes them as
    # the raw bytes): the page shows such a byte as \xNN.
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    ticks = "````" if "```" in text else "```"
    return [f"{ticks}{language}", text.rstrip("\n"), ticks]


def _fix_label(rule: Rule) -> str:
    """``safe``/``unsafe`` (applied by --fix / only with --unsafe-fixes), or ``no``."""
    return rule.fix or ("yes" if rule.fixable else "no")


def page(rule: Rule, landings: list[list[tuple[int, int, str]]]) -> str:
    """The Markdown page of one rule; ``landings[i]`` lists (line, column, message) of the
    findings the rule gives on its ``i``-th bad example."""
    aliases = ", ".join(f"`{a}`" for a in rule.aliases) or "none"
    out = [
        f"# {rule.id} {rule.name}",
        "",
        "<!-- Generated by scripts/generate_rule_docs.py from the rule's metadata; do not edit. -->",
        "",
        "| | |",
        "|---|---|",
        f"| Kind | {rule.kind or 'every kind'} |",
        f"| Severity | {rule.severity.value} |",
        f"| On by default | {'yes' if rule.enabled else 'no (select it by id, name or alias, or ALL)'} |",
        f"| Fixable | {_fix_label(rule)} |",
        f"| Tags | {', '.join(rule.tags) or 'none'} |",
        f"| Aliases | {aliases} |",
        "",
        "## What it does",
        "",
        rule.summary,
        "",
        "## Why it matters",
        "",
        rule.rationale,
    ]
    language = FENCE_LANGUAGE.get(rule.kind or "", "yaml")
    for index, example in enumerate(rule.examples):
        suffix = f" {index + 1}" if len(rule.examples) > 1 else ""
        name = f" (`{example.filename}`)" if example.filename else ""
        out += ["", f"## Example{suffix}", ""]
        if example.options:
            options = ", ".join(f"`{k}: {v!r}`" for k, v in example.options)
            out += [f"With the options {options}:", ""]
        out += [f"This{name} is reported:", "", *_fence(example.bad, language), ""]
        for line, column, message in landings[index]:
            out.append(f"- line {line}, column {column}: {message}")
        for extra_name, extra_text in example.files:
            out += ["", f"beside `{extra_name}`:", "", *_fence(extra_text, "")]
        out += ["", "What to write instead:", "", *_fence(example.good, language)]
    properties = rule.options.get("properties", {})
    if properties:
        out += ["", "## Options", "", "| option | default | description |", "|---|---|---|"]
        for key, spec in properties.items():
            description = spec.get("description", "").replace("|", "\\|").replace("\n", " ")
            out.append(f"| `{key}` | `{spec.get('default')!r}` | {description} |")
    refs = references(rule)
    if refs:
        out += ["", "## References", ""]
        out += [f"- [{title}]({url})" for title, url in refs]
    return "\n".join(out) + "\n"


def index(rules: Iterable[Rule]) -> str:
    """``docs/rules/README.md``: every rule by kind, with a link to its page."""
    by_kind: dict[str | None, list[Rule]] = {}
    for r in rules:
        by_kind.setdefault(r.kind, []).append(r)
    out = [
        "# Rules",
        "",
        "<!-- Generated by scripts/generate_rule_docs.py from the rules' metadata; do not edit. -->",
        "",
        "One page per rule: what it does, why it matters, an example with where the finding",
        "lands, what to write instead, options and references. `lintkit explain ID` prints",
        "the same from the installed version.",
    ]
    for kind in (None, *KINDS):
        listed = by_kind.get(kind)
        if not listed:
            continue
        out += ["", f"## {KIND_TITLES[kind]}", "", "| id | name | severity | default | fixable | summary |",
                "|---|---|---|---|---|---|"]
        for r in sorted(listed, key=lambda r: r.id):
            summary = r.summary.replace("|", "\\|")
            out.append(
                f"| [{r.id}]({r.id}.md) | {r.name} | {r.severity.value} | {'on' if r.enabled else 'off'} "
                f"| {_fix_label(r)} | {summary} |"
            )
    return "\n".join(out) + "\n"


def generate(rules: Iterable[Rule]) -> dict[str, str]:
    """File name (relative to ``docs/rules/``) -> content, for every rule and the index."""
    from .testing import lint_example

    rules = list(rules)
    pages = {"README.md": index(rules)}
    for r in rules:
        landings = [
            [(f.line, f.column, f.message) for f in lint_example(r, example, "bad")] for example in r.examples
        ]
        pages[f"{r.id}.md"] = page(r, landings)
    return pages
