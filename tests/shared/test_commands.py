"""lintkit.commands: what script commands do, for every kind (exact spans), and the
rules of each kind that ask it."""

import pytest

from lintkit.commands import (
    invocations, may_pass_secret_options, pipe_to_shell, reads_program_from_stdin, secret_options, unwrap,
    verification_bypass,
)  # fmt: skip
from lintkit.model import Span
from lintkit.shell import OffsetMap, parse_script
from lintkit.source import SourceFile
from lintkit.testing import lint_files


def script(text):
    return parse_script(text, OffsetMap.shifted(SourceFile("script.sh", text), 0))


def columns(span: Span) -> tuple[int, int]:
    assert span.line == span.end_line == 1
    return span.column, span.end_column


# --- unwrap ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("sudo -E -u deploy docker login x", "docker", ["login", "x"]),
        ("env A=1 B=2 nice -n 5 /usr/bin/curl -k u", "curl", ["-k", "u"]),
        ("sudo -n apt-get update", "apt-get", ["update"]),  # sudo -n takes no value
        ("sudo -E", None, []),
        ("docker ps", "docker", ["ps"]),
    ],
)
def test_unwrap(text, name, args):
    (run,) = invocations(script(text))
    assert (run.name, [w.text for w in run.args]) == (name, args)


def test_unwrap_keeps_the_wrapped_name_word():
    run = unwrap(script("sudo /bin/bash -s").commands[0])
    assert (run.name, run.name_word.text, columns(run.name_word.span), run.wrapper.text) == ("bash", "/bin/bash", (6, 15), "sudo")


# --- downloaded scripts run by an interpreter -----------------------------------------


@pytest.mark.parametrize(
    ("text", "interpreter", "download", "at"),
    [
        ("curl -fsSL https://x | sh", "sh", (1, 21), (24, 26)),
        ("curl x | bash /dev/stdin 3.8.6", "bash", (1, 7), (10, 14)),
        ("curl x | sh -s -- --yes", "sh", (1, 7), (10, 12)),
        ("curl x | sudo -u me env A=1 bash -s", "bash", (1, 7), (29, 33)),
        ("curl x | bash -o pipefail", "bash", (1, 7), (10, 14)),
        ("wget -qO- x | tee log | sh", "sh", (1, 12), (25, 27)),
        ("curl x | php -- --install-dir=bin", "php", (1, 7), (10, 13)),
        ("curl x | python3 -", "python3", (1, 7), (10, 17)),
        ('sh -c "$(curl -fsSL x)"', "sh", (10, 22), (1, 3)),
        ("bash <(curl -s x)", "bash", (8, 17), (1, 5)),
    ],
)
def test_pipe_to_shell(text, interpreter, download, at):
    (found,) = pipe_to_shell(script(text))
    assert found.interpreter.name == interpreter
    assert columns(found.download.span) == download
    assert columns(found.interpreter.name_word.span) == at
    assert found.piped == ("|" in text)


@pytest.mark.parametrize(
    "text",
    ["curl x | bash install.sh", "curl x | python3 -c 'print(1)'", "(curl x; sh) | cat", "echo hi | sh", "curl x > f && sh f", "sh -c 'curl x'"],
)
def test_not_pipe_to_shell(text):
    assert list(pipe_to_shell(script(text))) == []


@pytest.mark.parametrize(
    ("text", "reads"),
    [("sh", True), ("bash -e", True), ("bash -eo pipefail", True), ("bash -ec 'x'", False), ("bash -s x", True),
     ("bash -- x.sh", False), ("bash -- /dev/stdin", True), ("busybox sh", True), ("node -e 1", False), ("ruby", True),
     ("cat", False)],
)  # fmt: skip
def test_reads_program_from_stdin(text, reads):
    assert reads_program_from_stdin(unwrap(script(text).commands[0])) is reads


# --- secrets given as options -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "option", "word", "value"),
    [
        ("docker login -u u -p $P reg", "-p", (19, 21), (22, 24)),
        ("sudo docker login -pSECRET", "-p", (19, 27), (21, 27)),
        ("docker --config d login --password=$X", "--password", (25, 38), (36, 38)),
        ("helm registry login -p x r", "-p", (21, 23), (24, 25)),
        ("mysql -psecret db", "-p", (7, 15), (9, 15)),
        ("curl -u user:pw https://x", "-u", (6, 8), (14, 16)),
        ("dpl --api-key=$K", "--api-key", (5, 17), (15, 17)),
        ("redis-cli -a pass", "-a", (11, 13), (14, 18)),
        ("sshpass -p hunter2 ssh host", "-p", (9, 11), (12, 19)),
    ],
)
def test_secret_options(text, option, word, value):
    (found,) = [s for run in invocations(script(text)) for s in secret_options(run)]
    assert (found.option, columns(found.word.span), columns(found.value)) == (option, word, value)
    assert may_pass_secret_options(text)


@pytest.mark.parametrize(
    "text",
    ["docker run -p 80:80 nginx", "mysql -p db", "docker login --password-stdin", "curl -u user https://x",
     "docker build --secret id=npmrc,src=.npmrc .", "docker buildx build --secret=id=token,env=TOKEN ."],
)  # fmt: skip
def test_not_secret_options(text):
    assert [s for run in invocations(script(text)) for s in secret_options(run)] == []


# --- verification turned off -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("curl -fsSk https://x", [("-fsSk", "tls", (6, 11))]),
        ("curl -o -k https://x", []),  # -k is the output file
        ("sudo apk add --allow-untrusted x", [("--allow-untrusted", "signature", (14, 31))]),
        ("pip install --trusted-host=h x", [("--trusted-host=h", "tls", (13, 29))]),
        ("npm config set strict-ssl false", [("strict-ssl", "tls", (16, 26))]),
        ("yum --setopt=sslverify=0 --nogpgcheck install x", [("--setopt=sslverify=0", "tls", (5, 25)), ("--nogpgcheck", "signature", (26, 38))]),
        ("git -c http.sslVerify=false clone u", [("http.sslVerify=false", "tls", (8, 28))]),
    ],
)
def test_verification_bypass(text, found):
    bypasses = [b for run in invocations(script(text)) for b in verification_bypass(run)]
    assert [(b.word.text, b.check, columns(b.word.span)) for b in bypasses] == found


# --- the rules that ask -------------------------------------------------------------------


def findings(files, select):
    return [(f.rule, f.line, f.column, f.message) for f in lint_files(files, select=select)]


def test_pipe_to_shell_in_every_kind():
    assert findings({"Dockerfile": "FROM debian:12\nRUN curl -fsSL https://x | sudo bash /dev/stdin\n"}, ["DF066"]) == [
        ("DF066", 2, 33, "A downloaded script is piped into bash without verification"),
    ]
    # GL015 names the shell the wrapper runs, not the wrapper.
    assert findings({".gitlab-ci.yml": "setup:\n  script:\n    - curl -sSL https://x | sudo sh -s\n"}, ["GL015"]) == [
        ("GL015", 3, 7, "setup: downloaded script is run by `sh` without verification"),
    ]
    workflow = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: bash <(curl -s https://x)\n"
    assert findings({".github/workflows/a.yml": workflow}, ["GH015"]) == [
        ("GH015", 6, 21, "downloaded script is run by `bash` without verification"),
    ]


def test_secret_options_in_every_kind():
    assert findings({".gitlab-ci.yml": "db:\n  script:\n    - mysql -u root --password=\"$ROOT_PASSWORD\" -e 'select 1'\n"}, ["GL014"]) == [
        ("GL014", 3, 21, "db: `mysql --password` passes a secret on the command line; read it from a file or an environment variable"),
    ]
    playbook = "- hosts: all\n  tasks:\n    - name: Log in\n      ansible.builtin.command: sudo docker login -u bot -p hunter2\n      changed_when: false\n"
    [(rule, line, column, message)] = findings({"playbook.yml": playbook}, ["AN056"])
    assert (rule, line, column) == ("AN056", 4, 60) and "hunter2" not in message
