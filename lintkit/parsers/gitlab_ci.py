"""GitLab CI pipelines: stages, jobs (hidden templates included), ``default:``, global
keywords, ``include:`` and ``workflow:``, with GitLab's own resolution steps applied the
way pipeline creation applies them: ``!reference`` tags replaced by what they point at,
``extends:`` merged, ``default:`` (and the deprecated top-level globals) inherited.

The raw tree stays untouched (it has the positions); resolution builds new values, and
every derived node keeps the position of the token in this file that produced it.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator

from .. import project
from ..model import ParseError, Span
from ..source import SourceFile
from ..yamlmodel import Mark, YamlDocument, YMap, YSeq, scalar_offsets

#: Top-level keys that are not jobs.
GLOBAL_KEYWORDS = frozenset((
    "default", "include", "stages", "variables", "workflow", "spec",
    # deprecated globals, superseded by default:
    "image", "services", "cache", "before_script", "after_script", "types",
))  # fmt: skip
DEFAULT_STAGES = (".pre", "build", "test", "deploy", ".post")
#: Keys of ``default:`` that jobs inherit (GitLab's list).
DEFAULT_KEYS = frozenset((
    "after_script", "artifacts", "before_script", "cache", "hooks", "id_tokens", "image",
    "interruptible", "retry", "services", "tags", "timeout",
))  # fmt: skip
#: Deprecated top-level keywords that act as ``default:`` values.
GLOBAL_DEFAULT_KEYS = ("image", "services", "cache", "before_script", "after_script")
SCRIPT_KEYS = ("before_script", "script", "after_script")
REFERENCE_TAG = "!reference"
#: GitLab resolves nested ``!reference`` tags up to this depth.
MAX_REFERENCE_DEPTH = 10
#: GitLab's limit on ``extends:`` inheritance depth.
MAX_EXTENDS_DEPTH = 11


def sniff(path: str, documents: list[YamlDocument]) -> bool:
    if len(documents) != 1 or not isinstance(documents[0].root, YMap):
        return False
    root = documents[0].root
    if isinstance(root.get("services"), YMap):  # a compose file, whatever else it has
        return False
    return any(_looks_like_job(job) for name, job in root.items() if name not in GLOBAL_KEYWORDS)


def _looks_like_job(job) -> bool:
    """A job's keywords with the types GitLab gives them: ``script`` a string or list,
    ``extends`` a string or list, ``trigger`` a project path or a mapping naming a project
    or an include (a JSON Schema written in YAML has ``script`` and ``trigger``
    *properties*, mappings, and is no pipeline)."""
    if not isinstance(job, YMap):
        return False
    trigger = job.get("trigger")
    return (
        isinstance(job.get("script"), (str, YSeq))
        or isinstance(job.get("extends"), (str, YSeq))
        or isinstance(trigger, str)
        or (isinstance(trigger, YMap) and ("project" in trigger or "include" in trigger))
    )


def local_include_paths(project_dir: str, location: str) -> tuple[str, ...]:
    """Where ``include: local:`` looks (a path or a glob): relative to the GitLab project's
    root whether or not it starts with ``/``; nothing when ``..`` climbs above it."""
    relative = posixpath.normpath(location.replace("\\", "/").lstrip("/"))
    if relative == ".." or relative.startswith("../"):
        return ()
    return (os.path.join(project_dir, relative),)


def is_entry_point(path: str) -> bool:
    """The file GitLab reads by default (``.gitlab-ci.yml`` at the project root), as
    opposed to templates and fragments that only make sense once included."""
    return posixpath.basename(path.replace("\\", "/")).lower() in (".gitlab-ci.yml", ".gitlab-ci.yaml")


#: The deprecated names of ``stages`` (top level) and ``stage`` (in a job), which GitLab
#: still reads when the current name is absent.
OLD_STAGES_KEY = "types"
OLD_STAGE_KEY = "type"


def declared_stage(job: YMap) -> Any:
    """What a job's mapping says its stage is: ``stage:``, else the deprecated ``type:``."""
    return job.get("stage", job.get(OLD_STAGE_KEY))


def is_reference(value: Any) -> bool:
    return isinstance(value, YSeq) and value.tag == REFERENCE_TAG


# --- positions of derived values ------------------------------------------------------


def relocated(value: Any, start: Mark, end: Mark) -> Any:
    """A copy of ``value`` whose every node sits at ``start``-``end``: what a
    ``!reference`` pulls in is reported at the reference, where the user wrote it."""
    if isinstance(value, YMap):
        copy = YMap((k, relocated(v, start, end)) for k, v in value.items())
        copy.start, copy.end, copy.tag = start, end, value.tag
        copy._pos = {k: (start, end, start, end) for k in value}
        return copy
    if isinstance(value, YSeq):
        copy = YSeq(relocated(v, start, end) for v in value)
        copy.start, copy.end, copy.tag = start, end, value.tag
        copy._pos = [(start, end)] * len(value)
        return copy
    return value


# --- jobs ----------------------------------------------------------------------------


@dataclass(eq=False)
class Job:
    name: str
    node: YMap
    root: YMap
    pipeline: GitLabPipeline | None = field(default=None, repr=False)

    @property
    def hidden(self) -> bool:
        return self.name.startswith(".")

    @property
    def span(self) -> Span:
        return self.node.span

    def name_span(self) -> Span:
        return self.root.key_span(self.name)

    @cached_property
    def resolved(self) -> YMap:
        """The job with ``!reference`` resolved and ``extends:`` merged (not defaults)."""
        assert self.pipeline is not None
        return self.pipeline.extended(self.name)

    @cached_property
    def effective(self) -> YMap:
        """What the job runs with: resolved, plus the ``default:`` keys it inherits."""
        assert self.pipeline is not None
        return self.pipeline.with_defaults(self.resolved)

    def stage(self) -> str:
        stage = declared_stage(self.resolved)
        return stage if isinstance(stage, str) else "test"

    def scripts(self) -> Iterator[tuple[str, int, str, YSeq | YMap, Any]]:
        """(key, index, line, holder, key-or-index) for every script line the job runs,
        inherited ``before_script``/``after_script`` included, nested lists flattened."""
        effective = self.effective
        for key in SCRIPT_KEYS:
            value = effective.get(key)
            if isinstance(value, str):
                yield key, 0, value, effective, key
            elif isinstance(value, YSeq):
                yield from _script_lines(key, value)


def _script_lines(key: str, seq: YSeq, depth: int = 0) -> Iterator[tuple[str, int, str, YSeq, int]]:
    for index, item in enumerate(seq):
        if isinstance(item, str):
            yield key, index, item, seq, index
        elif isinstance(item, YSeq) and depth < MAX_REFERENCE_DEPTH:
            yield from _script_lines(key, item, depth + 1)


# --- the pipeline ----------------------------------------------------------------------


@dataclass(eq=False)
class Include:
    """One entry of ``include:``: its kind (local, project, remote, template, component)
    and, for local files, the path as written."""

    kind: str
    location: str | None
    span: Span
    rules: bool = False


@dataclass(eq=False)
class GitLabPipeline:
    source: SourceFile
    documents: list[YamlDocument]
    root: YMap

    @cached_property
    def jobs(self) -> list[Job]:
        return [
            Job(name, node, self.root, self)
            for name, node in self.root.items()
            if isinstance(name, str) and name not in GLOBAL_KEYWORDS and isinstance(node, YMap)
        ]

    @cached_property
    def jobs_by_name(self) -> dict[str, Job]:
        return {job.name: job for job in self.jobs}

    @property
    def visible_jobs(self) -> list[Job]:
        return [job for job in self.jobs if not job.hidden]

    @property
    def stages_key(self) -> str:
        """``stages``, or its deprecated name ``types`` when only that is set (GitLab
        still reads it)."""
        return OLD_STAGES_KEY if "stages" not in self.root and OLD_STAGES_KEY in self.root else "stages"

    @property
    def declares_stages(self) -> bool:
        return isinstance(self.root.get(self.stages_key), YSeq)

    @property
    def stages(self) -> list[str]:
        """The pipeline's stages as GitLab orders them (``.pre`` first, ``.post`` last)."""
        stages = self.root.get(self.stages_key)
        if not isinstance(stages, YSeq):
            return list(DEFAULT_STAGES)
        names = [s for s in _flatten(stages) if isinstance(s, str) and s not in (".pre", ".post")]
        return [".pre", *names, ".post"]

    @property
    def default(self) -> YMap:
        value = self.resolved_root.get("default")
        return value if isinstance(value, YMap) else YMap()

    @property
    def entry_point(self) -> bool:
        return is_entry_point(self.source.path)

    def get(self, key: str) -> Any:
        return self.root.get(key)

    @cached_property
    def script_lines(self) -> list[ScriptLine]:
        """Every script line written in the file (see :func:`_script_lines_of`); each is
        parsed as shell at most once, however many rules read it."""
        return list(_script_lines_of(self.source, self.root))

    def suppression_scopes(self) -> list[Span]:
        return [j.span for j in self.jobs]

    def file_references(self) -> Iterator[project.Reference]:
        """Local includes, for the engine's containment check. GitLab resolves them from
        the project root (the folder of ``.gitlab-ci.yml``; for a fragment, lintkit's
        root) and refuses a path that climbs above it."""
        base = os.path.dirname(self.source.path) if self.entry_point else project.current().root
        for include in self.includes:
            if include.kind == "local" and include.location and "$" not in include.location:
                yield project.Reference(
                    include.span, f"local include {include.location!r}", local_include_paths(base, include.location)
                )

    # -- includes ---------------------------------------------------------------------

    @cached_property
    def includes(self) -> list[Include]:
        include = self.root.get("include")
        if include is None:
            return []
        entries: list[tuple[Any, Span]]
        if isinstance(include, YSeq):
            entries = [(item, include.item_span(i)) for i, item in enumerate(include)]
        else:
            entries = [(include, self.root.value_span("include"))]
        result = []
        for item, span in entries:
            if isinstance(item, str):
                remote = item.startswith(("http://", "https://"))
                result.append(Include("remote" if remote else "local", None if remote else item, span))
            elif isinstance(item, YMap):
                kind = next(
                    (k for k in ("local", "project", "remote", "template", "component") if k in item),
                    "unknown",
                )
                location = item.get("local") if kind == "local" else None
                where = item.value_span(kind) if kind in item else span
                result.append(
                    Include(kind, location if isinstance(location, str) else None, where, "rules" in item)
                )
            else:
                result.append(Include("unknown", None, span))
        return result

    # -- !reference -------------------------------------------------------------------

    def lookup(self, path: list[Any]) -> Any:
        """The value a ``!reference [job, key, ...]`` path names in this file, or None."""
        node: Any = self.root
        for step in path:
            if not isinstance(node, YMap) or step not in node:
                return None
            node = node[step]
        return node

    @cached_property
    def resolved_root(self) -> YMap:
        """The top level with every ``!reference`` this file can resolve replaced by its
        target (relocated to the reference). Unresolvable references (to jobs in other
        files) are left in place for callers to skip."""
        return self.resolve(self.root)

    @cached_property
    def unresolved_references(self) -> list[tuple[list, Span]]:
        """References whose target is not in this file: (path, span of the reference)."""
        missing: list[tuple[list, Span]] = []
        self.resolve(self.root, missing=missing)
        return missing

    def resolve(self, value: Any, depth: int = 0, missing: list | None = None) -> Any:
        if isinstance(value, YMap):
            if not _contains_reference(value):
                return value
            copy = YMap()
            copy.start, copy.end, copy.tag, copy._pos = value.start, value.end, value.tag, dict(value._pos)
            for key, item in value.items():
                copy[key] = self._resolve_item(item, value._pos[key][2:], depth, missing)
            return copy
        if isinstance(value, YSeq):
            if not _contains_reference(value):
                return value
            copy = YSeq()
            copy.start, copy.end, copy.tag = value.start, value.end, value.tag
            for index, item in enumerate(value):
                resolved = self._resolve_item(item, value._pos[index], depth, missing)
                if is_reference(item) and isinstance(resolved, YSeq) and resolved is not item:
                    # GitLab splices a referenced list into the list holding the reference
                    # (rules, script lines, tags...).
                    copy.extend(resolved)
                    copy._pos.extend(resolved._pos)
                else:
                    copy.append(resolved)
                    copy._pos.append(value._pos[index])
            return copy
        return value

    def _resolve_item(self, item: Any, marks: tuple, depth: int, missing: list | None) -> Any:
        if not is_reference(item):
            return self.resolve(item, depth, missing)
        target = self.lookup(list(item)) if all(isinstance(p, str) for p in item) else None
        if target is None or depth >= MAX_REFERENCE_DEPTH:
            if missing is not None:
                missing.append((list(item), item.span))
            return item
        start, end = marks
        return relocated(self.resolve(target, depth + 1, missing), start, end)

    # -- extends and defaults ---------------------------------------------------------

    def extends_of(self, node: YMap) -> list[str]:
        value = node.get("extends")
        if isinstance(value, str):
            return [value]
        if isinstance(value, YSeq):
            return [v for v in value if isinstance(v, str)]
        return []

    def extended(self, name: str, seen: tuple[str, ...] = ()) -> YMap:
        """The job ``name`` with its ``extends:`` chain merged in (GitLab's deep merge:
        mappings merge key by key, everything else is replaced; later parents win over
        earlier ones, the job over all). Unknown parents and cycles are skipped here;
        rules report them."""
        node = self.resolved_root.get(name)
        if not isinstance(node, YMap):
            return YMap()
        parents = [p for p in self.extends_of(node) if p not in seen and p != name]
        if not parents or len(seen) >= MAX_EXTENDS_DEPTH:
            return node
        merged: YMap | None = None
        for parent in parents:
            if not isinstance(self.resolved_root.get(parent), YMap):
                continue
            base = self.extended(parent, seen + (name,))
            merged = base if merged is None else deep_merge(merged, base)
        return node if merged is None else deep_merge(merged, node)

    def with_defaults(self, job: YMap) -> YMap:
        """``job`` plus the ``default:`` (and deprecated top-level) keys it inherits."""
        inherit = job.get("inherit")
        inherit_default = inherit.get("default", True) if isinstance(inherit, YMap) else True
        if inherit_default is False:
            return job
        allowed = set(inherit_default) if isinstance(inherit_default, YSeq) else DEFAULT_KEYS
        root = self.resolved_root
        inherited = YMap()
        inherited.start, inherited.end, inherited.tag, inherited._pos = job.start, job.end, job.tag, dict(job._pos)
        sources = [(k, root) for k in GLOBAL_DEFAULT_KEYS if k in root]
        default = root.get("default")
        if isinstance(default, YMap):
            sources += [(k, default) for k in default if k in DEFAULT_KEYS]
        added = False
        for key, holder in sources:
            if key in allowed and key not in job:
                inherited[key] = holder[key]
                inherited._pos[key] = holder._pos[key]
                added = True
        if not added:
            return job
        for key, value in job.items():
            inherited[key] = value
        return inherited


def deep_merge(base: YMap, override: YMap) -> YMap:
    merged = YMap()
    merged.start, merged.end, merged.tag = override.start, override.end, override.tag
    merged._pos = dict(base._pos)
    for key, value in base.items():
        merged[key] = value
    for key, value in override.items():
        current = merged.get(key)
        if isinstance(current, YMap) and isinstance(value, YMap):
            merged[key] = deep_merge(current, value)
        else:
            merged[key] = value
        merged._pos[key] = override._pos[key]
    return merged


def _flatten(seq: YSeq, depth: int = 0) -> Iterator[Any]:
    for item in seq:
        if isinstance(item, YSeq) and depth < MAX_REFERENCE_DEPTH:
            yield from _flatten(item, depth + 1)
        else:
            yield item


def _contains_reference(value: Any) -> bool:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, YSeq):
            if node.tag == REFERENCE_TAG:
                return True
            stack.extend(v for v in node if isinstance(v, (YMap, YSeq)))
        elif isinstance(node, YMap):
            stack.extend(v for v in node.values() if isinstance(v, (YMap, YSeq)))
    return False


def parse(source: SourceFile, documents: list[YamlDocument]) -> GitLabPipeline:
    # A `spec:` header document may precede the pipeline; the pipeline is the last one.
    shaped = next((d for d in documents if isinstance(d.root, (YSeq, str, int, float))), None)
    if shaped is not None:  # not empty, not a mapping
        raise ParseError(
            "a pipeline is a mapping of jobs and top-level keywords, and this is "
            f"{'a list' if isinstance(shaped.root, YSeq) else 'a scalar'}",
            Span.point(shaped.span.line, shaped.span.column),
        )
    roots = [d.root for d in documents if isinstance(d.root, YMap)]
    root = roots[-1] if roots else YMap()
    return GitLabPipeline(source, documents, root)


# --- script lines, parsed as shell -----------------------------------------------------


@dataclass(eq=False)
class ScriptLine:
    """One entry of a ``before_script``/``script``/``after_script`` list (or the whole
    value when it is a single string), where it is written in this file."""

    owner: str
    key: str
    text: str
    span: Span
    offsets: Any = field(repr=False)

    @cached_property
    def script(self):
        from ..shell import parse_script

        return parse_script(self.text, self.offsets)


def _script_lines_of(source: SourceFile, root: YMap) -> Iterator[ScriptLine]:
    """Every script line written in the file, once: in jobs and templates, ``default:``
    and the deprecated top-level keys. Lines that a job inherits or pulls in with
    ``!reference`` are linted where they are written, not once per job using them."""
    holders: list[tuple[str, YMap]] = [("(top level)", root)]
    default = root.get("default")
    if isinstance(default, YMap):
        holders.append(("default", default))
    holders += [
        (name, node)
        for name, node in root.items()
        if isinstance(name, str) and name not in GLOBAL_KEYWORDS and isinstance(node, YMap)
    ]
    for owner, holder in holders:
        for key in SCRIPT_KEYS:
            if key not in holder:
                continue
            value = holder[key]
            if isinstance(value, str):
                span = holder.value_span(key)
                yield ScriptLine(owner, key, value, span, scalar_offsets(source, span, value))
            elif isinstance(value, YSeq) and not is_reference(value):
                yield from _seq_lines(source, owner, key, value, 0)


def _seq_lines(source: SourceFile, owner: str, key: str, seq: YSeq, depth: int) -> Iterator[ScriptLine]:
    for index, item in enumerate(seq):
        if isinstance(item, str):
            span = seq.item_span(index)
            yield ScriptLine(owner, key, item, span, scalar_offsets(source, span, item))
        elif isinstance(item, YSeq) and not is_reference(item) and depth < MAX_REFERENCE_DEPTH:
            yield from _seq_lines(source, owner, key, item, depth + 1)
