"""The configuration's JSON Schema as editors want it: ``lintkit/schemas/config.schema.json``
(what the loader validates) with every rule's options spelled out under ``rules`` and the
rule ids and names ``severity`` accepts, so that completion and hover work in
``.lintkit.yaml``. Published at ``schemas/lintkit.schema.json`` in the repository
(``scripts/write_config_schema.py`` writes it; a test keeps it current).
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

#: Where the published schema lives in the repository, and the URL editors fetch it from.
PUBLISHED_PATH = os.path.join("schemas", "lintkit.schema.json")
PUBLISHED_ID = "https://raw.githubusercontent.com/lintkit/lintkit/main/schemas/lintkit.schema.json"


def base_schema() -> dict[str, Any]:
    with open(os.path.join(os.path.dirname(__file__), "schemas", "config.schema.json"), encoding="utf-8") as fh:
        return json.load(fh)


def full_schema() -> dict[str, Any]:
    from .registry import all_rules

    schema = copy.deepcopy(base_schema())
    schema["$id"] = PUBLISHED_ID
    options: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    # In the order the loader looks rules up, so a name two kinds share (a Dockerfile and
    # a GitLab rule may both be `no-curl-bash`) is described as the loader validates it.
    for r in all_rules():
        options[r.id] = {
            "type": "object",
            "description": f"Options of {r.id} {r.name}: {r.summary}",
            "additionalProperties": False,
            "properties": {},
            **copy.deepcopy(r.options),
        }
        reference = {"$ref": f"#/$defs/rule-options/{r.id}"}
        properties[r.id] = reference
        properties.setdefault(r.name, reference)
    schema["$defs"]["rule-options"] = options
    # Ids and names are listed for completion; other keys stay allowed as the loader
    # allows them (a rule's alias, such as DL3008), and it checks they name a rule.
    schema["properties"]["rules"]["properties"] = properties
    severity = schema["properties"]["severity"]
    severity["properties"] = {key: {"$ref": "#/$defs/severity"} for key in properties}
    return schema


def render() -> str:
    return json.dumps(full_schema(), indent=2, ensure_ascii=True) + "\n"
