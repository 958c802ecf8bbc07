"""The file must match the Compose Specification schema."""

from lintkit.images import written_reference_error
from lintkit.model import Example, Problem, Span, rule
from lintkit.schemastore import compiled_schema, flat_errors, path_text
from lintkit.yamlmodel import span_at


@rule(
    id="DC003",
    name="valid-compose-file",
    severity="error",
    summary="The file does not match the Compose Specification schema",
    rationale=(
        "`docker compose` refuses a file with an unknown key, a value of the wrong type or "
        "a missing required field, usually at deploy time. The Compose Specification "
        "schema (shipped with lintkit, never fetched) finds these before that, at the "
        "offending key or value."
    ),
    tags=("reliability",),
    aliases=("dclint:invalid-schema",),
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n    restart_policy: always\n",
            good="services:\n  web:\n    image: nginx:1.27\n    restart: always\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    if compose.legacy_v1:
        return  # the retired v1 format is reported once, by legacy-v1-format
    if not compose.documents:
        yield Problem(Span(1, 1, 1, 1), "the file has no content: Compose refuses an empty compose file")
        return
    root = compose.documents[0].root
    if root is None:
        yield Problem(compose.documents[0].span, "the file has no content: Compose refuses an empty compose file")
        return
    if not isinstance(root, dict):
        yield Problem(compose.documents[0].span, "a compose file is a mapping of top-level keys")
        return
    yield from _invalid_images(compose)
    schema = compiled_schema("compose-spec")
    if schema.is_valid(root):
        return
    for path, keyword, message in flat_errors(list(schema.iter_errors(root))):
        span = span_at(root, path, key=keyword == "additionalProperties")
        yield Problem(span or compose.documents[0].span, f"{path_text(path)}: {message}")


def _invalid_images(compose):
    """Images written out (no variables: unset-variable-without-default judges those) that
    are no image reference: Compose fails to pull them (``redis:sha256:<hex>``,
    ``Redis:7.2``, ``redis:``)."""
    for service, image, _resolved in compose.service_images():
        error = written_reference_error(str(image))
        if error is not None:
            yield Problem(service.node.value_span("image"), f"service {service.name!r}: image {str(image)!r} is not a valid image reference: {error}")
