"""Shared by the rules about publishing jobs: the ``run:`` commands that upload a package,
an image or a release, and what they publish to."""

from __future__ import annotations

from dataclasses import dataclass

from lintkit.shell import Command

from .actions import inputs_of, uses_action

#: Registries that accept OpenID Connect trusted publishing from GitHub Actions.
TRUSTED_PUBLISHING_REGISTRIES = frozenset(("PyPI", "npm", "crates.io", "RubyGems"))
#: (program, subcommand words) -> registry. ``None`` subcommand: the program publishes.
_PUBLISHERS = {
    ("twine", ("upload",)): "PyPI",
    ("uv", ("publish",)): "PyPI",
    ("hatch", ("publish",)): "PyPI",
    ("pdm", ("publish",)): "PyPI",
    ("poetry", ("publish",)): "PyPI",
    ("flit", ("publish",)): "PyPI",
    ("npm", ("publish",)): "npm",
    ("pnpm", ("publish",)): "npm",
    ("yarn", ("npm", "publish")): "npm",
    ("yarn", ("publish",)): "npm",
    ("cargo", ("publish",)): "crates.io",
    ("gem", ("push",)): "RubyGems",
    ("docker", ("push",)): "a container registry",
    ("podman", ("push",)): "a container registry",
    ("gh", ("release", "create")): "GitHub releases",
    ("gh", ("release", "upload")): "GitHub releases",
    ("goreleaser", ("release",)): "GitHub releases",
}
#: A script can only publish if it holds one of these words: most scripts are not worth
#: parsing for this.
_SUBCOMMAND_WORDS = frozenset(words[0] for _program, words in _PUBLISHERS)
_DRY_RUN = ("--dry-run", "-n")
#: Options that send the upload to another index than the public one, per program.
_ELSEWHERE = {
    "twine": ("--repository-url", "--repository", "-r"),
    "uv": ("--publish-url", "--index"),
    "poetry": ("--repository", "-r"),
    "hatch": ("--repo", "-r"),
    "pdm": ("--repository", "-r"),
    "npm": ("--registry",),
    "pnpm": ("--registry",),
    "cargo": ("--registry", "--index"),
    "gem": ("--host",),
}
_PUBLIC = ("pypi", "https://upload.pypi.org/legacy/", "https://registry.npmjs.org", "https://registry.npmjs.org/", "crates-io", "https://rubygems.org")


@dataclass(frozen=True)
class Publish:
    command: Command
    registry: str
    #: The command names an index other than the public one (a private registry).
    elsewhere: bool


def publish_of(command: Command) -> Publish | None:
    """What the command publishes to, when it is a publishing command (not a dry run)."""
    program = command.base_name
    words = [word.value for word in command.args if word.value is not None and not word.value.startswith("-")]
    for (name, sub), registry in _PUBLISHERS.items():
        if program != name or words[: len(sub)] != list(sub):
            continue
        if any(word.value in _DRY_RUN for word in command.args):
            return None
        elsewhere = False
        for option in _ELSEWHERE.get(program, ()):
            target = command.flag_value(option, takes_value=_ELSEWHERE[program])
            if target is not None and target not in _PUBLIC:
                elsewhere = True
        return Publish(command, registry, elsewhere)
    return None


def pushes_image(step) -> bool:
    """docker/build-push-action told to push (`push: true`, or an expression that may say so)."""
    return uses_action(step, "docker/build-push-action") and inputs_of(step).get("push") not in (None, False, "false")


def step_publishes(workflow, step) -> list[Publish]:
    """The publishing commands of a step's ``run:`` script."""
    run = step.run
    if run is None or not any(word in run for word in _SUBCOMMAND_WORDS):
        return []
    script = workflow.run_script(step)
    if script is None:
        return []
    return [found for command in script.commands if (found := publish_of(command)) is not None]
