"""Collection metadata (galaxy.yml, meta/runtime.yml), file naming, task-name prefixes,
role argument specs and the cloud policies: exact positions and what must not fire."""

import os
import subprocess
import sys

from ansible_support import dedent, lint

from lintkit import yamlmodel
from lintkit.parsers import ansible
from lintkit.source import SourceFile


def where(findings):
    return [(f.rule, f.path, f.line, f.column, f.span.end_column) for f in findings]


def sniffed_role(path, text):
    source = SourceFile(path, dedent(text))
    documents = yamlmodel.load(source)
    return ansible.sniff(path, documents), ansible.parse(source, documents).role


# --- the parser: galaxy.yml and meta/runtime.yml -----------------------------------------


def test_collection_metadata_files_are_recognised():
    assert sniffed_role("acme/web/galaxy.yml", "namespace: acme\nname: web\nversion: 1.0.0\n") == (True, "galaxy")
    assert sniffed_role("acme/web/meta/runtime.yml", "requires_ansible: '>=2.16.0'\n") == (True, "runtime")


def test_files_only_named_like_collection_metadata_keep_their_kind():
    # A task list called galaxy.yml (installing roles from Galaxy) stays a task file.
    tasks = "- name: Install roles\n  ansible.builtin.command: ansible-galaxy install -r requirements.yml\n"
    assert sniffed_role("playbooks/tasks/galaxy.yml", tasks) == (True, "tasks")
    # An unrelated mapping called galaxy.yml alone in a folder is not Ansible at all.
    assert sniffed_role("site/data/galaxy.yml", "stars: 100\nplanets: 8\n")[0] is False


# --- meta-runtime -----------------------------------------------------------------------


def test_meta_runtime_versions():
    def run(value):
        return [f.message for f in lint(f"requires_ansible: {value}\n", ["AN066"], filename="meta/runtime.yml")]

    assert run('">=2.16.0"') == []
    assert run('">=2.15.0,<2.20.0"') == []
    assert run('">=2.16"') and "full, supported" in run('">=2.16"')[0]  # short form
    assert run('">=2.9.10"')  # end of life
    assert "not a valid version specifier" in run('"2.16.0"')[0]  # no operator
    assert "not a valid version specifier" in run("2.16")[0]  # a float


def test_meta_runtime_without_requires_ansible_points_at_the_first_key():
    findings = lint("plugin_routing:\n  modules: {}\n", ["AN066"], filename="meta/runtime.yml")
    assert where(findings) == [("AN066", "meta/runtime.yml", 1, 1, 15)]


def test_role_meta_folder_is_not_collection_runtime():
    findings = lint("galaxy_info:\n  author: Jane\n", ["AN066"], filename="roles/web/meta/runtime.yml")
    assert findings == []


# --- galaxy -----------------------------------------------------------------------------


def test_galaxy_findings_point_at_the_offending_token():
    findings = lint(
        """
        namespace: acme
        name: web
        version: 1.0
        tags:
          - Web
          - tools
        dependencies:
          community.general:
        """,
        ["AN067"],
        filename="galaxy.yml",
    )
    assert where(findings) == [
        ("AN067", "galaxy.yml", 1, 1, 10),  # missing readme, authors; and no meta/runtime.yml
        ("AN067", "galaxy.yml", 1, 1, 10),
        ("AN067", "galaxy.yml", 3, 10, 13),  # 1.0 is not semver
        ("AN067", "galaxy.yml", 5, 5, 8),  # Web
        ("AN067", "galaxy.yml", 8, 21, 21),  # empty dependency version
    ]


def test_galaxy_complete_collection_is_clean():
    galaxy = "namespace: acme\nname: web\nversion: 0.1.0-beta.1+build.5\nreadme: README.md\nauthors: [Jane]\ntags: [tools, web_server]\n"
    findings = lint(galaxy, ["AN067"], filename="galaxy.yml", **{"meta/runtime.yml": "requires_ansible: '>=2.16.0'\n"})
    assert findings == []
    versions = lint(galaxy, ["AN068"], filename="galaxy.yml")
    assert [f.message for f in versions] == ["Collection version 0.1.0-beta.1+build.5 is below 1.0.0"]


# --- playbook-extension, template-extension, moved lookups -------------------------------


def test_playbook_linted_under_a_name_without_yaml_extension(tmp_path):
    path = tmp_path / "site"
    path.write_text("- name: Web\n  hosts: all\n  tasks: []\n")
    lintkit = os.path.join(os.path.dirname(sys.executable), "lintkit")
    proc = subprocess.run(
        [lintkit, "check", "--isolated", "--kind", "ansible", "--select", "AN062", "--format", "json", str(path)],
        capture_output=True, text=True,
    )
    assert '"rule": "AN062"' in proc.stdout, proc.stdout + proc.stderr


def test_imported_playbook_with_template_or_yaml_name_is_fine():
    findings = lint(
        """
        - ansible.builtin.import_playbook: "{{ target }}"
        - ansible.builtin.import_playbook: db.yaml
        - import_playbook: web.json
        - ansible.builtin.import_playbook: acme.web.deploy
        """,
        ["AN062"],
        filename="site.yml",
    )
    # acme.web.deploy: a collection's playbook by its FQCN, not a file.
    assert where(findings) == [("AN062", "site.yml", 3, 20, 28)]


def test_template_src_from_a_variable_is_not_judged():
    findings = lint(
        """
        - name: Render
          ansible.builtin.template:
            src: "{{ item }}"
            dest: /etc/app/
          loop: "{{ files }}"
        - name: Render free-form
          template: src=app.conf dest=/etc/app.conf mode=0644
        """,
        ["AN063"],
        filename="roles/app/tasks/main.yml",
    )
    assert where(findings) == [("AN063", "roles/app/tasks/main.yml", 7, 13, 25)]


def test_moved_loop_lookup_points_at_the_loop_key():
    findings = lint(
        """
        - name: Pairs
          ansible.builtin.debug:
            msg: "{{ item }}"
          with_cartesian:
            - [a, b]
            - [c, d]
        - name: Builtin loop
          ansible.builtin.debug:
            msg: "{{ item }}"
          with_items: [a]
        """,
        ["AN065"],
        filename="roles/app/tasks/main.yml",
    )
    assert where(findings) == [("AN065", "roles/app/tasks/main.yml", 4, 3, 17)]


# --- name-prefix ------------------------------------------------------------------------


def test_name_prefix_uses_folders_below_tasks_and_skips_main():
    tasks = "- name: Install\n  ansible.builtin.apt:\n    name: nginx\n"
    assert lint(tasks, ["AN064"], filename="roles/web/tasks/main.yml") == []
    nested = lint(tasks, ["AN064"], filename="roles/web/tasks/db/users.yml")
    assert [f.message for f in nested] == ["Task name should start with 'db | users | '"]
    good = "- name: db | users | Install\n  ansible.builtin.apt:\n    name: nginx\n"
    assert lint(good, ["AN064"], filename="roles/web/tasks/db/users.yml") == []
    # Handlers are not task files.
    assert lint(tasks, ["AN064"], filename="roles/web/handlers/restart.yml") == []


# --- role-argument-spec -----------------------------------------------------------------


def test_role_argument_spec_file_satisfies_the_rule():
    meta = "galaxy_info:\n  author: Jane\n"
    spec = "argument_specs:\n  main:\n    options: {}\n"
    findings = lint(meta, ["AN069"], filename="roles/web/meta/main.yml", **{"roles/web/meta/argument_specs.yml": spec})
    assert findings == []


def test_role_without_meta_reports_on_tasks_main_once():
    tasks = "- name: Install\n  ansible.builtin.apt:\n    name: nginx\n"
    findings = lint(tasks, ["AN069"], filename="roles/web/tasks/main.yml", **{"roles/web/tasks/other.yml": tasks})
    assert where(findings) == [("AN069", "roles/web/tasks/main.yml", 1, 1, 2)]


# --- cloud policies ---------------------------------------------------------------------


def test_ec2_public_ip():
    findings = lint(
        """
        - name: Existing instance
          amazon.aws.ec2_instance:
            instance_ids: [i-0123]
            state: stopped
        - name: Templated
          amazon.aws.ec2_instance:
            image_id: ami-1
            network:
              assign_public_ip: "{{ public }}"
        - name: Interfaces
          amazon.aws.ec2_instance:
            image_id: ami-1
            network_interfaces:
              - assign_public_ip: false
              - assign_public_ip: yes
        - name: Default subnet
          ec2_instance:
            image_id: ami-1
        """,
        ["AN070"],
        filename="roles/cloud/tasks/main.yml",
    )
    assert where(findings) == [
        ("AN070", "roles/cloud/tasks/main.yml", 15, 27, 30),  # yes
        ("AN070", "roles/cloud/tasks/main.yml", 17, 3, 15),  # no setting: at ec2_instance
    ]


def test_panos_rule_deleted_or_templated_is_not_judged():
    findings = lint(
        """
        - name: Remove rule
          paloaltonetworks.panos.panos_security_rule:
            rule_name: old
            state: absent
        - name: Look the rule up
          paloaltonetworks.panos.panos_security_rule:
            rule_name: web
            state: gathered
        - name: Templated sources
          paloaltonetworks.panos.panos_security_rule:
            rule_name: web
            source_ip: "{{ sources }}"
        - name: Any to any
          panos_security_rule:
            rule_name: web2
            source_ip: [any]
        """,
        ["AN077"],
        filename="roles/fw/tasks/main.yml",
    )
    assert where(findings) == [("AN077", "roles/fw/tasks/main.yml", 16, 16, 21)]


def test_name_prefix_checks_named_blocks_too():
    # ansible-lint reads a named block of a task file as a task (dev-sec's limits.yml).
    findings = lint(
        """
        - name: Disable coredumps
          when: not enabled
          block:
            - name: limits | Write limits
              ansible.builtin.debug:
                msg: x
        """,
        ["AN064"],
        filename="roles/os/tasks/limits.yml",
    )
    assert where(findings) == [("AN064", "roles/os/tasks/limits.yml", 1, 9, 26)]


# --- args-valid -------------------------------------------------------------------------


def test_args_valid_points_at_the_unknown_option():
    findings = lint(
        """
        - name: Free-form typo
          apt: name=nginx sate=present
        - name: Removed option
          ansible.builtin.command: echo hi warn=no
        - name: Through args
          ansible.builtin.file:
            state: directory
          args:
            path: /srv
            modee: "0755"
        - name: Template without dest
          template:
            src: a.j2
        """,
        ["AN087"],
        filename="roles/app/tasks/main.yml",
    )
    assert [(f.line, f.column, f.message) for f in findings] == [
        (2, 19, "apt does not accept the option 'sate'"),
        (4, 36, "command does not accept the option 'warn'"),
        (10, 5, "file does not accept the option 'modee'"),
        (12, 3, "template requires the option 'dest'"),
    ]


def test_args_valid_leaves_what_it_cannot_know_alone():
    findings = lint(
        """
        - name: Service hands its options to the systemd backend
          ansible.builtin.service:
            name: nginx
            daemon_reload: true
        - name: Systemd by its short alias
          ansible.builtin.systemd:
            name: nginx
            daemon_reload: true
        - name: Arguments from a variable
          ansible.builtin.copy: "{{ copy_args }}"
        - name: Arguments string
          ansible.builtin.file:
          args: "{{ file_args }}"
        - name: Defaults supply the path
          ansible.builtin.file:
            state: directory
          module_defaults:
            ansible.builtin.file:
              path: /srv
        - name: Aliases count
          ansible.builtin.file:
            dest: /srv
            state: directory
        - name: A module outside the table
          ansible.builtin.set_fact:
            anything: 1
        """,
        ["AN087"],
        filename="roles/app/tasks/main.yml",
    )
    assert findings == []


def test_skip_ansible_lint_tag_silences_args_and_template_extension():
    findings = lint(
        """
        - name: Legacy task
          ansible.builtin.template:
            src: app.conf
            dst: /etc/app.conf
          tags: [skip_ansible_lint]
        """,
        ["AN087", "AN063"],
        filename="roles/app/tasks/main.yml",
    )
    assert findings == []


def test_name_prefix_of_a_task_file_outside_tasks_folders_names_its_folder():
    # ansible-for-devops docker-flask/provisioning/docker.yml: ansible-lint expects
    # 'provisioning | docker | ' (the file's folder, then its stem).
    tasks = "- name: Install\n  ansible.builtin.apt:\n    name: nginx\n"
    playbook = "- name: Provision\n  hosts: all\n  tasks:\n    - name: Docker\n      ansible.builtin.import_tasks: docker.yml\n"
    findings = lint(tasks, ["AN064"], filename="provisioning/docker.yml", **{"provisioning/main.yml": playbook})
    assert [f.message for f in findings] == ["Task name should start with 'provisioning | docker | '"]


def test_galaxy_findings_carry_ansible_lint_tags_for_noqa():
    galaxy = "namespace: acme\nname: web\nversion: 1.0.0\nreadme: README.md\nauthors: [Jane]\ntags:\n  - Web  # noqa: galaxy[tags-format]\n  - Db\n"
    findings = lint(galaxy, ["AN067"], filename="galaxy.yml", **{"meta/runtime.yml": "requires_ansible: '>=2.16.0'\n"})
    assert [(f.line, f.aliases) for f in findings] == [(8, ("ansible-lint:galaxy", "ansible-lint:galaxy[tags-format]"))]
