"""Credentials written into ``environment:``."""

from lintkit.model import Example, Problem, rule
from lintkit.secrets import looks_like_secret, mask, url_userinfo


@rule(
    id="DC045",
    name="no-plaintext-secrets-env",
    severity="warning",
    summary="A credential is written in environment: (a secret-named key, or user:password in a URL)",
    rationale=(
        "Environment values end up in `docker inspect`, `docker compose config`, "
        "/proc/<pid>/environ, CI logs and the repository history. Use Compose `secrets:` "
        "(files under /run/secrets), or a variable with no default (`${DB_PASSWORD}`) "
        "provided by the deployment. Values are masked in the message."
    ),
    tags=("security",),
    reports_secrets=True,
    aliases=("compose-lint:CL-0020", "compose-lint:CL-0021"),
    examples=(
        Example(
            bad="services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n",
            good="services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for name, value, _name_span, value_span in service.environment():
            if value is None or isinstance(value, (bool, dict, list)):
                continue
            resolved = compose.resolve(value)
            literal = resolved.text.strip().strip("'\"") if resolved else ""
            if not literal:
                continue  # only unset variables: the value comes from the deployment
            if looks_like_secret(name, literal):
                yield Problem(value_span, f"service {service.name!r}: {name} is set to a literal credential ({mask(literal)})", secret_spans=(value_span,))
                continue
            m = url_userinfo(literal)
            if m and "$" not in str(value)[m.start(2):m.end(2)]:
                yield Problem(
                    value_span,
                    f"service {service.name!r}: {name} embeds the password of {m.group(1) or 'a user'!s} "
                    f"in a URL ({mask(m.group(2))})",
                    secret_spans=(value_span,),
                )
