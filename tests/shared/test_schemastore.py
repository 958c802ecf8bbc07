"""The compiled JSON Schema layer (lintkit.schemastore) against the jsonschema package:
the same verdict on every corpus file of the compose, GitLab CI and GitHub kinds and on
mutations of them, the same errors (keywords, paths, messages, oneOf/anyOf contexts) for
the draft-07 schemas, and the places where it hands a node to jsonschema."""

import copy
import glob
import os
import random

import pytest

from lintkit.model import ParseError
from lintkit.schemastore import CompiledSchema, compiled_schema, flat_errors, from_jsonschema
from lintkit.source import SourceFile
from lintkit.yamlmodel import load

jsonschema = pytest.importorskip("jsonschema")

CORPUS = os.path.normpath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, os.pardir, "shared", "corpus"))


def _github_loader(name):
    from lintkit.rules.github_actions.workflow_schema import _LOADERS

    return _LOADERS[name]


#: schema name -> (corpus folder, loader of the schema as the rule uses it)
SCHEMAS = {
    "compose-spec": ("compose", None),
    "gitlab-ci": ("gitlab-ci", None),
    "github-workflows": ("github-actions", _github_loader("github-workflows")),
    "github-actions": (None, _github_loader("github-actions")),
}


def reference(name):
    schema = compiled_schema(name, SCHEMAS[name][1]).schema
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    return cls(schema)


def tree(error):
    return (error.keyword, error.path, error.message, error.branch, tuple(sorted(map(tree, error.context), key=repr)))


def assert_agrees(name, instance, where, same_errors=True) -> bool:
    """Asserts the two agree on ``instance``; True when it is valid."""
    ours = compiled_schema(name, SCHEMAS[name][1])
    theirs = [from_jsonschema(e) for e in reference(name).iter_errors(instance)]
    assert ours.is_valid(instance) == (not theirs), where
    if same_errors:
        # Sorted: jsonschema visits the keys additionalProperties rejects in set order.
        assert sorted(map(tree, ours.iter_errors(instance)), key=repr) == sorted(map(tree, theirs), key=repr), where
    return not theirs


# --- corpus files and mutations of them ------------------------------------------------


def corpus_instances(name):
    folder = SCHEMAS[name][0]
    root = os.path.join(CORPUS, folder)
    for path in sorted(glob.glob(os.path.join(root, "**", "*.y*ml"), recursive=True, include_hidden=True)):
        try:
            with open(path, encoding="utf-8") as fh:
                source = SourceFile(path, fh.read())
            documents = load(source)
        except (ParseError, UnicodeDecodeError):
            continue
        if not documents or not isinstance(documents[0].root, dict):
            continue
        if name.startswith("github"):
            from lintkit.parsers import github_actions

            yield path, github_actions.parse(source, documents).github_reading
        else:
            yield path, documents[0].root


def plain(node):
    if isinstance(node, dict):
        return {key: plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    return str(node) if isinstance(node, str) else node


OTHER_VALUES = ("text", 5, 2.5, True, None, ["a", "b"], {"k": "v"}, [], {}, "always", "push", "main")


def mutated(instance, rng):
    """A copy with one to three typical mistakes: a misspelt or deleted key, a value of
    another type, a mapping written as a list, a block's keys slid to its parent."""
    doc = plain(instance)
    for _ in range(rng.randint(1, 3)):
        containers = [node for node in _containers(doc) if node]
        if not containers:
            break
        node = rng.choice(containers)
        if isinstance(node, dict):
            key = rng.choice(list(node))
            move = rng.randrange(5)
            if move == 0:
                node[f"{key}x"] = node.pop(key)
            elif move == 1:
                del node[key]
            elif move == 2 and isinstance(node[key], dict):
                node[key] = [{k: v} for k, v in node[key].items()]
            elif move == 3 and isinstance(node[key], dict):
                block, node[key] = node[key], None
                for k, v in list(block.items())[:2]:
                    node.setdefault(k, v)
            else:
                node[key] = copy.deepcopy(rng.choice([v for v in OTHER_VALUES if type(v) is not type(node[key])]))
        else:
            index = rng.randrange(len(node))
            node[index] = copy.deepcopy(rng.choice([node[index], [node[index]], *OTHER_VALUES]))
    return doc


def _containers(node):
    yield node
    for value in node.values() if isinstance(node, dict) else node:
        if isinstance(value, (dict, list)):
            yield from _containers(value)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["compose-spec", "gitlab-ci", "github-workflows"])
def test_same_verdict_as_jsonschema_on_the_corpus_and_mutations(name):
    rng = random.Random(name)
    # unevaluatedProperties is read statically (see the module): same verdict, fewer errors.
    same_errors = name != "compose-spec"
    mutations = 1 if name == "github-workflows" else 3  # 430 workflows, 118 files of the others
    files = invalid = 0
    for path, instance in corpus_instances(name):
        assert_agrees(name, instance, path, same_errors)
        for number in range(mutations):
            invalid += not assert_agrees(name, mutated(instance, rng), f"{path} mutation {number}", same_errors)
        files += 1
    assert files > 100 and invalid > files * mutations // 3, (files, invalid)


ACTIONS = [
    {"name": "Hello", "description": "Greets", "runs": {"using": "composite", "steps": [{"run": "echo hi", "shell": "bash"}]}},
    {"name": "Node", "description": "d", "inputs": {"who": {"description": "x", "required": True, "default": "me"}},
     "outputs": {"time": {"description": "t"}}, "runs": {"using": "node20", "main": "dist/index.js", "post": "dist/post.js"},
     "branding": {"icon": "award", "color": "green"}},
    {"name": "Docker", "description": "d", "runs": {"using": "docker", "image": "Dockerfile", "args": ["${{ inputs.who }}"],
     "env": {"A": "1"}}},
    {"name": "Composite", "description": "d", "outputs": {"o": {"description": "x", "value": "${{ steps.s.outputs.o }}"}},
     "runs": {"using": "composite", "steps": [{"id": "s", "uses": "actions/checkout@v4", "with": {"fetch-depth": 0}},
                                              {"run": "make", "shell": "bash", "working-directory": "src", "if": "always()"}]}},
]  # fmt: skip


def test_same_errors_as_jsonschema_on_action_metadata_and_mutations():
    rng = random.Random("actions")
    invalid = 0
    for number, action in enumerate(ACTIONS):
        assert assert_agrees("github-actions", action, f"action {number}")
        for mutation in range(40):
            invalid += not assert_agrees("github-actions", mutated(action, rng), f"action {number} mutation {mutation}")
    assert invalid > 40


COMPOSE_CASES = [
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


@pytest.mark.parametrize("instance", COMPOSE_CASES)
def test_compose_verdicts(instance):
    assert_agrees("compose-spec", instance, instance, same_errors=False)


def test_keys_that_are_not_strings_are_matched_by_their_text():
    # jsonschema raises on them (re.search over an int); `1:` names service "1".
    schema = compiled_schema("compose-spec")
    assert schema.is_valid({"services": {1: {"image": "a"}}})
    assert not schema.is_valid({"services": {"web": {"image": "a", 2: "b"}}})


# --- errors at the offending node -------------------------------------------------------


def test_flat_errors_are_at_the_offending_node():
    schema = compiled_schema("compose-spec")

    def flat(instance):
        return flat_errors(list(schema.iter_errors(instance)))

    assert flat({"services": {"web": {"image": "nginx", "restart_policy": "always"}}}) == [
        (("services", "web", "restart_policy"), "additionalProperties", "unknown key 'restart_policy'"),
    ]
    assert flat({"services": {"web": {"ports": [{"target": []}]}}}) == [
        (("services", "web", "ports", 0, "target"), "type", "expected integer or string, got array"),
    ]
    assert flat({"services": {"web": {"cap_add": ["A", "B", "A"]}}}) == [
        (("services", "web", "cap_add", 2), "uniqueItems", "duplicate of item 1"),
    ]
    assert flat({"services": {"web": {"healthcheck": {"test": 5}}}}) == [
        (("services", "web", "healthcheck", "test"), "type", "expected string or array, got integer"),
    ]


def test_unevaluated_properties_are_read_statically():
    schema = CompiledSchema({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {"base": {"properties": {"a": {"type": "string"}}, "patternProperties": {"^x-": {}}}},
        "allOf": [{"$ref": "#/$defs/base"}],
        "properties": {"b": {"type": "integer"}},
        "unevaluatedProperties": False,
    })  # fmt: skip
    assert schema.is_valid({"a": "1", "b": 2, "x-y": None})
    (error,) = schema.iter_errors({"a": "1", "c": 3})
    assert (error.keyword, error.subject, error.message) == (
        "unevaluatedProperties", ("c",), "Unevaluated properties are not allowed ('c' was unexpected)",
    )  # fmt: skip


def test_ref_siblings_by_draft():
    body = {"definitions": {"s": {"type": "string"}}, "properties": {"v": {"$ref": "#/definitions/s", "maxLength": 2}}}
    draft7 = CompiledSchema({"$schema": "http://json-schema.org/draft-07/schema#", **body})
    draft2020 = CompiledSchema({"$schema": "https://json-schema.org/draft/2020-12/schema", **body})
    assert draft7.is_valid({"v": "long"})  # siblings of $ref are ignored before 2019-09
    assert not draft2020.is_valid({"v": "long"})
    assert [e.message for e in draft2020.iter_errors({"v": "long"})] == ["'long' is too long"]


def test_keywords_the_layer_does_not_compile_go_to_jsonschema_with_full_paths():
    schema = CompiledSchema({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "properties": {"jobs": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"},
                                "additionalProperties": {"type": "object"}}},
    })  # fmt: skip
    assert schema.is_valid({"jobs": {"build": {}}})
    assert not schema.is_valid({"jobs": {"Build": {}}})
    errors = list(schema.iter_errors({"jobs": {"Build": {}, "test": 1}}))
    # jsonschema reports a bad property name at the mapping that holds it.
    assert sorted((e.keyword, e.path) for e in errors) == [("pattern", ("jobs",)), ("type", ("jobs", "test"))]


def test_one_of_matching_several_branches_and_contexts():
    schema = CompiledSchema({"oneOf": [{"type": "integer"}, {"type": "number"}, {"type": "string", "minLength": 3}]})
    (several,) = schema.iter_errors(5)
    assert several.context == [] and several.message.startswith("5 is valid under each of")
    (none,) = schema.iter_errors("ab")
    assert [(e.branch, e.keyword) for e in none.context] == [(0, "type"), (1, "type"), (2, "minLength")]


def test_recursive_references():
    schema = CompiledSchema({
        "type": "object",
        "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}},
        "additionalProperties": False,
    })  # fmt: skip
    assert schema.is_valid({"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]})
    (error,) = schema.iter_errors({"children": [{"children": [{"name": 1}]}]})
    assert (error.keyword, error.path, error.message) == ("type", ("children", 0, "children", 0, "name"), "1 is not of type 'string'")
