"""Shared by the rules that ask questions of parsed ``${{ }}`` trees: every node of every
expression in a workflow, and the context path a node reads."""

from __future__ import annotations

from typing import Iterator

from lintkit.expressions import Name, Node, Property, walk_nodes
from lintkit.model import Span
from lintkit.parsers.github_actions import ExpressionSite, Workflow, text_offsets


def expression_nodes(workflow: Workflow, *, conditions_only: bool = False) -> Iterator[tuple[ExpressionSite, Node]]:
    """(site, node) for every node of every expression that parses."""
    for site in workflow.expression_sites:
        if conditions_only and not site.condition:
            continue
        for tree, _error in site.parsed:
            if tree is not None:
                for node in walk_nodes(tree):
                    yield site, node


def node_span(workflow: Workflow, site: ExpressionSite, node: Node) -> Span:
    """Where ``node`` is written in the file."""
    return text_offsets(workflow, site.holder, site.index).span(node.start, node.end)


def context_path(node: Node) -> str | None:
    """``github.event.issue.title`` for a chain of properties on a context (lower-cased,
    as GitHub compares them); None for anything else (a call, an index, a filter)."""
    parts = []
    while isinstance(node, Property):
        parts.append(node.name.lower())
        node = node.receiver
    if not isinstance(node, Name):
        return None
    return ".".join([node.name.lower(), *reversed(parts)])
