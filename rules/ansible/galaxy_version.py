"""A collection version below 1.0.0 in galaxy.yml."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

from .galaxy_metadata import SEMVER


@rule(
    id="AN068",
    name="galaxy-version",
    severity="info",
    summary="Collection version in galaxy.yml below 1.0.0",
    rationale=(
        "Under Semantic Versioning a 0.x version promises no stable interface, and Ansible "
        "Automation Platform certification expects collections at 1.0.0 or later. Off by "
        "default, as in ansible-lint."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:galaxy-version-incorrect", "ansible-lint:galaxy[version-incorrect]"),
    enabled=False,
    examples=(
        Example(
            bad="namespace: acme\nname: web\nversion: 0.3.1\nreadme: README.md\nauthors:\n  - Jane Doe\n",
            good="namespace: acme\nname: web\nversion: 1.0.0\nreadme: README.md\nauthors:\n  - Jane Doe\n",
            filename="galaxy.yml",
        ),
    ),
)
def check(galaxy, ctx):
    if galaxy.role != "galaxy":
        return
    for document in galaxy.documents:
        root = document.root
        version = root.get("version") if isinstance(root, YMap) else None
        match = SEMVER.fullmatch(version) if isinstance(version, str) else None
        if match and int(match.group(1)) < 1:
            yield Problem(root.value_span("version"), f"Collection version {version} is below 1.0.0")
