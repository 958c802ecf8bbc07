"""Container images from registries outside the allow-list."""

from lintkit.registries import registry_rule

check = registry_rule(
    id="K8111",
    name="trusted-registries",
    kind="kubernetes",
    summary="Container image comes from a registry outside the allowed set",
    aliases=("KSV0125", "KSV032", "KSV033", "KSV034", "KSV035", "KSV-0124"),
    bad='apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: quay.io/acme/web:1.4.2\n',
    good='apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.acme.internal/web:1.4.2\n',
    filename='pod.yaml',
)
