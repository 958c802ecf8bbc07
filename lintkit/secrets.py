"""Recognising credentials in names and values, and masking them in messages and in the
source lines reporters show.

One place decides what looks like a secret, so that a Dockerfile ``ENV``, a compose
``environment:``, a Kubernetes env ``value:``, CI ``variables:`` and Ansible vars agree.
Rules that report a secret give its span (``Problem.secret_spans``); :func:`mask_line`
masks those spans, and what :func:`find_in_line` recognises on its own, in every line a
reporter quotes or fingerprints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Name fragments that mark a credential (matched on word boundaries of snake/kebab/camel case).
_SECRET_WORDS = (
    "password", "passwd", "pwd", "pass", "secret", "token", "apikey", "api_key", "access_key",
    "private_key", "privatekey", "credential", "credentials", "auth", "client_secret",
)  # fmt: skip
_SECRET_NAME = re.compile(
    r"(?:^|[_\-.])(?:" + "|".join(re.escape(w) for w in _SECRET_WORDS) + r")(?:$|[_\-.])", re.IGNORECASE
)
#: Names that contain a secret word but hold no secret themselves: where a secret is, or
#: settings *about* authentication (``GF_AUTH_ANONYMOUS_ORG_ROLE``, ``OAUTH_ISSUER``).
_NOT_SECRET_NAME = re.compile(
    r"(?:_|-|^)(?:file|path|dir|url|uri|host|port|user|username|name|id|type|method|mode|"
    r"length|len|size|ttl|expiry|expires|enabled|disable|required|policy|header|env|var|key_id|hash_algo|"
    r"roles?|scopes?|provider|issuer|realm|domain|"
    # options that configure a secret rather than hold one (password_expire_max: 90)
    r"lock|min|max|warn|options|opts|age|rounds|source|mechanism|plugin|backend|quality|regex|pattern)$",
    re.IGNORECASE,
)
#: Whole names that read like secrets but are settings (Ansible's user module
#: ``update_password: on_create``, ``auth_type: basic``).
_NOT_SECRET_NAMES = frozenset(("update_password", "auth_type", "auth_method"))
#: Values that are references or placeholders rather than literals.
_REFERENCE_VALUE = re.compile(
    r"^\s*(?:\$\{?[A-Za-z_]|\$\(|\$\{\{|\{\{|<%|%\(|!vault|\$ANSIBLE_VAULT|<[^>]*>$|\*+$|x+$|changeme$|"
    r"(?:true|false|yes|no|null|none|~)$|"
    # placeholders to be replaced at deploy time: INSERT_ETCD_TOKEN, YOUR_API_KEY_HERE
    r"(?:insert|your|replace|enter|put|set)[_\- ][A-Za-z0-9_\- ]*$|[A-Za-z0-9_\-]*[_\-]here$)",
    re.IGNORECASE,
)
#: Well-known token formats, secret whatever the name: AWS access key ids, GitHub and
#: GitLab tokens, Slack and Stripe keys.
_TOKEN_SHAPES = (
    r"AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|glpat-[A-Za-z0-9_\-]{20,}|"
    r"xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{20,}"
)
_TOKEN_VALUE = re.compile(rf"^(?:{_TOKEN_SHAPES}|-----BEGIN [A-Z ]*PRIVATE KEY-----)")
#: The same shapes anywhere in a line. Linear: a failed attempt costs at most the token's
#: fixed prefix and minimum length, and a match consumes the run it scanned.
_TOKEN_IN_TEXT = re.compile(_TOKEN_SHAPES)
#: ``scheme://userinfo@`` (the userinfo may hold ``user:password``). The userinfo holds no
#: ``/``, so the scans started at two ``://`` never overlap: linear.
_URL_USERINFO = re.compile(r"://([^\s/?#@\"'<>]*)@")
#: ``name: value``, ``name=value``, ``"name":value``, ``--name=value``: a name that starts a
#: word (the look-behind keeps the scan from restarting inside a name: linear), then its
#: separator; a bare ``:`` needs a space after it, as in YAML (``image:tag`` is no key).
#: The value is read by :func:`_value_end`.
_ASSIGNMENT = re.compile(
    r"(?<![\w.\-])-{0,2}([A-Za-z_][\w.\-]*)(?:[\"']?[ \t]*=[ \t]*|[\"'][ \t]*:[ \t]*|[ \t]*:[ \t]+)"
)
#: Fragments of which every secret word holds one: a line without any names no secret.
_NAME_HINTS = tuple(w for w in _SECRET_WORDS if not any(other != w and other in w for other in _SECRET_WORDS))
#: Where an unquoted value ends.
_UNQUOTED_VALUE = re.compile(r"[^\s,;}\]\"'`]*")
#: Values of settings whose names hold a secret word (GitHub's ``id-token: write``
#: permission), and values :func:`mask` already masked (a message quoting its masked value).
_NOT_SECRET_VALUE = re.compile(r"(?:read|write|none|read-all|write-all)$|.{0,2}\*{2}", re.IGNORECASE)


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)


def is_secret_name(name: str) -> bool:
    if name.lower() in _NOT_SECRET_NAMES:
        return False
    normalized = _split_camel(name)
    return bool(_SECRET_NAME.search(normalized)) and not _NOT_SECRET_NAME.search(normalized)


def is_literal_value(value: object) -> bool:
    """A value written out in the file, not a reference to a secret store or variable."""
    if not isinstance(value, str):
        return False
    return bool(value.strip()) and not _REFERENCE_VALUE.match(value)


def looks_like_secret(name: str, value: object) -> bool:
    """``name: value`` commits a credential to the file."""
    if isinstance(value, str) and _TOKEN_VALUE.match(value.strip()):
        return True
    return is_secret_name(name) and is_literal_value(value)


def mask(value: object) -> str:
    """Enough of a value to recognise it in the file, never enough to use it."""
    text = str(value)
    if len(text) <= 4:
        return "****"
    return text[:2] + "*" * min(len(text) - 2, 8)


def find_in_line(line: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of what looks like a secret in one line of text, whatever
    the rules found: known token shapes, the password of a URL's userinfo and the literal
    value of a secret-named key or option. It lets reporters mask a line quoted for a
    finding of another rule, or of a run in which no secret rule is selected."""
    found = [match.span() for match in _TOKEN_IN_TEXT.finditer(line)]
    if "://" in line:
        for match in _URL_USERINFO.finditer(line):
            colon = match.group(1).find(":")
            if colon != -1 and match.end(1) > match.start(1) + colon + 1:
                found.append((match.start(1) + colon + 1, match.end(1)))
    lowered = line.lower()
    if not any(word in lowered for word in _NAME_HINTS):  # most lines and messages
        return found
    position = 0
    while (match := _ASSIGNMENT.search(line, position)) is not None:
        position = match.end()
        if not is_secret_name(match.group(1)):
            continue
        start, end = _value_end(line, match.end())
        # A reference is told by the value or by the text from its start, as its start may
        # be followed by spaces (``${{ secrets.X }}``).
        value = line[start:end]
        if value and is_literal_value(value) and is_literal_value(line[start:]) and not _NOT_SECRET_VALUE.match(value):
            found.append((start, end))
            position = end
    return found


def mask_text(text: str) -> str:
    """``text`` (a message) with what :func:`find_in_line` sees masked: a rule that quotes a
    token of the file in its message (an unknown instruction ``DB_PASSWORD=...``) must not
    print the secret in it. (The file's known secrets are not searched for in messages: a
    weak password such as ``postgres`` is also the name of the service and its image.)"""
    found = find_in_line(text)
    return str(mask_line(text, found)) if found else text


def _value_end(line: str, start: int) -> tuple[int, int]:
    """The value starting at ``start``: inside its quotes when quoted (to the end of the line
    when the quote is not closed), else up to a space or a delimiter."""
    if start < len(line) and line[start] in "\"'":
        close = line.find(line[start], start + 1)
        return start + 1, len(line) if close == -1 else close
    return start, _UNQUOTED_VALUE.match(line, start).end()


class MaskedLine(str):
    """A source line with secrets masked, which still knows where each offset of the
    original line went (a masked value may be shorter), so that a caret under the line
    points at the same token."""

    _moves: tuple[tuple[int, int, int, int], ...] = ()

    def shown_offset(self, offset: int) -> int:
        """Where ``offset`` of the original line is in this one."""
        shift = 0
        for start, end, shown_start, shown_end in self._moves:
            if offset < start:
                break
            if offset < end:
                return shown_start + min(offset - start, shown_end - shown_start)
            shift = shown_end - end
        return offset + shift


def mask_line(line: str, ranges: Iterable[tuple[int, int]]) -> MaskedLine:
    """``line`` with each ``(start, end)`` range, and each secret :func:`find_in_line`
    sees, replaced by its :func:`mask`: what every reporter shows and fingerprints."""
    merged: list[list[int]] = []
    for start, end in sorted((*ranges, *find_in_line(line))):
        start, end = max(start, 0), min(end, len(line))
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    if not merged:
        return MaskedLine(line)
    pieces, moves, previous, shown = [], [], 0, 0
    for start, end in merged:
        pieces.append(line[previous:start])
        shown += start - previous
        replacement = mask(line[start:end])
        pieces.append(replacement)
        moves.append((start, end, shown, shown + len(replacement)))
        shown += len(replacement)
        previous = end
    pieces.append(line[previous:])
    masked = MaskedLine("".join(pieces))
    masked._moves = tuple(moves)
    return masked
