"""Built-in rules, one package per kind (installed as ``lintkit.rules``).

This module is the built-in plugin: it is registered through the ``lintkit.plugins``
entry point like any third-party rule package, and imports a kind's rules only when a
run has files of that kind.
"""

import importlib

from lintkit.hookspecs import hookimpl

_PACKAGES = {
    "dockerfile": "lintkit.rules.dockerfile",
    "compose": "lintkit.rules.compose",
    "kubernetes": "lintkit.rules.kubernetes",
    "ansible": "lintkit.rules.ansible",
    "gitlab-ci": "lintkit.rules.gitlab_ci",
    "github-actions": "lintkit.rules.github_actions",
}


@hookimpl
def lintkit_rules(kind):
    package = _PACKAGES.get(kind)
    return importlib.import_module(package).RULES if package else []


@hookimpl
def lintkit_reporters():
    from lintkit.reporters import REPORTERS

    return REPORTERS
