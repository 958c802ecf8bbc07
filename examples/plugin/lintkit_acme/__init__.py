"""An example lintkit plugin (see docs/plugins.md): a rule and a report format.

lintkit calls ``lintkit_rules(kind)`` only for the kinds a run has files of, so the rule
modules are imported inside it; a report format is a ``"module:function"`` string,
imported only when chosen with ``--format``.
"""

from lintkit.hookspecs import hookimpl


@hookimpl
def lintkit_rules(kind):
    if kind == "dockerfile":
        from . import source_label

        return [source_label.check]
    return []


@hookimpl
def lintkit_reporters():
    return {"acme-count": "lintkit_acme.report:render"}
