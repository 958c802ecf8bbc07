"""Sorting the way dclint's order rules compare names (JavaScript ``localeCompare``:
case-insensitive first, digit runs compared as numbers where asked)."""

import re

from lintkit.numbers import decimal

_DIGITS = re.compile(r"(\d+)")


def text_key(name: object) -> tuple:
    text = str(name)
    return (text.casefold(), text.swapcase())


def natural_key(name: object) -> tuple:
    text = str(name)
    parts = _DIGITS.split(text.casefold())
    return tuple((0, decimal(p), "") if decimal(p) is not None else (1, 0, p) for p in parts if p != "")


SERVICE_KEY_GROUPS = (
    ("image", "build", "container_name"),
    ("depends_on",),
    ("volumes", "volumes_from", "configs", "secrets"),
    ("environment", "env_file"),
    ("ports", "networks", "network_mode", "extra_hosts"),
    ("command", "entrypoint", "working_dir", "restart", "healthcheck"),
    ("logging", "labels"),
    ("user", "isolation"),
)
TOP_LEVEL_ORDER = ("version", "name", "include", "services", "networks", "volumes", "secrets", "configs")
