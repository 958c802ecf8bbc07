"""Kubernetes manifests: every object of every document (``kind: List`` items included),
and for workloads the pod spec and its containers, wherever the kind keeps them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from ..model import Span
from ..source import SourceFile
from ..suppression import Suppression
from ..yamlmodel import YamlDocument, YMap, YSeq

#: Where each built-in workload keeps its pod spec.
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
KUBE_LINTER_ANNOTATION = "ignore-check.kube-linter.io/"


def sniff(path: str, documents: list[YamlDocument]) -> bool:
    return any(_is_object(d.root) for d in documents)


def _is_object(root) -> bool:
    return isinstance(root, YMap) and isinstance(root.get("apiVersion"), str) and isinstance(root.get("kind"), str)


@dataclass(eq=False)
class Container:
    """One container of a pod spec; ``list_name`` is containers/initContainers/..."""

    node: YMap
    list_name: str
    pod: PodSpec

    @property
    def name(self) -> str:
        name = self.node.get("name")
        return name if isinstance(name, str) else "(unnamed)"

    @property
    def span(self) -> Span:
        return self.node.span

    def name_span(self) -> Span:
        return self.node.span_of("name")


@dataclass(eq=False)
class PodSpec:
    node: YMap
    #: The YMap holding ``spec`` (the template, or the Pod itself): its metadata has the pod labels.
    template: YMap
    obj: K8sObject

    @property
    def containers(self) -> list[Container]:
        found = []
        for list_name in CONTAINER_LISTS:
            items = self.node.get(list_name)
            if isinstance(items, YSeq):
                found.extend(Container(c, list_name, self) for c in items if isinstance(c, YMap))
        return found

    @property
    def labels(self) -> dict:
        meta = self.template.get("metadata")
        labels = meta.get("labels") if isinstance(meta, YMap) else None
        return labels if isinstance(labels, YMap) else {}


@dataclass(eq=False)
class K8sObject:
    node: YMap
    document: int

    @property
    def kind(self) -> str:
        return self.node["kind"]

    @property
    def api_version(self) -> str:
        return self.node["apiVersion"]

    @property
    def metadata(self) -> YMap:
        meta = self.node.get("metadata")
        return meta if isinstance(meta, YMap) else YMap()

    @property
    def name(self) -> str:
        name = self.metadata.get("name")
        return name if isinstance(name, str) else ""

    @property
    def namespace(self) -> str | None:
        namespace = self.metadata.get("namespace")
        return namespace if isinstance(namespace, str) else None

    @property
    def annotations(self) -> dict:
        annotations = self.metadata.get("annotations")
        return annotations if isinstance(annotations, YMap) else {}

    @property
    def span(self) -> Span:
        return self.node.span

    @property
    def label(self) -> str:
        """How messages name the object: ``Deployment/web``."""
        return f"{self.kind}/{self.name or '(unnamed)'}"

    def pod_spec(self) -> PodSpec | None:
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


@dataclass(eq=False)
class KubernetesFile:
    source: SourceFile
    documents: list[YamlDocument]
    objects: list[K8sObject] = field(default_factory=list)

    def workloads(self) -> Iterator[tuple[K8sObject, PodSpec]]:
        for obj in self.objects:
            pod = obj.pod_spec()
            if pod is not None:
                yield obj, pod

    def containers(self) -> Iterator[Container]:
        for _obj, pod in self.workloads():
            yield from pod.containers

    def suppression_scopes(self) -> list[Span]:
        return [obj.span for obj in self.objects]

    def suppressions(self) -> list[Suppression]:
        """kube-linter's ``ignore-check.kube-linter.io/<check>`` annotations silence that
        check (and its lintkit equivalent) on the annotated object."""
        found = []
        for obj in self.objects:
            annotations = obj.annotations
            for key in annotations:
                if isinstance(key, str) and key.startswith(KUBE_LINTER_ANNOTATION):
                    check = key[len(KUBE_LINTER_ANNOTATION) :]
                    span = annotations.key_span(key)
                    found.append(
                        Suppression(
                            (f"kube-linter:{check}",), obj.span.line, obj.span.end_line, span, key
                        )
                    )
        return found


def parse(source: SourceFile, documents: list[YamlDocument]) -> KubernetesFile:
    view = KubernetesFile(source, documents)
    for document in documents:
        root = document.root
        if not _is_object(root):
            continue
        items = root.get("items")
        if root["kind"].endswith("List") and isinstance(items, YSeq):
            view.objects.extend(K8sObject(item, document.index) for item in items if _is_object(item))
        else:
            view.objects.append(K8sObject(root, document.index))
    return view
