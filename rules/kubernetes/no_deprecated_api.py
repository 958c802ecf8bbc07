"""apiVersions the target Kubernetes version deprecates or no longer serves."""

from lintkit.model import Edit, Example, Fix, Problem, rule

from . import apis, schema

_GOOD = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  defaultBackend:
    service: {name: web, port: {number: 80}}
"""
_BAD = """\
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
spec:
  backend: {serviceName: web, servicePort: 80}
"""
_CRONJOB = """\
apiVersion: VERSION
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: registry.example.com/report:1.4.2
"""


@rule(
    id="K8085",
    name="no-deprecated-api",
    severity="error",
    summary="apiVersion is deprecated or removed in the target Kubernetes version",
    rationale=(
        "Kubernetes stops serving beta API versions a few releases after their stable "
        "replacement ships: `kubectl apply` of an `extensions/v1beta1` Ingress or a "
        "`batch/v1beta1` CronJob fails on a current cluster, usually discovered during a "
        "cluster upgrade. Checked against the configured `kubernetes-version` (default "
        f"{schema.DEFAULT_KUBERNETES_VERSION}), with the apiVersion to move to."
    ),
    tags=("reliability",),
    aliases=("kube-linter:no-extensions-v1beta", "kube-score:stable-version", "KSV107"),
    fix="safe",
    examples=(
        Example(bad=_BAD, good=_GOOD, filename="ingress.yaml"),
        # batch/v1 reads a v1beta1 CronJob unchanged: the fix rewrites the apiVersion.
        Example(bad=_CRONJOB.replace("VERSION", "batch/v1beta1"), good=_CRONJOB.replace("VERSION", "batch/v1"), filename="cronjob.yaml"),
    ),
)
def check(manifest, ctx):
    target = apis.version_tuple(schema.target_version(ctx.settings))
    for obj in manifest.objects:
        change = apis.change_for(obj.api_version, obj.kind)
        if change is None or target < change.deprecated_in:
            continue
        what = f"{obj.api_version} {obj.kind}"
        if change.removed_in is not None and target >= change.removed_in:
            message = f"{what} was removed in Kubernetes {apis.show(change.removed_in)}; use {change.replacement}"
        elif change.removed_in is not None:
            message = (
                f"{what} is deprecated since Kubernetes {apis.show(change.deprecated_in)} and removed in "
                f"{apis.show(change.removed_in)}; use {change.replacement}"
            )
        else:
            message = (
                f"{what} is deprecated since Kubernetes {apis.show(change.deprecated_in)}; use {change.replacement}"
            )
        span = obj.node.value_span("apiVersion")
        fix = None
        if change.drop_in and manifest.source.text_of(span) == obj.api_version:  # written plain, unquoted
            fix = Fix(f"use {change.replacement}", (Edit(span, change.replacement),))
        yield Problem(span, message, fix)
