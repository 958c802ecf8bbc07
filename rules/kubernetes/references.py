"""Shared check of the rules about references from pods to other objects."""

from lintkit.model import Problem

from . import inventory

_KEYED = {"ConfigMap", "Secret"}


def missing_references(run: inventory.Run, kinds: tuple[str, ...], vias: tuple[str, ...]):
    """References of ``kinds`` made through ``vias`` to objects the run does not define
    (when the referring file's folder defines that kind), and keys missing from defined ones."""
    for path, obj in run.objects:
        if obj.pod is None:
            continue
        for ref in obj.pod.refs:
            if ref.kind not in kinds or ref.via not in vias:
                continue
            where = f"container {ref.container!r} of {obj.label}" if ref.container else obj.label
            found = run.find(ref.kind, ref.name, obj.namespace)
            if not found:
                if run.folder_defines(path, ref.kind):
                    yield Problem(ref.span, f"{where} refers to {ref.kind} {ref.name}, which is not defined", path=path)
                continue
            if ref.key is None or ref.kind not in _KEYED:
                continue
            defined = [o for _p, o in found if not o.spec.get("generated") and o.spec.get("has_data")]
            if defined and not any(ref.key in o.spec["keys"] for o in defined):
                yield Problem(
                    ref.span,
                    f"{where} reads key {ref.key!r} of {ref.kind} {ref.name}, which has no such key",
                    path=path,
                )
