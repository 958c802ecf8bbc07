"""Reporters: one module per output format, each with ``render(report, stream, *, color)``.

The registry names a ``module:function`` per format instead of importing the functions, so a
run imports only the reporter it uses (a pre-commit run with the text reporter never loads
the XML or SARIF code).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

#: Format name (as given to ``--format``) -> ``"module:function"`` of its renderer.
REPORTERS: dict[str, str] = {
    "text": "lintkit.reporters.text:render",
    "json": "lintkit.reporters.json:render",
    "sarif": "lintkit.reporters.sarif:render",
    "gitlab": "lintkit.reporters.gitlab:render",
    "junit": "lintkit.reporters.junit:render",
    "github": "lintkit.reporters.github:render",
}


def get_reporter(name: str) -> Callable[..., None]:
    """Import and return the ``render(report, stream, *, color)`` function of a format."""
    try:
        target = REPORTERS[name]
    except KeyError:
        raise ValueError(
            f"unknown output format {name!r} (expected one of: {', '.join(REPORTERS)})"
        ) from None
    module_name, _, function_name = target.partition(":")
    return getattr(import_module(module_name), function_name)
