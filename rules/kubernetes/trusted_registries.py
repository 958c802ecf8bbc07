"""Container images from registries outside the allow-list."""

from lintkit.model import Example, rule
from lintkit.registries import RATIONALE, REGISTRIES_OPTION, registry_problems

@rule(
    id="K8111",
    name="trusted-registries",
    severity="error",
    summary="Container image comes from a registry outside the allowed set",
    rationale=RATIONALE,
    tags=("security",),
    aliases=("KSV0125", "KSV032", "KSV033", "KSV034", "KSV035", "KSV-0124"),
    enabled=False,
    options=REGISTRIES_OPTION,
    examples=(
        Example(
            bad='apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: quay.io/acme/web:1.4.2\n',
            good='apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.acme.internal/web:1.4.2\n',
            filename='pod.yaml',
            options=(("registries", ["registry.acme.internal"]),),
        ),
    ),
)
def check(view, ctx):
    yield from registry_problems("kubernetes", view, ctx)
