"""examples/plugin: a third-party package's rule and reporter, found through its
entry-point metadata as an installed distribution is, and the plugin API's errors."""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGIN = os.path.join(ROOT, "examples", "plugin")


def _distribution(site, name, package_dir=None, entry="lintkit_acme", files=None):
    """A distribution in ``site`` as pip leaves it: the package and its .dist-info."""
    if package_dir:
        shutil.copytree(package_dir, site / os.path.basename(package_dir))
    for relative, text in (files or {}).items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    info = site / f"{name.replace('-', '_')}-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[lintkit.plugins]\nacme = {entry}\n", encoding="utf-8")


def _lintkit(site, *args, cwd):
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-c", "from lintkit.cli import main; main()", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    return site


def test_the_example_plugin_rule_and_reporter_run(site, tmp_path):
    _distribution(site, "lintkit-acme", os.path.join(PLUGIN, "lintkit_acme"))
    work = tmp_path / "work"
    work.mkdir()
    (work / "Dockerfile").write_text("FROM alpine:3.20\nUSER 10001\n", encoding="utf-8")
    listed = _lintkit(site, "rules", "--kind", "dockerfile", cwd=work)
    assert listed.returncode == 0, listed.stderr
    assert any(line.startswith("ACME100 image-source-label") for line in listed.stdout.splitlines())
    checked = _lintkit(site, "check", "--isolated", "--select", "ACME100", "Dockerfile", cwd=work)
    assert checked.returncode == 1
    assert "Dockerfile:1:1: ACME100 [warning] the final stage sets no org.opencontainers.image.source label" in checked.stdout
    counted = _lintkit(site, "check", "--isolated", "--select", "ACME100", "--format", "acme-count", "Dockerfile", cwd=work)
    assert counted.stdout == "ACME100 1\n"


def test_a_duplicate_rule_id_is_an_error_naming_both(site, tmp_path):
    _distribution(site, "lintkit-dup", files={"lintkit_dup/__init__.py": """\
        from lintkit.hookspecs import hookimpl
        from lintkit.model import Problem, rule

        @rule(id="DF033", name="my-maintainer", kind="dockerfile", severity="info", summary="s", rationale="r")
        def check(dockerfile, ctx):
            yield from ()

        @hookimpl
        def lintkit_rules(kind):
            return [check] if kind == "dockerfile" else []
        """}, entry="lintkit_dup")
    work = tmp_path / "work"
    work.mkdir()
    (work / "Dockerfile").write_text("FROM alpine:3.20\n", encoding="utf-8")
    for args in (["rules"], ["check", "--isolated", "Dockerfile"]):
        result = _lintkit(site, *args, cwd=work)
        assert result.returncode == 2, result.stdout
        assert "rule id DF033 is defined twice" in result.stderr
        assert "lintkit_dup" in result.stderr and "lintkit.rules" in result.stderr


def test_a_rule_with_its_own_prefix_must_name_its_kind():
    from lintkit.model import rule

    with pytest.raises(ValueError, match="must name its kind"):
        rule(id="ACME001", name="x", severity="info", summary="s", rationale="r")(lambda d, c: ())
    with pytest.raises(ValueError, match="prefix of capital letters"):
        rule(id="acme-1", name="x", kind="dockerfile", severity="info", summary="s", rationale="r")(lambda d, c: ())
