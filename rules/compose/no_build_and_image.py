"""A service with both ``build:`` and ``image:``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DC006",
    name="no-build-and-image",
    severity="info",
    summary="Service sets both build and image",
    rationale=(
        "With both keys, Compose builds the image and tags it with `image:`, or pulls "
        "`image:` and skips the build, depending on `pull_policy` and on what is in the "
        "local cache. Say which one is meant: drop one key, or set `pull_policy` (`build` "
        "to always build, `missing` to pull when absent)."
    ),
    tags=("maintainability",),
    aliases=("dclint:no-build-and-image",),
    examples=(
        Example(
            bad="services:\n  web:\n    build: .\n    image: shop/web:1.2\n",
            good="services:\n  web:\n    build: .\n    image: shop/web:1.2\n    pull_policy: build\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        node = service.node
        if "build" in node and "image" in node and "pull_policy" not in node:
            yield Problem(
                node.key_span("build"),
                f"service {service.name!r} sets both `build` and `image` without `pull_policy`: "
                "whether it builds or pulls depends on the local cache",
            )
