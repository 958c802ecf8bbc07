"""Recognising credentials in names and values, and masking them in messages.

One place decides what looks like a secret, so that a Dockerfile ``ENV``, a compose
``environment:``, a Kubernetes env ``value:``, CI ``variables:`` and Ansible vars agree.
"""

from __future__ import annotations

import re

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
    r"^\s*(?:\$\{?[A-Za-z_]|\$\(|\{\{|<%|%\(|!vault|\$ANSIBLE_VAULT|<[^>]*>$|\*+$|x+$|changeme$|"
    r"(?:true|false|yes|no|null|none|~)$|"
    # placeholders to be replaced at deploy time: INSERT_ETCD_TOKEN, YOUR_API_KEY_HERE
    r"(?:insert|your|replace|enter|put|set)[_\- ][A-Za-z0-9_\- ]*$|[A-Za-z0-9_\-]*[_\-]here$)",
    re.IGNORECASE,
)
#: Well-known token formats, secret whatever the name.
_TOKEN_VALUE = re.compile(
    r"^(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|glpat-[A-Za-z0-9_\-]{20,}|"
    r"xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{20,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)"
)


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
