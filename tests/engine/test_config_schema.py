"""The published configuration schema (schemas/lintkit.schema.json): current, a superset
of what the loader checks with every rule's options, and it accepts real configs."""

import functools
import json
import os

import jsonschema
import pytest
import yaml

from lintkit.config import load_config
from lintkit.config_schema import PUBLISHED_PATH, render
from lintkit.registry import UsageError, all_rules, find_rule

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir))

#: Configs as users write them: every top-level key, options of rules by id and by name.
REAL_CONFIGS = [
    "select: [ALL]\nignore: [DF011, consolidate-run]\nfail-on: warning\noutput-format: concise\n",
    "severity:\n  DF003: error\n  image-tag-pinned: info\nper-file-ignores:\n  legacy: [kubernetes]\n"
    "  'deploy/**/*.yaml': [K8001]\nexclude: [vendor/, '*.generated.yaml']\n",
    "kinds:\n  'manifests/*.yml': kubernetes\nkubernetes-version: '1.31'\n"
    "compose-projects:\n  - [docker-compose.yml, docker-compose.prod.yml]\n",
    "reports:\n  - sarif=lintkit.sarif\n  - gitlab=gl-code-quality.json\nrender-helm: false\n",
    "rules:\n  action-policy:\n    allow: ['actions/*', 'github/*']\n    deny: []\n",
]


@functools.cache
def _published():
    with open(os.path.join(ROOT, PUBLISHED_PATH), encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def _editor_validator():
    return jsonschema.Draft202012Validator(_published())


def test_the_published_schema_is_current():
    with open(os.path.join(ROOT, PUBLISHED_PATH), encoding="utf-8") as fh:
        assert fh.read() == render(), "run: python scripts/write_config_schema.py"


def test_the_published_schema_describes_every_rules_options():
    schema = _published()
    jsonschema.Draft202012Validator.check_schema(schema)
    options = schema["$defs"]["rule-options"]
    for rule in all_rules():
        assert schema["properties"]["rules"]["properties"][rule.id] == {"$ref": f"#/$defs/rule-options/{rule.id}"}
        first = find_rule(rule.name).id  # as the loader resolves a name two kinds share
        assert schema["properties"]["rules"]["properties"][rule.name] == {"$ref": f"#/$defs/rule-options/{first}"}
        assert set(options[rule.id]["properties"]) == set(rule.options.get("properties", {}))


@pytest.mark.parametrize("text", REAL_CONFIGS)
def test_real_configs_are_valid_for_the_editor_and_the_loader(tmp_path, text):
    _editor_validator().validate(yaml.safe_load(text))
    path = tmp_path / ".lintkit.yaml"
    path.write_text(text)
    load_config(str(path))


@pytest.mark.parametrize(
    "text",
    ["rules:\n  action-policy:\n    alow: []\n", "rules:\n  action-policy:\n    allow: yes\n", "severity:\n  DF003: loud\n",
     "output-format: short\n", "reports: [sarif]\n"],
)
def test_mistakes_are_caught_by_the_editor_schema(text):
    with pytest.raises(jsonschema.ValidationError):
        _editor_validator().validate(yaml.safe_load(text))


def test_the_loader_rejects_what_the_runtime_schema_rejects(tmp_path):
    path = tmp_path / ".lintkit.yaml"
    path.write_text("output-format: short\n")
    with pytest.raises(UsageError, match="output-format"):
        load_config(str(path))


def test_the_readme_config_example_is_valid(tmp_path):
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
        readme = fh.read()
    section = readme[readme.index("## Configuration"):]
    example = section[section.index("```yaml\n") + len("```yaml\n"):section.index("```\n", section.index("```yaml"))]
    _editor_validator().validate(yaml.safe_load(example))
    path = tmp_path / ".lintkit.yaml"
    path.write_text(example)
    load_config(str(path))
