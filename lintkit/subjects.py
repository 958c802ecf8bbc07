"""The cross-kind model: the same subjects in every kind's view, with positions.

Policies (``lintkit/policies.py``) are written against three subjects:

- ``image``: a container image reference, wherever a kind names one (Dockerfile ``FROM``,
  compose ``image:``, Kubernetes containers, GitLab ``image:``/``services:``, GitHub
  ``container:``/``services:`` and ``docker://`` steps);
- ``container``: something that runs (compose services, Kubernetes containers, GitLab
  jobs, GitHub job containers and services, the Dockerfile's final stage), with its image,
  user, privileges, capabilities, environment, ports, mounts and limits, as far as the
  kind can say;
- ``object``: each document as its kind reads it (a Kubernetes object, the compose file, a
  play, the pipeline, a workflow, the Dockerfile's stages).

A :class:`Subject` carries ``data``, plain values for the expression language, and the
span of each field it can place, so a finding lands on the failing field, else on the
subject's own token (the image reference, the container's name, the object's name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .hostpaths import normalize_host_path, socket_exposed
from .images import parse_image
from .model import Span

SUBJECTS = ("image", "container", "object")

#: The kinds that have each subject.
KINDS_OF_SUBJECT = {
    "image": ("dockerfile", "compose", "kubernetes", "gitlab-ci", "github-actions"),
    "container": ("dockerfile", "compose", "kubernetes", "gitlab-ci", "github-actions"),
    "object": ("dockerfile", "compose", "kubernetes", "ansible", "gitlab-ci", "github-actions"),
}

#: Docker Hub, the registry of references that name none.
DEFAULT_REGISTRY = "docker.io"


@dataclass
class Subject:
    """One subject: ``data`` for expressions, ``span`` where findings about it land, and
    ``spans``: field path (``"user"``, ``"limits.memory"``) -> span of that field. For YAML
    subjects ``node`` is the mapping the data came from, so any field path can be placed."""

    type: str
    kind: str
    data: dict[str, Any]
    span: Span
    spans: dict[str, Span] = field(default_factory=dict)
    node: Any = None

    def span_of(self, path: tuple[str, ...]) -> Span | None:
        """The span of the deepest field of ``path`` that the subject can place."""
        for length in range(len(path), 0, -1):
            found = self.spans.get(".".join(path[:length]))
            if found is not None:
                return found
        if self.node is None:
            return None
        from .yamlmodel import YMap, YSeq

        node, found = self.node, None
        for step in path:
            if isinstance(node, YMap) and step in node:
                found, node = node.value_span(step), node[step]
            elif isinstance(node, YSeq) and step.isdigit() and int(step) < len(node):
                found, node = node.item_span(int(step)), node[int(step)]
            else:
                break
        return found


def subjects(kind: str, view: Any, subject_type: str) -> Iterator[Subject]:
    """Every subject of ``subject_type`` in a parsed file of ``kind``."""
    if kind == "dockerfile":
        builder = _DOCKERFILE_BUILDERS.get(subject_type)
    else:  # the YAML kinds' builders import the YAML layer, which a Dockerfile run never needs
        from .yaml_subjects import BUILDERS

        builder = BUILDERS.get((kind, subject_type))
    if builder is not None:
        yield from builder(view)


def image_subject(kind: str, text: str, span: Span, context: str) -> Subject:
    """The image subject of a reference written at ``span`` (one line: the token)."""
    ref = parse_image(text)
    data = {
        "reference": ref.text,
        "registry": ref.registry or DEFAULT_REGISTRY,
        "repository": ref.repository,
        "tag": ref.tag or "",
        "digest": ref.digest or "",
        "has_variable": ref.has_variable,
        "context": context,
        "kind": kind,
    }
    spans = {"reference": span}
    if span.line == span.end_line and span.end_column - span.column == len(text):
        def part(start: int, end: int) -> Span:
            return Span(span.line, span.column + start, span.line, span.column + end)

        if ref.registry:
            spans["registry"] = part(0, len(ref.registry))
        if ref.tag_offset is not None:
            spans["tag"] = part(ref.tag_offset, ref.tag_offset + len(ref.tag))
        if ref.digest:
            at = text.index("@")
            spans["digest"] = part(at + 1, len(text))
    return Subject("image", kind, data, span, spans)


def _dockerfile_images(dockerfile) -> Iterator[Subject]:
    for stage in dockerfile.stages:
        token = stage.image_token
        if token is None or stage.base_stage is not None or stage.is_scratch:
            continue
        # The reference with build-argument defaults substituted, as BuildKit pulls it.
        text = stage.image.text if stage.image is not None else token.value
        yield image_subject("dockerfile", text, token.span, f"FROM of stage {stage.index + 1}")


class ContainerFields:
    """Builds a container subject's data and spans together."""

    def __init__(self, kind: str, name: str, span: Span):
        self.kind = kind
        self.span = span
        self.data: dict[str, Any] = {
            "name": name, "kind": kind, "image": "", "user": "", "privileged": False,
            "capabilities_added": [], "capabilities_dropped": [], "environment": [],
            "ports": [], "mounts": [], "read_only_root": False, "limits": {},
        }  # fmt: skip
        self.spans: dict[str, Span] = {"name": span}

    def set(self, name: str, value: Any, span: Span | None) -> None:
        self.data[name] = value
        if span is not None:
            self.spans[name] = span

    def add(self, name: str, value: Any, span: Span | None) -> None:
        index = len(self.data[name])
        self.data[name].append(value)
        if span is not None:
            self.spans.setdefault(name, span)
            self.spans[f"{name}.{index}"] = span

    def mount(self, source: str, target: str, read_only: bool, host: bool, span: Span | None) -> None:
        path = normalize_host_path(source) if host else ""
        self.add("mounts", {
            "source": source, "target": target, "read_only": read_only, "host_path": path,
            "docker_socket": bool(host and socket_exposed(source) and "docker" in (socket_exposed(source) or "").lower()),
        }, span)  # fmt: skip

    def subject(self, node: Any = None) -> Subject:
        return Subject("container", self.kind, self.data, self.span, self.spans, node)


def _dockerfile_containers(dockerfile) -> Iterator[Subject]:
    stage = dockerfile.final_stage
    if stage is None:
        return
    span = stage.from_instruction.keyword_span
    fields = ContainerFields("dockerfile", stage.name or f"stage {stage.index + 1}", span)
    if stage.image_token is not None:
        fields.set("image", stage.image_token.value, stage.image_token.span)
    for instruction in stage.instructions:
        if instruction.keyword == "USER" and instruction.args:
            fields.set("user", instruction.args[0].value, instruction.args[0].span)
        elif instruction.keyword == "ENV":
            for pair in instruction.pairs:
                fields.add("environment", {"name": pair.name, "value": pair.value or "", "literal": True},
                           pair.key.span)
        elif instruction.keyword == "EXPOSE":
            for token in instruction.args:
                port = token.value.split("/")[0]
                fields.add("ports", {"published": "", "target": port}, token.span)
        elif instruction.keyword == "VOLUME":
            for token in instruction.exec_form or instruction.args:
                fields.mount("", token.value, False, False, token.span)
    yield fields.subject()


def _dockerfile_objects(dockerfile) -> Iterator[Subject]:
    stages = [
        {
            "name": stage.name or "",
            "image": stage.image_token.value if stage.image_token is not None else "",
            "instructions": [{"keyword": i.keyword, "value": i.value, "line": i.line} for i in stage.instructions],
        }
        for stage in dockerfile.stages
    ]
    if dockerfile.instructions:
        first = dockerfile.instructions[0].keyword_span
        yield Subject("object", "dockerfile", {"kind": "dockerfile", "stages": stages}, first)




_DOCKERFILE_BUILDERS = {
    "image": _dockerfile_images,
    "container": _dockerfile_containers,
    "object": _dockerfile_objects,
}
