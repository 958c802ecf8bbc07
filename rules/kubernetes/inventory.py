"""What the cross-object (project) rules know about each file: its objects reduced to
picklable facts with the spans findings point at.

Every project rule uses :data:`FACTS` as its ``collect``: the engine collects the
inventory of a file once (and pickles it once, however many rules use it), combines the
inventories of all files into one :class:`Run` index, and hands that to each rule.

References are resolved across the whole run, but reported as missing only when the
referring file's folder defines objects of the referenced kind: a reference to a
ConfigMap from a folder that defines no ConfigMap at all is left alone, since Helm, an
operator, a kustomize base or ``kubectl create`` is then expected to make it.
"""

from __future__ import annotations

import os
from typing import Any, Iterator, NamedTuple

from lintkit.model import Facts, Span
from lintkit.parsers.kubernetes import dig, items_of, mapping
from lintkit.yamlmodel import YMap

from .labels import map_selector_matches, selector_matches

#: Kinds whose objects create Secrets of a given name (besides Secret itself).
SECRET_MAKERS = {
    "SealedSecret": None,
    "ExternalSecret": ("spec", "target", "name"),
    "Certificate": ("spec", "secretName"),
}


class Ref(NamedTuple):
    """A reference from a pod to another object: ``kind`` ConfigMap, Secret,
    PersistentVolumeClaim or ServiceAccount; ``key`` for single-key references."""

    kind: str
    name: str
    span: Span
    via: str  # "env", "envFrom", "volume", "serviceAccountName"
    key: str | None = None
    container: str | None = None


class ContainerFacts(NamedTuple):
    name: str
    #: (containerPort, name) of each declared port.
    ports: tuple[tuple[Any, str | None], ...]
    cpu_request: bool
    init: bool


class PodFacts(NamedTuple):
    labels: dict
    containers: tuple[ContainerFacts, ...]
    refs: tuple[Ref, ...]


class ObjectFacts(NamedTuple):
    """One object, reduced to what the project rules ask about. (Facts are named tuples:
    they cross from worker processes to the parent, and tuples pickle compactly.)"""

    kind: str
    group: str
    name: str
    namespace: str | None
    name_span: Span
    labels: dict
    pod: PodFacts | None
    #: Kind-specific facts (service ports, ingress backends, HPA target...).
    spec: dict

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.name or '(unnamed)'}"


class FileFacts(NamedTuple):
    objects: list[ObjectFacts]
    #: ConfigMap and Secret names a kustomization in this file generates.
    generated: dict[str, set[str]]


def collect(manifest, ctx) -> FileFacts | None:
    return _build(manifest)


def _plain(labels) -> dict:
    return {str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {}


#: Kinds the project rules look at (besides workloads and custom resources).
_RELEVANT_KINDS = frozenset((
    "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor",
    "ConfigMap", "Secret", "PersistentVolumeClaim", "ServiceAccount", "Namespace", "LimitRange", "ResourceQuota",
    *SECRET_MAKERS,
))  # fmt: skip


def _relevant(obj) -> bool:
    """Kinds the project rules read, workloads, and labelled custom resources (whose
    labels operators give the pods they create)."""
    return obj.kind in _RELEVANT_KINDS or obj.pod is not None or (_is_custom(obj.group) and bool(obj.labels))


def _is_custom(group: str) -> bool:
    return "." in group and not group.endswith(".k8s.io")


def _build(manifest) -> FileFacts | None:
    objects = [_object(obj) for obj in manifest.objects if _relevant(obj)]
    facts = FileFacts(objects, {})
    kustomization = manifest.kustomization
    if kustomization is not None:
        for field_name, kind in (("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret")):
            names = {g["name"] for g in items_of(kustomization.get(field_name)) if isinstance(g.get("name"), str)}
            if names:
                facts.generated[kind] = names
    return facts if objects or facts.generated else None


def _object(obj) -> ObjectFacts:
    reader = _SPEC_READERS.get(obj.kind)
    if reader is not None:
        spec = reader(obj)
    elif _is_custom(obj.group):
        # A custom resource: operators commonly label the pods they create like the resource.
        pod_labels = dig(obj.spec, "podMetadata", "labels") or dig(obj.spec, "template", "metadata", "labels")
        spec = {"pod_labels": _plain(pod_labels)}
    else:
        spec = {}
    pod = _pod(obj.pod) if obj.pod is not None else None
    return ObjectFacts(obj.kind, obj.group, obj.name, obj.namespace, obj.name_span(), _plain(obj.labels), pod, spec)


def _pod(pod) -> PodFacts:
    containers, refs = [], []
    for container in pod.containers:
        ports = tuple(
            (p.get("containerPort"), p.get("name") if isinstance(p.get("name"), str) else None) for p in container.ports
        )
        cpu = container.resource("requests", "cpu") is not None or container.resource("limits", "cpu") is not None
        containers.append(ContainerFacts(container.name, ports, cpu, container.list_name != "containers"))
        for variable in container.env:
            value_from = mapping(variable.get("valueFrom"))
            for source, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
                ref = mapping(value_from.get(source)) if value_from is not None else None
                if ref is not None and isinstance(ref.get("name"), str) and ref.get("optional") is not True:
                    key = ref.get("key") if isinstance(ref.get("key"), str) else None
                    refs.append(Ref(kind, ref["name"], ref.value_span("name"), "env", key, container.name))
        for source in container.env_from:
            for field_name, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
                ref = mapping(source.get(field_name))
                if ref is not None and isinstance(ref.get("name"), str) and ref.get("optional") is not True:
                    refs.append(Ref(kind, ref["name"], ref.value_span("name"), "envFrom", None, container.name))
    claim_templates = {
        t.get("metadata", {}).get("name")
        for t in items_of(pod.obj.spec.get("volumeClaimTemplates"))
        if isinstance(t.get("metadata"), dict)
    }
    for volume in pod.volumes:
        refs.extend(
            r for r in _volume_refs(volume) if not (r.kind == "PersistentVolumeClaim" and r.name in claim_templates)
        )
    account = pod.node.get("serviceAccountName")
    if isinstance(account, str) and account not in ("", "default"):
        refs.append(Ref("ServiceAccount", account, pod.node.value_span("serviceAccountName"), "serviceAccountName"))
    return PodFacts(_plain(pod.labels), tuple(containers), tuple(refs))


def _volume_refs(volume: YMap) -> Iterator[Ref]:
    sources = [volume]
    projected = mapping(volume.get("projected"))
    if projected is not None:
        sources.extend(items_of(projected.get("sources")))
    for source in sources:
        for field_name, kind, name_field in (
            ("configMap", "ConfigMap", "name"),
            ("secret", "Secret", "secretName" if source is volume else "name"),
            ("persistentVolumeClaim", "PersistentVolumeClaim", "claimName"),
        ):
            ref = mapping(source.get(field_name))
            if ref is not None and isinstance(ref.get(name_field), str) and ref.get("optional") is not True:
                yield Ref(kind, ref[name_field], ref.value_span(name_field), "volume")


def _service(obj) -> dict:
    spec = obj.spec
    selector = mapping(spec.get("selector"))
    ports = []
    for port in items_of(spec.get("ports")):
        target = port.get("targetPort", port.get("port"))
        span = port.value_span("targetPort") if "targetPort" in port else port.span_of("port")
        ports.append((port.get("port"), port.get("name"), target, span))
    return {
        "selector": _plain(selector) if selector is not None else {},
        "selector_span": spec.value_span("selector") if selector is not None else None,
        "type": spec.get("type", "ClusterIP"),
        "cluster_ip": spec.get("clusterIP"),
        "ports": tuple(ports),
    }


def _ingress(obj) -> dict:
    spec = obj.spec
    backends = []
    candidates = [spec.get("defaultBackend"), spec.get("backend")]
    for ingress_rule in items_of(spec.get("rules")):
        for path in items_of(dig(ingress_rule, "http", "paths")):
            candidates.append(path.get("backend"))
    for backend in candidates:
        backend = mapping(backend)
        if backend is None:
            continue
        service = mapping(backend.get("service"))
        if service is not None and isinstance(service.get("name"), str):
            port = mapping(service.get("port")) or YMap()
            number, name = port.get("number"), port.get("name")
            port_key = "number" if "number" in port else "name" if "name" in port else None
            port_span = port.value_span(port_key) if port_key else None
            backends.append((service["name"], service.value_span("name"), number, name, port_span))
        elif isinstance(backend.get("serviceName"), str):  # networking.k8s.io/v1beta1
            value = backend.get("servicePort")
            number, name = (value, None) if isinstance(value, int) else (None, value)
            port_span = backend.value_span("servicePort") if "servicePort" in backend else None
            backends.append((backend["serviceName"], backend.value_span("serviceName"), number, name, port_span))
    return {"backends": tuple(backends)}


def _hpa(obj) -> dict:
    ref = mapping(obj.spec.get("scaleTargetRef"))
    if ref is None or not isinstance(ref.get("name"), str) or not isinstance(ref.get("kind"), str):
        return {}
    cpu_span = None
    if "targetCPUUtilizationPercentage" in obj.spec:
        cpu_span = obj.spec.key_span("targetCPUUtilizationPercentage")
    for metric in items_of(obj.spec.get("metrics")):
        resource = mapping(metric.get("resource")) or mapping(metric.get("containerResource"))
        if resource is not None and resource.get("name") == "cpu":
            cpu_span = resource.value_span("name")
    return {
        "target_kind": ref.get("kind"),
        "target_name": ref["name"],
        "target_span": ref.value_span("name"),
        "cpu_span": cpu_span,
    }


def _scalable(obj) -> dict:
    spec = obj.spec
    found = {"selector": spec.get("selector") if isinstance(spec.get("selector"), dict) else None}
    if "replicas" in spec:
        found["replicas_span"] = spec.value_span("replicas")
    if obj.kind == "StatefulSet":
        found["service_name"] = spec.get("serviceName") if isinstance(spec.get("serviceName"), str) else None
        found["service_span"] = spec.value_span("serviceName") if "serviceName" in spec else obj.spec_span()
    return found


def _label_selector(obj, field_name: str) -> dict:
    selector = obj.spec.get(field_name)
    if not isinstance(selector, dict):
        return {}
    return {"selector": _plain_selector(selector), "selector_span": obj.spec.key_span(field_name)}


def _plain_selector(selector: dict) -> dict:
    """A LabelSelector as plain dicts and lists (it crosses process boundaries)."""
    plain: dict = {}
    if isinstance(selector.get("matchLabels"), dict):
        plain["matchLabels"] = _plain(selector["matchLabels"])
    if isinstance(selector.get("matchExpressions"), list):
        plain["matchExpressions"] = [
            {"key": e.get("key"), "operator": e.get("operator"), "values": list(e.get("values") or [])}
            for e in selector["matchExpressions"]
            if isinstance(e, dict)
        ]
    return plain


def _network_policy(obj) -> dict:
    found = _label_selector(obj, "podSelector")
    return found or {"selector": {}, "selector_span": obj.spec_span()}


def _service_monitor(obj) -> dict:
    found = _label_selector(obj, "selector")
    namespaces = mapping(obj.spec.get("namespaceSelector"))
    if namespaces is not None:
        found["any_namespace"] = namespaces.get("any") is True
        names = namespaces.get("matchNames")
        found["namespaces"] = tuple(str(n) for n in names) if isinstance(names, list) else ()
    return found


def _config_data(obj) -> dict:
    keys = set()
    for field_name in ("data", "binaryData", "stringData"):
        data = obj.node.get(field_name)
        if isinstance(data, dict):
            keys.update(str(k) for k in data)
    return {"keys": frozenset(keys), "has_data": any(f in obj.node for f in ("data", "binaryData", "stringData"))}


def _secret_maker(obj) -> dict:
    path = SECRET_MAKERS[obj.kind]
    name = dig(obj.node, *path) if path else obj.name
    return {"makes_secret": name if isinstance(name, str) else obj.name}


_SPEC_READERS = {
    "Service": _service,
    "Ingress": _ingress,
    "HorizontalPodAutoscaler": _hpa,
    "Deployment": _scalable,
    "StatefulSet": _scalable,
    "ReplicaSet": _scalable,
    "PodDisruptionBudget": lambda obj: _label_selector(obj, "selector"),
    "NetworkPolicy": _network_policy,
    "ServiceMonitor": _service_monitor,
    "ConfigMap": _config_data,
    "Secret": _config_data,
    **{kind: _secret_maker for kind in SECRET_MAKERS},
}


def folder_of(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def same_namespace(a: str | None, b: str | None) -> bool:
    """Objects without a namespace go wherever they are applied: they match any."""
    return a is None or b is None or a == b


class Run:
    """The inventories of every file of the run, indexed once (the engine combines
    :data:`FACTS` into one) and shared by the project rules."""

    def __init__(self, facts_by_path: dict[str, FileFacts], ctx=None):
        self.files = facts_by_path
        self.objects: list[tuple[str, ObjectFacts]] = [
            (path, obj) for path, facts in facts_by_path.items() for obj in facts.objects
        ]
        self._by_kind: dict[str, list[tuple[str, ObjectFacts]]] = {}
        for path, obj in self.objects:
            self._by_kind.setdefault(obj.kind, []).append((path, obj))
        for path, facts in facts_by_path.items():
            for kind, names in facts.generated.items():
                for name in names:
                    generated = ObjectFacts(kind, "", name, None, Span(1, 1, 1, 1), {}, None, {"generated": True})
                    self._by_kind.setdefault(kind, []).append((path, generated))
        for kind in SECRET_MAKERS:
            for path, obj in self._by_kind.get(kind, ()):
                made = ObjectFacts(
                    "Secret",
                    "",
                    obj.spec.get("makes_secret") or obj.name,
                    obj.namespace,
                    obj.name_span,
                    {},
                    None,
                    {"generated": True},
                )
                self._by_kind.setdefault("Secret", []).append((path, made))
        self._by_name: dict[tuple[str, str], list[tuple[str, ObjectFacts]]] = {}
        for kind, entries in self._by_kind.items():
            for path, obj in entries:
                self._by_name.setdefault((kind, obj.name), []).append((path, obj))
        self._folders = {path: folder_of(path) for path in facts_by_path}
        self._folders_with_kind: dict[str, set[str]] = {
            kind: {self._folders[p] for p, _ in entries} for kind, entries in self._by_kind.items()
        }
        # Every pod label set (pod templates, and custom resources operators turn into
        # pods), indexed by label so that a selector only looks at sets sharing a label.
        self._label_sets: list[tuple[str, ObjectFacts, dict]] = []
        for path, obj in self.objects:
            if obj.pod is not None:
                self._label_sets.append((path, obj, obj.pod.labels))
            elif "pod_labels" in obj.spec:
                self._label_sets.append((path, obj, obj.labels))
                if obj.spec["pod_labels"]:
                    self._label_sets.append((path, obj, obj.spec["pod_labels"]))
        self._by_label: dict[tuple[str, str], list[int]] = {}
        for index, (_path, _obj, labels) in enumerate(self._label_sets):
            for item in labels.items():
                self._by_label.setdefault(item, []).append(index)

    def of_kind(self, *kinds: str) -> Iterator[tuple[str, ObjectFacts]]:
        for kind in kinds:
            yield from self._by_kind.get(kind, ())

    def find(self, kind: str, name: str, namespace: str | None) -> list[tuple[str, ObjectFacts]]:
        return [(p, o) for p, o in self._by_name.get((kind, name), ()) if same_namespace(o.namespace, namespace)]

    def folder_defines(self, path: str, *kinds: str) -> bool:
        """Does the folder of ``path`` define any object of one of ``kinds``?"""
        folder = self._folders[path]
        return any(folder in self._folders_with_kind.get(kind, ()) for kind in kinds)

    def defines_in_namespaces(self, kind: str, namespaces) -> bool:
        return any(o.namespace in namespaces for _p, o in self._by_kind.get(kind, ()))

    def pod_label_sets(self, namespace: str | None, selector: dict | None = None):
        """(path, object, labels) of every pod label set in a compatible namespace; with a
        plain ``selector``, only those carrying its first label (the others cannot match)."""
        if selector:
            indexes = self._by_label.get(next(iter(selector.items())), ())
            candidates = [self._label_sets[i] for i in indexes]
        else:
            candidates = self._label_sets
        return [c for c in candidates if same_namespace(c[1].namespace, namespace)]

    def workloads_selected(self, selector: dict, namespace: str | None, *, plain: bool):
        """Workloads (with pod facts) whose pod labels the selector matches."""
        test = map_selector_matches if plain else selector_matches
        candidates = self.pod_label_sets(namespace, selector if plain else None)
        return [(p, o) for p, o, labels in candidates if o.pod is not None and test(selector, labels)]


#: The facts of the Kubernetes project rules: each file's inventory, combined into a :class:`Run`.
FACTS = Facts("kubernetes.inventory", collect, Run)
