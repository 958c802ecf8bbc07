"""Credentials in ARG/ENV, or secret files copied into the image."""

import posixpath

from lintkit.model import Example, Problem, rule
from lintkit.secrets import is_literal_value, is_secret_name, looks_like_secret, mask

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
    reports_secrets=True,
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
            if value and looks_like_secret("", value):
                yield Problem(
                    pair.value_token.span,
                    f"{pair.name} holds what looks like a token or key ({mask(value)})",
                    secret_spans=(pair.value_token.span,),
                )
            elif is_secret_name(pair.name) and (pair.value is None or is_literal_value(value)):
                # An ARG is recorded in the image history even without a default (the
                # value comes from --build-arg); an ENV only leaks a literal value.
                yield Problem(
                    pair.key.span,
                    f"{instruction.keyword} {pair.name} looks like a credential; "
                    "use a secret mount instead",
                    secret_spans=(pair.value_token.span,) if pair.value else (),
                )
    for instruction in dockerfile.instructions_named("COPY", "ADD"):
        for source in instruction.args[:-1]:
            name = posixpath.basename(source.value.rstrip("/"))
            if is_secret_file(name):
                yield Problem(source.span, f"{name} looks like a secret file copied into the image")
