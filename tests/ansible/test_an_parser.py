"""The Ansible view: plays, tasks, actions, arguments, command lines, variables, references."""

from lintkit import yamlmodel
from lintkit.model import Span
from lintkit.parsers import ansible
from lintkit.source import SourceFile

from ansible_support import dedent, parse


def test_actions_and_fqcn_from_every_spelling():
    view = parse(
        """
        - hosts: all
          tasks:
            - apt: name=nginx state=present
            - ansible.builtin.copy:
                src: a
                dest: /b
            - action: shell echo hi
            - local_action:
                module: command
                cmd: uptime
            - ansible.legacy.file:
                path: /x
            - docker_container:
                name: web
            - my_custom_module:
                x: 1
        """
    )
    modules = [(t.module_written, t.module) for t in view.tasks]
    assert modules == [
        ("apt", "ansible.builtin.apt"),
        ("ansible.builtin.copy", "ansible.builtin.copy"),
        ("shell", "ansible.builtin.shell"),
        ("command", "ansible.builtin.command"),
        ("ansible.legacy.file", "ansible.builtin.file"),
        ("docker_container", "community.docker.docker_container"),
        ("my_custom_module", "my_custom_module"),
    ]
    assert view.tasks[0].args == {"name": "nginx", "state": "present"}
    assert view.tasks[2].args == {"_raw_params": "echo hi"}
    assert view.tasks[3].args == {"cmd": "uptime"}


def test_free_form_options_keep_their_positions():
    view = parse(
        """
        - hosts: all
          tasks:
            - apt: name=nginx state="latest"
        """
    )
    task = view.tasks[0]
    assert task.args == {"name": "nginx", "state": "latest"}
    assert task.arg_span("state") == Span(3, 23, 3, 37)
    assert task.arg_span("name") == Span(3, 12, 3, 22)


def test_command_options_leave_the_command_line():
    view = parse(
        """
        - hosts: all
          tasks:
            - command: chdir=/srv creates=/srv/done make "all targets"
        """
    )
    task = view.tasks[0]
    assert task.args["chdir"] == "/srv" and task.args["creates"] == "/srv/done"
    assert task.command.text == 'make "all targets"'
    make = task.command.script.commands[0]
    assert make.name == "make"
    assert make.name_word.span == Span(3, 45, 3, 49)
    assert make.args[0].span == Span(3, 50, 3, 63)


def test_command_line_positions_in_a_block_scalar():
    view = parse(
        """
        - name: Fetch
          ansible.builtin.shell: |
            set -e
            curl -fsSL https://example.com/x | tar xz -C /opt
          changed_when: true
        """,
        path="roles/app/tasks/main.yml",
    )
    script = view.tasks[0].command.script
    curl = next(script.commands_named("curl"))
    assert curl.name_word.span == Span(4, 5, 4, 9)
    assert script.pipelines and len(script.pipelines[0]) == 2


def test_jinja_in_commands_is_not_shell_syntax():
    view = parse(
        """
        - name: Version
          ansible.builtin.shell: "{{ bin_dir }}/kubectl version | grep {{ want | default('v1') }}"
          changed_when: false
        """,
        path="tasks/main.yml",
    )
    commands = view.tasks[0].command.script.commands
    assert [c.base_name for c in commands] == ["kubectl", "grep"]


def test_argv_and_cmd_forms_give_a_command_line():
    view = parse(
        """
        - name: A
          ansible.builtin.command:
            argv: [docker, login, -p, "{{ pw }}"]
        - name: B
          ansible.builtin.command:
            cmd: systemctl restart nginx
        """,
        path="tasks/main.yml",
    )
    first, second = view.tasks
    assert first.command.from_argv and first.command.script.commands[0].name == "docker"
    assert second.command.text == "systemctl restart nginx"
    assert second.command.script.commands[0].args[0].span == Span(6, 20, 6, 27)


def test_tasks_in_blocks_rescue_always_and_handlers():
    view = parse(
        """
        - hosts: all
          pre_tasks:
            - name: Pre
              ansible.builtin.debug: {msg: pre}
          tasks:
            - name: Outer
              block:
                - name: Inner
                  block:
                    - name: Deep
                      ansible.builtin.debug: {msg: deep}
              rescue:
                - name: Rescue
                  ansible.builtin.debug: {msg: r}
              always:
                - name: Always
                  ansible.builtin.debug: {msg: a}
          handlers:
            - name: Restart
              ansible.builtin.service: {name: x, state: restarted}
              listen: restart web
        """
    )
    assert [t.name for t in view.tasks] == ["Pre", "Deep", "Rescue", "Always", "Restart"]
    assert [b.name for b in view.blocks] == ["Outer", "Inner"]
    assert len(view.tasks[1].blocks) == 2 and view.tasks[1].play is view.plays[0]
    assert view.tasks[-1].is_handler and not view.tasks[0].is_handler
    assert [e.name for e in view.entries] == ["Pre", "Outer", "Inner", "Deep", "Rescue", "Always", "Restart"]


def test_keyword_inheritance_from_blocks_and_play():
    view = parse(
        """
        - hosts: all
          become: true
          tasks:
            - block:
                - name: Quiet
                  ansible.builtin.debug: {msg: x}
              no_log: true
        """
    )
    task = view.tasks[0]
    assert task.keyword("no_log") is True and task.keyword("become") is True
    assert task.keyword("when") is None


def test_conflicting_actions_are_kept_for_the_syntax_rule():
    view = parse(
        """
        - name: Misindented
          ansible.builtin.apt:
          name: nginx
          state: present
        """,
        path="tasks/main.yml",
    )
    assert view.tasks[0].action_keys == ("ansible.builtin.apt", "state")


def test_variables_and_their_origins():
    view = parse(
        """
        - hosts: all
          vars:
            play_var: 1
          roles:
            - role: web
              web_port: 80
              tags: [web]
          tasks:
            - name: Fact
              ansible.builtin.set_fact:
                fact_var: 2
              register: result_var
            - name: Role
              ansible.builtin.include_role:
                name: db
              vars:
                db_port: 5432
        """
    )
    found = {(d.name, d.origin, d.target_role) for d in view.var_defs}
    assert found == {
        ("play_var", "play", None),
        ("web_port", "role", "web"),
        ("fact_var", "set_fact", None),
        ("result_var", "register", None),
        ("db_port", "task", "db"),
    }


def test_references_to_other_files_and_roles():
    view = parse(
        """
        - import_playbook: base.yml
        - hosts: all
          vars_files: [vars/common.yml]
          roles: [web, {role: geerlingguy.docker}]
          tasks:
            - ansible.builtin.import_tasks: tasks/setup.yml
            - ansible.builtin.include_vars:
                file: extra.yml
            - ansible.builtin.include_role:
                name: db
        """
    )
    assert [(r.kind, r.target) for r in view.references] == [
        ("playbook", "base.yml"),
        ("vars", "vars/common.yml"),
        ("role", "web"),
        ("role", "geerlingguy.docker"),
        ("tasks", "tasks/setup.yml"),
        ("vars", "extra.yml"),
        ("role", "db"),
    ]


def test_file_roles_by_path():
    assert ansible.file_role("roles/web/tasks/main.yml") == "tasks"
    assert ansible.file_role("roles/web/defaults/main.yml") == "vars"
    assert ansible.file_role("roles/web/meta/main.yml") == "meta"
    assert ansible.file_role("group_vars/all.yml") == "vars"
    assert ansible.file_role("inventories/prod/hosts.yml") == "inventory"
    assert ansible.file_role("playbooks/site.yml") == "playbook"
    assert ansible.file_role("docs/index.yml") is None


def _documents(text: str):
    return yamlmodel.load(SourceFile("x.yml", dedent(text)))


def test_sniff_recognises_task_lists_and_inventories_but_not_data_lists():
    tasks = _documents("- name: A\n  ansible.builtin.apt:\n    name: x\n- name: B\n  service: {name: y}\n")
    data = _documents("- name: alice\n  value: 1\n- name: bob\n  value: 2\n")
    inventory = _documents("all:\n  hosts:\n    web1:\n  children:\n    db: {hosts: {db1: }}\n")
    assert ansible.sniff("setup.yml", tasks)
    assert not ansible.sniff("/nonexistent/data.yml", data)
    assert ansible.sniff("/nonexistent/hosts.yml", inventory)


def test_a_mapping_beside_a_playbook_is_a_vars_file(tmp_path):
    (tmp_path / "playbook.yaml").write_text("- hosts: all\n  tasks: []\n")
    (tmp_path / "inventory").write_text("[web]\nhost1\n")
    credentials = tmp_path / "credentials.yaml"
    credentials.write_text("token: abc\n")
    lonely = tmp_path / "elsewhere"
    lonely.mkdir()
    (lonely / "settings.yaml").write_text("token: abc\n")
    documents = _documents("token: abc\n")
    assert ansible.sniff(str(credentials), documents)
    assert not ansible.sniff(str(lonely / "settings.yaml"), documents)
    view = ansible.parse(SourceFile(str(credentials), "token: abc\n"), documents)
    assert view.role == "vars" and [d.name for d in view.var_defs] == ["token"]


def test_role_path_is_the_folder_below_roles(tmp_path):
    tasks = tmp_path / "roles" / "web" / "tasks"
    tasks.mkdir(parents=True)
    (tasks / "main.yml").write_text("- name: A\n  ansible.builtin.debug: {msg: x}\n")
    view = ansible.parse(SourceFile(str(tasks / "main.yml"), (tasks / "main.yml").read_text()), _documents("- name: A\n  ansible.builtin.debug: {msg: x}\n"))
    assert view.role_name == "web"


def test_noqa_with_ansible_lint_ids_and_skip_tag_become_suppressions():
    view = parse(
        """
        - hosts: all
          tasks:
            - debug:  # noqa name[missing] fqcn
                msg: hi
            - name: Skipped
              ansible.builtin.command: uptime
              tags: [skip_ansible_lint]
        """
    )
    found = view.suppressions()
    by_text = {s.text: s for s in found}
    noqa = by_text["# noqa name[missing] fqcn"]
    assert noqa.selectors == ("ansible-lint:name[missing]", "ansible-lint:fqcn")
    assert (noqa.start, noqa.end) == (3, 4)
    skip = by_text["tags: skip_ansible_lint"]
    assert "ansible-lint:no-changed-when" in skip.selectors and (skip.start, skip.end) == (5, 7)
    assert not any(s.startswith("ansible-lint:yaml") for s in skip.selectors)


def test_playbook_in_a_tasks_folder_is_a_playbook():
    view = parse(
        """
        - name: Form the cluster
          hosts: localhost
          gather_facts: no
          tasks:
            - name: Add a member
              ansible.builtin.debug:
                msg: hi
        """,
        "roles/node/molecule/default/tasks/converge.yml",
    )
    assert view.role == "playbook"
    assert [t.module for t in view.tasks] == ["ansible.builtin.debug"]


def test_event_driven_rulebook_is_not_a_playbook():
    text = "- name: Demo rules\n  hosts: localhost\n  sources:\n    - ansible.eda.range: {limit: 5}\n  rules:\n    - name: Say hi\n      condition: event.i == 1\n      action:\n        debug:\n"
    documents = yamlmodel.load(SourceFile("rulebooks/demo.yml", text))
    assert not ansible.sniff("rulebooks/demo.yml", documents)
