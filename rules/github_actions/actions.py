"""Shared by the rules about what a step's action is given: which action a step uses and
its literal ``with:`` inputs."""

from __future__ import annotations

from lintkit.parsers.github_actions import Step
from lintkit.yamlmodel import YMap


def uses_holders(workflow) -> list[YMap]:
    """The mappings holding a ``uses:``: every step, and every job calling a reusable
    workflow."""
    return [step.node for step in workflow.steps] + [job.node for job in workflow.jobs if job.is_reusable_call]


def action_of(step: Step) -> str | None:
    """``owner/repo`` (or ``owner/repo/path``) of the action a step uses, lower-cased and
    without its ref; None for a ``run:`` step, a local (``./``) or ``docker://`` action."""
    uses = step.uses
    if not uses or uses.startswith(("./", "docker://")):
        return None
    return uses.partition("@")[0].strip().lower()


def uses_action(step: Step, *names: str) -> bool:
    """The step uses one of the actions ``names`` (``owner/repo``, lower-case), at any ref."""
    return action_of(step) in names


def inputs_of(step: Step) -> YMap:
    """The step's ``with:`` mapping (empty when absent or written as an expression)."""
    inputs = step.node.get("with")
    return inputs if isinstance(inputs, YMap) else YMap()


def is_true(value) -> bool:
    """A boolean input set to true as the actions toolkit reads it (``true``, ``'True'``)."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def declared_inputs(entries) -> dict[str, bool]:
    """Input (or secret) name, lower-cased as GitHub matches them -> required without a
    default, from an ``inputs:``/``secrets:`` mapping of an action or reusable workflow."""
    declared = {}
    if isinstance(entries, YMap):
        for name, entry in entries.items():
            entry = entry if isinstance(entry, YMap) else YMap()
            declared[str(name).lower()] = entry.get("required") is True and "default" not in entry
    return declared


def undeclared_and_missing(given: list, declared: dict[str, bool]) -> tuple[list, list[str]]:
    """Of the ``(name, span)`` a caller passes: those ``declared`` does not know, and the
    required names it leaves out."""
    names = {name.lower() for name, _span in given}
    unknown = [(name, span) for name, span in given if name.lower() not in declared]
    return unknown, [name for name, required in declared.items() if required and name not in names]
