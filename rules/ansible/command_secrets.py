"""Secrets passed on the command line of command/shell/raw tasks, found in the parsed
shell: secret options (``--password=x``, ``docker login -p x``, ``mysql -px``,
``curl -u user:pass``: lintkit.commands, shared with the CI rules), and what only tasks
are checked for: credentials in URLs (``https://user:pass@host``), ``NAME=VALUE``
option values (``-e DB_PASSWORD=x``) and environment assignments with secret names
(``DB_PASSWORD=x ./migrate``).

Shared by password-on-command-line (the value is written out) and no-log-secrets (the
value comes from a variable, so only the task output leaks it).
"""

from __future__ import annotations

from dataclasses import dataclass

from lintkit.commands import secret_options, unwrap
from lintkit.model import Span
from lintkit.secrets import url_userinfo

from .common import is_secret_variable

#: Options whose value is ``NAME=VALUE`` (an environment variable, a build argument, a
#: chart value): the value is a secret when the name is one.
ASSIGNING_OPTIONS = frozenset(("-e", "--env", "--build-arg", "--set", "--set-string", "--extra-vars"))


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
        for assignment in command.assignments:
            if assignment.value is not None and is_secret_variable(assignment.name):
                found.append(_secret(f"{assignment.name}=", assignment.value.span, source))
        run = unwrap(command)
        in_command: list[CommandSecret] = [_secret(option.option, option.value, source) for option in secret_options(run)]
        args = run.args
        for index, word in enumerate(args):
            text = word.text
            if text in ASSIGNING_OPTIONS and index + 1 < len(args):
                in_command.extend(_assigned(args[index + 1], 0, source, text))
            elif text.startswith("--") and text.partition("=")[0] in ASSIGNING_OPTIONS and "=" in text:
                in_command.extend(_assigned(word, len(text.partition("=")[0]) + 1, source, text.partition("=")[0]))
            if match := url_userinfo(text):
                in_command.append(_secret("URL", word.text_span(match.start(2), match.end(2)), source))
        found += sorted(in_command, key=lambda secret: (secret.span.line, secret.span.column))
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
