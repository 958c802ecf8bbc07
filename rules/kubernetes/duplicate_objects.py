"""The same object defined twice in one folder."""

import os

from lintkit.model import Example, Problem, rule

from . import inventory

_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: NAME
data: {LOG_LEVEL: info}
"""


@rule(
    id="K8107",
    name="duplicate-objects",
    severity="error",
    summary="Same kind, namespace and name defined twice in one folder",
    rationale=(
        "Two manifests for the same object overwrite each other: whichever `kubectl apply` "
        "reads last wins, and the other one's changes vanish silently. Objects of the same "
        "name in different folders (kustomize bases and overlays) are not compared."
    ),
    tags=("reliability",),
    examples=(
        Example(bad=_CONFIGMAP.replace("NAME", "web") + "---\n" + _CONFIGMAP.replace("NAME", "web"),
                good=_CONFIGMAP.replace("NAME", "web") + "---\n" + _CONFIGMAP.replace("NAME", "api"),
                filename="config.yaml"),
    ),
    collect=inventory.collect,
)
def check(facts_by_path, ctx):
    seen: dict[tuple, tuple[str, int]] = {}
    for path in sorted(facts_by_path):
        folder = os.path.dirname(os.path.abspath(path))
        for obj in facts_by_path[path].objects:
            if not obj.name:
                continue
            key = (folder, obj.group, obj.kind, obj.namespace, obj.name)
            first = seen.get(key)
            if first is None:
                seen[key] = (path, obj.name_span.line)
                continue
            where = "earlier in this file" if first[0] == path else f"in {os.path.basename(first[0])}"
            yield Problem(obj.name_span, f"{obj.label} is already defined {where} (line {first[1]})", path=path)
