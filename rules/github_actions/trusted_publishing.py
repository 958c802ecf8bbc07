"""Packages published with a stored token where the registry accepts OIDC trusted
publishing."""

from __future__ import annotations

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

from .actions import inputs_of, is_true, uses_action
from .publishing import TRUSTED_PUBLISHING_REGISTRIES, step_publishes

_PUBLIC_PYPI = ("https://upload.pypi.org/legacy/", "https://test.pypi.org/legacy/")
_PUBLIC_NPM = ("https://registry.npmjs.org", "https://registry.npmjs.org/")
_PUBLIC_GEMS = ("https://rubygems.org", "https://rubygems.org/")


@rule(
    id="GH031",
    name="trusted-publishing",
    severity="info",
    summary="Package published to PyPI, npm, crates.io or RubyGems with a stored token instead of trusted publishing",
    rationale=(
        "PyPI, npm, crates.io and RubyGems accept a short-lived token that the job mints "
        "from GitHub's OpenID Connect identity (`permissions: id-token: write`), bound to "
        "this repository and workflow. A long-lived API token kept in the repository's "
        "secrets can be stolen by any step or action that reads it and used from anywhere "
        "until someone revokes it. Configure a trusted publisher on the registry and drop "
        "the token."
    ),
    tags=("security",),
    aliases=("zizmor:use-trusted-publishing",),
    examples=(
        Example(
            bad=(
                "on:\n  release:\n    types: [published]\npermissions: {}\njobs:\n  pypi:\n    runs-on: ubuntu-24.04\n"
                "    permissions:\n      contents: read\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n"
                "        with:\n          password: ${{ secrets.PYPI_TOKEN }}\n"
            ),
            good=(
                "on:\n  release:\n    types: [published]\npermissions: {}\njobs:\n  pypi:\n    runs-on: ubuntu-24.04\n"
                "    permissions:\n      id-token: write\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n"
            ),
            filename=".github/workflows/release.yml",
        ),
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  publish:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: cargo publish\n        env:\n          CARGO_REGISTRY_TOKEN: ${{ secrets.CRATES_TOKEN }}\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  publish:\n    runs-on: ubuntu-24.04\n    permissions:\n      id-token: write\n"
                "    steps:\n      - uses: rust-lang/crates-io-auth-action@v1\n        id: auth\n"
                "      - run: cargo publish\n        env:\n          CARGO_REGISTRY_TOKEN: ${{ steps.auth.outputs.token }}\n"
            ),
            filename=".github/workflows/release.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        yield from _action_problems(step)
    if workflow.is_action:
        return  # an action cannot see whether its caller grants id-token
    for job in workflow.jobs:
        if _has_id_token(workflow, job):
            continue
        other_npm_registry = any(_npm_registry_elsewhere(step) for step in job.steps)
        for step in job.steps:
            for found in step_publishes(workflow, step):
                if found.registry not in TRUSTED_PUBLISHING_REGISTRIES or found.elsewhere:
                    continue
                if found.registry == "npm" and other_npm_registry:
                    continue
                yield Problem(found.command.span, f"publishes to {found.registry} with a stored token; {found.registry} accepts trusted publishing (grant `id-token: write` and configure the publisher on the registry)")


def _action_problems(step):
    inputs = inputs_of(step)
    if uses_action(step, "pypa/gh-action-pypi-publish"):
        url = inputs.get("repository-url", inputs.get("repository_url"))
        if "password" in inputs and (url is None or url in _PUBLIC_PYPI):
            yield Problem(inputs.key_span("password"), "publishes to PyPI with an API token; PyPI accepts trusted publishing (grant `id-token: write` and drop `password:`)")
    elif uses_action(step, "rubygems/release-gem"):
        if "setup-trusted-publisher" in inputs and inputs["setup-trusted-publisher"] is not None and not is_true(inputs["setup-trusted-publisher"]) and "${{" not in str(inputs["setup-trusted-publisher"]):
            yield Problem(inputs.key_span("setup-trusted-publisher"), "trusted publishing is turned off; RubyGems accepts it (drop `setup-trusted-publisher: false`)")
    elif uses_action(step, "rubygems/configure-rubygems-credentials"):
        server = inputs.get("gem-server")
        if "api-token" in inputs and (server is None or server in _PUBLIC_GEMS):
            yield Problem(inputs.key_span("api-token"), "configures RubyGems with an API token; RubyGems accepts trusted publishing (drop `api-token:`)")


def _has_id_token(workflow, job) -> bool:
    granted = job.node.get("permissions") if "permissions" in job.node else workflow.root.get("permissions")
    if isinstance(granted, str):
        return granted.strip() == "write-all"
    return isinstance(granted, YMap) and granted.get("id-token") == "write"


def _npm_registry_elsewhere(step) -> bool:
    """actions/setup-node pointed at another registry than npmjs (GitHub Packages)."""
    if not uses_action(step, "actions/setup-node"):
        return False
    registry = inputs_of(step).get("registry-url")
    return isinstance(registry, str) and registry.strip() not in _PUBLIC_NPM
