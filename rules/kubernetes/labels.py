"""Label selectors, evaluated the way the API server does."""

from __future__ import annotations

from typing import Any


def selector_matches(selector: Any, labels: dict) -> bool:
    """A LabelSelector (matchLabels + matchExpressions) against a label map. An empty
    selector matches everything; a malformed one matches nothing."""
    if not isinstance(selector, dict):
        return False
    match_labels = selector.get("matchLabels") or {}
    if not isinstance(match_labels, dict):
        return False
    for key, value in match_labels.items():
        if key not in labels or str(labels[key]) != str(value):
            return False
    expressions = selector.get("matchExpressions") or []
    if not isinstance(expressions, list):
        return False
    for expression in expressions:
        if not isinstance(expression, dict) or not _expression_matches(expression, labels):
            return False
    return True


def _expression_matches(expression: dict, labels: dict) -> bool:
    key = expression.get("key")
    operator = expression.get("operator")
    values = [str(v) for v in expression.get("values") or []]
    if operator == "In":
        return key in labels and str(labels[key]) in values
    if operator == "NotIn":
        return key not in labels or str(labels[key]) not in values
    if operator == "Exists":
        return key in labels
    if operator == "DoesNotExist":
        return key not in labels
    return False


def map_selector_matches(selector: dict, labels: dict) -> bool:
    """A plain key/value selector (Service, ReplicationController); empty matches nothing."""
    return bool(selector) and all(k in labels and str(labels[k]) == str(v) for k, v in selector.items())
