"""ingress-nginx snippet annotations."""

import re

from lintkit.model import Example, Problem, rule

_INGRESS = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    ANNOTATION
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: web, port: {number: 80}}}
"""
_LUA = re.compile(r"\blua_|_lua\b|_lua_|\bkubernetes\.io\b")
_ALIAS = re.compile(r"\balias\b")


@rule(
    id="K8062",
    name="nginx-ingress-snippets",
    severity="warning",
    summary="ingress-nginx snippet annotation (configuration injection, CVE-2021-25742)",
    rationale=(
        "`*-snippet` annotations paste raw configuration into the ingress controller's "
        "nginx.conf. Whoever can create an Ingress can then read the controller's service "
        "account token (through `alias` or Lua) and with it every Secret of the cluster. "
        "Recent ingress-nginx versions disable snippets by default for this reason."
    ),
    tags=("security",),
    aliases=("CKV_K8S_153", "CKV_K8S_154", "CKV_K8S_152"),
    examples=(
        Example(
            bad=_INGRESS.replace(
                "ANNOTATION", "nginx.ingress.kubernetes.io/server-snippet: 'location /x { alias /; }'"
            ),
            good=_INGRESS.replace("ANNOTATION", "nginx.ingress.kubernetes.io/ssl-redirect: 'true'"),
            filename="ingress.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("Ingress"):
        annotations = obj.annotations
        for key, value in annotations.items():
            if not (isinstance(key, str) and "snippet" in key):
                continue
            text = value if isinstance(value, str) else ""
            lua, alias = bool(_LUA.search(text)), bool(_ALIAS.search(text))
            if lua:
                what = "with Lua code or a kubernetes.io path"
            elif alias:
                what = "with an alias directive"
            else:
                what = "injecting raw nginx configuration"
            # Checkov's three checks: every snippet, and those with Lua, with alias.
            checks = ("CKV_K8S_153",) + ("CKV_K8S_152",) * lua + ("CKV_K8S_154",) * alias
            yield Problem(annotations.key_span(key), f"{obj.label} sets {key} {what}", exact_aliases=checks)
