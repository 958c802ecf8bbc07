"""Credentials in ARG/ENV, or secret files copied into the image."""

import posixpath
import re

from lintkit.model import Example, Problem, rule

#: Name parts that mark a credential. A bare KEY is not one: GPG_KEY, SIGNING_KEY and
#: KEY_IDS name public keys and fingerprints.
_SECRET_NAME = re.compile(
    r"(?:^|_)(?:password|passwd|pword|secret|token|credentials?|apikey|api_key|access_key"
    r"|private_key|secret_key|auth_token)(?:_|$)",
    re.IGNORECASE,
)
#: ... unless the name says it holds where the secret is, not the secret.
_NOT_SECRET_NAME = re.compile(r"(?:^|_)(?:file|path|dir|url|id|name|user)$", re.IGNORECASE)
#: Values whose shape gives them away whatever the variable is called.
_SECRET_VALUES = (
    ("an AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a GitHub token", re.compile(r"\bgh[pousr]_[0-9A-Za-z]{36,}\b")),
    ("a GitLab token", re.compile(r"\bglpat-[0-9A-Za-z_-]{20,}\b")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[0-9A-Za-z-]{10,}\b")),
    ("a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
)
SECRET_FILES = frozenset(
    ("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".env", ".npmrc", ".pypirc", ".netrc",
     "credentials", ".git-credentials", ".dockercfg")
)  # fmt: skip
_SECRET_SUFFIXES = (".key", ".p12", ".pfx", ".jks")


def is_secret_file(name: str) -> bool:
    """Private keys and credential files; a .pem only when its name says it is a key
    (certificates and DH parameters are .pem files too)."""
    lowered = name.lower()
    if lowered in SECRET_FILES or lowered.endswith(_SECRET_SUFFIXES):
        return True
    return lowered.endswith(".pem") and ("key" in lowered or "private" in lowered)


def mask(value: str) -> str:
    """Enough of a value to recognise it, never enough to use it."""
    return value[:4] + "****" if len(value) > 8 else "****"


def _is_secret_name(name: str) -> bool:
    return bool(_SECRET_NAME.search(name)) and not _NOT_SECRET_NAME.search(name)


@rule(
    id="DF069",
    name="no-secrets-in-arg-env",
    severity="error",
    summary="ARG/ENV that look like credentials, or secret files copied into the image",
    rationale=(
        "ARG and ENV values are stored in the image metadata and history: anyone who pulls "
        "the image can read them. Pass secrets with `RUN --mount=type=secret` and keep key "
        "files out of COPY."
    ),
    tags=("security",),
    aliases=("DL3064", "DS031", "buildkit:SecretsUsedInArgOrEnv"),
    examples=(
        Example(
            bad="FROM alpine:3.20\nENV DB_PASSWORD=hunter2hunter2\n",
            good="FROM alpine:3.20\nRUN --mount=type=secret,id=db_password cat /run/secrets/db_password\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("ENV", "ARG"):
        for pair in instruction.pairs:
            value = pair.value or ""
            shaped = next(
                (label for label, pattern in _SECRET_VALUES if pattern.search(value)), None
            )
            if shaped:
                yield Problem(
                    pair.value_token.span,
                    f"{pair.name} holds what looks like {shaped} ({mask(value)})",
                )
            elif _is_secret_name(pair.name) and (value or instruction.keyword == "ARG"):
                if "$" in value:
                    continue  # passed through from another variable
                yield Problem(
                    pair.key.span,
                    f"{instruction.keyword} {pair.name} looks like a credential; "
                    "use a secret mount instead",
                )
    for instruction in dockerfile.instructions_named("COPY", "ADD"):
        for source in instruction.args[:-1]:
            name = posixpath.basename(source.value.rstrip("/"))
            if is_secret_file(name):
                yield Problem(source.span, f"{name} looks like a secret file copied into the image")
