"""Malformed ``${...}`` that Compose refuses."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import scan_interpolation
from lintkit.yamlmodel import YMap, YSeq


def _strings(node):
    """(value, span) of every string scalar below ``node`` (keys are not interpolated)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, YMap):
            for key, value in current.items():
                if isinstance(value, str):
                    if "${" in value:
                        yield value, current.value_span(key)
                elif isinstance(value, (YMap, YSeq)):
                    stack.append(value)
        elif isinstance(current, YSeq):
            for i, value in enumerate(current):
                if isinstance(value, str):
                    if "${" in value:
                        yield value, current.item_span(i)
                elif isinstance(value, (YMap, YSeq)):
                    stack.append(value)


@rule(
    id="DC054",
    name="valid-interpolation",
    severity="error",
    summary="Malformed ${...} interpolation",
    rationale=(
        "Compose interpolates every value and stops with `invalid interpolation format` at "
        "a `${` it cannot parse: an unclosed brace, a name that does not start with a letter "
        "or `_`, an unknown operator. Write `$$` for a literal dollar (e.g. in a command "
        "meant for the container's shell)."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    command: echo ${1}\n",
            good="services:\n  app:\n    image: app:1.0\n    command: echo $${1}\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    if "${" not in compose.source.text:
        return
    for value, span in _strings(compose.root):
        _variables, errors = scan_interpolation(value)
        for error in errors:
            yield Problem(compose.substring_span(span, value, error.start, error.end), f"invalid interpolation: {error.message}")
