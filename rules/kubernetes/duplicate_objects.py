"""The same object defined twice in one file."""

from lintkit.model import Example, Problem, rule

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
    summary="Same kind, namespace and name defined twice in one file",
    rationale=(
        "Two documents of one file for the same object overwrite each other: `kubectl apply "
        "-f` applies the second over the first, whose settings vanish silently. Objects of "
        "the same name in different files are not compared: folders of alternatives (test "
        "fixtures, kustomize bases and overlays, examples) legitimately repeat names."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad=_CONFIGMAP.replace("NAME", "web") + "---\n" + _CONFIGMAP.replace("NAME", "web"),
            good=_CONFIGMAP.replace("NAME", "web") + "---\n" + _CONFIGMAP.replace("NAME", "api"),
            filename="config.yaml",
        ),
    ),
)
def check(manifest, ctx):
    seen: dict[tuple, int] = {}
    for obj in manifest.objects:
        if not obj.name:
            continue
        key = (obj.group, obj.kind, obj.namespace, obj.name)
        if key in seen:
            yield Problem(obj.name_span(), f"{obj.label} is already defined earlier in this file (line {seen[key]})")
        else:
            seen[key] = obj.name_span().line
