"""``with_<lookup>`` loops over lookups that moved out of ansible-core."""

from lintkit.model import Example, Problem, rule

#: Loop lookups ansible-core 2.10 moved to community.general (``with_x`` -> collection).
MOVED_LOOKUPS = {
    "with_flattened": "community.general.flattened",
    "with_filetree": "community.general.filetree",
    "with_cartesian": "community.general.cartesian",
}


@rule(
    id="AN065",
    name="moved-loop-lookup",
    severity="warning",
    summary="with_flattened, with_filetree or with_cartesian: lookup moved to community.general",
    rationale=(
        "These lookups left ansible-core in 2.10; the short `with_` form works only "
        "through a redirect to community.general, which must be installed, and breaks "
        "with an unhelpful error where it is not. Name the collection's lookup "
        "(`with_community.general.flattened`) or use `loop:` with a filter "
        "(`loop: \"{{ list | flatten }}\"`)."
    ),
    tags=("reliability",),
    aliases=("ansible-lint:schema[moves]",),
    examples=(
        Example(
            bad="- name: Install packages\n  ansible.builtin.apt:\n    name: \"{{ item }}\"\n  with_flattened:\n    - \"{{ base_packages }}\"\n    - \"{{ extra_packages }}\"\n",
            good="- name: Install packages\n  ansible.builtin.apt:\n    name: \"{{ item }}\"\n  loop: \"{{ [base_packages, extra_packages] | flatten }}\"\n",
            filename="roles/web/tasks/main.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        for key in task.node:
            moved = MOVED_LOOKUPS.get(key) if isinstance(key, str) else None
            if moved:
                yield Problem(task.node.key_span(key), f"{key} was moved to with_{moved} in Ansible 2.10")
