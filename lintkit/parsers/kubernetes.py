"""Kubernetes manifests: every object of every document (``kind: List`` items included),
and for workloads the pod spec and its containers, wherever the kind keeps them.

Three kinds of file are told apart here:

* manifests: documents with ``apiVersion`` and ``kind`` (one object each, or a ``List``);
* kustomizations (``kustomization.yaml``): recognised by name even without apiVersion/kind,
  exposed as :attr:`KubernetesFile.kustomization` and never treated as an API object;
* Helm/Go templates that happen to load as YAML (``image: {{ .Values.image }}`` is a valid
  flow mapping): a file under a ``templates/`` folder containing ``{{``, or any file where
  ``{{ ... }}`` turned into a mapping key. Their values are not what the cluster will see,
  so :attr:`KubernetesFile.template_span` is set and no object is exposed to the rules.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from .. import workspace
from ..kinds import is_chart_template
from ..model import ParseError, Span
from ..numbers import decimal
from ..source import SourceFile
from ..suppression import Suppression
from ..yamlmodel import YamlDocument, YMap, YSeq

#: Where each built-in workload keeps its pod spec. Other kinds (OpenShift's
#: DeploymentConfig, Argo Rollouts, ...) are workloads when they embed a pod template the
#: usual way, ``spec.template.spec`` with containers.
POD_SPEC_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    "PodTemplate": ("template", "spec"),
}
CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")
#: Kinds whose pods run to completion: no probes, no replicas, no rolling updates.
BATCH_KINDS = frozenset(("Job", "CronJob"))
#: securityContext fields a container inherits from the pod's securityContext.
INHERITED_SECURITY_FIELDS = frozenset(
    ("runAsUser", "runAsGroup", "runAsNonRoot", "seccompProfile", "seLinuxOptions", "appArmorProfile",
     "windowsOptions")
)  # fmt: skip

KUBE_LINTER_ANNOTATION = "ignore-check.kube-linter.io/"
KUBE_LINTER_IGNORE_ALL = "kube-linter.io/ignore-all"
CHECKOV_SKIP_ANNOTATION = "checkov.io/skip"
POLARIS_ANNOTATION = "polaris.fairwinds.com/"
KUBE_SCORE_IGNORE = "kube-score/ignore"

KUSTOMIZATION_NAMES = frozenset(("kustomization.yaml", "kustomization.yml", "kustomization"))


def sniff(path: str, documents: list[YamlDocument]) -> bool:
    if is_kustomization_path(path):
        return any(isinstance(d.root, YMap) for d in documents)
    return any(_is_object(d.root) or _is_object_list(d.root) for d in documents)


def _is_object_list(root) -> bool:
    """Objects written as a YAML list (``- apiVersion: v1``), which kubectl refuses."""
    return isinstance(root, YSeq) and bool(root) and all(_is_object(item) for item in root)


def is_kustomization_path(path: str) -> bool:
    return posixpath.basename(path.replace("\\", "/")).lower() in KUSTOMIZATION_NAMES


def _is_object(root) -> bool:
    return isinstance(root, YMap) and isinstance(root.get("apiVersion"), str) and isinstance(root.get("kind"), str)


def mapping(value: Any) -> YMap | None:
    return value if isinstance(value, YMap) else None


def items_of(value: Any) -> list[YMap]:
    """The mappings of a YAML sequence (anything else in it, or a non-sequence, is left to
    the schema rule)."""
    return [v for v in value if isinstance(v, YMap)] if isinstance(value, YSeq) else []


def dig(node: Any, *path: str) -> Any:
    """``node[a][b]...`` through mappings, or None where the path stops."""
    for step in path:
        if not isinstance(node, YMap):
            return None
        node = node.get(step)
    return node


def port_number(value: Any) -> int | None:
    """A port given as a number (or a string of digits, as IntOrString allows), else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return decimal(value)
    return None


def key_or_node_span(parent: YMap, key: str) -> Span:
    """The key's span when ``parent`` has ``key`` (the line a reader looks at), else where
    ``parent`` starts."""
    return parent.key_span(key) if key in parent else first_line_span(parent)


def first_line_span(node: YMap | YSeq) -> Span:
    """A mapping or sequence's first token, rather than its whole (multi-line) extent."""
    if isinstance(node, YMap) and node:
        return node.key_span(next(iter(node)))
    if isinstance(node, YSeq) and node:
        return node.item_span(0)
    return node.span


_EMPTY = YMap()
_CONTAINER_WORDS = {"initContainers": "init container", "ephemeralContainers": "ephemeral container"}


class Container:
    """One container of a pod spec; ``list_name`` is containers/initContainers/...

    Views are built once per file and read by every rule, so their fields are plain
    attributes computed up front rather than properties recomputed on each access.
    """

    __slots__ = (
        "node",
        "list_name",
        "pod",
        "index",
        "name",
        "label",
        "image",
        "security_context",
        "resources",
        "ports",
        "env",
        "env_from",
    )

    def __init__(self, node: YMap, list_name: str, pod: PodSpec, index: int):
        self.node = node
        self.list_name = list_name
        self.pod = pod
        self.index = index
        name = node.get("name")
        self.name: str = name if isinstance(name, str) else "(unnamed)"
        #: How messages name the container: ``container 'web' of Deployment/shop``.
        self.label = f"{_CONTAINER_WORDS.get(list_name, 'container')} {self.name!r} of {pod.obj.label}"
        image = node.get("image")
        self.image: str | None = image if isinstance(image, str) else None
        self.security_context: YMap | None = mapping(node.get("securityContext"))
        self.resources: YMap | None = mapping(node.get("resources"))
        self.ports: list[YMap] = items_of(node.get("ports"))
        self.env: list[YMap] = items_of(node.get("env"))
        self.env_from: list[YMap] = items_of(node.get("envFrom"))

    @property
    def span(self) -> Span:
        return self.node.span

    def name_span(self) -> Span:
        """Where findings about something the container lacks are reported."""
        return self.node.value_span("name") if "name" in self.node else first_line_span(self.node)

    def security_setting(self, name: str) -> tuple[Any, YMap] | None:
        """(value, the securityContext that sets it) for a container security field, the
        container's own value first, then the pod's for the fields a pod passes down."""
        own = self.security_context
        if own is not None and name in own:
            return own[name], own
        if name in INHERITED_SECURITY_FIELDS:
            pod_context = self.pod.security_context
            if pod_context is not None and name in pod_context:
                return pod_context[name], pod_context
        return None

    def resource(self, section: str, name: str) -> Any:
        """``resources.<section>.<name>`` (e.g. requests/cpu), None when unset."""
        return dig(self.resources, section, name)

    def probes(self) -> Iterator[tuple[str, YMap]]:
        for kind in ("livenessProbe", "readinessProbe", "startupProbe"):
            probe = mapping(self.node.get(kind))
            if probe is not None:
                yield kind, probe


class PodSpec:
    """The pod spec of a workload. ``template`` is the YMap holding ``spec`` (the pod
    template, or the Pod itself): its metadata has the pod's labels and annotations."""

    __slots__ = (
        "node",
        "template",
        "obj",
        "metadata",
        "labels",
        "annotations",
        "security_context",
        "volumes",
        "is_batch",
        "is_windows",
        "containers",
    )

    def __init__(self, node: YMap, template: YMap, obj: K8sObject):
        self.node = node
        self.template = template
        self.obj = obj
        self.metadata: YMap = mapping(template.get("metadata")) or _EMPTY
        self.labels: YMap = mapping(self.metadata.get("labels")) or _EMPTY
        self.annotations: YMap = mapping(self.metadata.get("annotations")) or _EMPTY
        self.security_context: YMap | None = mapping(node.get("securityContext"))
        self.volumes: list[YMap] = items_of(node.get("volumes"))
        #: Jobs and CronJobs: pods that run to completion.
        self.is_batch = obj.kind in BATCH_KINDS
        #: Windows pods: Linux-only settings (capabilities, seccomp, read-only root,
        #: runAsNonRoot by UID) do not apply to them.
        os_name = dig(node, "os", "name")
        if os_name is not None:
            self.is_windows = os_name == "windows"
        else:
            self.is_windows = dig(node, "nodeSelector", "kubernetes.io/os") == "windows"
        self.containers: list[Container] = [
            Container(item, list_name, self, index)
            for list_name in CONTAINER_LISTS
            for index, item in enumerate(items_of(node.get(list_name)))
        ]

    def app_containers(self) -> list[Container]:
        """The long-running containers (``containers``), without init and ephemeral ones."""
        return [c for c in self.containers if c.list_name == "containers"]

    @property
    def span(self) -> Span:
        """Where findings about something the pod lacks are reported: the ``spec:`` key
        of the pod (template)."""
        return key_or_node_span(self.template, "spec")


class K8sObject:
    """One API object; ``document`` is the index of the YAML document holding it."""

    __slots__ = (
        "node",
        "document",
        "kind",
        "api_version",
        "group",
        "metadata",
        "name",
        "namespace",
        "labels",
        "annotations",
        "spec",
        "label",
        "pod",
        "is_patch",
    )

    def __init__(self, node: YMap, document: int):
        self.node = node
        self.document = document
        self.kind: str = node["kind"]
        self.api_version: str = node["apiVersion"]
        group, slash, _version = self.api_version.rpartition("/")
        #: API group ("" for the core group).
        self.group: str = group if slash else ""
        metadata = self.metadata = mapping(node.get("metadata")) or _EMPTY
        name = metadata.get("name")
        self.name: str = name if isinstance(name, str) else ""
        namespace = metadata.get("namespace")
        self.namespace: str | None = namespace if isinstance(namespace, str) else None
        self.labels: YMap = mapping(metadata.get("labels")) or _EMPTY
        self.annotations: YMap = mapping(metadata.get("annotations")) or _EMPTY
        self.spec: YMap = mapping(node.get("spec")) or _EMPTY
        #: How messages name the object: ``Deployment/web``.
        self.label = f"{self.kind}/{self.name or '(unnamed)'}"
        self.pod: PodSpec | None = self._pod_spec()
        #: A partial object that kustomize merges into a base (a strategic-merge patch):
        #: it is checked for what it sets, never for what it leaves to the base. Set for
        #: the objects of a file a kustomization lists under ``patches``, and for objects
        #: that read as patches (see :func:`reads_as_patch`).
        self.is_patch: bool = reads_as_patch(self)

    @property
    def span(self) -> Span:
        return self.node.span

    def name_span(self) -> Span:
        """Where findings about the object as a whole are reported: its name, else its kind."""
        meta = self.metadata
        if "name" in meta:
            return meta.value_span("name")
        return self.node.value_span("kind")

    def spec_span(self, key: str | None = None) -> Span:
        """``spec.<key>``'s value when set, else the ``spec`` key, else the object's name."""
        spec = self.spec
        if key is not None and key in spec:
            return spec.value_span(key)
        if "spec" in self.node:
            return self.node.key_span("spec")
        return self.name_span()

    def _pod_spec(self) -> PodSpec | None:
        """The pod spec of a built-in workload, or of a custom resource that embeds a pod
        template the usual way (``spec.template.spec`` with containers)."""
        path = POD_SPEC_PATHS.get(self.kind, ("spec", "template", "spec"))
        node, parent = self.node, self.node
        for step in path:
            parent = node
            node = node.get(step) if isinstance(node, YMap) else None
        if not isinstance(node, YMap):
            return None
        if self.kind not in POD_SPEC_PATHS and not isinstance(node.get("containers"), YSeq):
            return None
        return PodSpec(node, parent, self)


#: Strategic-merge patch directives: no object the API server accepts carries them.
_PATCH_DIRECTIVES = ("$patch", "$setElementOrder/", "$retainKeys", "$deleteFromPrimitiveList/")


def reads_as_patch(obj: K8sObject) -> bool:
    """A strategic-merge patch by its content: a ``$patch``-style directive anywhere, or a
    pod template whose containers name no image (every container needs one, so these
    only say what to change in the base's containers)."""
    pod = obj.pod
    if pod is not None and pod.containers and all("image" not in c.node for c in pod.containers):
        return True
    stack: list[Any] = [obj.node]
    while stack:
        node = stack.pop()
        if isinstance(node, YMap):
            for key, value in node.items():
                if isinstance(key, str) and key.startswith(_PATCH_DIRECTIVES):
                    return True
                stack.append(value)
        elif isinstance(node, YSeq):
            stack.extend(node)
    return False


@dataclass(eq=False)
class KubernetesFile:
    source: SourceFile
    documents: list[YamlDocument]
    objects: list[K8sObject] = field(default_factory=list)
    #: The kustomization.yaml mapping, when this file is one.
    kustomization: YMap | None = None
    #: Where the first ``{{`` of a Helm/Go template is, when the file is one (and then
    #: ``objects`` is empty: its values are not what the cluster will see).
    template_span: Span | None = None
    #: Facts derived from the file that several rules share (RBAC grants, the object
    #: inventory of project rules), computed once by whichever rule asks first.
    derived: dict[str, Any] = field(default_factory=dict)
    _workloads: list[tuple[K8sObject, PodSpec]] = field(default_factory=list)
    _containers: list[Container] = field(default_factory=list)
    _by_kind: dict[str, list[K8sObject]] = field(default_factory=dict)

    def index(self) -> None:
        """Build the lookups rules use (called once the objects are known)."""
        self._workloads = [(obj, obj.pod) for obj in self.objects if obj.pod is not None]
        self._containers = [c for _obj, pod in self._workloads for c in pod.containers]
        self._by_kind = {}
        for obj in self.objects:
            self._by_kind.setdefault(obj.kind, []).append(obj)

    @property
    def kustomize_role(self) -> str | None:
        """ "resource" or "patch" when a kustomization.yaml beside the file (or in the
        folder above) lists it: kustomize then edits it (patches, labels, generators)
        before it reaches the cluster, so it may legitimately lack required fields."""
        if "kustomize_role" not in self.derived:
            self.derived["kustomize_role"] = kustomize_role(self.source.path)
        return self.derived["kustomize_role"]

    def workloads(self) -> list[tuple[K8sObject, PodSpec]]:
        """(object, pod spec) of every object that runs pods."""
        return self._workloads

    def containers(self) -> list[Container]:
        """Every container of every workload."""
        return self._containers

    def of_kind(self, *kinds: str) -> list[K8sObject]:
        """The objects of the given kinds (grouped by kind, in file order within each)."""
        if len(kinds) == 1:
            return self._by_kind.get(kinds[0], [])
        return [obj for kind in kinds for obj in self._by_kind.get(kind, ())]

    def suppression_scopes(self) -> list[Span]:
        """Objects, pod specs and containers: a comment above one covers all of it."""
        scopes = [obj.span for obj in self.objects]
        for _obj, pod in self.workloads():
            scopes.append(pod.node.span)
            scopes.extend(c.span for c in pod.containers)
        return scopes

    def suppressions(self) -> list[Suppression]:
        """Annotations other tools honour, honoured on the annotated object:
        kube-linter's ``ignore-check.kube-linter.io/<check>`` and
        ``kube-linter.io/ignore-all``, Checkov's ``checkov.io/skip<N>: CKV_K8S_8=reason``,
        Polaris's ``polaris.fairwinds.com/<check>-exempt`` and ``.../exempt``, and
        kube-score's ``kube-score/ignore: <check>,...``."""
        found = []
        for obj in self.objects:
            annotations = obj.annotations
            for key, value in annotations.items():
                if not isinstance(key, str):
                    continue
                selectors = _annotation_selectors(key, value)
                if selectors:
                    found.append(
                        Suppression(selectors, obj.span.line, obj.span.end_line, annotations.key_span(key), key)
                    )
        return found


def _annotation_selectors(key: str, value: Any) -> tuple[str, ...] | None:
    if key.startswith(KUBE_LINTER_ANNOTATION):
        return (f"kube-linter:{key[len(KUBE_LINTER_ANNOTATION) :]}",)
    if key == KUBE_LINTER_IGNORE_ALL:
        return ("kube-linter:*",)
    if key.startswith(CHECKOV_SKIP_ANNOTATION) and isinstance(value, str):
        check = value.partition("=")[0].strip()
        return (check,) if check else None
    if key.startswith(POLARIS_ANNOTATION) and _truthy(value):
        check = key[len(POLARIS_ANNOTATION) :]
        if check == "exempt":
            return ("polaris:*",)
        if check.endswith("-exempt"):
            return (f"polaris:{check[: -len('-exempt')]}",)
        return None
    if key == KUBE_SCORE_IGNORE and isinstance(value, str):
        return tuple(f"kube-score:{c.strip()}" for c in value.split(",") if c.strip()) or None
    return None


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def kustomize_role(path: str) -> str | None:
    here = os.path.dirname(os.path.abspath(path))
    for folder in (here, os.path.dirname(here)):
        listed = _kustomization_lists(folder)
        if listed is None:
            continue
        resources, patches = listed
        relative = os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")
        if relative in patches:
            return "patch"
        if relative in resources:
            return "resource"
    return None


def _kustomization_lists(folder: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(resources, patches) listed by the kustomization in ``folder``, if there is one."""
    for name in ("kustomization.yaml", "kustomization.yml", "Kustomization"):
        candidate = os.path.join(folder, name)
        if workspace.is_file(candidate):
            text = workspace.read_text(candidate, strict=True)
            return None if text is None else _read_kustomization(candidate, text)
    return None


@lru_cache(maxsize=64)
def _read_kustomization(path: str, text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    from ..yamlmodel import load

    try:
        documents = load(SourceFile(path, text))
    except ParseError:
        return None
    root = documents[0].root if documents else None
    if not isinstance(root, YMap):
        return None

    def paths(key: str) -> set[str]:
        found = set()
        for entry in root.get(key) or ():
            if isinstance(entry, YMap):
                entry = entry.get("path")
            if isinstance(entry, str) and "\n" not in entry:
                found.add(posixpath.normpath(entry.strip()))
        return found

    resources = paths("resources") | paths("bases")
    patches = paths("patches") | paths("patchesStrategicMerge") | paths("patchesJson6902")
    return frozenset(resources), frozenset(patches)


def _template_span(source: SourceFile, documents: list[YamlDocument]) -> Span | None:
    """Where a Helm/Go template's first ``{{`` is, if this file is one."""
    text = source.text
    at = text.find("{{")
    if at == -1:
        return None
    if not is_chart_template(source.path, text) and not any(_has_template_key(d.root) for d in documents):
        return None
    line, column = source.position(at)
    end = text.find("}}", at)
    end_line, end_column = source.position(end + 2) if end != -1 else (line, column + 2)
    if end_line != line:
        end_line, end_column = line, column + 2
    return Span(line, column, end_line, end_column)


def _has_template_key(node: Any) -> bool:
    """``{{ .Values.x }}`` loads as a mapping whose key is itself a mapping (kept as a tuple)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, YMap):
            for key, value in item.items():
                if isinstance(key, tuple):
                    return True
                stack.append(value)
        elif isinstance(item, YSeq):
            stack.extend(item)
    return False


def parse(source: SourceFile, documents: list[YamlDocument]) -> KubernetesFile:
    view = KubernetesFile(source, documents)
    view.template_span = _template_span(source, documents)
    if view.template_span is not None:
        return view
    kustomization_file = is_kustomization_path(source.path)
    listed = next((d.root for d in documents if _is_object_list(d.root)), None)
    if listed is not None:
        raise ParseError(
            "a manifest document is one object, and this is a list of them: separate the objects "
            "with `---` (or put them in the `items:` of a `kind: List`)",
            Span.point(listed.span.line, listed.span.column),
        )
    for document in documents:
        root = document.root
        if kustomization_file and isinstance(root, YMap) and view.kustomization is None:
            view.kustomization = root
            continue
        if not _is_object(root):
            continue
        items = root.get("items")
        if root["kind"].endswith("List") and isinstance(items, YSeq):
            view.objects.extend(K8sObject(item, document.index) for item in items if _is_object(item))
        else:
            view.objects.append(K8sObject(root, document.index))
    if view.objects and view.kustomize_role == "patch":
        for obj in view.objects:
            obj.is_patch = True
    view.index()
    return view
