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
from .yamlmodel import YMap, YSeq

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
    builder = _BUILDERS.get((kind, subject_type))
    if builder is not None:
        yield from builder(view)


# --- images -------------------------------------------------------------------------


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


def _yaml_image(kind: str, holder: YMap, key: str, context: str) -> Subject | None:
    value = holder.get(key)
    if isinstance(value, YMap):  # GitLab {name: ...}, GitHub {image: ...}
        name_key = "name" if "name" in value else "image"
        if isinstance(value.get(name_key), str):
            return image_subject(kind, value[name_key], value.value_span(name_key), context)
        return None
    if isinstance(value, str) and value.strip():
        return image_subject(kind, value, holder.value_span(key), context)
    return None


def _dockerfile_images(dockerfile) -> Iterator[Subject]:
    for stage in dockerfile.stages:
        token = stage.image_token
        if token is None or stage.base_stage is not None or stage.is_scratch:
            continue
        yield image_subject("dockerfile", token.value, token.span, f"FROM of stage {stage.index + 1}")


def _compose_images(compose) -> Iterator[Subject]:
    for service in compose.services:
        found = _yaml_image("compose", service.node, "image", f"service {service.name!r}")
        if found is not None:
            yield found


def _kubernetes_images(manifests) -> Iterator[Subject]:
    for container in manifests.containers():
        if "image" in container.node and isinstance(container.node["image"], str):
            yield image_subject("kubernetes", container.image, container.node.value_span("image"), container.label)


def _gitlab_holders(pipeline) -> Iterator[tuple[str, YMap]]:
    yield "the pipeline", pipeline.root
    default = pipeline.root.get("default")
    if isinstance(default, YMap):
        yield "default", default
    for job in pipeline.jobs:
        yield f"job {job.name!r}", job.node


def _gitlab_images(pipeline) -> Iterator[Subject]:
    for context, holder in _gitlab_holders(pipeline):
        found = _yaml_image("gitlab-ci", holder, "image", context)
        if found is not None:
            yield found
        services = holder.get("services")
        if isinstance(services, YSeq):
            for index, item in enumerate(services):
                if isinstance(item, str):
                    yield image_subject("gitlab-ci", item, services.item_span(index), f"service of {context}")
                elif isinstance(item, YMap):
                    found = _yaml_image("gitlab-ci", item, "name", f"service of {context}")
                    if found is not None:
                        yield found


def _github_service_nodes(job) -> Iterator[tuple[str, YMap, str]]:
    """(context, holder, key) of the job's container and each of its services."""
    if "container" in job.node:
        yield f"container of job {job.id!r}", job.node, "container"
    services = job.node.get("services")
    if isinstance(services, YMap):
        for name in services:
            if isinstance(services[name], YMap):
                yield f"service {name!r} of job {job.id!r}", services[name], "image"


def _github_images(workflow) -> Iterator[Subject]:
    for job in workflow.jobs:
        for context, holder, key in _github_service_nodes(job):
            found = _yaml_image("github-actions", holder, key, context)
            if found is not None:
                yield found
        for step in job.steps:
            uses = step.uses
            if uses and uses.startswith("docker://"):
                span = step.node.value_span("uses")
                text = uses[len("docker://"):]
                inner = Span(span.line, span.column + len("docker://"), span.end_line, span.end_column)
                if span.end_column - span.column != len(uses):
                    inner = span  # quoted or folded: the whole value
                yield image_subject("github-actions", text, inner, f"step {step.index + 1} of job {job.id!r}")


# --- containers -----------------------------------------------------------------------


class _Fields:
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


def _strings(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int))]
    return []


def _yaml_list(fields: _Fields, name: str, holder: YMap, key: str) -> None:
    value = holder.get(key)
    if isinstance(value, YSeq):
        for index, item in enumerate(value):
            if isinstance(item, (str, int)):
                fields.add(name, str(item), value.item_span(index))


def _env_entries(fields: _Fields, env: Any) -> None:
    """``environment:``/``env:``/``variables:`` as a mapping or a list of ``KEY=value``."""
    if isinstance(env, YMap):
        for key, value in env.items():
            literal = value if isinstance(value, (str, int, float, bool)) and not isinstance(value, YMap) else None
            if isinstance(value, YMap) and "value" in value:  # GitLab {value:, description:}
                literal = value["value"]
            fields.add("environment", {"name": str(key), "value": "" if literal is None else str(literal),
                                       "literal": literal is not None}, env.key_span(key))
    elif isinstance(env, YSeq):
        for index, item in enumerate(env):
            if isinstance(item, str):
                name, sep, value = item.partition("=")
                fields.add("environment", {"name": name.strip(), "value": value, "literal": bool(sep)},
                           env.item_span(index))


def _dockerfile_containers(dockerfile) -> Iterator[Subject]:
    stage = dockerfile.final_stage
    if stage is None:
        return
    span = stage.from_instruction.keyword_span
    fields = _Fields("dockerfile", stage.name or f"stage {stage.index + 1}", span)
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


def _compose_containers(compose) -> Iterator[Subject]:
    for service in compose.services:
        node = service.node
        fields = _Fields("compose", service.name, service.name_span())
        for key, name in (("image", "image"), ("user", "user")):
            if isinstance(node.get(key), (str, int)):
                fields.set(name, str(node[key]), node.value_span(key))
        if node.get("privileged") is True:
            fields.set("privileged", True, node.value_span("privileged"))
        if node.get("read_only") is True:
            fields.set("read_only_root", True, node.value_span("read_only"))
        _yaml_list(fields, "capabilities_added", node, "cap_add")
        _yaml_list(fields, "capabilities_dropped", node, "cap_drop")
        _env_entries(fields, node.get("environment"))
        for spec, span, _item in service.ports():
            fields.add("ports", {"published": spec.published or "", "target": spec.target or ""}, span)
        for spec, span, _item in service.volumes():
            fields.mount(spec.source or "", spec.target or "", spec.read_only, spec.type == "bind", span)
        limits = {}
        resources = node.get("deploy", {}).get("resources", {}).get("limits") if isinstance(node.get("deploy"), YMap) else None
        if isinstance(resources, YMap):
            for key in ("cpus", "memory"):
                if key in resources:
                    limits["cpu" if key == "cpus" else "memory"] = str(resources[key])
                    fields.spans[f"limits.{'cpu' if key == 'cpus' else 'memory'}"] = resources.value_span(key)
        for key, name in (("mem_limit", "memory"), ("cpus", "cpu")):
            if key in node:
                limits[name] = str(node[key])
                fields.spans[f"limits.{name}"] = node.value_span(key)
        fields.data["limits"] = limits
        yield fields.subject(node)


def _kubernetes_containers(manifests) -> Iterator[Subject]:
    for container in manifests.containers():
        node = container.node
        fields = _Fields("kubernetes", container.name, container.name_span())
        if container.image is not None:
            fields.set("image", container.image, node.value_span("image"))
        for setting, name in (("privileged", "privileged"), ("readOnlyRootFilesystem", "read_only_root")):
            found = container.security_setting(setting)
            if found is not None and found[0] is True:
                fields.set(name, True, found[1].value_span(setting))
        found = container.security_setting("runAsUser")
        if found is not None and isinstance(found[0], int):
            fields.set("user", str(found[0]), found[1].value_span("runAsUser"))
        capabilities = container.security_context.get("capabilities") if container.security_context else None
        if isinstance(capabilities, YMap):
            _yaml_list(fields, "capabilities_added", capabilities, "add")
            _yaml_list(fields, "capabilities_dropped", capabilities, "drop")
        for entry in container.env:
            if isinstance(entry.get("name"), str):
                literal = "value" in entry and not isinstance(entry.get("value"), (YMap, YSeq))
                fields.add("environment", {"name": entry["name"], "value": str(entry["value"]) if literal else "",
                                           "literal": literal}, entry.value_span("name"))
        for port in container.ports:
            fields.add("ports", {"published": str(port.get("hostPort", "")), "target": str(port.get("containerPort", ""))},
                       port.span)
        volumes = {v.get("name"): v for v in container.pod.volumes}
        mounts = node.get("volumeMounts")
        if isinstance(mounts, YSeq):
            for index, mount in enumerate(mounts):
                if not isinstance(mount, YMap):
                    continue
                volume = volumes.get(mount.get("name"))
                host = volume.get("hostPath") if isinstance(volume, YMap) else None
                source = str(host.get("path", "")) if isinstance(host, YMap) else str(mount.get("name", ""))
                fields.mount(source, str(mount.get("mountPath", "")), mount.get("readOnly") is True,
                             isinstance(host, YMap), mounts.item_span(index))
        limits = container.resources.get("limits") if container.resources else None
        if isinstance(limits, YMap):
            fields.data["limits"] = {str(k): str(v) for k, v in limits.items()}
            for key in limits:
                fields.spans[f"limits.{key}"] = limits.value_span(key)
        yield fields.subject(node)


def _gitlab_containers(pipeline) -> Iterator[Subject]:
    for job in pipeline.jobs:
        if job.hidden:
            continue
        node = job.node
        fields = _Fields("gitlab-ci", job.name, job.name_span())
        image = node.get("image")
        if isinstance(image, YMap) and isinstance(image.get("name"), str):
            fields.set("image", image["name"], image.value_span("name"))
        elif isinstance(image, str):
            fields.set("image", image, node.value_span("image"))
        _env_entries(fields, node.get("variables"))
        yield fields.subject(node)


def _github_containers(workflow) -> Iterator[Subject]:
    for job in workflow.jobs:
        for context, holder, key in _github_service_nodes(job):
            spec = holder.get(key) if key == "container" else holder
            name_span = holder.key_span(key) if key == "container" else holder.value_span("image") if "image" in holder else holder.span
            fields = _Fields("github-actions", context, name_span)
            if isinstance(spec, str):
                fields.set("image", spec, holder.value_span(key))
                yield fields.subject()
                continue
            if not isinstance(spec, YMap):
                continue
            if isinstance(spec.get("image"), str):
                fields.set("image", spec["image"], spec.value_span("image"))
            _env_entries(fields, spec.get("env"))
            options = spec.get("options")
            if isinstance(options, str) and "--privileged" in options.split():
                fields.set("privileged", True, spec.value_span("options"))
            _yaml_list(fields, "ports", spec, "ports")
            fields.data["ports"] = [{"published": p.partition(":")[0] if ":" in p else "", "target": p.rpartition(":")[2]}
                                    for p in fields.data["ports"]]
            volumes = spec.get("volumes")
            if isinstance(volumes, YSeq):
                for index, item in enumerate(volumes):
                    if isinstance(item, str):
                        source, _, rest = item.partition(":")
                        target, _, mode = rest.partition(":")
                        fields.mount(source, target, mode == "ro", source.startswith("/"), volumes.item_span(index))
            yield fields.subject(spec)


# --- objects --------------------------------------------------------------------------


def _yaml_object(kind: str, node: YMap, span: Span) -> Subject:
    return Subject("object", kind, node, span, node=node)


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


def _kubernetes_objects(manifests) -> Iterator[Subject]:
    for obj in manifests.objects:
        yield _yaml_object("kubernetes", obj.node, obj.name_span())


def _root_object(kind: str):
    def build(view) -> Iterator[Subject]:
        root = view.root
        if isinstance(root, YMap) and root:
            first = next(iter(root))
            yield _yaml_object(kind, root, root.key_span(first))

    return build


def _compose_root(compose) -> Iterator[Subject]:
    for document in compose.documents:
        root = document.root
        if isinstance(root, YMap) and root:
            yield _yaml_object("compose", root, root.key_span(next(iter(root))))


def _ansible_objects(playbook) -> Iterator[Subject]:
    for play in getattr(playbook, "plays", ()) or ():
        node = play.node
        span = node.value_span("name") if "name" in node else node.key_span(next(iter(node)))
        yield _yaml_object("ansible", node, span)


_BUILDERS = {
    ("dockerfile", "image"): _dockerfile_images,
    ("compose", "image"): _compose_images,
    ("kubernetes", "image"): _kubernetes_images,
    ("gitlab-ci", "image"): _gitlab_images,
    ("github-actions", "image"): _github_images,
    ("dockerfile", "container"): _dockerfile_containers,
    ("compose", "container"): _compose_containers,
    ("kubernetes", "container"): _kubernetes_containers,
    ("gitlab-ci", "container"): _gitlab_containers,
    ("github-actions", "container"): _github_containers,
    ("dockerfile", "object"): _dockerfile_objects,
    ("compose", "object"): _compose_root,
    ("kubernetes", "object"): _kubernetes_objects,
    ("ansible", "object"): _ansible_objects,
    ("gitlab-ci", "object"): _root_object("gitlab-ci"),
    ("github-actions", "object"): _root_object("github-actions"),
}
