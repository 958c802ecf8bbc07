"""FROM whose image, with the global ARGs at their defaults, is not a valid reference."""

from __future__ import annotations

from lintkit.images import reference_error
from lintkit.model import Example, Problem, rule
from lintkit.parsers.dockerfile import substitute

@rule(
    id="DF085",
    name="invalid-default-arg-in-from",
    severity="warning",
    summary="FROM image is empty or invalid when the global ARGs keep their defaults",
    rationale=(
        "A build should work without --build-arg. When a global ARG has no default (or a "
        "default that does not fit), the base image expands to an empty or malformed reference "
        "such as `busybox:` and the build fails unless every caller passes the argument."
    ),
    tags=("reliability",),
    aliases=("buildkit:InvalidDefaultArgInFrom",),
    examples=(
        Example(
            bad="ARG TAG\nFROM busybox:${TAG}\n",
            good="ARG TAG=1.37\nFROM busybox:${TAG}\n",
            filename="Dockerfile",
        ),
        Example(
            bad="ARG IMAGE\nFROM ${IMAGE}\n",
            good="ARG VARIANT\nFROM busybox:stable${VARIANT}\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    defaults: dict[str, str | None] = {}
    for instruction in dockerfile.global_args:
        for pair in instruction.pairs:
            if pair.raw_value is None:
                # `ARG NAME` keeps an earlier default; none means empty without --build-arg.
                defaults.setdefault(pair.name, "")
            else:
                defaults[pair.name], _ = substitute(pair.raw_value, defaults, dockerfile.escape)
    earlier_stages: set[str] = set()
    for stage in dockerfile.stages:
        token = stage.image_token
        if token is not None and "$" in token.value:
            image, names = substitute(token.value, defaults, dockerfile.escape)
            # None: a variable no global ARG gives a value (undefined-arg-in-from says so),
            # or an automatic platform ARG, known only at build time.
            if image is not None and names <= defaults.keys() and not _valid(image, earlier_stages):
                shown = f"`{image}`" if image else "empty"
                message = f"with the global ARGs at their defaults, the base image is {shown}"
                yield Problem(token.span, message)
        if stage.name:
            earlier_stages.add(stage.name)


def _valid(image: str, earlier_stages: set[str]) -> bool:
    lowered = image.lower()
    return lowered in earlier_stages or lowered == "scratch" or reference_error(image) is None
