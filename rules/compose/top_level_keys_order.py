"""Top-level keys in the canonical order."""

from lintkit.model import Example, Fix, Problem, rule

from lintkit.yamledit import reorder

from ._order import TOP_LEVEL_ORDER


@rule(
    id="DC018",
    name="top-level-keys-order",
    severity="style",
    summary="Top-level keys are not in the canonical order",
    rationale=(
        "A house style from dclint: `x-` extensions, version, name, include, services, "
        "networks, volumes, secrets, configs. Off by default."
    ),
    tags=("style",),
    aliases=("dclint:top-level-properties-order",),
    enabled=False,
    fix="safe",
    examples=(
        Example(
            bad="volumes:\n  data:\nservices:\n  db:\n    image: postgres:16.4\n",
            good="services:\n  db:\n    image: postgres:16.4\nvolumes:\n  data:\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    if compose.legacy_v1:
        return
    # A key may be any YAML scalar or collection (`true:`, `1:`): it is ranked by its
    # text and found by itself.
    names = {key: str(key) for key in compose.root}
    order = sorted(name for name in names.values() if name.startswith("x-")) + list(TOP_LEVEL_ORDER)
    rank = {name: i for i, name in enumerate(order)}
    highest = -1
    # Keys of no known place go last, in the order they were written.
    wanted = sorted(compose.root, key=lambda k: rank.get(str(k), len(order)))
    edits = reorder(compose.source, compose.root, wanted)
    fix = Fix("put the top-level keys in order", edits) if edits else None
    for key, name in names.items():
        position = rank.get(name)
        if position is None or position < highest:
            yield Problem(compose.root.key_span(key), f"top-level key {name!r} is out of order (expected: {', '.join(order)})", fix)
        else:
            highest = position
