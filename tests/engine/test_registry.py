"""Plugin discovery: entry points read from the distributions on sys.path."""

from __future__ import annotations

import importlib.metadata
import sys

from lintkit.registry import PLUGIN_GROUP, _load, declared_plugins


def _distribution(folder, name: str, entry_points: str) -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text(entry_points)


def test_reads_the_group_of_every_distribution_in_path_order(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _distribution(
        first,
        "lintkit_extra",
        "[console_scripts]\nextra = extra.cli:main\n\n"
        f"[{PLUGIN_GROUP}]\n# a comment\nextra = extra.plugin [yaml]\nmore = extra.more:Plugin.instance\n",
    )
    _distribution(second, "other", f"[{PLUGIN_GROUP}]\nother=other_plugin\n")
    _distribution(second, "unrelated", "[pytest11]\nunrelated = unrelated.plugin\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])

    assert declared_plugins(PLUGIN_GROUP) == [
        ("extra", "extra.plugin"),
        ("more", "extra.more:Plugin.instance"),
        ("other", "other_plugin"),
    ]


def test_finds_what_importlib_metadata_finds():
    expected = {(ep.name, ep.value) for ep in importlib.metadata.entry_points(group=PLUGIN_GROUP)}
    assert ("builtin", "lintkit.rules") in expected
    assert expected <= set(declared_plugins(PLUGIN_GROUP))


def test_loads_a_module_or_an_attribute_of_one():
    import lintkit.model

    assert _load("lintkit.model") is lintkit.model
    assert _load("lintkit.model:Span.point") == lintkit.model.Span.point
