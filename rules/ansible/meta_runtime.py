"""A collection's meta/runtime.yml with a missing, invalid or unsupported requires_ansible."""

import re

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

#: ansible-core releases still supported upstream (ansible-lint's list, plus 2.20);
#: ``supported`` in the rule's options replaces it.
SUPPORTED = ("2.15", "2.16", "2.17", "2.18", "2.19", "2.20")
#: One PEP 440 version specifier (``>=2.15.0``, ``<2.19``, ``==2.16.*``).
#: PEP 440 specifier, loosely. The release segments are possessive: the suffix class also
#: takes dots and digits, and giving them back one by one is quadratic in a long version.
_SPECIFIER = re.compile(r"\s*(~=|===|==|!=|<=|>=|<|>)\s*[0-9]++(\.[0-9]+)*+(\.\*|[-_.+]?[A-Za-z0-9.+_-]*+)?\s*")


@rule(
    id="AN066",
    name="meta-runtime",
    severity="warning",
    summary="meta/runtime.yml requires_ansible missing, invalid or naming no supported ansible-core",
    rationale=(
        "Galaxy and ansible-galaxy read `requires_ansible` to tell users which ansible-core "
        "releases the collection works with. It must be a valid version specifier and name "
        "a full, currently supported release (`>=2.16.0`, not `>=2.9` or `2.16`): a lower "
        "bound on an end-of-life release promises support nobody tests."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:meta-runtime",),
    options={
        "type": "object",
        "properties": {
            "supported": {"type": "array", "items": {"type": "string"}, "default": list(SUPPORTED),
                          "description": "ansible-core releases (major.minor) counted as supported."},
        },
        "additionalProperties": False,
    },
    examples=(
        Example(
            bad="---\nrequires_ansible: \">=2.9\"\n",
            good="---\nrequires_ansible: \">=2.16.0\"\n",
            filename="meta/runtime.yml",
        ),
    ),
)
def check(meta, ctx):
    if meta.role != "runtime":
        return
    supported = ctx.options["supported"]
    for document in meta.documents:
        root = document.root
        if not isinstance(root, YMap):
            continue
        if "requires_ansible" not in root:
            yield Problem(root.key_span(next(iter(root))), "meta/runtime.yml should set requires_ansible")
            continue
        value = root["requires_ansible"]
        span = root.value_span("requires_ansible")
        if not isinstance(value, str) or not all(_SPECIFIER.fullmatch(part) for part in value.split(",")):
            yield Problem(span, f"requires_ansible {value!r} is not a valid version specifier (such as >=2.16.0)",
                          aliases=("ansible-lint:meta-runtime[invalid-version]",))
        elif not any(f"{version}." in value for version in supported):
            yield Problem(span, f"requires_ansible {value!r} should name a full, supported ansible-core release such as >={supported[-1]}.0",
                          aliases=("ansible-lint:meta-runtime[unsupported-version]",))
