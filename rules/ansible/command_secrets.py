"""Secrets passed on the command line of command/shell/raw tasks, found in the parsed
shell: password options (``--password=x``, ``docker login -p x``, ``mysql -px``),
credentials in URLs (``https://user:pass@host``), ``curl -u user:pass`` and environment
assignments with secret names (``DB_PASSWORD=x ./migrate``).

Shared by password-on-command-line (the value is written out) and no-log-secrets (the
value comes from a variable, so only the task output leaks it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lintkit.model import Span

from .common import is_secret_variable

#: Long options that take a secret, whatever the command.
SECRET_LONG_OPTIONS = frozenset((
    "--password", "--passwd", "--pass", "--token", "--api-key", "--apikey", "--api-token",
    "--secret", "--client-secret", "--secret-key", "--access-key", "--auth-token",
    "--registry-password", "--db-password",
))  # fmt: skip
#: Short options that take a secret as the next argument: command -> (the subcommand
#: they belong to, or None for the command itself; the options). ``docker run -p`` is a
#: port, ``docker login -p`` a password.
SECRET_SHORT_OPTIONS = {
    "docker": ("login", frozenset(("-p",))),
    "podman": ("login", frozenset(("-p",))),
    "nerdctl": ("login", frozenset(("-p",))),
    "buildah": ("login", frozenset(("-p",))),
    "skopeo": ("login", frozenset(("-p",))),
    "sshpass": (None, frozenset(("-p",))),
    "redis-cli": (None, frozenset(("-a",))),
    "mongo": (None, frozenset(("-p",))),
    "mongosh": (None, frozenset(("-p",))),
}
#: Commands whose ``-p`` takes the password attached (``-psecret``); a lone ``-p`` prompts.
ATTACHED_PASSWORD = frozenset(("mysql", "mysqladmin", "mysqldump", "mariadb", "mariadb-dump"))
#: Options whose value is ``NAME=VALUE`` (an environment variable, a build argument, a
#: chart value): the value is a secret when the name is one.
ASSIGNING_OPTIONS = frozenset(("-e", "--env", "--build-arg", "--set", "--set-string", "--extra-vars"))
_URL_CREDENTIALS = re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:([^/\s@]+)@", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CommandSecret:
    #: How it is passed: ``-p``, ``--password``, ``DB_PASSWORD=``, ``URL``...
    via: str
    #: The value as written in the file (Jinja included).
    written: str
    span: Span
    #: True when the value is written out (no variable, no Jinja).
    literal: bool


def find(task, source) -> list[CommandSecret]:
    command_line = task.command
    if command_line is None:
        return []
    found: list[CommandSecret] = []
    for command in command_line.script.commands:
        name = command.base_name
        for assignment in command.assignments:
            if assignment.value is not None and is_secret_variable(assignment.name):
                found.append(_secret(f"{assignment.name}=", assignment.value.span, source))
        args = command.args
        subcommand, short = SECRET_SHORT_OPTIONS.get(name or "", (None, frozenset()))
        if subcommand is not None and not any(a.text == subcommand for a in args[:3]):
            short = frozenset()
        for index, word in enumerate(args):
            text = word.text
            if text.startswith("--"):
                option, equals, value = text.partition("=")
                if option in SECRET_LONG_OPTIONS:
                    if equals and value:
                        found.append(_secret(option, word.text_span(len(option) + 1, len(text)), source))
                    elif not equals and index + 1 < len(args):
                        found.append(_secret(option, args[index + 1].span, source))
            elif text in short and index + 1 < len(args):
                found.append(_secret(text, args[index + 1].span, source))
            elif name in ATTACHED_PASSWORD and text.startswith("-p") and len(text) > 2:
                found.append(_secret("-p", word.text_span(2, len(text)), source))
            elif name == "curl" and text in ("-u", "--user") and index + 1 < len(args):
                user, colon, _password = args[index + 1].text.partition(":")
                if colon and _password:
                    found.append(_secret(text, args[index + 1].text_span(len(user) + 1, len(args[index + 1].text)), source))
            if text in ASSIGNING_OPTIONS and index + 1 < len(args):
                found.extend(_assigned(args[index + 1], 0, source, text))
            elif text.startswith("--") and text.partition("=")[0] in ASSIGNING_OPTIONS and "=" in text:
                found.extend(_assigned(word, len(text.partition("=")[0]) + 1, source, text.partition("=")[0]))
            if match := _URL_CREDENTIALS.search(text):
                found.append(_secret("URL", word.text_span(match.start(1), match.end(1)), source))
    return found


def _assigned(word, offset: int, source, option: str) -> list[CommandSecret]:
    """``NAME=VALUE`` at ``offset`` in the word, a secret when NAME (or the last part of a
    dotted chart key) names one."""
    name, equals, value = word.text[offset:].partition("=")
    if not equals or not value or not is_secret_variable(name.rsplit(".", 1)[-1]):
        return []
    start = offset + len(name) + 1
    return [_secret(f"{option} {name}=", word.text_span(start, len(word.text)), source)]


def _secret(via: str, span: Span, source) -> CommandSecret:
    written = source.text_of(span)
    literal = "{{" not in written and "$" not in written and "{%" not in written
    return CommandSecret(via, written.strip("'\""), span, literal)
