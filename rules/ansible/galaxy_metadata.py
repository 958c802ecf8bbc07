"""A collection's galaxy.yml that ansible-galaxy or Galaxy refuses, or without meta/runtime.yml."""

import os
import re

from lintkit import workspace
from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq

#: Keys `ansible-galaxy collection build` requires.
REQUIRED = ("namespace", "name", "version", "readme", "authors")
#: Semantic Versioning 2.0.0, which Galaxy requires of collection versions.
SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)
#: Galaxy's tag format, length and count limits.
_TAG = re.compile(r"^(?!.*__)[a-z][0-9a-z_]*$")
MAX_TAG_LENGTH = 64
MAX_TAGS = 20


@rule(
    id="AN067",
    name="galaxy-metadata",
    severity="warning",
    summary="galaxy.yml missing required keys, with a non-semver version or bad tags, or no meta/runtime.yml",
    rationale=(
        "`ansible-galaxy collection build` refuses a galaxy.yml without namespace, name, "
        "version, readme and authors, or whose version is not Semantic Versioning; Galaxy "
        "refuses tags that are not lower-case words (at most 64 characters, 20 tags) and "
        "collections without meta/runtime.yml, and a dependency needs a version range."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:galaxy",),
    examples=(
        Example(
            bad="namespace: acme\nname: web\nversion: \"1.2\"\nreadme: README.md\nauthors:\n  - Jane Doe\n",
            good="namespace: acme\nname: web\nversion: 1.2.0\nreadme: README.md\nauthors:\n  - Jane Doe\n",
            filename="galaxy.yml",
            files=(("meta/runtime.yml", "requires_ansible: \">=2.16.0\"\n"),),
        ),
    ),
)
def check(galaxy, ctx):
    if galaxy.role != "galaxy":
        return
    for document in galaxy.documents:
        root = document.root
        if not isinstance(root, YMap):
            continue
        head = root.key_span(next(iter(root)))
        missing = [key for key in REQUIRED if key not in root]
        if missing:
            tag = ("ansible-lint:galaxy[version-missing]",) if "version" in missing else ()
            yield Problem(head, f"galaxy.yml is missing required keys: {', '.join(missing)}", aliases=tag)
        if "version" in root:
            version = root["version"]
            if not (isinstance(version, str) and SEMVER.fullmatch(version)):
                yield Problem(root.value_span("version"), f"Collection version {version!r} is not a semantic version (such as 1.0.0)")
        yield from _tags(root)
        yield from _dependencies(root)
        base = os.path.dirname(galaxy.path)
        if not any(workspace.is_file(os.path.join(base, "meta", name)) for name in ("runtime.yml", "runtime.yaml")):
            yield Problem(head, "Collection has no meta/runtime.yml (Galaxy requires it, with requires_ansible)",
                          aliases=("ansible-lint:galaxy[no-runtime]",))


def _tags(root: YMap):
    tags = root.get("tags")
    if not isinstance(tags, YSeq):
        return
    if len(tags) > MAX_TAGS:
        yield Problem(root.key_span("tags"), f"galaxy.yml has {len(tags)} tags; Galaxy accepts at most {MAX_TAGS}",
                      aliases=("ansible-lint:galaxy[tags-count]",))
    for index, tag in enumerate(tags):
        if not isinstance(tag, str) or not _TAG.match(tag):
            yield Problem(tags.item_span(index), f"Tag {tag!r} should be lower-case letters, digits and single underscores, starting with a letter",
                          aliases=("ansible-lint:galaxy[tags-format]",))
        elif len(tag) > MAX_TAG_LENGTH:
            yield Problem(tags.item_span(index), f"Tag {tag[:20]!r}... is longer than {MAX_TAG_LENGTH} characters",
                          aliases=("ansible-lint:galaxy[tags-length]",))


def _dependencies(root: YMap):
    dependencies = root.get("dependencies")
    if not isinstance(dependencies, YMap):
        return
    for name, version in dependencies.items():
        if version is None or not str(version).strip():
            yield Problem(dependencies.value_span(name), f"Dependency {name} needs a version range (such as >=1.0.0 or *)",
                          aliases=("ansible-lint:galaxy[invalid-dependency-version]",))
