"""Task and play keys out of the conventional order."""

from lintkit.model import Example, Fix, Problem, rule
from lintkit.yamledit import reorder

_BLOCK_KEYS = ("block", "rescue", "always")


def _rank(key) -> int:
    """``name`` first, ``block``/``rescue``/``always`` last, everything else between in the
    order written."""
    if key == "name":
        return 0
    if key in _BLOCK_KEYS:
        return 2 + _BLOCK_KEYS.index(key)
    return 1


def _better_order(node) -> list | None:
    keys = [str(k) for k in node]
    ordered = sorted(keys, key=_rank)
    return ordered if ordered != keys else None


def _fix(playbook, node) -> Fix | None:
    edits = reorder(playbook.source, node, sorted(node, key=_rank))
    return Fix("put the keys in order", edits) if edits else None


@rule(
    id="AN031",
    name="key-order",
    severity="style",
    summary="Task or play keys out of the recommended order",
    rationale=(
        "A task reads top-down: its name first, then what it does and under which "
        "conditions, and nested `block`/`rescue`/`always` task lists last, so that a "
        "`when:` or `become:` written after a long block is not missed."
    ),
    tags=("style",),
    aliases=("ansible-lint:key-order[task]", "ansible-lint:key-order[play]"),
    fix="safe",
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - ansible.builtin.apt:\n        name: nginx\n      name: Install nginx\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Install nginx\n      ansible.builtin.apt:\n        name: nginx\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for play in playbook.plays:
        order = _better_order(play.node)
        if order:
            yield Problem(play.head_span(), f"Play keys could be ordered: {', '.join(order)}", _fix(playbook, play.node))
    for entry in playbook.entries:
        order = _better_order(entry.node)
        if order:
            yield Problem(entry.head_span(), f"Task keys could be ordered: {', '.join(order)}", _fix(playbook, entry.node))
