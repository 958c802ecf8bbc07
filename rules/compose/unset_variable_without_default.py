"""``${VAR}`` with no default where an empty value breaks the reference."""

from lintkit.images import reference_error
from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import parse_port


def _image_broken(text: str) -> str | None:
    if not text.strip():
        return "the image is empty"
    if reference_error(text) is not None:
        return f"the image reference becomes {text.strip()!r}"
    return None


def _port_broken(text: str) -> str | None:
    spec = parse_port(text)
    if spec is None or not spec.target or text.strip().startswith((":", "/")) or "::" in text.split("/")[0].lstrip("[:"):
        return f"the port mapping becomes {text!r}"
    return None


def _path_broken(text: str) -> str | None:
    parts = text.split(":")
    if not text.strip() or any(not p for p in parts[:2]):
        return f"the entry becomes {text!r}"
    return None


#: Service key -> how an emptied value breaks (None: it does not).
CHECKS = {"image": _image_broken, "ports": _port_broken, "expose": _port_broken, "volumes": _path_broken, "env_file": _path_broken, "devices": _path_broken}


@rule(
    id="DC053",
    name="unset-variable-without-default",
    severity="warning",
    summary="A variable with no default (and no value in .env) empties a reference and breaks it",
    rationale=(
        "Compose substitutes an unset `${VAR}` with an empty string and only warns: "
        "`image: mongo:${DB_VER}` becomes `mongo:`, `${PORT}:80` becomes `:80`, and the "
        "failure shows up at deploy time. Give a default (`${DB_VER:-7.0}`), require it "
        "(`${DB_VER:?set DB_VER}`), or set it in the `.env` beside the file. The `.env` is "
        "read as data; the environment lintkit runs in is deliberately not consulted."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad="services:\n  db:\n    image: mongo:${DB_VER}\n",
            good="services:\n  db:\n    image: mongo:${DB_VER:-7.0.14}\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        node = service.node
        for key, broken in CHECKS.items():
            if key not in node:
                continue
            value = node[key]
            if isinstance(value, list):
                entries = [(item, span) for _i, item, span in service.items(key)]
            else:
                entries = [(value, node.value_span(key))]
            for item, span in entries:
                if not isinstance(item, str) or "$" not in item:
                    continue
                resolved = compose.resolve(item)
                unset = [v for v in resolved.unset if not v.required]
                if not unset:
                    continue
                why = broken(resolved.text)
                if why is None:
                    continue
                first = unset[0]
                names = ", ".join(dict.fromkeys(f"${{{v.name}}}" for v in unset))
                yield Problem(
                    compose.substring_span(span, item, first.start, first.end),
                    f"service {service.name!r}: {names} {'has' if len(set(v.name for v in unset)) == 1 else 'have'} "
                    f"no default and no value in .env; unset, {why}",
                )
