"""The same environment variable set twice in one container."""

from lintkit.model import Example, Problem, rule

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
      env:
        - {name: LOG_LEVEL, value: info}
        - {name: NAME, value: debug}
"""


@rule(
    id="K8048",
    name="no-duplicate-env",
    severity="warning",
    summary="Same environment variable set twice in one container",
    rationale=(
        "When a container's env lists a name twice, the last entry wins silently; the first "
        "one is dead configuration that someone will edit in vain."
    ),
    tags=("reliability",),
    aliases=("kube-linter:duplicate-env-var", "kube-score:environment-variable-key-duplication"),
    examples=(
        Example(bad=_POD.replace("NAME", "LOG_LEVEL"), good=_POD.replace("NAME", "LOG_FORMAT"), filename="pod.yaml"),
    ),
)
def check(manifest, ctx):
    for container in manifest.containers():
        seen = {}
        for variable in container.env:
            name = variable.get("name")
            if not isinstance(name, str):
                continue
            if name in seen:
                yield Problem(
                    variable.value_span("name"),
                    f"{container.label} sets {name} again (first on line {seen[name]}); the last value wins",
                )
            else:
                seen[name] = variable.value_span("name").line
