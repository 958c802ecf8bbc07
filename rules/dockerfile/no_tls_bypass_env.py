"""ARG/ENV settings that turn TLS verification off for every later step."""

from lintkit.model import Example, Problem, rule

#: variable -> values that disable verification (None: any value does).
INSECURE_SETTINGS = {
    "PYTHONHTTPSVERIFY": ("0",),
    "NODE_TLS_REJECT_UNAUTHORIZED": ("0",),
    "NPM_CONFIG_STRICT_SSL": ("false", "0"),
    "GIT_SSL_NO_VERIFY": None,
    "PIP_TRUSTED_HOST": None,
    "CURL_INSECURE": None,
}


@rule(
    id="DF065",
    name="no-tls-bypass-env",
    severity="error",
    summary="ARG/ENV turns off TLS verification (NODE_TLS_REJECT_UNAUTHORIZED=0, ...)",
    rationale=(
        "These variables disable certificate checks for every program that reads them, in "
        "the build and (for ENV) in the running container."
    ),
    tags=("security",),
    aliases=(
        "CKV2_DOCKER_5",
        "CKV2_DOCKER_6",
        "CKV2_DOCKER_12",
        "CKV2_DOCKER_14",
        "CKV2_DOCKER_16",
    ),
    examples=(
        Example(
            bad="FROM node:20-alpine\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n",
            good="FROM node:20-alpine\nENV NODE_ENV=production\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("ENV", "ARG"):
        for pair in instruction.pairs:
            name = pair.name.upper()
            if name not in INSECURE_SETTINGS or pair.value is None:
                continue
            values = INSECURE_SETTINGS[name]
            if values is None or pair.value.lower() in values:
                yield Problem(pair.span, f"{pair.name}={pair.value} disables TLS verification")
