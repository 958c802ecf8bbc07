"""GitHub Actions workflows (``.github/workflows/*.yml``) and action metadata
(``action.yml``): triggers, permissions, jobs and steps."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator

from .. import project
from ..model import ParseError, Span
from ..source import SourceFile
from ..yamlmodel import YamlDocument, YMap, YSeq, positioned_like, scalar_offsets


def sniff(path: str, documents: list[YamlDocument]) -> bool:
    if len(documents) != 1 or not isinstance(documents[0].root, YMap):
        return False
    root = documents[0].root
    # YAML 1.1 reads an unquoted `on` key as the boolean true.
    return isinstance(root.get("jobs"), YMap) and ("on" in root or True in root)


@dataclass(eq=False)
class Step:
    node: YMap
    job: Job
    index: int

    @property
    def uses(self) -> str | None:
        value = self.node.get("uses")
        return value if isinstance(value, str) else None

    @property
    def run(self) -> str | None:
        value = self.node.get("run")
        return value if isinstance(value, str) else None

    @property
    def span(self) -> Span:
        return self.node.span


@dataclass(eq=False)
class Job:
    id: str
    node: YMap
    jobs: YMap

    @cached_property
    def steps(self) -> list[Step]:
        steps = self.node.get("steps")
        if not isinstance(steps, YSeq):
            return []
        return [Step(s, self, i) for i, s in enumerate(steps) if isinstance(s, YMap)]

    @property
    def span(self) -> Span:
        return self.node.span

    def id_span(self) -> Span:
        return self.jobs.key_span(self.id)

    @property
    def is_reusable_call(self) -> bool:
        """``uses: owner/repo/.github/workflows/x.yml@ref``: the job runs another workflow."""
        return isinstance(self.node.get("uses"), str)

    @property
    def needs(self) -> list[tuple[str, Span]]:
        """The job ids in ``needs:`` with where each is written."""
        needs = self.node.get("needs")
        if isinstance(needs, str):
            return [(needs, self.node.value_span("needs"))]
        if isinstance(needs, YSeq):
            return [(n, needs.item_span(i)) for i, n in enumerate(needs) if isinstance(n, str)]
        return []

    @property
    def runs_on_windows(self) -> bool:
        """All the job's literal runner labels say Windows (the default shell is pwsh)."""
        runs_on = self.node.get("runs-on")
        if isinstance(runs_on, YMap):
            runs_on = runs_on.get("labels")
        labels = [runs_on] if isinstance(runs_on, str) else list(runs_on) if isinstance(runs_on, YSeq) else []
        return any(isinstance(label, str) and label.lower().startswith("windows") for label in labels)


@dataclass(eq=False)
class Workflow:
    source: SourceFile
    documents: list[YamlDocument]
    root: YMap
    #: True for action metadata (action.yml) rather than a workflow.
    is_action: bool
    _scripts: dict = field(default_factory=dict, repr=False)

    @property
    def on_key(self) -> Any:
        """The trigger key as loaded (``"on"``, or ``True`` when written unquoted)."""
        return "on" if "on" in self.root else (True if True in self.root else None)

    @cached_property
    def triggers(self) -> dict[str, Any]:
        """Event name -> its configuration (None when given without one)."""
        on = self.root.get(self.on_key) if self.on_key is not None else None
        if isinstance(on, str):
            return {on: None}
        if isinstance(on, YSeq):
            return {e: None for e in on if isinstance(e, str)}
        if isinstance(on, YMap):
            return {k: v for k, v in on.items() if isinstance(k, str)}
        return {}

    @cached_property
    def jobs(self) -> list[Job]:
        jobs = self.root.get("jobs")
        if not isinstance(jobs, YMap):
            return []
        return [Job(k, v, jobs) for k, v in jobs.items() if isinstance(k, str) and isinstance(v, YMap)]

    @cached_property
    def steps(self) -> list[Step]:
        """Every step: of all jobs, or of a composite action's ``runs.steps``."""
        if self.is_action:
            runs = self.root.get("runs")
            steps = runs.get("steps") if isinstance(runs, YMap) else None
            if not isinstance(steps, YSeq):
                return []
            holder = Job("(action)", runs, self.root)
            return [Step(s, holder, i) for i, s in enumerate(steps) if isinstance(s, YMap)]
        return [step for job in self.jobs for step in job.steps]

    def file_references(self) -> Iterator[project.Reference]:
        """Local actions and reusable workflows (``uses: ./path``), for the engine's
        containment check: GitHub resolves them from the repository's root, and one that
        climbs out of it is outside the project."""
        nodes = [job.node for job in self.jobs] + [step.node for step in self.steps]
        root = project.current().root
        for node in nodes:
            uses = node.get("uses")
            if isinstance(uses, str) and uses.startswith("./") and "${{" not in uses:
                path = os.path.join(root, uses[2:].split("@", 1)[0])
                yield project.Reference(node.value_span("uses"), f"uses {uses!r}", (path,), None)

    def suppression_scopes(self) -> list[Span]:
        """Top-level blocks (``on:``, ``permissions:``...), jobs from their id, and steps:
        a comment anywhere in one of them (``# zizmor: ignore[...]`` inside ``on:``, or at
        the end of the ``on:`` line) covers it, as zizmor reads its comments."""
        top = [self.root.entry_span(key) for key in self.root]
        jobs = [job.jobs.entry_span(job.id) for job in self.jobs]
        return top + jobs + [step.span for step in self.steps]

    @cached_property
    def github_reading(self) -> YMap:
        """The top level as GitHub reads it (YAML 1.2 core types), for the schema: the
        unquoted ``on`` key and values such as ``yes``/``off`` are strings, not booleans;
        ``1_000`` and ``1:30`` are strings, not numbers; keys that are not strings are
        their source text. Positions are those of the loaded tree."""
        return _github_reading(self.source, self.root)

    def env_of(self, step: Step) -> dict[str, Any]:
        """The ``env:`` entries a step sees: the workflow's, the job's and its own, the
        nearest winning; a composite action's step sees only its own."""
        holders = [step.node] if self.is_action else [self.root, step.job.node, step.node]
        env: dict[str, Any] = {}
        for holder in holders:
            block = holder.get("env")
            if isinstance(block, YMap):
                env.update((name, value) for name, value in block.items() if isinstance(name, str))
        return env

    def shell_of(self, step: Step) -> str | None:
        """The shell ``run:`` is given to: the step's ``shell:``, else the job's and the
        workflow's ``defaults.run.shell``, else the runner's default (pwsh on Windows,
        bash elsewhere). None when it is an expression or unknown (composite actions
        must say it)."""
        holders = [step.node] if self.is_action else [step.node, _run_defaults(step.job.node), _run_defaults(self.root)]
        for holder in holders:
            shell = holder.get("shell") if isinstance(holder, YMap) else None
            if shell is not None:
                return shell if isinstance(shell, str) and "${{" not in shell else None
        if self.is_action:
            return None
        return "pwsh" if step.job.runs_on_windows else "bash"

    def run_script(self, step: Step, *, any_shell: bool = False):
        """The step's ``run:`` parsed as shell (:class:`lintkit.shell.Script`), parsed once
        for all the rules that ask; None when there is no ``run:`` string or its shell is
        not a POSIX shell (bash, sh, or a custom ``bash -e {0}`` command line).

        ``any_shell`` parses PowerShell and cmd scripts too, for rules that only look at
        simple command lines (``echo ...``), which read the same in those shells.

        GitHub replaces each ``${{ }}`` before the shell runs; the parser sees it as a
        variable of the same length (``$_E0_____``), which keeps positions exact and makes
        the word non-literal; :func:`expressions_in` maps such a word back to them."""
        run = step.node.get("run")
        if not isinstance(run, str):
            return None
        shell = self.shell_of(step)
        if not (is_posix_shell(shell) or (any_shell and shell_program(shell) in _PRINTING_SHELLS)):
            return None
        key = id(step.node)
        if key not in self._scripts:
            from ..expressions import find_expressions
            from ..shell import parse_script

            expressions = find_expressions(run)
            self._scripts[key] = (parse_script(_masked(run, expressions), text_offsets(self, step.node, "run")), expressions)
        return self._scripts[key][0]

    def expressions_in(self, step: Step, word) -> list:
        """The ``${{ }}`` expressions (:class:`lintkit.expressions.Expression`) written in
        a word of the step's parsed ``run:`` script."""
        parsed = self._scripts.get(id(step.node))
        if parsed is None or EXPRESSION_MARK not in word.text:
            return []
        expressions = parsed[1]
        found = []
        for match in _MARK_PATTERN.finditer(word.text):
            index = int(match.group(1))
            if index < len(expressions):
                found.append(expressions[index])
        return found

    @cached_property
    def expression_sites(self) -> list[ExpressionSite]:
        """Every value GitHub evaluates expressions in and that holds one (every ``if:``
        counts: it is an expression even without ``${{ }}``)."""
        return list(_expression_sites(self))


@dataclass(frozen=True, eq=False)
class ExpressionSite:
    """A string value GitHub evaluates: where it is (``key`` is the workflow key of
    GitHub's context-availability table, e.g. ``jobs.<job_id>.steps.run``), its text,
    and the job and step it belongs to."""

    key: str
    holder: YMap | YSeq
    index: Any
    text: str
    job: Job | None = None
    step: Step | None = None
    #: An ``if:``: without ``${{ }}`` the whole text is one expression.
    condition: bool = False

    def span(self) -> Span:
        return self.holder.value_span(self.index) if isinstance(self.holder, YMap) else self.holder.item_span(self.index)

    @cached_property
    def parsed(self) -> list[tuple[Any, Any]]:
        """``(tree, None)`` or ``(None, error)`` for each expression of the text, parsed
        once for every rule (:mod:`lintkit.expressions` nodes and errors; offsets are in
        ``text``). A ``${{`` that is never closed is an error too."""
        from ..expressions import Expression, ExpressionError, find_expressions, parse

        text = self.text
        if self.condition and "${{" not in text:
            expressions = [Expression(0, len(text), text, 0)]
        else:
            expressions = find_expressions(text)
        results: list[tuple[Any, Any]] = []
        for expression in expressions:
            try:
                results.append((parse(expression.inner, expression.inner_start), None))
            except ExpressionError as error:
                results.append((None, error))
        last = expressions[-1].end if expressions else 0
        unclosed = text.find("${{", last)
        if unclosed != -1:
            results.append((None, ExpressionError("`${{` is never closed with `}}`", unclosed)))
        return results


POSIX_SHELLS = frozenset(("bash", "sh"))
#: Other shells whose simple command lines (``echo "..."``) the shell parser reads as well.
_PRINTING_SHELLS = frozenset(("pwsh", "powershell", "cmd"))
#: What a ``${{ }}`` looks like to the shell parser: a variable named after its index.
EXPRESSION_MARK = "$_E"
_MARK_PATTERN = re.compile(r"\$_E(\d+)_")


def _masked(text: str, expressions: list) -> str:
    """``text`` with each expression replaced by a same-length variable reference
    (``$_E<index>_...``); an expression too short to hold its index becomes ``$_____``."""
    if not expressions:
        return text
    parts = []
    last = 0
    for index, expression in enumerate(expressions):
        length = expression.end - expression.start
        mark = f"{EXPRESSION_MARK}{index}_"
        parts.append(text[last : expression.start])
        parts.append(mark.ljust(length, "_") if len(mark) <= length else "$".ljust(length, "_"))
        last = expression.end
    parts.append(text[last:])
    return "".join(parts)


def shell_program(shell: str | None) -> str | None:
    """The program of a ``shell:`` value (``bash`` for ``/bin/bash -eo pipefail {0}``)."""
    words = shell.split() if shell else []
    return words[0].rsplit("/", 1)[-1] if words else None


def is_posix_shell(shell: str | None) -> bool:
    """``bash``, ``sh`` and custom command lines running them (``bash -eo pipefail {0}``)."""
    return shell_program(shell) in POSIX_SHELLS


#: Redirections that send a command's standard output to a file.
_STDOUT_REDIRECTS = frozenset((">", ">>", "1>", "1>>", ">|", "&>", "&>>"))


def prints_to_log(command) -> bool:
    """The command's standard output reaches the runner (the job log, and the workflow
    commands it reads there): not redirected to a file, not piped to another command."""
    if any(r.operator in _STDOUT_REDIRECTS for r in command.redirects):
        return False
    return not command.in_pipeline or command.pipeline_index == len(command.pipeline) - 1


def _run_defaults(holder: YMap) -> YMap | None:
    defaults = holder.get("defaults")
    run = defaults.get("run") if isinstance(defaults, YMap) else None
    return run if isinstance(run, YMap) else None


def parse(source: SourceFile, documents: list[YamlDocument]) -> Workflow:
    is_action = posixpath.basename(source.path.replace("\\", "/")).lower() in ("action.yml", "action.yaml")
    if documents and isinstance(documents[0].root, (YSeq, str, int, float)):  # not empty, not a mapping
        what = "an action" if is_action else "a workflow"
        raise ParseError(
            f"{what} is a mapping of top-level keys ({'name:, runs:' if is_action else 'on:, jobs:'}), "
            f"and this is {'a list' if isinstance(documents[0].root, YSeq) else 'a scalar'}",
            Span.point(documents[0].span.line, documents[0].span.column),
        )
    root = documents[0].root if documents and isinstance(documents[0].root, YMap) else YMap()
    return Workflow(source, documents, root, is_action)


# --- texts with positions -------------------------------------------------------------


def text_offsets(workflow: Workflow, holder: YMap | YSeq, key: Any):
    """Offset map of the string value ``holder[key]`` (a mapping value or a sequence
    item) into the file."""
    span = holder.value_span(key) if isinstance(holder, YMap) else holder.item_span(key)
    return scalar_offsets(workflow.source, span, holder[key])


def step_scripts(workflow: Workflow) -> list[tuple[Step, YMap, str]]:
    """(step, holder, key) of every script a step runs: ``run:``, and the ``script``
    input of actions/github-script."""
    found = []
    for step in workflow.steps:
        if isinstance(step.node.get("run"), str):
            found.append((step, step.node, "run"))
        uses = step.uses or ""
        with_ = step.node.get("with")
        if uses.lower().startswith("actions/github-script@") and isinstance(with_, YMap) and isinstance(with_.get("script"), str):
            found.append((step, with_, "script"))
    return found


def static_env_names(workflow: Workflow, step: Step) -> set[str]:
    """Names of the env variables ``step`` sees set to a constant (no expression)."""
    return {name for name, value in workflow.env_of(step).items() if not (isinstance(value, str) and "${{" in value)}


# --- YAML as GitHub reads it ---------------------------------------------------------

#: Spellings YAML 1.2's core schema reads as booleans (YAML 1.1 adds yes/no/on/off).
_CORE_BOOLEANS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))


def _github_reading(source: SourceFile, node: Any) -> Any:
    """``node`` with YAML 1.1-only readings undone; containers are copied only where
    something changed."""
    if isinstance(node, YMap):
        changed: list | None = None
        for position, (key, value) in enumerate(node.items()):
            new_key = key if isinstance(key, str) else source.text_of(node.key_span(key))
            if isinstance(value, (YMap, YSeq)):
                new_value = _github_reading(source, value)
            elif isinstance(value, (bool, int, float)):
                new_value = _github_scalar(source, value, node.value_span(key))
            else:
                new_value = value
            if changed is None and (new_key is not key or new_value is not value):
                changed = [(k, k, v) for k, v in list(node.items())[:position]]
            if changed is not None:
                changed.append((new_key, key, new_value))
        if changed is None:
            return node
        copy = YMap((new_key, value) for new_key, _old, value in changed)
        copy.start, copy.end, copy.tag = node.start, node.end, node.tag
        copy._pos = {new_key: node._pos[old] for new_key, old, _value in changed}
        return copy
    if isinstance(node, YSeq):
        values = [
            _github_reading(source, item) if isinstance(item, (YMap, YSeq))
            else _github_scalar(source, item, node.item_span(i)) if isinstance(item, (bool, int, float))
            else item
            for i, item in enumerate(node)
        ]  # fmt: skip
        if all(new is old for new, old in zip(values, node)):
            return node
        return positioned_like(YSeq(values), node)
    return node


def _github_scalar(source: SourceFile, value: Any, span: Span) -> Any:
    if isinstance(value, bool):
        text = source.text_of(span)
        return value if text in _CORE_BOOLEANS or text.startswith("!") else text
    if isinstance(value, (int, float)):
        text = source.text_of(span)
        if "_" in text or ":" in text or text.lower().startswith(("0b", "+0b", "-0b")):
            return text
    return value


# --- where expressions are evaluated ---------------------------------------------------

_STEP_KEYS = {
    "if": "jobs.<job_id>.steps.if",
    "name": "jobs.<job_id>.steps.name",
    "run": "jobs.<job_id>.steps.run",
    "env": "jobs.<job_id>.steps.env",
    "with": "jobs.<job_id>.steps.with",
    "working-directory": "jobs.<job_id>.steps.working-directory",
    "timeout-minutes": "jobs.<job_id>.steps.timeout-minutes",
    "continue-on-error": "jobs.<job_id>.steps.continue-on-error",
}
#: Job keys whose whole value (nested or not) has one availability.
_JOB_KEYS = {
    "name": "jobs.<job_id>.name",
    "runs-on": "jobs.<job_id>.runs-on",
    "concurrency": "jobs.<job_id>.concurrency",
    "continue-on-error": "jobs.<job_id>.continue-on-error",
    "timeout-minutes": "jobs.<job_id>.timeout-minutes",
    "strategy": "jobs.<job_id>.strategy",
    "env": "jobs.<job_id>.env",
    "outputs": "jobs.<job_id>.outputs.<output_id>",
    "with": "jobs.<job_id>.with.<with_id>",
    "secrets": "jobs.<job_id>.secrets.<secrets_id>",
    "defaults": "jobs.<job_id>.defaults.run",
}


def _strings(holder: YMap | YSeq, index: Any):
    """(holder, index, text) of ``holder[index]`` and of every string below it."""
    value = holder[index]
    if isinstance(value, str):
        yield holder, index, value
    elif isinstance(value, YMap):
        for key in value:
            yield from _strings(value, key)
    elif isinstance(value, YSeq):
        for position in range(len(value)):
            yield from _strings(value, position)


def _sites(key: str, holder: YMap | YSeq, index: Any, job: Job | None = None, step: Step | None = None):
    for inner_holder, inner_index, text in _strings(holder, index):
        if "${{" in text:
            yield ExpressionSite(key, inner_holder, inner_index, text, job, step)


def _condition(key: str, holder: YMap, job: Job | None, step: Step | None):
    value = holder.get("if")
    if isinstance(value, str) and value.strip():
        yield ExpressionSite(key, holder, "if", value, job, step, condition=True)


def _container_sites(job: Job, holder: YMap, name: Any, base: str, container_key: str):
    spec = holder[name]
    if not isinstance(spec, YMap):
        yield from _sites(base, holder, name, job)
        return
    for key in spec:
        if key == "credentials":
            yield from _sites(f"{container_key}.credentials", spec, key, job)
        elif key == "env":
            yield from _sites(f"{container_key}.env.<env_id>", spec, key, job)
        else:
            yield from _sites(f"{base}.image" if key == "image" and base.endswith("container") else base, spec, key, job)


def _step_sites(steps: list[Step]):
    for step in steps:
        yield from _condition(_STEP_KEYS["if"], step.node, step.job, step)
        for key, where in _STEP_KEYS.items():
            if key != "if" and key in step.node:
                yield from _sites(where, step.node, key, step.job, step)


def _expression_sites(workflow: Workflow):
    root = workflow.root
    if workflow.is_action:
        yield from _step_sites(workflow.steps)
        outputs = root.get("outputs")
        if isinstance(outputs, YMap):
            yield from _sites("outputs.<output_id>.value", root, "outputs")
        return
    for key in ("run-name", "concurrency", "env"):
        if key in root:
            yield from _sites(key, root, key)
    call = workflow.triggers.get("workflow_call")
    if isinstance(call, YMap):
        for section, where in (("inputs", "on.workflow_call.inputs.<inputs_id>.default"), ("outputs", "on.workflow_call.outputs.<output_id>.value")):
            entries = call.get(section)
            if isinstance(entries, YMap):
                for spec in entries.values():
                    field_name = "default" if section == "inputs" else "value"
                    if isinstance(spec, YMap) and field_name in spec:
                        yield from _sites(where, spec, field_name)
    for job in workflow.jobs:
        node = job.node
        yield from _condition("jobs.<job_id>.if", node, job, None)
        for key, where in _JOB_KEYS.items():
            if key in node:
                yield from _sites(where, node, key, job)
        if "container" in node:
            yield from _container_sites(job, node, "container", "jobs.<job_id>.container", "jobs.<job_id>.container")
        services = node.get("services")
        if isinstance(services, YMap):
            for name in services:
                yield from _container_sites(job, services, name, "jobs.<job_id>.services", "jobs.<job_id>.services.<service_id>")
        environment = node.get("environment")
        if isinstance(environment, YMap):
            for key in environment:
                yield from _sites("jobs.<job_id>.environment.url" if key == "url" else "jobs.<job_id>.environment", environment, key, job)
        elif environment is not None:
            yield from _sites("jobs.<job_id>.environment", node, "environment", job)
        yield from _step_sites(job.steps)
