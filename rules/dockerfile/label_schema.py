"""Labels checked against a configured schema (opt-in)."""

import re
from urllib.parse import urlparse

from lintkit.model import Example, Problem, rule

_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})")
_SEMVER = re.compile(
    r"v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)
_GIT_HASH = re.compile(r"[0-9a-f]{7,40}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: An SPDX license expression: identifiers joined by AND/OR/WITH, with parentheses.
_SPDX_TOKEN = re.compile(r"\(|\)|AND|OR|WITH|LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.+-]*")


def _is_url(value: str) -> bool:
    parsed = urlparse(value)
    return bool(parsed.scheme and parsed.netloc)


def _is_spdx(value: str) -> bool:
    tokens = value.replace("(", " ( ").replace(")", " ) ").split()
    return bool(tokens) and all(_SPDX_TOKEN.fullmatch(token) for token in tokens)


#: type -> (check, what a valid value is).
VALIDATORS = {
    "text": (lambda value: True, "text"),
    "url": (_is_url, "a URL"),
    "rfc3339": (lambda value: bool(_RFC3339.fullmatch(value)), "an RFC 3339 time"),
    "spdx": (_is_spdx, "an SPDX license expression"),
    "hash": (lambda value: bool(_GIT_HASH.fullmatch(value)), "a git commit hash"),
    "semver": (lambda value: bool(_SEMVER.fullmatch(value)), "a semantic version"),
    "email": (lambda value: bool(_EMAIL.fullmatch(value)), "an email address"),
}


@rule(
    id="DF083",
    name="label-schema",
    severity="warning",
    summary="Labels of the final image checked against a schema: required, typed, no extras",
    rationale=(
        "Registries, scanners and deploy tooling read image labels (source repository, "
        "revision, licence, version). A schema keeps them present and well-formed. Opt-in: "
        "configure `labels` (name -> text, url, rfc3339, spdx, hash, semver or email) and "
        "`strict` to refuse labels outside the schema."
    ),
    tags=("maintainability",),
    aliases=(
        "DL3049",
        "DL3050",
        "DL3051",
        "DL3052",
        "DL3053",
        "DL3054",
        "DL3055",
        "DL3056",
        "DL3058",
    ),  # fmt: skip
    enabled=False,
    options={
        "type": "object",
        "properties": {
            "labels": {
                "type": "object",
                "additionalProperties": {"enum": sorted(VALIDATORS)},
                "default": {"org.opencontainers.image.source": "url"},
            },
            "strict": {"type": "boolean", "default": False},
        },
        "additionalProperties": False,
    },
    examples=(
        Example(
            bad='FROM alpine:3.20\nLABEL org.opencontainers.image.source="github.com/x"\n',
            good=(
                "FROM alpine:3.20\n"
                'LABEL org.opencontainers.image.source="https://github.com/example/app"\n'
            ),
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    stage = dockerfile.final_stage
    if stage is None:
        return
    schema = ctx.options.get("labels") or {}
    strict = ctx.options.get("strict", False)
    labels = {}
    for instruction in stage.instructions_with_base("LABEL"):  # the base's first: later LABELs override
        for pair in instruction.pairs:
            labels[pair.name] = (instruction, pair)
    final = stage.from_instruction
    for name, kind in schema.items():
        if name not in labels:
            yield Problem(final.keyword_span, f"Label {name} is missing")
            continue
        instruction, pair = labels[name]
        value = instruction.expand(pair.value or "")
        if value is None:
            continue  # set from a build argument
        check_value, expected = VALIDATORS[kind]
        if not value:
            yield Problem(pair.span, f"Label {name} is empty")
        elif not check_value(value):
            yield Problem(pair.value_token.span, f"Label {name} is not {expected}")
    if strict:
        for name, (_, pair) in labels.items():
            if name not in schema:
                yield Problem(pair.key.span, f"Label {name} is not in the label schema")
