"""Helm/Go templates that load as YAML but are not manifests until rendered."""

from lintkit.model import Example, Problem, rule

_TEMPLATE = """\
apiVersion: v1
kind: Service
metadata:
  name: NAME
spec:
  selector: {app: web}
  ports: [{port: 80}]
"""


@rule(
    id="K8109",
    name="helm-template",
    severity="error",
    summary="Helm template: not lintable as YAML until rendered",
    rationale=(
        "Files under a chart's templates/ folder are Go templates: their values (and often "
        "their structure) exist only after `helm template` renders them, so linting the raw "
        "file either fails or checks the wrong thing. Each is reported once; lint the rendered "
        "output instead: `helm template . | lintkit check --stdin-filename manifests.yaml -`. "
        "Templates that do not even load as YAML get the same hint from parse-error."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad=_TEMPLATE.replace("NAME", '"{{ .Release.Name }}-web"'),
            good=_TEMPLATE.replace("NAME", "web"),
            filename="chart/templates/service.yaml",
        ),
    ),
)
def check(manifest, ctx):
    if manifest.template_span is not None:
        yield Problem(
            manifest.template_span,
            "this is a Helm/Go template, not linted as YAML until rendered: lint the output, e.g. "
            "`helm template . | lintkit check --stdin-filename manifests.yaml -`",
        )
