"""Build caches restored by jobs that publish what they build."""

from __future__ import annotations

from fnmatch import fnmatchcase

from lintkit.expressions import find_expressions
from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq

from .actions import action_of, inputs_of, is_true
from .publishing import pushes_image, step_publishes

#: Cache-aware actions -> how their caching is switched: (input, how the input reads,
#: whether caching is on when the input is absent). ``always`` actions have no switch;
#: ``on-if-true``: caching when the input is true; ``off-if-true``: unless it is true;
#: ``on-if-set``: caching when the input names a package manager (any non-empty text).
CACHE_ACTIONS: dict[str, tuple[str | None, str, bool]] = {
    "actions/cache": ("lookup-only", "off-if-true", True),
    "actions/cache/restore": (None, "always", True),
    "actions/setup-java": ("cache", "on-if-set", False),
    "actions/setup-go": ("cache", "on-if-true", True),
    "actions/setup-node": ("cache", "on-if-set", False),
    "actions/setup-python": ("cache", "on-if-set", False),
    "actions/setup-dotnet": ("cache", "on-if-true", False),
    "astral-sh/setup-uv": ("enable-cache", "on-if-true", False),
    "swatinem/rust-cache": ("lookup-only", "off-if-true", True),
    "ruby/setup-ruby": ("bundler-cache", "on-if-true", False),
    "pyo3/maturin-action": ("sccache", "on-if-true", False),
    "mlugg/setup-zig": ("use-cache", "on-if-true", True),
    "oven-sh/setup-bun": ("no-cache", "off-if-true", True),
    "determinatesystems/magic-nix-cache-action": ("use-gha-cache", "on-if-true", True),
    "graalvm/setup-graalvm": ("cache", "on-if-set", False),
    "gradle/actions/setup-gradle": ("cache-disabled", "off-if-true", True),
    "gradle/gradle-build-action": ("cache-disabled", "off-if-true", True),
    "actions-rust-lang/setup-rust-toolchain": ("cache", "on-if-true", True),
    "mozilla-actions/sccache-action": (None, "always", True),
    "nix-community/cache-nix-action": (None, "always", True),
    "jdx/mise-action": ("cache", "on-if-true", True),
    "awalsh128/cache-apt-pkgs-action": (None, "always", True),
}  # fmt: skip
#: Job permission scopes that let it publish (releases, packages, signed provenance).
WRITE_SCOPES = ("contents", "packages", "attestations")
#: Actions that publish what the job built (packages, releases, images, deployments).
PUBLISHERS = frozenset((
    "pypa/gh-action-pypi-publish", "rubygems/release-gem", "jreleaser/release-action",
    "goreleaser/goreleaser-action", "softprops/action-gh-release", "ncipollo/release-action",
    "redhat-actions/push-to-registry", "aws-actions/amazon-ecs-deploy-task-definition",
    "azure/functions-action", "azure/container-apps-deploy-action", "azure/webapps-deploy",
    "cloudflare/wrangler-action", "google-github-actions/deploy-cloudrun",
    "google-github-actions/deploy-appengine", "google-github-actions/deploy-cloud-functions",
    "actions/deploy-pages", "peaceiris/actions-gh-pages", "jamesives/github-pages-deploy-action",
))  # fmt: skip


@rule(
    id="GH030",
    name="cache-poisoning",
    severity="warning",
    summary="A job that publishes what it builds (a publishing action or command; in a release workflow also an uploaded artifact) restores a build cache",
    rationale=(
        "GitHub Actions caches are shared by the workflows of a repository's default "
        "branch: a workflow that an outsider can steer (a pull_request_target or "
        "issue_comment job running their code, a compromised dependency of the test job) can "
        "write a cache entry that a release job later restores, and what it built then ships "
        "in the published artifact. Jobs that build what is published should start from "
        "nothing: disable the setup action's cache (`cache: ''`, `enable-cache: false`, "
        "`lookup-only: true`) or drop actions/cache there."
    ),
    tags=("security",),
    aliases=("zizmor:cache-poisoning",),
    examples=(
        Example(
            bad=(
                "on:\n  push:\n    tags: ['v*']\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - uses: actions/setup-python@v5\n        with:\n          python-version: '3.13'\n          cache: pip\n"
                "      - run: python -m build\n      - uses: pypa/gh-action-pypi-publish@release/v1\n"
            ),
            good=(
                "on:\n  push:\n    tags: ['v*']\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - uses: actions/setup-python@v5\n        with:\n          python-version: '3.13'\n"
                "      - run: python -m build\n      - uses: pypa/gh-action-pypi-publish@release/v1\n"
            ),
            filename=".github/workflows/release.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action:
        return
    trigger = _release_trigger(workflow)
    shipping = _shipping_jobs(workflow, trigger is not None)
    for job in workflow.jobs:
        publishes = shipping.get(job.id)
        if publishes is None:
            continue
        why = f"{trigger} and {publishes}" if trigger else publishes
        for step in job.steps:
            found = _cache_use(step)
            if found is not None:
                span, what = found
                yield Problem(span, f"{what} in job {job.id!r}, which {why}: a poisoned cache entry would ship in what it publishes; disable the cache here")


def _publishes(workflow, job, release_workflow: bool) -> str | None:
    """How the job publishes what it builds, or None. In a release workflow, a job that
    grants itself a scope to write releases, packages or attestations counts."""
    for step in job.steps:
        action = action_of(step)
        if action in PUBLISHERS and not _goreleaser_without_release(step):
            return f"publishes with {action}"
        if pushes_image(step):
            return "pushes an image"
        found = step_publishes(workflow, step)
        if found:
            return f"publishes to {found[0].registry}"
    granted = job.node.get("permissions")
    if release_workflow and isinstance(granted, YMap) and any(granted.get(scope) == "write" for scope in WRITE_SCOPES):
        return "can write releases or packages"
    return None


def _shipping_jobs(workflow, release_workflow: bool) -> dict[str, str]:
    """Job id -> how what it builds gets published: by the job itself, or through an
    artifact that a shipping job needing it (directly or not) downloads."""
    shipping = {job.id: why for job in workflow.jobs if (why := _publishes(workflow, job, release_workflow))}
    needs = {job.id: {name for name, _span in job.needs} for job in workflow.jobs}
    changed = True
    while changed:
        changed = False
        for job in workflow.jobs:
            if job.id in shipping:
                continue
            uploads = [_artifact_glob(step, "name") or "artifact" for step in job.steps if action_of(step) == "actions/upload-artifact"]
            consumer = next((other for other in workflow.jobs if other.id in shipping and _downstream(needs, other.id, job.id) and _downloads(other, uploads)), None) if uploads else None
            if consumer is not None:
                shipping[job.id] = f"uploads what it builds for job {consumer.id!r}, which ships it"
                changed = True
    return shipping


def _goreleaser_without_release(step) -> bool:
    """goreleaser-action only installing the tool, or building a snapshot."""
    if action_of(step) != "goreleaser/goreleaser-action":
        return False
    inputs = inputs_of(step)
    args = inputs.get("args")
    words = args.split() if isinstance(args, str) else []
    return is_true(inputs.get("install-only")) or "--snapshot" in words or (bool(words) and words[0] in ("build", "check", "healthcheck"))


def _downloads(job, uploads: list[str]) -> bool:
    """The job downloads one of the artifacts named (as globs) in ``uploads``."""
    for step in job.steps:
        if action_of(step) == "actions/download-artifact":
            wanted = _artifact_glob(step, "name") or _artifact_glob(step, "pattern") or "*"
            if any(fnmatchcase(name, wanted) or fnmatchcase(wanted, name) for name in uploads):
                return True
    return False


def _downstream(needs: dict, job_id: str, upstream: str) -> bool:
    """``job_id`` needs ``upstream``, directly or through other jobs."""
    seen, stack = set(), [job_id]
    while stack:
        for name in needs.get(stack.pop(), ()):
            if name == upstream:
                return True
            if name not in seen:
                seen.add(name)
                stack.append(name)
    return False


def _artifact_glob(step, key: str) -> str | None:
    """An artifact name (or pattern) input as a glob: each `${{ }}` in it may be anything."""
    value = inputs_of(step).get(key)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for expression in reversed(find_expressions(text)):
        text = text[: expression.start] + "*" + text[expression.end :]
    return text


def _release_trigger(workflow) -> str | None:
    """Why the workflow is a release workflow: its trigger, or None."""
    triggers = workflow.triggers
    if "release" in triggers:
        return "runs on `release`"
    push = triggers.get("push")
    if isinstance(push, YMap):
        if push.get("tags") is not None:
            return "runs on tag pushes"
        branches = push.get("branches")
        names = [branches] if isinstance(branches, str) else list(branches) if isinstance(branches, YSeq) else []
        if any(isinstance(name, str) and "release" in name.lower() for name in names):
            return "runs on pushes to release branches"
    return None


def _cache_use(step):
    """(span, description) when the step restores a cache, else None. An input set by an
    expression is not read (it may well turn the cache off for releases)."""
    action = action_of(step)
    if action not in CACHE_ACTIONS:
        return None
    name, mode, default = CACHE_ACTIONS[action]
    uses_span = step.node.value_span("uses")
    if mode == "always":
        return uses_span, f"{action} restores a cache"
    inputs = inputs_of(step)
    if "with" in step.node and not isinstance(step.node.get("with"), YMap):
        return None
    if name not in inputs or inputs[name] is None:
        return (uses_span, f"{action} caches by default") if default else None
    value = inputs[name]
    if isinstance(value, str) and "${{" in value:
        return None
    if mode == "on-if-set":
        on = value is not False and str(value).strip().lower() not in ("", "false")
    elif mode == "on-if-true":
        on = is_true(value)
    else:
        on = not is_true(value)
    return (inputs.key_span(name), f"`{name}: {value}` makes {action} restore a cache") if on else None
