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
_TOKEN_VALUE = re.compile(
    r"^(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_\-]{20,}|"
    r"xox[baprs]-[A-Za-z0-9-]{10,}|[sr]k_live_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_\-]{35}|"
    r"npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_\-]{50,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)"
)


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
