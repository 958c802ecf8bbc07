"""The compiled Compose schema validator agrees with the jsonschema package."""

import glob
import os

import pytest

from lintkit.model import ParseError
from lintkit.rules.compose._schema import Validator
from lintkit.schemastore import vendored_schema
from lintkit.source import SourceFile
from lintkit.yamlmodel import load

CORPUS = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, os.pardir, "shared", "corpus", "compose")

CASES = [
    {"services": {"web": {"image": "nginx:1.27"}}},
    {"services": {"web": {"image": "nginx:1.27", "restart_policy": "always"}}},
    {"services": {"web": {"ports": [{"target": "x"}]}}},
    {"services": {"web": {"depends_on": {"db": {"condition": "service_ready"}}}}},
    {"services": {"web": {"healthcheck": {"test": 5}}}},
    {"services": {"web": {"cap_add": ["A", "A"]}}},
    {"services": {"web": {"build": {"context": ".", "args": ["A=1"]}, "deploy": {"resources": {"limits": {"cpus": 0.5}}}}}},
    {"networks": {"front": None}, "volumes": {"data": {"external": True}}},
    {"services": {"web": {"x-custom": 1, "image": "a"}}, "x-top": {"a": 1}},
    {"version": 3},
    {"services": []},
]


@pytest.fixture(scope="module")
def validators():
    import jsonschema

    schema = vendored_schema("compose-spec")
    return Validator(schema), jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("instance", CASES)
def test_same_verdict_as_jsonschema(validators, instance):
    ours, reference = validators
    assert bool(ours.errors(instance)) == (not reference.is_valid(instance))


def test_error_is_at_the_offending_node(validators):
    ours, _ = validators
    errors = ours.errors({"services": {"web": {"image": "nginx", "restart_policy": "always"}}})
    assert errors == [(("services", "web", "restart_policy"), "additionalProperties", "unknown key 'restart_policy'")]
    (path, keyword, message), = ours.errors({"services": {"web": {"ports": [{"target": []}]}}})
    assert path[:4] == ("services", "web", "ports", 0)


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="compose corpus not present")
def test_same_verdict_on_the_corpus(validators):
    ours, reference = validators
    for path in glob.glob(os.path.join(CORPUS, "**", "*.y*ml"), recursive=True):
        try:
            with open(path, encoding="utf-8") as fh:
                documents = load(SourceFile(path, fh.read()))
        except ParseError:
            continue
        if not documents or not isinstance(documents[0].root, dict):
            continue
        root = documents[0].root
        assert bool(ours.errors(root)) == (not reference.is_valid(root)), path
