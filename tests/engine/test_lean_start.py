"""A one-file run loads what that file needs: ``lintkit check Dockerfile`` imports no
other kind's parser or rules, no schema library, no language server and no reporter but
the one it prints with (a pre-commit hook pays for every import on every commit)."""

import json
import subprocess
import sys

#: Runs the command line as the ``lintkit`` program does, then lists every module loaded.
#: ``-X importtime`` reports the imports made by import statements; modules loaded by
#: ``importlib.import_module`` (parsers, reporters, plugins) are only in ``sys.modules``.
_RUN = """
import json, sys
sys.argv = ["lintkit", *sys.argv[1:]]
from lintkit.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""

OTHER_KINDS = ("compose", "kubernetes", "ansible", "ansible_inventory", "gitlab_ci", "github_actions")


def _loaded(tmp_path, *args) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", _RUN, *args],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    imported = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "lintkit.cli" in imported, result.stderr[-2000:]
    return imported | set(json.loads(result.stdout.strip().splitlines()[-1]))


def _unwanted(modules: set[str], prefixes) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_a_dockerfile_run_imports_only_what_a_dockerfile_needs(tmp_path):
    (tmp_path / ".git").mkdir()  # the config search stops at the repository
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nRUN apk add curl\n")
    modules = _loaded(tmp_path, "check", "Dockerfile")
    assert {"lintkit.parsers.dockerfile", "lintkit.rules.dockerfile", "lintkit.reporters.text"} <= modules
    unwanted = [
        *(f"lintkit.parsers.{kind}" for kind in OTHER_KINDS),
        *(f"lintkit.rules.{kind}" for kind in OTHER_KINDS),
        "yaml", "lintkit.yamlmodel",  # no YAML in a Dockerfile, nor a config to read
        "jsonschema", "lintkit.schemastore", "referencing",
        "pygls", "lsprotocol", "lintkit.server", "lintkit.live",
        *(f"lintkit.reporters.{name}" for name in ("json", "sarif", "gitlab", "junit", "github")),
    ]  # fmt: skip
    assert _unwanted(modules, unwanted) == []


def test_a_json_report_imports_the_json_reporter_only(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    modules = _loaded(tmp_path, "check", "--format", "json", "Dockerfile")
    assert "lintkit.reporters.json" in modules
    # No RUN, no ShellCheck process (on by default, it is started only for scripts).
    unwanted = ["lintkit.reporters.text", "lintkit.reporters.sarif", "pygls", "subprocess", "tempfile"]
    assert _unwanted(modules, unwanted) == []
