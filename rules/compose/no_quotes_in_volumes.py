"""Quoted service volume entries."""

from lintkit.model import Edit, Example, Fix, Problem, rule


@rule(
    id="DC013",
    name="no-quotes-in-volumes",
    severity="style",
    summary="Volume entries are quoted",
    rationale=(
        "A house style from dclint: volume entries are written plain, so they read alike "
        "across files. Off by default: quoting a path is harmless."
    ),
    tags=("style",),
    aliases=("dclint:no-quotes-in-volumes",),
    enabled=False,
    fix="safe",
    examples=(
        Example(
            bad="services:\n  db:\n    image: postgres:16.4\n    volumes:\n      - 'data:/var/lib/postgresql/data'\nvolumes:\n  data:\n",
            good="services:\n  db:\n    image: postgres:16.4\n    volumes:\n      - data:/var/lib/postgresql/data\nvolumes:\n  data:\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for _i, item, span in service.items("volumes"):
            if not isinstance(item, str):
                continue
            raw = compose.raw(span)
            if raw[:1] in ("'", '"') and span.line == span.end_line:
                plain = item if ": " not in item and not item.startswith(("*", "&", "!", "{", "[", "#")) else None
                fix = Fix("remove the quotes", (Edit(span, plain),)) if plain else None
                yield Problem(span, f"volume entry {raw} is quoted", fix=fix)
