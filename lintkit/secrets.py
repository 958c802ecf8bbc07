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
    "passphrase", "encryption_key", "master_key",
)  # fmt: skip
_SECRET_NAME = re.compile(
    r"(?:(?:^|[_\-.])(?:" + "|".join(re.escape(w) for w in _SECRET_WORDS) + r")|passw(?:or)?d)(?:$|[_\-.])",
    re.IGNORECASE,
)  # passw(or)?d also ends a name run together: PGPASSWORD, ROOTPASSWORD
#: Names that contain a secret word but hold no secret themselves: where a secret is, or
#: settings *about* authentication (``GF_AUTH_ANONYMOUS_ORG_ROLE``, ``OAUTH_ISSUER``).
_NOT_SECRET_NAME = re.compile(
    r"(?:_|-|^)(?:file|path|dir|url|uri|host|port|user|username|name|id|type|method|mode|"
    r"length|len|size|ttl|expiry|expires|enabled|disable|required|policy|header|env|var|key_id|hash_algo|"
    r"roles?|scopes?|provider|issuer|realm|domain|"
    # options that configure a secret rather than hold one (password_expire_max: 90)
    r"lock|min|max|warn|options|opts|age|rounds|source|mechanism|plugin|backend|quality|regex|pattern|"
    # settings about a password (CIS roles: sudo_password_rule, password_encryption: scram-sha-256)
    r"rule|rules|check|prompt|encryption|algorithm|algo|complexity|history|reuse|remember|retry|"
    r"retries|minlen|chars|days|count|timeout|attempts|format|strength|command|cmd|helper|hint|label)$",
    re.IGNORECASE,
)
#: Whole names that read like secrets but are settings (Ansible's user module
#: ``update_password: on_create``, ``auth_type: basic``).
_NOT_SECRET_NAMES = frozenset(("update_password", "auth_type", "auth_method"))
#: Values that point at a secret kept elsewhere: variables and command substitutions
#: (``$DB_PASSWORD``, ``${X:-}``, ``$(cat /run/secrets/x)``), templates of every CI and
#: configuration tool (``{{ vault_pw }}``, ``{% ... %}``, ``<%= ... %>``, ``#{...}``,
#: ``%(password)s``, ``%s``, ``@@TOKEN@@``, ``__TOKEN__``, ``{password}``), ``<your-token>``
#: and Ansible vault payloads.
_REFERENCE_VALUE = re.compile(
    r"^\s*(?:\$\{?[A-Za-z_]|\$\{\{|\$\(|\{\{|\{%|<%|#\{|%\([A-Za-z_]+\)[sd]$|%[sd]$|!vault|\$ANSIBLE_VAULT|"
    r"<[^<>]*>$|@@?[A-Za-z_]+@@?$|__[A-Za-z_]+__$|\{[A-Za-z_][A-Za-z0-9_.]*\}$)",
    re.IGNORECASE,
)
#: Values that only hide one: ``****``, ``xxxxxx``, ``...``, ``<redacted>``, booleans, null.
_MASKED_VALUE = re.compile(
    r"^\s*(?:\*+|x+|\.{3,}|\u2026|-+|\?+|redacted|hidden|masked|omitted|"
    r"true|false|yes|no|on|off|null|none|nil|~)\s*$",
    re.IGNORECASE,
)
#: Words of the instructions people leave in place of a value (``YOUR_API_KEY_HERE``,
#: ``insert-token``, ``replace with your password``): a value made only of these words
#: and naming one of the markers is a placeholder. ``changeme`` is not: it is the default
#: password that ships, and a phrase with any other word (``set me 2 Tr0ub4dor``) is a
#: passphrase.
_PLACEHOLDER_MARKERS = frozenset(("insert", "your", "replace", "enter", "put", "set", "fill", "here", "placeholder", "todo", "tbd", "fixme"))
_PLACEHOLDER_WORDS = _PLACEHOLDER_MARKERS | frozenset(
    (
        "me", "this", "with", "the", "a", "an", "in", "of", "for", "to", "it", "own", "real", "actual",
        "value", "valid", "secret", "password", "passwd", "pass", "token", "key", "api", "apikey", "access",
        "client", "private", "db", "database", "admin", "user", "root", "new", "goes", "some", "app",
        "auth", "credential", "credentials", "id",
    )
)  # fmt: skip
_PLACEHOLDER_WORD = re.compile(r"[A-Za-z]+|[^A-Za-z_\- ]")
#: Values that are settings, not credentials: what a CIS or PAM role passes to
#: ``pam_pwquality``/``pam_unix`` (``enforce_for_root``, ``remember=5``), hashing and
#: authentication method names (``password_encryption: scram-sha-256``, ``auth: md5``).
_SETTING_WORDS = frozenset(
    (
        "enforce_for_root", "try_first_pass", "use_first_pass", "use_authtok", "nullok", "shadow",
        "local_users_only", "even_deny_root", "audit", "silent", "authfail", "preauth", "authsucc",
        "sha256", "sha512", "yescrypt", "md5", "bcrypt", "blowfish", "argon2", "argon2id", "des", "scrypt",
        "pbkdf2", "scram-sha-256", "scram-sha-1", "plain", "plaintext", "basic", "digest", "bearer", "trust",
        "peer", "ident", "reject", "cert", "ldap", "kerberos", "gss", "sspi", "radius", "pam", "oauth",
        "oauth2", "oidc", "saml", "required", "requisite", "sufficient", "optional", "include", "substack",
        "disabled", "enabled", "none", "random", "prompt", "always", "on_create", "never",
    )
)  # fmt: skip
#: ``name=value`` module options and ``pam_*.so`` modules as in a PAM line.
_PAM_OPTION = re.compile(r"[a-z_]+=-?\d+|pam_[a-z_]+\.so")
#: Identifiers that name something rather than hold a secret: a benchmark rule id
#: (``ubtu22cis_rule_5_2_4``, ``rhel9cis_rule_1_1_1``), a file path (``/run/secrets/db``)
#: or a URL without credentials.
_IDENTIFIER_VALUE = re.compile(
    r"[a-z][a-z0-9]*_rule_\d+(?:_\d+)*|"
    r"(?:/|\./|\.\./|~/)[\w.\-]+(?:/[\w.\-]+)+|"
    r"[a-z][a-z0-9+.\-]*://[^@\s/]+(?:/\S*)?"
)
#: Regular expressions written as values (``password_regex: ^(?=.*[A-Z]).{8,}$``): a
#: construct no one types into a password.
_REGEX_VALUE = re.compile(r"\(\?[=!:<]|\\[dswDSWb]|\][*+?{]|\.[*+]|^\^.*\$$")
#: Words of an environment-variable name that holds the secret (``password_from: DB_PASSWORD``).
_SECRET_VARIABLE_WORDS = frozenset(("PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "TOKEN", "KEY", "APIKEY"))
#: Well-known token formats, secret whatever the name.
_TOKEN_SHAPES = (
    r"AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_\-]{20,}|"
    r"xox[baprs]-[A-Za-z0-9-]{10,}|[sr]k_live_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_\-]{35}|"
    r"npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_\-]{50,}"
)
_TOKEN_VALUE = re.compile(rf"^(?:{_TOKEN_SHAPES}|-----BEGIN [A-Z ]*PRIVATE KEY-----)")
#: The same shapes anywhere in a line. Linear: a failed attempt costs at most the token's
#: fixed prefix and minimum length, and a match consumes the run it scanned.
_TOKEN_IN_TEXT = re.compile(_TOKEN_SHAPES)


def _is_placeholder(value: str) -> bool:
    words = [w.lower() for w in _PLACEHOLDER_WORD.findall(value)]
    return all(w in _PLACEHOLDER_WORDS for w in words) and not _PLACEHOLDER_MARKERS.isdisjoint(words)


def _is_secret_variable_name(value: str) -> bool:
    """``DB_PASSWORD``, ``VAULT_TOKEN``: the CONSTANT_CASE name of a variable that holds it
    (two words at least: ``SECRET`` alone is a literal, a weak one)."""
    segments = value.split("_")
    return (
        len(segments) > 1
        and value[:1].isalpha()
        and all(segment and segment.isupper() and segment.isalnum() for segment in segments)
        and not _SECRET_VARIABLE_WORDS.isdisjoint(segments)
    )


def _is_setting(value: str) -> bool:
    """A value made of setting keywords and ``name=number`` options (a PAM argument list)."""
    words = value.split()
    return bool(words) and all(w.lower() in _SETTING_WORDS or _PAM_OPTION.fullmatch(w) for w in words)


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)


def is_secret_name(name: str) -> bool:
    if name.lower() in _NOT_SECRET_NAMES:
        return False
    normalized = _split_camel(name).replace("-", "_").replace(".", "_")
    return bool(_SECRET_NAME.search(normalized)) and not _NOT_SECRET_NAME.search(normalized)


def is_literal_value(value: object) -> bool:
    """A credential written out in the file: not a reference to a secret store or a
    variable, a template, a mask, a placeholder, a setting keyword, an identifier or a
    regular expression."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text or _REFERENCE_VALUE.match(text) or _MASKED_VALUE.match(text):
        return False
    if _IDENTIFIER_VALUE.fullmatch(text) or _is_secret_variable_name(text) or _REGEX_VALUE.search(text):
        return False
    return not (_is_placeholder(text) or _is_setting(text))


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


#: ``://user:password@`` of a URL; the scheme before it is checked by :func:`url_userinfo`
#: (a pattern that starts with the scheme, ``[a-z][a-z0-9+.-]*://``, is retried from every
#: letter of a long word and so is quadratic in it).
_USERINFO = re.compile(r"://([^\s/:@]*+):([^\s/@]++)@")
_SCHEME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")


def url_userinfo(text: str) -> re.Match | None:
    """The first URL in ``text`` that carries a password (``scheme://user:password@``,
    the user may be empty as in ``redis://:password@host``): group 1 is the user, group 2
    the password."""
    for match in _USERINFO.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] in _SCHEME_CHARACTERS:
            start -= 1
        # A scheme is a letter, then letters, digits, `+`, `.` or `-`.
        if any(c.isalpha() for c in text[start : match.start()]):
            return match
    return None


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


def find_in_line(line: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of what looks like a secret in one line of text, whatever
    the rules found: known token shapes, the password of a URL's userinfo and the literal
    value of a secret-named key or option. It lets reporters mask a line quoted for a
    finding of another rule, or of a run in which no secret rule is selected."""
    found = [match.span() for match in _TOKEN_IN_TEXT.finditer(line)]
    if "://" in line:
        # The password of every URL's userinfo (over-masking a non-URL is harmless).
        found.extend(match.span(2) for match in _USERINFO.finditer(line))
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
