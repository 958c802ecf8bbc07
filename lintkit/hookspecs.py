"""Plugin hooks. Built-in rules and reporters are provided through these same hooks
(entry point group ``lintkit.plugins``), exactly as a third-party package provides its own.

A plugin module implements any of them with ``@hookimpl``::

    from lintkit.hookspecs import hookimpl

    @hookimpl
    def lintkit_rules(kind):
        if kind == "kubernetes":
            from . import my_rules
            return my_rules.RULES
        return []
"""

from __future__ import annotations

import pluggy

PROJECT = "lintkit"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def lintkit_rules(kind: str) -> list:
    """Rules (lintkit.model.Rule) for files of ``kind``. Called only for the kinds a run
    needs, so a plugin should import its rule modules inside the implementation."""


@hookspec
def lintkit_reporters() -> dict:
    """Output formats: format name -> ``"module:function"``; the function is called as
    ``render(report, stream, color=bool)``. The module is imported only when chosen."""
