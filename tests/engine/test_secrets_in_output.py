"""Secret values appear in no output: not in messages, not in the source lines the text and
JUnit reports quote, not hashed into SARIF/GitLab fingerprints, not as values interpolated
from ``.env``; whichever rules are selected, in every format, on stdout, stderr and in
report files."""

from __future__ import annotations

import hashlib
import os

import pytest
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.model import Span
from lintkit.report import SecretMasks
from lintkit.secrets import find_in_line, mask, mask_line

FORMATS = ("text", "json", "sarif", "gitlab", "junit", "github")
#: Every rule (the default set's lines are a subset of its lines), and none of the security
#: rules: then lines are still quoted for other rules' findings and must still be masked.
SELECTIONS = (("--select", "ALL"), ("--select", "ALL", "--ignore", "security"))

AWS_KEY = "AKIAZ7Q4M2X9R5T1W3YB"
GITHUB_TOKEN = "ghp_" + "Zq8Xw2Lm4Np6Rt0Vy3Ks5Hd7Jf9Gb1Cu4Ae6Io8"
GITLAB_TOKEN = "glpat-" + "Hx7Rk2Pm9Qw4Lt6Nz8Yv"

#: (case, files, the secret). File names with "__" stand for folders.
CASES = [
    ("aws-key-in-dockerfile-env", {"Dockerfile": f"FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID={AWS_KEY}\n"}, AWS_KEY),
    # The legacy form's space is no separator the line detector reads: only the secret
    # rule's span masks it when another rule (legacy-key-value-format) quotes the line.
    ("password-in-legacy-dockerfile-env", {"Dockerfile": "FROM alpine:3.20\nENV DB_PASSWORD Legacy-Pw-1234\n"}, "Legacy-Pw-1234"),
    ("password-in-dockerfile-arg", {"Dockerfile": "FROM alpine:3.20\nARG DB_PASSWORD=Arg-Secret-4471\nRUN echo ok\n"}, "Arg-Secret-4471"),
    (
        "github-token-in-workflow-env",
        {".github__workflows__ci.yml": (
            "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            f"      - run: gh release list\n        env:\n          GH_TOKEN: {GITHUB_TOKEN}\n"
        )},
        GITHUB_TOKEN,
    ),
    (
        "workflow-container-password",
        {".github__workflows__ci.yml": (
            "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container:\n      image: ghcr.io/acme/ci:1\n"
            "      credentials:\n        username: bot\n        password: Container-Pw-8812\n    steps:\n      - run: make\n"
        )},
        "Container-Pw-8812",
    ),
    ("gitlab-token-in-variables", {".gitlab-ci.yml": f"variables:\n  DEPLOY_TOKEN: {GITLAB_TOKEN}\ntest:\n  script: make\n"}, GITLAB_TOKEN),
    (
        "gitlab-variable-with-description",
        {".gitlab-ci.yml": "variables:\n  DB_PASSWORD:\n    value: Described-Pw-5531\n    description: the db\ntest:\n  script: make\n"},
        "Described-Pw-5531",
    ),
    (
        "gitlab-docker-login-password",
        {".gitlab-ci.yml": "push:\n  script:\n    - docker login -u deploy -p Login-Pw-2290 registry.example.com\n"},
        "Login-Pw-2290",
    ),
    (
        "compose-environment-password",
        {"docker-compose.yml": "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: Tr0ub4dor-and-3\n"},
        "Tr0ub4dor-and-3",
    ),
    (
        "compose-url-userinfo",
        {"docker-compose.yml": (
            "services:\n  app:\n    image: acme/app:1.2\n    environment:\n"
            "      DATABASE_URL: postgres://app:Pa55w0rd-In-Url@db:5432/app\n"
        )},
        "Pa55w0rd-In-Url",
    ),
    (
        "compose-value-from-dotenv",
        {
            "docker-compose.yml": "services:\n  app:\n    image: registry.example.com/app-${TOKEN}\n",
            ".env": "TOKEN=TOPSECRET-TOKEN-123\n",
        },
        "TOPSECRET-TOKEN-123",
    ),
    (
        "kubernetes-env-value",
        {"pod.yaml": (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
            "      image: nginx:latest\n      env:\n        - name: DB_PASSWORD\n          value: correct-horse-battery\n"
        )},
        "correct-horse-battery",
    ),
    (
        "kubernetes-configmap",
        {"cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  api_token: Cm-Token-77123\n"},
        "Cm-Token-77123",
    ),
    (
        "ansible-vars",
        {"playbook.yml": "- name: Web\n  hosts: all\n  vars:\n    db_password: s3cr3t-ansible-pw\n  tasks: []\n"},
        "s3cr3t-ansible-pw",
    ),
    (
        "ansible-command-line",
        {"playbook.yml": (
            "- name: Web\n  hosts: all\n  tasks:\n    - name: Dump\n"
            "      ansible.builtin.command: mysqldump -u root -pMysql-Pw-6610 app\n"
        )},
        "Mysql-Pw-6610",
    ),
    (
        "ansible-url-userinfo",
        {"playbook.yml": (
            "- name: Web\n  hosts: all\n  tasks:\n    - name: Fetch\n"
            "      ansible.builtin.get_url:\n        url: http://bob:Url-Pw-3318@example.com/f\n        dest: /tmp/f\n"
        )},
        "Url-Pw-3318",
    ),
]


def _run(tmp_path, files: dict[str, str], args: list[str]):
    for name, text in files.items():
        path = tmp_path / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(main, ["check", "--isolated", *args, "."], catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.mark.parametrize("selection", SELECTIONS, ids=("all", "no-security"))
@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize(("files", "secret"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_no_format_shows_a_secret(tmp_path, files, secret, output_format, selection):
    shown = _run(tmp_path, files, ["--format", output_format, *selection])
    assert shown.exit_code in (0, 1), shown.stderr
    outputs = [shown.stdout, shown.stderr]
    if selection == SELECTIONS[0]:
        report = tmp_path / "report.out"
        written = _run(tmp_path, files, ["--format", output_format, "--output", str(report), *selection])
        outputs += [written.stdout, written.stderr, report.read_text(encoding="utf-8")]
    for output in outputs:
        assert secret not in output


#: Cases whose secret line no rule quotes: no rule reports a token in a workflow's env, and
#: the .env value is on no line of the compose file.
_NOT_QUOTED = {"github-token-in-workflow-env", "compose-value-from-dotenv"}


@pytest.mark.parametrize(("files", "secret"), [c[1:] for c in CASES if c[0] not in _NOT_QUOTED],
                         ids=[c[0] for c in CASES if c[0] not in _NOT_QUOTED])
def test_the_text_report_quotes_the_secret_line_masked(tmp_path, files, secret):
    result = _run(tmp_path, files, ["--select", "ALL"])
    assert mask(secret) in result.stdout  # the line was quoted, with the value masked


def test_a_secret_is_masked_in_the_line_of_another_rules_finding_when_no_secret_rule_is_selected(tmp_path):
    files = {"Dockerfile": "FROM alpine:3.20\nENV DB_PASSWORD Legacy-Pw-1234\n"}
    result = _run(tmp_path, files, ["--select", "legacy-key-value-format"])
    assert result.stdout.split("\n")[:3] == [
        "Dockerfile:2:5: DF073 [style] Use ENV DB_PASSWORD=<value> instead of a space (legacy-key-value-format)",
        "  2 | ENV DB_PASSWORD Le********",
        "    |     ^~~~~~~~~~~~~~~~~~~~~~",
    ]


def test_a_value_from_dotenv_is_named_not_printed(tmp_path):
    files = {"docker-compose.yml": "services:\n  app:\n    image: registry.example.com/app-${TOKEN}\n",
             ".env": "TOKEN=topsecret-token-123\n"}  # lower case: an image name
    result = _run(tmp_path, files, ["--select", "image-explicit-tag"])
    assert "uses image registry.example.com/app-${TOKEN} (TOKEN from .env) with no tag (so latest)" in result.stdout


def test_the_fingerprint_is_not_a_hash_of_the_secret_line(tmp_path):
    files = {"docker-compose.yml": "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: hunter2\n"}
    result = _run(tmp_path, files, ["--format", "gitlab", "--select", "no-plaintext-secrets-env"])
    import json

    (issue,) = json.loads(result.stdout)
    material = "\0".join(("DC045", "docker-compose.yml", "text", "POSTGRES_PASSWORD: hunter2", "0"))
    assert issue["fingerprint"] != hashlib.sha256(material.encode()).hexdigest()[:32]
    masked = "\0".join(("DC045", "docker-compose.yml", "text", "POSTGRES_PASSWORD: hu*****", "0"))
    assert issue["fingerprint"] == hashlib.sha256(masked.encode()).hexdigest()[:32]


def test_the_caret_stays_under_a_token_after_a_shortened_secret(tmp_path):
    secret = "Very-Long-Secret-Value-123456"
    files = {"docker-compose.yml": f"services:\n  db:\n    image: postgres:16.4\n    environment:\n      DB_PASSWORD: {secret}\n"}
    result = _run(tmp_path, files, ["--select", "no-plaintext-secrets-env"])
    quoted, caret = result.stdout.split("\n")[1:3]
    assert quoted == "  5 |       DB_PASSWORD: Ve********"
    assert caret == "    |                    ^~~~~~~~~~"


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("password: hunter2", "password: hu*****"),
        ('  "api_key": "k-1234567890abcdef",', '  "api_key": "k-********",'),
        ("docker login --password=hunter2 registry", "docker login --password=hu***** registry"),
        ("DB_PASSWORD=hunter2 ./migrate", "DB_PASSWORD=hu***** ./migrate"),
        ("url: https://bob:pa55w0rd@db.example.com/x", "url: https://bob:pa******@db.example.com/x"),
        (f"aws: {AWS_KEY}", "aws: AK********"),
        (f"TOKEN={GITHUB_TOKEN} gh pr list", "TOKEN=gh******** gh pr list"),
        # references, placeholders and settings about a secret are no secret
        ('password: "{{ vault_password }}"', 'password: "{{ vault_password }}"'),
        ("DB_PASSWORD: ${DB_PASSWORD}", "DB_PASSWORD: ${DB_PASSWORD}"),
        ("password_file: /run/secrets/db", "password_file: /run/secrets/db"),
        ("image: nginx:latest", "image: nginx:latest"),
        ("token: ${{ secrets.GITHUB_TOKEN }}", "token: ${{ secrets.GITHUB_TOKEN }}"),
        ("    id-token: write", "    id-token: write"),
        ("image: gcr.io/x/ext-auth-example-authsvc:v1.0.0", "image: gcr.io/x/ext-auth-example-authsvc:v1.0.0"),
        ('{"password":"hunter2"}', '{"password":"hu*****"}'),
        ("ENV DB_PASSWORD=<value>", "ENV DB_PASSWORD=<value>"),
        ("(DB_PASSWORD= hu*****)", "(DB_PASSWORD= hu*****)"),  # a masked value stays as it is
        ("set `persist-credentials: false`", "set `persist-credentials: false`"),
        ("`id-token: write` is granted", "`id-token: write` is granted"),
        ("url: https://example.com/a:b@c", "url: https://example.com/a:b@c"),
    ],
)
def test_the_shared_detector_masks_secrets_on_any_line(line, masked):
    assert mask_line(line, []) == masked


def test_known_spans_are_masked_on_every_line_they_cover():
    masks = SecretMasks({"key.yaml": [Span(2, 9, 4, 5)]})
    assert masks.mask("key.yaml", 2, "  key: |-----BEGIN") == "  key: |--********"
    assert masks.mask("key.yaml", 3, "MIIEvQIBADANBgkq") == "MI********"
    assert masks.mask("key.yaml", 4, "abcd=") == "****="
    assert masks.mask("other.yaml", 3, "MIIEvQIBADANBgkq") == "MIIEvQIBADANBgkq"


def test_a_secret_quoted_in_another_rules_message_is_masked(tmp_path):
    files = {"Dockerfile": "FROM alpine:3.20\nDB_PASSWORD=Hunter2-Leak-99\n"}
    result = _run(tmp_path, files, ["--select", "instruction-syntax,uppercase-instructions"])
    assert [line for line in result.stdout.splitlines() if line.startswith("Dockerfile:2")] == [
        "Dockerfile:2:1: DF063 [error] Unknown instruction DB_PASSWORD=Hu******** (instruction-syntax)",
        "Dockerfile:2:1: DF072 [style] Write DB_PASSWORD=Hu******** as DB_PASSWORD=HU******** (uppercase-instructions)",
    ]


def test_a_weak_password_elsewhere_in_messages_is_left_alone(tmp_path):
    files = {"docker-compose.yml": "services:\n  postgres:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: postgres\n"}
    result = _run(tmp_path, files, ["--select", "no-plaintext-secrets-env,image-digest"])
    assert "service 'postgres': POSTGRES_PASSWORD is set to a literal credential (po******)" in result.stdout
    assert "  5 |       POSTGRES_PASSWORD: po******" in result.stdout.split("\n")
    assert "image postgres:16.4" in result.stdout


def test_stdin_lines_are_quoted_from_stdin_not_from_a_file_of_that_name(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nENV OTHER=file-on-disk\n", encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check", "--isolated", "--select", "legacy-key-value-format",
                                           "--stdin-filename", "Dockerfile", "-"],
                                    input="FROM alpine:3.20\nENV DB_PASSWORD Legacy-Pw-1234\n")
    finally:
        os.chdir(old)
    assert result.stdout.split("\n")[1] == "  2 | ENV DB_PASSWORD Le********"
