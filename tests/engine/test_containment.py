"""Hostile trees: nothing outside the project root is read on a file's behalf, only
regular files are opened, every read has the size cap, and a Dockerfile that is not UTF-8
is linted. Runs that could block (FIFOs, devices) go through a subprocess with a timeout,
so a regression fails the test instead of hanging the suite."""

import json
import os
import subprocess
import sys

import pytest

from lintkit import files, project
from lintkit.discover import discover
from lintkit.engine import RunOptions, run
from lintkit.registry import Selection

MARKER = "Zq8marker-outside-the-project"
FORMATS = ("text", "json", "sarif", "gitlab", "junit", "github")
#: Generous: these runs take well under a second; only a blocked read takes longer.
TIMEOUT = 60


def lintkit(cwd, *args):
    return subprocess.run(
        [sys.executable, "-m", "lintkit", "check", "--isolated", *args],
        cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT,
    )


def findings(completed):
    return json.loads(completed.stdout)["findings"]


def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


@pytest.fixture
def tree(tmp_path):
    """A project (a git work tree, so its root is certain) and a secret file beside it."""
    (tmp_path / "project" / ".git").mkdir(parents=True)
    write(tmp_path, "elsewhere/secret.txt", f"root:{MARKER}:19000:0:99999:7:::\nTOKEN={MARKER}\n")
    return tmp_path / "project", tmp_path / "elsewhere" / "secret.txt"


def lk004(got):
    return [(f["line"], f["column"], f["message"]) for f in got if f["rule"] == "LK004"]


# --- walks and symbolic links ------------------------------------------------------------


@pytest.mark.parametrize("output_format", FORMATS)
def test_walked_link_out_of_the_project_leaves_no_trace(tree, output_format):
    root, secret = tree
    write(root, "Dockerfile", "FROM alpine:3.20\n")
    (root / "sub").mkdir()
    (root / "sub" / "Dockerfile").symlink_to(secret)
    (root / "compose.yaml").symlink_to(secret)
    result = lintkit(root, "--verbose", "--format", output_format, ".")
    assert result.returncode == 1  # the real Dockerfile's findings
    assert MARKER not in result.stdout and MARKER not in result.stderr
    assert "skipped sub/Dockerfile: symbolic link to a file outside the project root; not followed" in result.stderr


def test_link_inside_the_project_is_followed(tree):
    root, _secret = tree
    write(root, "docker/Dockerfile.real", "FROM alpine:latest\n")
    (root / "Dockerfile").symlink_to(root / "docker" / "Dockerfile.real")
    got = findings(lintkit(root, "--format", "json", "--select", "DF", "."))
    assert "Dockerfile" in {f["path"] for f in got if f["rule"] == "DF001"}


def test_file_named_on_the_command_line_is_read_even_through_a_link(tree):
    root, secret = tree
    (root / "Dockerfile").symlink_to(secret)
    got = findings(lintkit(root, "--format", "json", "Dockerfile"))
    assert any(f["rule"] == "DF044" and f["line"] == 1 for f in got)  # the user chose it


# --- references out of the project ---------------------------------------------------------


@pytest.mark.parametrize(
    "name, text, position, fragment",
    [
        ("compose.yaml", "services:\n  web:\n    image: app:1\n    env_file: /etc/shadow\n", (4, 15), "env_file '/etc/shadow'"),
        ("compose.yaml", "services:\n  web:\n    image: app:1\n    env_file:\n      - path: ../elsewhere/secret.txt\n", (5, 15), "env_file '../elsewhere/secret.txt'"),
        ("compose.yaml", "include:\n  - ../elsewhere/secret.txt\nservices:\n  web:\n    image: app:1\n", (2, 5), "include '../elsewhere/secret.txt'"),
        ("compose.yaml", "services:\n  web:\n    build:\n      context: /dev\n      dockerfile: zero\n", (4, 16), "build context '/dev'"),
        ("compose.yaml", "services:\n  web:\n    build: ../../../..\n", (3, 12), "build context '../../../..'"),
        (".gitlab-ci.yml", "include:\n  - local: ../elsewhere/secret.txt\ntest:\n  script: make\n", (2, 12), "local include '../elsewhere/secret.txt'"),
        (".gitlab-ci.yml", "include:\n  - local: /ci/../../x.yml\ntest:\n  script: make\n", (2, 12), "local include '/ci/../../x.yml'"),
        (
            "playbook.yml",
            "- name: Web\n  hosts: all\n  tasks:\n    - name: Common\n      ansible.builtin.import_tasks: /etc/shadow\n",
            (5, 37), "import_tasks '/etc/shadow'",
        ),
        (
            "playbook.yml",
            "- name: Web\n  hosts: all\n  vars_files:\n    - ../../../../../../etc/passwd\n  tasks: []\n",
            (4, 7), "vars_files '../../../../../../etc/passwd'",
        ),
        ("playbook.yml", "- name: Web\n  hosts: all\n  roles:\n    - /etc/ansible/roles/x\n", (4, 7), "roles '/etc/ansible/roles/x'"),
        (
            ".github/workflows/ci.yml",
            "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: ./../../other\n",
            (7, 15), "uses './../../other'",
        ),
    ],
)
def test_reference_out_of_the_project_is_a_positioned_finding_and_is_not_read(tree, name, text, position, fragment):
    root, _secret = tree
    write(root, name, text)
    result = lintkit(root, "--format", "json", ".")
    ((line, column, message),) = lk004(findings(result))
    assert (line, column) == position
    assert fragment in message and "outside the project root; not read" in message
    assert MARKER not in result.stdout + result.stderr


def test_outside_references_are_not_also_reported_missing(tree):
    """The file is not looked for, so neither DC051 nor AN060 nor GL008 says it is absent."""
    root, _secret = tree
    write(root, "compose.yaml", "services:\n  web:\n    image: app:1\n    env_file: /nowhere/app.env\n")
    write(root, "playbook.yml", "- name: Web\n  hosts: all\n  tasks:\n    - name: A\n      ansible.builtin.import_tasks: /nowhere/a.yml\n")
    write(root, ".gitlab-ci.yml", "include:\n  - local: ../nowhere.yml\ntest:\n  script: make\n")
    got = findings(lintkit(root, "--format", "json", "--select", "DC051,AN060,GL008,LK004", "."))
    assert sorted(f["rule"] for f in got) == ["LK004", "LK004", "LK004"]


def test_dotenv_linked_out_of_the_project_is_not_read(tree):
    root, secret = tree
    write(root, "compose.yaml", "services:\n  web:\n    image: registry.example.com/app-${TOKEN:-dev}\n")
    (root / ".env").symlink_to(secret)
    result = lintkit(root, "--verbose", "--format", "text", ".")
    assert MARKER not in result.stdout + result.stderr
    assert "skipped .env: leads outside the project root; not read" in result.stderr


def test_included_file_linked_out_of_the_project_is_a_finding(tree):
    root, secret = tree
    (root / "ci").mkdir()
    (root / "ci" / "build.yml").symlink_to(secret)
    write(root, ".gitlab-ci.yml", "include:\n  - local: ci/build.yml\ntest:\n  script: make\n")
    result = lintkit(root, "--format", "json", ".gitlab-ci.yml")
    ((line, column, message),) = lk004(findings(result))
    assert (line, column) == (2, 12) and "local include 'ci/build.yml'" in message
    assert MARKER not in result.stdout + result.stderr


# --- only regular files, and no blocking ---------------------------------------------------


def test_fifo_dotenv_and_device_build_context_do_not_block(tree):
    root, _secret = tree
    write(root, "compose.yaml", "services:\n  web:\n    image: app:${TAG:-1}\n    build:\n      context: /dev\n      dockerfile: zero\n")
    os.mkfifo(root / ".env")
    result = lintkit(root, "--verbose", "--format", "json", ".")
    assert result.returncode == 1
    assert lk004(findings(result))[0][:2] == (5, 16)
    assert "skipped .env: a FIFO, not a regular file; not read" in result.stderr


def test_dockerfile_a_service_builds_from_that_is_a_fifo_is_a_finding(tree):
    root, _secret = tree
    write(root, "compose.yaml", "services:\n  web:\n    build:\n      context: .\n      dockerfile: build.fifo\n")
    os.mkfifo(root / "build.fifo")
    ((line, column, message),) = lk004(findings(lintkit(root, "--format", "json", ".")))
    assert (line, column) == (5, 19) and "dockerfile 'build.fifo' is a FIFO, not a regular file; not read" in message


def test_walked_fifo_device_link_and_directories_are_skipped_with_a_reason(tree):
    root, _secret = tree
    os.mkfifo(root / "Dockerfile")
    (root / "zero").mkdir()
    (root / "zero" / "Dockerfile").symlink_to("/dev/zero")
    (root / "compose.yaml").mkdir()  # a folder named like a compose file is walked into
    (root / ".env").mkdir()
    write(root, "docker-compose.yml", "services:\n  web:\n    image: app:${TAG}\n")
    result = lintkit(root, "--verbose", "--format", "json", ".")
    assert {f["path"] for f in findings(result)} == {"docker-compose.yml"}
    assert "skipped Dockerfile: a FIFO, not a regular file; not read" in result.stderr
    assert "skipped zero/Dockerfile: symbolic link to a file outside the project root; not followed" in result.stderr
    assert "skipped .env: a directory, not a regular file; not read" in result.stderr


def test_link_loop_and_dangling_link_are_skipped_with_their_reason(tree):
    root, _secret = tree
    (root / "a").mkdir()
    (root / "a" / "Dockerfile").symlink_to(root / "a" / "Dockerfile.loop")
    (root / "a" / "Dockerfile.loop").symlink_to(root / "a" / "Dockerfile")
    (root / "Dockerfile").symlink_to(root / "missing")
    result = lintkit(root, "--verbose", ".")
    assert result.returncode == 0
    assert "skipped a/Dockerfile: symbolic link loop" in result.stderr
    assert "skipped Dockerfile: dangling symbolic link" in result.stderr


def test_config_linked_out_of_the_project_is_refused_unread(tree):
    root, secret = tree
    write(root, "Dockerfile", "FROM alpine:3.20\n")
    (root / ".lintkit.yaml").symlink_to(secret)
    result = subprocess.run([sys.executable, "-m", "lintkit", "check", "."], cwd=root,
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 2 and "symbolic link leading out of its folder" in result.stderr
    assert MARKER not in result.stdout + result.stderr


def test_walked_socket_is_skipped(tree):
    import socket

    root, _secret = tree
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(root / "Dockerfile"))
        result = lintkit(root, "--verbose", ".")
    finally:
        server.close()
    assert result.returncode == 0
    assert "skipped Dockerfile: a socket, not a regular file; not read" in result.stderr


def test_directory_named_as_the_dockerfile_of_a_build_is_a_finding(tree):
    root, _secret = tree
    write(root, "compose.yaml", "services:\n  web:\n    build:\n      context: app\n      dockerfile: Dockerfile\n")
    (root / "app" / "Dockerfile").mkdir(parents=True)
    ((line, column, message),) = lk004(findings(lintkit(root, "--format", "json", ".")))
    assert (line, column) == (5, 19) and "dockerfile 'Dockerfile' is a directory, not a regular file" in message


def test_notes_of_worker_processes_reach_the_report(tree):
    root, _secret = tree
    for folder in ("a", "b"):
        write(root, f"{folder}/compose.yaml", "services:\n  web:\n    image: app:${TAG}\n")
        os.mkfifo(root / folder / ".env")
    result = lintkit(root, "--verbose", "--jobs", "2", ".")
    assert "skipped a/.env: a FIFO" in result.stderr and "skipped b/.env: a FIFO" in result.stderr


def test_fifo_named_on_the_command_line_is_skipped(tree):
    root, _secret = tree
    os.mkfifo(root / "Dockerfile")
    result = lintkit(root, "--verbose", "Dockerfile")
    assert result.returncode == 0
    assert "skipped Dockerfile: a FIFO, not a regular file; not read" in result.stderr


@pytest.mark.parametrize("special", ["fifo", "directory", "/dev/zero"])
def test_read_regular_refuses_what_is_not_a_regular_file(tmp_path, special):
    path = tmp_path / "x"
    if special == "fifo":
        os.mkfifo(path)
    elif special == "directory":
        path.mkdir()
    else:
        path = special
    with pytest.raises(files.Unreadable) as caught:
        files.read_regular(str(path), 1000)
    assert caught.value.cause == files.NOT_REGULAR and "not a regular file" in caught.value.reason


def test_read_regular_reads_at_most_the_cap(tmp_path):
    path = write(tmp_path, "big", b"x" * 5000)
    with pytest.raises(files.Unreadable) as caught:
        files.read_regular(str(path), 4999)
    assert caught.value.cause == files.TOO_LARGE
    assert files.read_regular(str(path), 100, truncate=True) == b"x" * 100
    assert files.read_regular(str(path), 5000) == b"x" * 5000


def test_file_deleted_during_the_run_is_skipped_not_a_parse_error(tmp_path):
    write(tmp_path, "Dockerfile", "FROM alpine:3.20\n")
    write(tmp_path, "gone/Dockerfile", "FROM alpine:3.20\n")
    targets = discover([str(tmp_path)]).targets
    os.remove(tmp_path / "gone" / "Dockerfile")
    result = run(targets, RunOptions(selection=Selection(None, []), jobs=1))
    assert (str(tmp_path / "gone" / "Dockerfile"), "deleted during the run") in result.skipped
    assert {f.path for f in result.findings} == {str(tmp_path / "Dockerfile")}


# --- size and encoding ---------------------------------------------------------------------


def configmap(size: int) -> str:
    line = "    key: " + "v" * 90 + "\n"
    head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: app\ndata:\n  big.txt: |\n"
    return head + line * (size // len(line) + 1)


def test_a_file_over_the_old_5_mib_limit_is_linted(tmp_path):
    write(tmp_path, "configmap.yaml", configmap(6 * 1024 * 1024))
    result = lintkit(tmp_path, "--format", "json", ".")
    assert result.returncode == 0 and findings(result) == []


@pytest.mark.parametrize("where", ["config", "option"])
def test_size_cap_is_configurable(tmp_path, where):
    write(tmp_path, "configmap.yaml", configmap(3000))
    if where == "config":
        write(tmp_path, ".lintkit.yaml", "max-file-size: 2kB\n")
        completed = subprocess.run([sys.executable, "-m", "lintkit", "check", "--format", "json", "."],
                                   cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    else:
        completed = lintkit(tmp_path, "--max-file-size", "2000", "--format", "json", ".")
    (error,) = findings(completed)
    assert error["rule"] == "LK001" and (error["line"], error["column"]) == (1, 1)
    assert "over the 2,000-byte limit; not linted" in error["message"]


@pytest.mark.parametrize("value", ["0", "lots", "5 parsecs"])
def test_bad_size_is_a_usage_error(tmp_path, value):
    write(tmp_path, "Dockerfile", "FROM alpine:3.20\n")
    completed = lintkit(tmp_path, "--max-file-size", value, ".")
    assert completed.returncode == 2 and "--max-file-size" in completed.stderr


def test_bad_size_in_the_config_names_the_key(tmp_path):
    write(tmp_path, "Dockerfile", "FROM alpine:3.20\n")
    write(tmp_path, ".lintkit.yaml", "max-file-size: huge\n")
    completed = subprocess.run([sys.executable, "-m", "lintkit", "check", "."],
                               cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert completed.returncode == 2 and "max-file-size" in completed.stderr


@pytest.mark.parametrize(
    "value, expected",
    [(52428800, 52428800), ("50MB", 50_000_000), ("50 MiB", 50 * 1024 * 1024), ("800k", 800_000), ("1GB", 10**9), ("123", 123)],
)
def test_parse_size(value, expected):
    assert files.parse_size(value) == expected


def test_latin1_dockerfile_is_linted_with_one_encoding_finding(tmp_path):
    # The first "é" is written as UTF-8, the second as latin-1: the column counts characters.
    write(tmp_path, "Dockerfile", "# Maintainer: Ren\u00e9 Ren".encode() + b"\xe9\nFROM alpine:latest\n")
    got = findings(lintkit(tmp_path, "--format", "json", "."))
    encoding = [f for f in got if f["rule"] == "LK005"]
    assert [(f["line"], f["column"], f["severity"]) for f in encoding] == [(1, 23, "info")]
    assert "byte 0xe9" in encoding[0]["message"] and "replaced" in encoding[0]["message"]
    assert not any(f["rule"] == "LK001" for f in got)
    assert any(f["rule"] == "DF001" and f["line"] == 2 for f in got)  # the rest is linted


def test_latin1_yaml_stays_a_parse_error(tmp_path):
    write(tmp_path, "docker-compose.yml", b"services:\n  web:\n    image: caf\xe9\n")
    (error,) = findings(lintkit(tmp_path, "--format", "json", "."))
    assert error["rule"] == "LK001" and (error["line"], error["column"]) == (3, 15)


# --- the project root ----------------------------------------------------------------------


def test_root_is_the_config_folder_then_the_git_top_then_the_common_parent(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "sub" / "deep").mkdir(parents=True)
    config = write(tmp_path, "repo/sub/.lintkit.yaml", "{}\n")
    deep = str(tmp_path / "repo" / "sub" / "deep")
    assert project.find_root(str(config), [deep]) == str(tmp_path / "repo" / "sub")
    assert project.find_root(None, [deep]) == str(tmp_path / "repo")
    # A config that does not hold the linted paths does not make their project.
    assert project.find_root(str(write(tmp_path, "ci/.lintkit.yaml", "{}\n")), [deep]) == str(tmp_path / "repo")
    (tmp_path / "a" / "x").mkdir(parents=True)
    (tmp_path / "a" / "y").mkdir()
    file = write(tmp_path, "a/y/Dockerfile", "FROM x\n")
    assert project.find_root(None, [str(tmp_path / "a" / "x"), str(file)]) == str(tmp_path / "a")


def test_containment_resolves_links(tmp_path):
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "out").symlink_to(tmp_path)
    within = project.Project(os.path.realpath(tmp_path / "root"))
    assert within.resolve(str(tmp_path / "root"), "a/../b.env") == str(tmp_path / "root" / "b.env")
    assert within.resolve(str(tmp_path / "root"), "../b.env") is None
    assert within.resolve(str(tmp_path / "root"), "out/x") is None
    assert within.resolve(str(tmp_path / "root"), "/etc/shadow") is None
