"""GitHub Actions workflows (``.github/workflows/*.yml``) and action metadata
(``action.yml``): triggers, permissions, jobs and steps."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from ..model import Span
from ..source import SourceFile
from ..yamlmodel import YamlDocument, YMap, YSeq, scalar_offsets


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

    @property
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


@dataclass(eq=False)
class Workflow:
    source: SourceFile
    documents: list[YamlDocument]
    root: YMap
    #: True for action metadata (action.yml) rather than a workflow.
    is_action: bool

    @property
    def on_key(self) -> Any:
        """The trigger key as loaded (``"on"``, or ``True`` when written unquoted)."""
        return "on" if "on" in self.root else (True if True in self.root else None)

    @property
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

    @property
    def jobs(self) -> list[Job]:
        jobs = self.root.get("jobs")
        if not isinstance(jobs, YMap):
            return []
        return [Job(k, v, jobs) for k, v in jobs.items() if isinstance(k, str) and isinstance(v, YMap)]

    @property
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

    def suppression_scopes(self) -> list[Span]:
        return [j.span for j in self.jobs] + [s.span for s in self.steps]


def parse(source: SourceFile, documents: list[YamlDocument]) -> Workflow:
    root = documents[0].root if documents and isinstance(documents[0].root, YMap) else YMap()
    is_action = posixpath.basename(source.path.replace("\\", "/")).lower() in ("action.yml", "action.yaml")
    return Workflow(source, documents, root, is_action)


# --- texts with positions -------------------------------------------------------------


def text_offsets(workflow: Workflow, holder: YMap, key: Any):
    """Offset map of the string value ``holder[key]`` into the file."""
    return scalar_offsets(workflow.source, holder.value_span(key), holder[key])


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
    """Names of env variables set to a constant (no expression) at workflow, job or
    step level, as seen by ``step``."""
    names = set()
    for holder in (workflow.root, step.job.node, step.node):
        env = holder.get("env") if isinstance(holder, YMap) else None
        if isinstance(env, YMap):
            for name, value in env.items():
                if isinstance(name, str) and not (isinstance(value, str) and "${{" in value):
                    names.add(name)
    return names
