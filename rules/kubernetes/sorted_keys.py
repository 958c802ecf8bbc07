"""Mapping keys out of alphabetical order."""

from lintkit.model import Example, Fix, Problem, rule
from lintkit.yamledit import reorder
from lintkit.yamlmodel import YMap, YSeq


@rule(
    id="K8088",
    name="sorted-keys",
    severity="style",
    summary="YAML keys not in alphabetical order",
    rationale=(
        "Sorted keys make large manifests diff and review well and make duplicates obvious. "
        "Off by default: most teams prefer Kubernetes' conventional order (apiVersion, kind, "
        "metadata, spec)."
    ),
    tags=("style",),
    aliases=("kube-linter:sorted-keys",),
    enabled=False,
    fix="safe",
    examples=(
        Example(
            bad="apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {b: '1', a: '2'}\n",
            good="apiVersion: v1\ndata: {a: '2', b: '1'}\nkind: ConfigMap\nmetadata: {name: web}\n",
            filename="configmap.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.objects:
        stack = [obj.node]
        while stack:
            node = stack.pop()
            if isinstance(node, YMap):
                keys = [k for k in node if isinstance(k, str)]
                for before, after in zip(keys, keys[1:]):
                    if after < before:
                        edits = reorder(manifest.source, node, sorted(node)) if len(keys) == len(node) else None
                        yield Problem(
                            node.key_span(after), f"key {after!r} comes after {before!r}; keys are not sorted",
                            Fix("sort the keys", edits) if edits else None,
                        )
                        break
                stack.extend(node.values())
            elif isinstance(node, YSeq):
                stack.extend(node)
