"""The pipeline GitLab creates from an entry file and its local includes.

GitLab checks names (stages, ``needs:``, ``dependencies:``, ``extends:``,
``!reference``) only on the whole pipeline: the entry ``.gitlab-ci.yml`` merged with every
file it includes. These rules are therefore project rules: ``collect`` extracts the
picklable facts of one file (:class:`FileFacts`), and :func:`pipelines` (the ``combine``
of :data:`FACTS`: the engine runs it once and gives each rule its result) assembles the
pipelines of the run — each entry file with its local includes resolved against the other
collected files (or read from disk when they were not linted). A pipeline that includes
something lintkit cannot see (another project, a remote URL, a GitLab template, a
component) is *incomplete*: names it does not define may come from there, so the
"unknown name" rules stay silent on it rather than guess.

Files that are not entry points and are included by none of them (templates, fragments)
are checked on their own, with the same caution: only what the file says about itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterator

from lintkit import project as lintkit_project
from lintkit import workspace
from lintkit.model import Facts, Span
from lintkit.parsers.gitlab_ci import (
    DEFAULT_STAGES,
    MAX_EXTENDS_DEPTH,
    GitLabPipeline,
    declared_stage,
    is_entry_point,
    is_reference,
    local_include_paths,
)
from lintkit.yamlmodel import YMap, YSeq


@dataclass
class NameRef:
    """A job name written somewhere (``needs: [build]``), and where."""

    name: str
    span: Span
    optional: bool = False
    #: ``needs: - job: x  parallel: matrix:``: only some ``parallel:`` instances of the job.
    subset: bool = False


@dataclass
class JobFacts:
    name: str
    path: str
    name_span: Span
    hidden: bool
    #: Keys the job sets itself (before extends), with the spans of their values.
    keys: dict[str, Span] = field(default_factory=dict)
    stage: str | None = None
    extends: list[NameRef] = field(default_factory=list)
    needs: list[NameRef] | None = None
    dependencies: list[NameRef] | None = None
    #: Raw values of a few scalar keywords (when, allow_failure, trigger presence...).
    values: dict[str, Any] = field(default_factory=dict)
    #: (span of a rules item's `when: manual`, its allow_failure or None)
    manual_rules: list[tuple[Span, Any]] = field(default_factory=list)
    #: Characters ``parallel:`` adds to the job's name in its longest instance
    #: (`` 5/5``, ``: [linux, amd64]``); None without ``parallel:`` or when unknowable.
    parallel_suffix: int | None = None
    #: ``environment:`` as written: ("map" or "str", {subkey: (value, span, path)});
    #: ("unknown", {}) for what this file cannot read (a ``!reference``).
    environment: tuple[str, dict[str, tuple[Any, Span, str]]] | None = None


@dataclass
class IncludeFacts:
    kind: str
    location: str | None
    span: Span


@dataclass
class FileFacts:
    path: str
    entry: bool
    stages: list[str] | None
    stages_span: Span | None
    jobs: dict[str, JobFacts]
    includes: list[IncludeFacts]
    #: (reference path, span) of ``!reference`` tags this file cannot resolve itself.
    references: list[tuple[list, Span]]
    #: The file opens with a ``spec:`` header: a component or template taking inputs.
    has_spec: bool = False


def collect(pipeline: GitLabPipeline, ctx=None) -> FileFacts:
    """Facts of one file."""
    root = pipeline.root
    jobs: dict[str, JobFacts] = {}
    for job in pipeline.jobs:
        node = job.node
        facts = JobFacts(job.name, pipeline.source.path, job.name_span(), job.hidden)
        facts.keys = {k: node.value_span(k) for k in node if isinstance(k, str)}
        stage = declared_stage(node)
        facts.stage = stage if isinstance(stage, str) else None
        facts.extends = _names(node, "extends")
        if "needs" in node:
            facts.needs = _needs(node)
        if "dependencies" in node:
            facts.dependencies = _names(node, "dependencies")
        for key in ("when", "allow_failure"):
            value = node.get(key)
            if isinstance(value, (str, bool)):
                facts.values[key] = value
        rules = node.get("rules")
        if isinstance(rules, YSeq):
            for item in rules:
                if isinstance(item, YMap) and item.get("when") == "manual":
                    facts.manual_rules.append((item.value_span("when"), item.get("allow_failure")))
        if "parallel" in node:
            facts.parallel_suffix = _parallel_suffix(node.get("parallel"))
        if "environment" in node:
            facts.environment = _environment(node, pipeline.source.path)
        jobs[job.name] = facts
    stages_key = pipeline.stages_key
    stages = root.get(stages_key)
    declared = None
    if isinstance(stages, YSeq):
        declared = [s for s in stages if isinstance(s, str)]
    includes = [IncludeFacts(i.kind, i.location, i.span) for i in pipeline.includes]
    return FileFacts(
        path=pipeline.source.path,
        entry=is_entry_point(pipeline.source.path),
        stages=declared,
        stages_span=root.value_span(stages_key) if stages_key in root else None,
        jobs=jobs,
        includes=includes,
        references=pipeline.unresolved_references,
        has_spec=any(isinstance(d.root, YMap) and "spec" in d.root for d in pipeline.documents),
    )


def _names(node: YMap, key: str) -> list[NameRef]:
    value = node.get(key)
    if isinstance(value, str):
        return [NameRef(value, node.value_span(key))]
    if isinstance(value, YSeq) and not is_reference(value):
        return [NameRef(v, value.item_span(i)) for i, v in enumerate(value) if isinstance(v, str)]
    return []


def _parallel_suffix(value: Any) -> int | None:
    """Length of what GitLab appends to a job's name for its longest ``parallel:``
    instance: `` N/N`` for a count, ``: [v1, v2]`` for a matrix row."""
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f" {value}/{value}")
    matrix = value.get("matrix") if isinstance(value, YMap) else None
    if not isinstance(matrix, YSeq) or is_reference(matrix):
        return None
    longest = None
    for row in matrix:
        if not isinstance(row, YMap) or not row:
            return None
        widths = []
        for item in row.values():
            values = item if isinstance(item, YSeq) else [item]
            if is_reference(values) or not values or any(isinstance(v, (YMap, YSeq)) for v in values):
                return None
            widths.append(max(len(str(v)) for v in values))
        width = len(": []") + sum(widths) + len(", ") * (len(widths) - 1)
        longest = width if longest is None else max(longest, width)
    return longest


def _environment(node: YMap, path: str) -> tuple[str, dict[str, tuple[Any, Span, str]]]:
    value = node.get("environment")
    if isinstance(value, str):
        return "str", {"name": (value, node.value_span("environment"), path)}
    if isinstance(value, YMap) and not is_reference(value):
        keys = {}
        for key, item in value.items():
            if is_reference(item):
                return "unknown", {}
            keys[key] = (item, value.value_span(key), path)
        return "map", keys
    return "unknown", {}


def _needs(node: YMap) -> list[NameRef]:
    value = node.get("needs")
    if not isinstance(value, YSeq) or is_reference(value):
        return []
    refs = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            refs.append(NameRef(item, value.item_span(index)))
        elif isinstance(item, YMap) and isinstance(item.get("job"), str):
            if "project" in item or "pipeline" in item:
                continue  # a job of another project or pipeline
            refs.append(NameRef(item["job"], item.value_span("job"), item.get("optional") is True, "parallel" in item))
    return refs


# --- assembly ------------------------------------------------------------------------


@dataclass
class Pipeline:
    """An entry file (or a standalone fragment) with what it includes, merged."""

    root: FileFacts
    files: list[FileFacts]
    #: False when names may come from includes lintkit cannot read.
    complete: bool
    jobs: dict[str, JobFacts]
    stages: list[str]
    #: (include, message) for local includes that do not resolve to a file.
    missing_includes: list[tuple[str, IncludeFacts, str]] = field(default_factory=list)

    @property
    def visible_jobs(self) -> list[JobFacts]:
        """The jobs GitLab runs (not the hidden ``.templates``)."""
        return [job for job in self.jobs.values() if not job.hidden]

    def definitions(self, job: JobFacts) -> list[JobFacts]:
        """The job as each file of the pipeline defines it, the including file's first:
        GitLab merges same-named jobs key by key, the including file's keys winning."""
        found = [f.jobs[job.name] for f in self.files if f.jobs.get(job.name) is not None]
        return found if job in found else [job]

    def lineage(self, job: JobFacts, seen: tuple = ()) -> Iterator[JobFacts]:
        """The job (each of its definitions), then the templates it extends in GitLab's
        merge order (the last of ``extends:`` wins, each before what it extends itself);
        cycles and chains past GitLab's depth limit are cut."""
        definitions = self.definitions(job)
        yield from definitions
        if len(seen) >= MAX_EXTENDS_DEPTH:
            return
        extends = next((d.extends for d in definitions if d.extends), [])
        for parent in reversed(extends):
            base = self.jobs.get(parent.name)
            if base is not None and base.name not in seen and base.name != job.name:
                yield from self.lineage(base, seen + (job.name,))

    def effective(self, job: JobFacts, attribute: str) -> Any:
        """A job attribute (``stage``, ``needs``...) after ``extends:``: the job's own
        value, else the nearest template's that has one."""
        return next((value for j in self.lineage(job) if (value := getattr(j, attribute)) is not None), None)

    def effective_value(self, job: JobFacts, key: str) -> Any:
        """A keyword's value after ``extends:``; a ``null`` written nearer unsets it."""
        return next((j.values[key] for j in self.lineage(job) if key in j.values), None)

    def fully_known(self, job: JobFacts) -> bool:
        """Every template the job extends, directly or not, is a job of this pipeline, and
        neither it nor they are defined in two of its files (GitLab merges such
        definitions key by key; :attr:`jobs` keeps the including file's only)."""
        lineage = list(self.lineage(job))
        return all(ref.name in self.jobs for j in lineage for ref in j.extends) and all(
            sum(j.name in f.jobs for f in self.files) == 1 for j in lineage
        )

    def has_key(self, job: JobFacts, key: str) -> bool:
        return any(key in j.keys for j in self.lineage(job))

    def environment_of(self, job: JobFacts) -> tuple[str, dict] | None:
        """``environment:`` after ``extends:`` (a mapping merges key by key into the
        templates' mapping; a string replaces it)."""
        kind, keys = None, {}
        for j in reversed(list(self.lineage(job))):
            if j.environment is None:
                continue
            their_kind, their_keys = j.environment
            if their_kind == "map" and kind == "map":
                keys = {**keys, **their_keys}
            else:
                kind, keys = their_kind, dict(their_keys)
        return None if kind is None else (kind, keys)

    def parallel_suffix_of(self, job: JobFacts) -> int | None:
        """What ``parallel:`` (the job's or the nearest template's) adds to its name."""
        return next((j.parallel_suffix for j in self.lineage(job) if "parallel" in j.keys), None)

    def stage_of(self, job: JobFacts) -> str:
        return self.effective(job, "stage") or "test"

    def stage_index(self, job: JobFacts) -> int | None:
        stage = self.stage_of(job)
        return self.stages.index(stage) if stage in self.stages else None


def pipelines(facts_by_path: dict[str, FileFacts], ctx=None) -> list[Pipeline]:
    """The pipelines of the run: one per entry file, plus one per file no entry file
    includes (checked on its own)."""
    by_real = {os.path.realpath(p): f for p, f in facts_by_path.items()}
    result: list[Pipeline] = []
    included: set[str] = set()
    for facts in facts_by_path.values():
        if facts.entry:
            pipeline = _assemble(facts, by_real)
            included.update(os.path.realpath(f.path) for f in pipeline.files[1:])
            result.append(pipeline)
    for facts in facts_by_path.values():
        if not facts.entry and os.path.realpath(facts.path) not in included:
            result.append(_standalone(facts))
    return result


def _standalone(facts: FileFacts) -> Pipeline:
    stages = _ordered_stages(facts.stages)
    # A fragment's stages, jobs and templates may all come from whoever includes it.
    return Pipeline(facts, [facts], False, dict(facts.jobs), stages)


def _ordered_stages(declared: list[str] | None) -> list[str]:
    if declared is None:
        return list(DEFAULT_STAGES)
    return [".pre", *[s for s in declared if s not in (".pre", ".post")], ".post"]


def _assemble(entry: FileFacts, by_real: dict[str, FileFacts]) -> Pipeline:
    project_dir = os.path.dirname(os.path.abspath(entry.path))
    files = [entry]
    complete = True
    missing: list[tuple[str, IncludeFacts, str]] = []
    queue = [entry]
    seen = {os.path.realpath(entry.path)}
    while queue:
        current = queue.pop(0)
        for include in current.includes:
            if include.kind != "local" or include.location is None or "$" in include.location:
                complete = False
                continue
            targets = _local_targets(project_dir, include.location)
            if not targets and _leaves_project(project_dir, include.location):
                complete = False  # not read: reference-outside-project says so
                continue
            if not targets:
                missing.append((current.path, include, f"local include {include.location!r} matches no file"))
                complete = False
                continue
            for target in targets:
                real = os.path.realpath(target)
                if real in seen:
                    continue
                seen.add(real)
                facts = by_real.get(real) or _read(target)
                if facts is None:
                    complete = False
                    continue
                files.append(facts)
                queue.append(facts)
    # Included files come first; the including file's definitions override theirs.
    jobs: dict[str, JobFacts] = {}
    stages = None
    for facts in reversed(files):
        jobs.update(facts.jobs)
    for facts in files:
        if facts.stages is not None:
            stages = facts.stages
            break
    return Pipeline(entry, files, complete, jobs, _ordered_stages(stages), missing)


def _local_targets(project_dir: str, location: str) -> list[str]:
    """The regular files inside the project a local include names (none for a path that
    leaves it: reference-outside-project reports those)."""
    within = lintkit_project.current()
    found = []
    for path in local_include_paths(project_dir, location):
        if any(ch in path for ch in "*?["):
            found.extend(p for p in workspace.glob(path) if within.contains(p) and workspace.is_file(p))
        elif within.contains(path) and workspace.is_file(path):
            found.append(path)
    return found


def _leaves_project(project_dir: str, location: str) -> bool:
    within = lintkit_project.current()
    return not any(within.contains(p) for p in local_include_paths(project_dir, location))


def _read(path: str) -> FileFacts | None:
    """Facts of an included file the run did not lint (not detected as GitLab CI)."""
    from lintkit import yamlmodel
    from lintkit.model import ParseError
    from lintkit.parsers import gitlab_ci
    from lintkit.source import SourceFile

    text = workspace.read_text(path, strict=True)
    if text is None:
        return None
    try:
        source = SourceFile(path, text)
        documents = yamlmodel.load(source)
    except ParseError:
        return None
    return collect(gitlab_ci.parse(source, documents))


def entry_pipelines(all_pipelines: list[Pipeline], *, complete: bool = False) -> Iterator[Pipeline]:
    """The pipelines GitLab runs (those of entry files); with ``complete``, only those
    whose included files lintkit can all read, where a name not found is really missing."""
    for pipeline in all_pipelines:
        if pipeline.root.entry and (pipeline.complete or not complete):
            yield pipeline


def unique(problems: Iterator) -> Iterator:
    """Problems once each: a file included by several entry files is in each pipeline."""
    seen = set()
    for problem in problems:
        key = (problem.path, problem.span, problem.message)
        if key not in seen:
            seen.add(key)
            yield problem


def job_exists(pipeline: Pipeline, name: str) -> bool:
    """``name`` is a job of the pipeline, also when written the way ``needs:`` names one
    instance of a ``parallel:`` job (``build 1/3``, ``build: [linux, amd64]``)."""
    return job_named(pipeline, name) is not None


def job_named(pipeline: Pipeline, name: str) -> JobFacts | None:
    """The job ``name`` is, or is an instance of (see :func:`job_exists`)."""
    if name in pipeline.jobs:
        return pipeline.jobs[name]
    base = name.split(": [", 1)[0]
    if base in pipeline.jobs:
        return pipeline.jobs[base]
    head, _, tail = name.rpartition(" ")
    return pipeline.jobs.get(head) if head and "/" in tail else None


#: The facts of the pipeline rules: each file's :class:`FileFacts`; their ``check``
#: receives the assembled :func:`pipelines`.
FACTS = Facts("gitlab-ci.pipeline", collect, pipelines)
