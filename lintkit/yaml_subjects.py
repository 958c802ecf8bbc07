"""The subjects of the YAML kinds (compose, Kubernetes, Ansible, GitLab CI, GitHub
Actions), built from their views with the spans the YAML layer keeps; see
``lintkit/subjects.py`` for the model."""

from __future__ import annotations

from typing import Any, Iterator

from .model import Span
from .subjects import Subject, ContainerFields, image_subject
from .yamlmodel import YMap, YSeq


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


def _yaml_list(fields: ContainerFields, name: str, holder: YMap, key: str) -> None:

    value = holder.get(key)
    if isinstance(value, YSeq):
        for index, item in enumerate(value):
            if isinstance(item, (str, int)):
                fields.add(name, str(item), value.item_span(index))


def _env_entries(fields: ContainerFields, env: Any) -> None:
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


def _compose_containers(compose) -> Iterator[Subject]:

    for service in compose.services:
        node = service.node
        fields = ContainerFields("compose", service.name, service.name_span())
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
        fields = ContainerFields("kubernetes", container.name, container.name_span())
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
        fields = ContainerFields("gitlab-ci", job.name, job.name_span())
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
            fields = ContainerFields("github-actions", context, name_span)
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


def _yaml_object(kind: str, node: YMap, span: Span) -> Subject:

    return Subject("object", kind, node, span, node=node)


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


BUILDERS = {
    ("compose", "image"): _compose_images,
    ("kubernetes", "image"): _kubernetes_images,
    ("gitlab-ci", "image"): _gitlab_images,
    ("github-actions", "image"): _github_images,
    ("compose", "container"): _compose_containers,
    ("kubernetes", "container"): _kubernetes_containers,
    ("gitlab-ci", "container"): _gitlab_containers,
    ("github-actions", "container"): _github_containers,
    ("compose", "object"): _compose_root,
    ("kubernetes", "object"): _kubernetes_objects,
    ("ansible", "object"): _ansible_objects,
    ("gitlab-ci", "object"): _root_object("gitlab-ci"),
    ("github-actions", "object"): _root_object("github-actions"),
}
