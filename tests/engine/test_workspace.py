"""lintkit.workspace: looks at other files, recorded as dependencies, overlaid by texts;
and the Facts mechanism: facts collected once per file, combined once per run."""

import os

from lintkit import workspace
from lintkit.model import Example, Facts, Problem, Span, rule
from lintkit.workspace import Workspace, digest


def test_every_look_is_recorded_with_what_it_saw(tmp_path):
    (tmp_path / ".env").write_text("TAG=1\n")
    (tmp_path / "sub").mkdir()
    files = Workspace()
    with files.recording() as seen:
        assert files.read_text(str(tmp_path / ".env")) == "TAG=1\n"
        assert files.read_text(str(tmp_path / "missing")) is None
        assert files.is_dir(str(tmp_path / "sub")) and not files.is_file(str(tmp_path / "sub"))
        assert files.listdir(str(tmp_path)) == [".env", "sub"]
        assert files.glob(str(tmp_path / "*.env")) == []
    assert seen == {
        ("read", str(tmp_path / ".env")): digest(b"TAG=1\n"),
        ("read", str(tmp_path / "missing")): None,
        ("type", str(tmp_path / "sub")): "dir",
        ("listdir", str(tmp_path)): (".env", "sub"),
        ("glob", str(tmp_path / "*.env")): (),
    }
    assert Workspace().still_holds(seen)
    (tmp_path / ".env").write_text("TAG=2\n")
    assert not Workspace().still_holds(seen)
    (tmp_path / ".env").write_text("TAG=1\n")
    (tmp_path / "missing").write_text("now here")
    assert not Workspace().still_holds(seen)


def test_texts_stand_in_for_the_files_on_disk(tmp_path):
    (tmp_path / ".env").write_text("TAG=disk\n")
    files = Workspace({str(tmp_path / ".env"): "TAG=buffer\n", str(tmp_path / "new.yml"): b"a: 1\n"})
    assert files.read_text(str(tmp_path / ".env")) == "TAG=buffer\n"
    assert files.is_file(str(tmp_path / "new.yml"))
    assert files.listdir(str(tmp_path)) == [".env", "new.yml"]


def test_only_regular_files_are_read_and_undecodable_text_is_none_when_strict(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "latin1").write_bytes(b"caf\xe9\n")
    files = Workspace()
    assert files.read_bytes(str(tmp_path / "fifo")) is None  # never blocks on a FIFO
    assert files.read_text(str(tmp_path / "latin1")) == "caf\ufffd\n"
    assert files.read_text(str(tmp_path / "latin1"), strict=True) is None


def test_a_run_memoises_its_looks_and_outside_a_run_the_disk_is_read_afresh(tmp_path):
    path = tmp_path / "a"
    path.write_text("one")
    run = Workspace()
    assert run.read_text(str(path)) == "one"
    path.write_text("two")
    assert run.read_text(str(path)) == "one"  # one run sees one state of the tree
    assert workspace.read_text(str(path)) == "two"
    with workspace.use(run):
        assert workspace.read_text(str(path)) == "one"


COLLECTED: list[str] = []
COMBINED: list[dict] = []


def _collect(dockerfile, ctx):
    COLLECTED.append(dockerfile.source.path)
    return len(dockerfile.instructions)


def _combine(facts_by_path, ctx):
    COMBINED.append(dict(facts_by_path))
    return sum(facts_by_path.values())


SHARED = Facts("test.instruction-count", _collect, _combine)


def _counting_rule(rule_id, name):
    @rule(id=rule_id, name=name, severity="info", summary="s", rationale="r", collect=SHARED,
          examples=(Example(bad="FROM a\n", good="FROM a\n"),))
    def check(total, ctx):
        yield Problem(Span.point(1), f"{name}: {total} instructions", path="Dockerfile")

    return check


def test_rules_sharing_facts_collect_once_per_file_and_combine_once_per_run(tmp_path, monkeypatch):
    from lintkit import engine, registry

    first, second = _counting_rule("DF990", "count-one"), _counting_rule("DF991", "count-two")
    monkeypatch.setattr(registry, "rules_for_kind", lambda kind: (first, second) if kind == "dockerfile" else ())
    (tmp_path / "Dockerfile").write_text("FROM a\nRUN b\n")
    (tmp_path / "other.Dockerfile").write_text("FROM c\n")
    from lintkit.discover import Target

    COLLECTED.clear()
    COMBINED.clear()
    options = engine.RunOptions(selection=registry.Selection(["ALL"], []), jobs=1)
    targets = [Target(str(tmp_path / "Dockerfile"), "dockerfile"), Target(str(tmp_path / "other.Dockerfile"), "dockerfile")]
    result = engine.run(targets, options)
    assert sorted(COLLECTED) == sorted(t.path for t in targets)
    assert COMBINED == [{targets[0].path: 2, targets[1].path: 1}]
    assert sorted(f.message for f in result.findings if f.rule in ("DF990", "DF991")) == [
        "count-one: 3 instructions", "count-two: 3 instructions",
    ]
