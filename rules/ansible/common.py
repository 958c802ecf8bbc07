"""Small helpers the Ansible rules share: conditions, booleans, secret names."""

from __future__ import annotations

from typing import Any, Iterator

from lintkit.model import Span
from lintkit.secrets import is_literal_value, is_secret_name, looks_like_secret
from lintkit.yamlmodel import Tagged, YMap, YSeq

#: Keys holding a raw Jinja expression (no ``{{ }}`` needed).
CONDITION_KEYS = ("when", "changed_when", "failed_when", "until")

_TRUE = frozenset(("true", "yes", "on", "1", "y", "t"))
_FALSE = frozenset(("false", "no", "off", "0", "n", "f", ""))


def to_bool(value: Any) -> bool | None:
    """Ansible's boolean reading of a value; None when it depends on a template."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        return None
    return None if value is not None else False


def conditions(node: YMap, keys: tuple[str, ...] = ("when",)) -> Iterator[tuple[str, Any, Span]]:
    """Each condition string under ``keys`` with its position (list items one by one)."""
    for key in keys:
        if key not in node:
            continue
        value = node[key]
        if isinstance(value, YSeq):
            for index, item in enumerate(value):
                yield key, item, value.item_span(index)
        else:
            yield key, value, node.value_span(key)


#: Values that lock an account or stand for "no password" rather than being one.
_PLACEHOLDER_VALUES = frozenset(("*", "!", "!!", "!*", "*LK*", "x"))


def is_secret_variable(name) -> bool:
    """A variable or module option that holds a credential."""
    return isinstance(name, str) and is_secret_name(name)


def is_clear_secret(name, value) -> bool:
    """``name: value`` writes a credential out in clear: not vaulted (``!vault``), not a
    template, not a crypt(3) hash, not an account-locking placeholder."""
    if isinstance(value, Tagged) or not isinstance(name, str):
        return False
    if isinstance(value, str) and (value.startswith(_CRYPT_PREFIXES) or value.strip() in _PLACEHOLDER_VALUES):
        return False
    if isinstance(value, str) and looks_like_token(value):
        return True
    return is_secret_variable(name) and is_literal_value(value)


#: crypt(3) hashes (``$6$salt$...``): what the user module expects, not a clear password.
_CRYPT_PREFIXES = ("$1$", "$2a$", "$2b$", "$2y$", "$5$", "$6$", "$y$", "$argon2")


def looks_like_token(value: str) -> bool:
    """A well-known token format, secret whatever the name holding it."""
    return looks_like_secret("", value)
