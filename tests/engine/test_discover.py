import os

import pytest

from lintkit.discover import discover
from lintkit.kinds import kind_from_name


@pytest.mark.parametrize(
    "path, kind",
    [
        ("Dockerfile", "dockerfile"),
        ("app/Dockerfile.prod", None),  # a variant: its content decides (below)
        ("app/dockerfile.go", None),
        ("build/api.Dockerfile", "dockerfile"),
        ("Containerfile", "dockerfile"),
        ("Dockerfile.dockerignore", None),
        ("compose.yaml", "compose"),
        ("compose.override.yml", "compose"),
        ("docker-compose.yml", "compose"),
        ("docker-compose.override.yml", "compose"),
        ("docker-compose.prod.yaml", "compose"),
        ("roles/app/tasks/docker-compose.yml", None),
        (".gitlab-ci.yml", "gitlab-ci"),
        (".gitlab-ci.yaml", "gitlab-ci"),
        ("ci/Build.gitlab-ci.yml", "gitlab-ci"),
        (".github/workflows/ci.yml", "github-actions"),
        ("action.yml", "github-actions"),
        ("deploy/app.yaml", None),
        ("README.md", None),
    ],
)
def test_kind_from_name(path, kind):
    assert kind_from_name(path) == kind


def test_stdin_name_of_a_variant_is_a_dockerfile():
    assert kind_from_name("Dockerfile.prod", variant_is_dockerfile=True) == "dockerfile"
    assert kind_from_name("Dockerfile.json", variant_is_dockerfile=True) is None


def write(root, name, text="x: 1\n"):
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(text)
    return path


def test_walk_enters_dot_folders_skips_git_and_honours_gitignore(tmp_path):
    root = str(tmp_path)
    os.mkdir(os.path.join(root, ".git"))
    write(root, ".git/Dockerfile", "FROM x\n")
    write(root, ".github/workflows/ci.yml")
    write(root, ".gitlab-ci.yml")
    write(root, "vendor/Dockerfile", "FROM x\n")
    write(root, "build/out.yaml")
    write(root, "node_modules/pkg/.github/workflows/ci.yml")
    write(root, ".venv/lib/Dockerfile", "FROM x\n")
    write(root, ".gitignore", "vendor/\n*.yaml\n")
    found = {os.path.relpath(t.path, root) for t in discover([root]).targets}
    assert found == {".github/workflows/ci.yml", ".gitlab-ci.yml"}


def test_config_exclude_applies_to_walks_and_explicit_files(tmp_path):
    root = str(tmp_path)
    explicit = write(root, "generated/Dockerfile", "FROM x\n")
    write(root, "Dockerfile", "FROM x\n")
    result = discover([root, explicit], exclude=["generated/"], exclude_base=root)
    assert [os.path.relpath(t.path, root) for t in result.targets] == ["Dockerfile"]


def test_symlink_loops_and_dangling_links_do_not_hang_or_crash(tmp_path):
    root = str(tmp_path)
    write(root, "a/Dockerfile", "FROM x\n")
    os.symlink(os.path.join(root, "a"), os.path.join(root, "a", "loop"))
    os.symlink(os.path.join(root, "missing"), os.path.join(root, "Containerfile"))
    result = discover([root])
    assert [os.path.relpath(t.path, root) for t in result.targets] == [os.path.join("a", "Dockerfile")]
    assert any("dangling" in reason for _, reason in result.skipped)


def test_relative_walk_gives_relative_paths(tmp_path, monkeypatch):
    write(str(tmp_path), "svc/Dockerfile", "FROM x\n")
    monkeypatch.chdir(tmp_path)
    assert [t.path for t in discover(["."]).targets] == [os.path.join("svc", "Dockerfile")]


def test_kind_globs_and_forced_kind_override_detection(tmp_path):
    root = str(tmp_path)
    path = write(root, "deploy/web.yml")
    found = discover([root], kind_globs={"deploy/*.yml": "kubernetes"}, exclude_base=root)
    assert found.targets[0].kind == "kubernetes"
    assert discover([path], forced_kind="compose").targets[0].kind == "compose"


def test_content_that_only_looks_like_a_kind_is_not_claimed(tmp_path):
    """Real files outside the corpus that sniffing used to claim (Google Cloud SDK data)."""
    from lintkit.engine import RunOptions, run
    from lintkit.registry import Selection

    root = str(tmp_path)
    # A JSON Schema in YAML with a `script` property is no GitLab pipeline.
    write(root, "schemas/Job.yaml", "title: Job\ntype: object\nproperties:\n  script:\n    type: string\n")
    write(root, "schemas/Run.yaml", "type: object\nproperties:\n  trigger:\n    type: object\n")
    # A command spec in a folder named tasks/, outside any roles/, is no Ansible task file.
    write(root, "surface/tasks/create.yaml", "- release_tracks: [GA]\n  help_text: {brief: Create}\n  request: {collection: x}\n")
    # Folders that only share a name with Ansible's do not make YAML beside them vars files.
    os.makedirs(os.path.join(root, "spanner", "roles"))
    write(root, "spanner/add_binding.yaml", "release_tracks: [GA]\nhelp_text: {brief: Add}\n")
    # ...while a real task list there still is.
    write(root, "ops/tasks/install.yml", "- name: Install\n  ansible.builtin.apt:\n    name: nginx\n")
    result = run(discover([root]).targets, RunOptions(selection=Selection(None, []), jobs=1))
    assert dict(result.files) == {"ansible": 1}


def test_dockerfile_variants_are_claimed_by_their_first_instruction(tmp_path):
    """Test data and code about Dockerfiles (dockerfile.go, Dockerfile.golden, Dockerfile.md)
    is not linted as a Dockerfile; Dockerfile.<variant> and *.Dockerfile are."""
    root = str(tmp_path)
    write(root, "Dockerfile.dev", "# syntax=docker/dockerfile:1\n\n# the dev image\nfrom alpine:3.19\n")
    write(root, "Dockerfile.alpine", "\ufeffARG BASE=alpine:3.19\nFROM $BASE\n")
    write(root, "ci.Dockerfile", "not even a Dockerfile\n")  # the name alone decides
    write(root, "Dockerfile.notes", "# Notes\nThese images are built nightly.\n")
    write(root, "Dockerfile.empty", "# only a comment\n")
    write(root, "parser/dockerfile.go", "package dockerfile\n")
    write(root, "parser/Dockerfile.json", '{"from": "alpine"}\n')
    write(root, "parser/Dockerfile.golden", "FROM alpine\nRUN true\n")
    write(root, "docs/Dockerfile.md", "# Dockerfile\nFROM is the first instruction.\n")
    os.mkfifo(os.path.join(root, "Dockerfile.fifo"))  # never opened: it would block
    found = {os.path.relpath(t.path, root): t.kind for t in discover([root]).targets}
    assert found == {"Dockerfile.dev": "dockerfile", "Dockerfile.alpine": "dockerfile", "ci.Dockerfile": "dockerfile"}
