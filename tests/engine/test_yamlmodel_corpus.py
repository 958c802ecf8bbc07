"""The YAML layer gives PyYAML's safe-loader values on every parsable YAML file of the
corpus (timestamps excepted: lintkit keeps their text). Skipped without ../shared/corpus."""

from __future__ import annotations

import datetime
import math
import os

import pytest
import yaml

from lintkit.engine import read_source
from lintkit.model import ParseError
from lintkit.yamlmodel import load

CORPUS = os.path.normpath(
    os.environ.get("LINTKIT_CORPUS", os.path.join(os.path.dirname(__file__), *[os.pardir] * 3, "shared", "corpus"))
)
pytestmark = pytest.mark.corpus


def _yaml_files() -> list[str]:
    return sorted(
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(CORPUS)
        for name in names
        if name.endswith((".yml", ".yaml"))
    )


def _same(ours, theirs) -> bool:
    if isinstance(theirs, (datetime.date, datetime.datetime)):
        return isinstance(ours, str)
    if isinstance(theirs, dict):
        return (
            isinstance(ours, dict)
            and ours.keys() == theirs.keys()
            and all(_same(ours[key], value) for key, value in theirs.items())
        )
    if isinstance(theirs, list):
        return isinstance(ours, list) and len(ours) == len(theirs) and all(map(_same, ours, theirs))
    if isinstance(theirs, float) and math.isnan(theirs):
        return isinstance(ours, float) and math.isnan(ours)
    return type(ours) is type(theirs) and ours == theirs


def test_values_match_pyyaml_on_the_corpus():
    compared = 0
    for path in _yaml_files():
        try:
            source = read_source(path, {})
            theirs = list(yaml.load_all(source.text, Loader=yaml.CSafeLoader))
        except (ParseError, yaml.YAMLError):  # templates, application tags, broken files
            continue
        ours = load(source)
        assert len(ours) == len(theirs), path
        for document, expected in zip(ours, theirs):
            assert _same(document.root, expected), path
        compared += 1
    assert compared > 1800  # of 2,110 YAML files; the rest are templates or invalid on purpose
