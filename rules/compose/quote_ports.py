"""Unquoted port mappings (YAML 1.1 reads ``22:22`` as the number 1342).

Only ``ports:``: an ``expose:`` entry is a container port alone (``- 8080``, ``- 3000-3005``),
which has no ``:`` for YAML to misread, and compose accepts it as a number.
"""

from lintkit.model import Edit, Example, Fix, Problem, rule

SECTIONS = ("ports",)


@rule(
    id="DC012",
    name="quote-ports",
    severity="warning",
    summary="Port mapping not quoted (YAML base-60 pitfall)",
    rationale=(
        "YAML 1.1, which Compose's loader follows here, reads an unquoted `22:22` as the "
        "base-60 number 1342 and `- 8080` as an integer: a mapping whose numbers happen to "
        "be below 60 silently becomes a different port. Quoting every port entry makes "
        "them strings whatever digits they hold. `expose:` entries are container ports "
        "alone, with no `:` to misread, so they are left as they are (dclint asks for "
        "quotes there too). Fixable: the fix adds the quotes."
    ),
    tags=("reliability",),
    aliases=("dclint:require-quotes-in-ports",),
    fix="safe",
    options={
        "type": "object",
        "properties": {
            "quote": {
                "enum": ["any", "single", "double"],
                "default": "any",
                "description": "Which quotes are accepted (dclint's default is single)",
            }
        },
    },
    examples=(
        Example(
            bad="services:\n  ssh:\n    image: gitea/gitea:1.22\n    ports:\n      - 127.0.0.1:22:22\n",
            good="services:\n  ssh:\n    image: gitea/gitea:1.22\n    ports:\n      - '127.0.0.1:22:22'\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    wanted = {"any": ("'", '"'), "single": ("'",), "double": ('"',)}[ctx.options.get("quote", "any")]
    quote = wanted[0] if len(wanted) == 1 else '"'
    for service in compose.services:
        for section in SECTIONS:
            for _i, item, span in service.items(section):
                if isinstance(item, (dict, list)) or item is None:
                    continue
                raw = compose.raw(span)
                if raw[:1] in wanted:
                    continue
                if raw[:1] in ("'", '"'):
                    text = str(item)
                    message = f"{section} entry {raw} uses the other kind of quotes"
                else:
                    text = raw
                    message = f"{section} entry {raw} is not quoted"
                    if isinstance(item, int) and ":" in raw:
                        message += f": YAML reads it as the base-60 number {item}"
                if quote in text:
                    continue
                fix = Fix(f"quote {text}", (Edit(span, f"{quote}{text}{quote}"),))
                yield Problem(span, f"service {service.name!r}: {message}", fix=fix)
