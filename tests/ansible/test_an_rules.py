"""Ansible rules on snippets: exact positions and messages, and what must not fire."""

from ansible_support import lint


def where(findings):
    return [(f.rule, f.line, f.column, f.span.end_column) for f in findings]


def test_seed_playbook_findings_point_at_the_offending_token():
    findings = lint(
        """
        - hosts: production
          become: yes
          tasks:
            - copy:
                src: nginx.conf
                dest: /etc/nginx/nginx.conf
                mode: 0777
            - name: pull and run frontend
              shell: docker run -d --name frontend -p 80:80 kcoursedocker/frontend-demo:v1
            - name: install docker
              apt:
                name: docker.io
                state: latest
            - name: log in to registry
              command: docker login -u kcoursedocker -p hunter2
        """,
        select=["AN001", "AN002", "AN007", "AN009", "AN016", "AN056"],
        filename="playbook.yaml",
    )
    assert where(findings) == [
        ("AN002", 1, 3, 8),  # play without a name: at its first key
        ("AN002", 4, 7, 11),  # task without a name: at `copy`
        ("AN016", 7, 15, 19),  # 0777
        ("AN009", 9, 7, 12),  # shell
        ("AN007", 9, 14, 20),  # docker (run)
        ("AN001", 13, 16, 22),  # latest
        ("AN009", 15, 7, 14),  # command
        ("AN007", 15, 16, 22),  # docker (login)
        ("AN056", 15, 49, 56),  # hunter2
    ]
    messages = {f.rule + str(f.line): f.message for f in findings}
    assert messages["AN0079"] == "docker run used in place of the community.docker.docker_container module"
    assert "hunter2" not in messages["AN05615"] and "hu*****" in messages["AN05615"]


def test_docker_run_publish_flag_is_not_a_password():
    findings = lint(
        """
        - name: Run
          ansible.builtin.command: docker run -d -p 80:80 nginx:1.27
          changed_when: true
        """,
        select=["AN056", "AN036"],
        filename="roles/web/tasks/main.yml",
    )
    assert findings == []


def test_secret_variable_on_a_command_line_needs_no_log():
    text = """
        - name: Log in
          ansible.builtin.command: mysql -uroot -p{{ mysql_root_password }} -e "select 1"
          changed_when: false
        """
    findings = lint(text, select=["AN036", "AN056"], filename="roles/db/tasks/main.yml")
    assert where(findings) == [("AN036", 2, 43, 68)]
    quiet = lint(text + "  no_log: true\n", select=["AN036"], filename="roles/db/tasks/main.yml")
    assert quiet == []


def test_loop_secret_only_when_taken_from_the_item():
    findings = lint(
        """
        - name: Lock system accounts
          ansible.builtin.user:
            name: "{{ item }}"
            password: "*"
          loop: "{{ system_users }}"
        - name: Create users
          ansible.builtin.user:
            name: "{{ user.name }}"
            password: "{{ user.password }}"
          loop: "{{ users }}"
          loop_control:
            loop_var: user
        - name: Create users with a label
          ansible.builtin.user:
            name: "{{ item.name }}"
            password: "{{ item.password }}"
          loop: "{{ users }}"
          loop_control:
            label: "{{ item.name }}"
        """,
        select=["AN036"],
        filename="roles/users/tasks/main.yml",
    )
    assert where(findings) == [("AN036", 9, 15, 36)]


def test_plaintext_secrets_in_vars_files_and_tasks():
    findings = lint(
        """
        db_user: app
        db_password: hunter2
        db_password_file: /run/secrets/db
        api_token: !vault |
          $ANSIBLE_VAULT;1.1;AES256
          6231336539666234
        admin_password: "{{ vault_admin_password }}"
        os_auth_pam_passwdqc_options: "min=disabled,disabled,16,12,8"
        user_hash: "$6$salt$abcdefgh"
        users:
          - name: bob
            password: s3cr3t
        """,
        select=["AN057"],
        filename="group_vars/all.yml",
    )
    assert where(findings) == [("AN057", 2, 14, 21), ("AN057", 12, 15, 21)]
    assert findings[0].message == "db_password is stored in clear (hu*****): encrypt it with ansible-vault"


def test_vault_encrypted_file_is_an_ansible_file_without_clear_secrets():
    from lintkit.testing import lint_files

    files = {"group_vars/all/vault.yml": "$ANSIBLE_VAULT;1.1;AES256\n6231336539666234\n"}
    assert lint_files(files, select=["ansible"]) == []
    from lintkit import yamlmodel
    from lintkit.parsers import ansible
    from lintkit.source import SourceFile

    source = SourceFile("group_vars/all/vault.yml", files["group_vars/all/vault.yml"])
    documents = yamlmodel.load(source)
    assert ansible.sniff(source.path, documents)
    assert ansible.parse(source, documents).is_vault_encrypted


def test_command_instead_of_shell_respects_builtins_and_shell_syntax():
    findings = lint(
        """
        - name: A
          ansible.builtin.shell: uptime
          changed_when: false
        - name: B
          ansible.builtin.shell: cd /srv
          changed_when: false
        - name: C
          ansible.builtin.shell: echo $HOME > /tmp/home
          changed_when: false
        - name: D
          ansible.builtin.shell: "{{ command_line }}"
          changed_when: false
        - name: E
          ansible.builtin.shell: echo {{ x | default('a') }}
          changed_when: false
        """,
        select=["AN008"],
        filename="tasks/main.yml",
    )
    assert [(f.line, f.message) for f in findings] == [
        (2, "shell used for a command that needs no shell; use ansible.builtin.command"),
        (14, "shell used for a command that needs no shell; use ansible.builtin.command"),
    ]
    assert findings[0].fix.edits[0].text == "ansible.builtin.command"


def test_risky_shell_pipe_points_at_the_pipeline_and_honours_pipefail():
    findings = lint(
        """
        - name: A
          ansible.builtin.shell: |
            set -e
            curl -fsSL https://x | tar xz
          changed_when: true
        - name: B
          ansible.builtin.shell: set -o pipefail && curl -fsSL https://x | tar xz
          args:
            executable: /bin/bash
          changed_when: true
        - name: C
          ansible.builtin.shell: grep 'a|b' /etc/hosts
          changed_when: false
        """,
        select=["AN010"],
        filename="tasks/main.yml",
    )
    assert where(findings) == [("AN010", 4, 5, 34)]


def test_fqcn_with_fix_and_collection_modules():
    findings = lint(
        """
        - name: Web
          hosts: all
          collections: [community.general]
          tasks:
            - name: Container
              docker_container:
                name: web
            - name: Custom
              my_module:
                x: 1
            - name: Legacy
              ansible.legacy.copy:
                src: a
                dest: b
                mode: "0644"
        """,
        select=["AN005"],
    )
    assert [(f.line, f.message) for f in findings] == [
        (3, "Avoid the collections keyword: write the fully-qualified name of each module instead"),
        (6, "Use the fully-qualified name community.docker.docker_container for docker_container"),
    ]
    assert findings[1].fix.edits[0].text == "community.docker.docker_container"


def test_no_changed_when_accepts_creates_removes_and_fire_and_forget():
    findings = lint(
        """
        - name: A
          ansible.builtin.command: make install
          args:
            creates: /usr/local/bin/app
        - name: B
          ansible.builtin.command: ./long-job
          async: 3600
          poll: 0
        - name: C
          ansible.builtin.shell: ./migrate
        """,
        select=["AN009"],
        filename="tasks/main.yml",
    )
    assert where(findings) == [("AN009", 10, 3, 24)]


def test_var_naming_role_prefix_pattern_and_reserved(tmp_path):
    findings = lint(
        """
        - name: Facts
          ansible.builtin.set_fact:
            web_port: 80
            http_port: 81
          register: result
        """,
        select=["AN029"],
        filename="roles/web/tasks/main.yml",
        **{"roles/web/defaults/main.yml": "web_user: www\nEnvironment: prod\nhostvars: x\n"},
    )
    assert [(f.path, f.line, f.message) for f in findings] == [
        ("roles/web/defaults/main.yml", 2, "Variable names should match ^[a-z_][a-z0-9_]*$ (Environment)"),
        ("roles/web/defaults/main.yml", 3, "This special variable is read-only (hostvars)"),
        ("roles/web/tasks/main.yml", 4, "Variables of role web should start with web_ (http_port)"),
        ("roles/web/tasks/main.yml", 5, "Variables of role web should start with web_ (result)"),
    ]


def test_var_naming_prefix_of_a_role_named_with_a_leading_underscore(tmp_path):
    findings = lint(
        "- name: Facts\n  ansible.builtin.set_fact:\n    common_url: x\n    other_url: y\n",
        select=["AN029"],
        filename="roles/_common/tasks/main.yml",
        **{"roles/_common/defaults/main.yml": "_common_binary_url: https://example.com/bin\n__common_cache: []\n"},
    )
    assert [(f.path, f.line, f.column, f.message) for f in findings] == [
        ("roles/_common/tasks/main.yml", 4, 5, "Variables of role _common should start with common_ (other_url)"),
    ]


def test_yaml_layout_rules():
    findings = lint(
        "#Deploy\n"
        "- name: Web\n"
        "  hosts: all\n"
        "  become: yes\n"
        "  tags: [ web ]\n"
        "  tasks:\n"
        "  - name: Dir\n"
        "    ansible.builtin.file:\n"
        "      path: /srv   \n"
        "      state: directory\n"
        "      mode: 0755\n",
        select=["AN041", "AN042", "AN044", "AN045", "AN047", "AN048"],
    )
    assert [(f.rule, f.line, f.column, f.message) for f in findings] == [
        ("AN047", 1, 2, "Missing starting space in comment"),
        ("AN041", 4, 11, "Truthy value yes should be true or false"),
        ("AN048", 5, 9, "Too many spaces inside brackets"),
        ("AN044", 7, 1, "Wrong indentation: expected at least 3"),
        ("AN045", 9, 17, "Trailing spaces"),
        ("AN042", 11, 13, 'Unquoted implicit octal value 0755: quote it ("0755")'),
    ]


def test_yamllint_directives_silence_the_yaml_rules():
    findings = lint(
        "- name: Web\n"
        "  hosts: all\n"
        "  tasks:\n"
        "    - name: Say hi\n"
        "      ansible.builtin.debug:\n"
        "        # yamllint disable-line rule:line-length\n"
        "        msg: " + " ".join(["word"] * 40) + "\n"
        "    - name: Again\n"
        "      ansible.builtin.debug:\n"
        "        msg: " + "word " * 40 + "  # yamllint disable-line\n"
        "  become: yes  # yamllint disable-line rule:truthy\n"
        "  gather_facts: yes\n",
        select=["AN041", "AN043", "AN045"],
    )
    assert [(f.rule, f.line) for f in findings] == [("AN041", 12)]


def test_indentation_width_is_unknown_until_first_nested_mapping():
    findings = lint(
        """
        - hosts: all
          tasks:
          - name: Hi
            ansible.builtin.debug:
              msg: hi
        """,
        select=["AN044"],
    )
    assert [(f.line, f.message) for f in findings] == [(3, "Wrong indentation: expected at least 3")]


def test_jinja_spacing_points_at_the_expression():
    findings = lint(
        """
        - name: Include
          ansible.builtin.include_vars: "{{ansible_facts.distribution}}.yml"
        - name: Ok
          ansible.builtin.debug:
            msg: "{{ lookup('env', 'HOME') }} {{ a[0] | default(b, true) }}"
        - name: Trim markers
          ansible.builtin.debug:
            msg: "{%- if x -%}{{ y }}{%- endif -%}"
        """,
        select=["AN028"],
        filename="tasks/main.yml",
    )
    assert [(f.line, f.column, f.span.end_column, f.message) for f in findings] == [
        (2, 34, 64, "Jinja2 spacing could be improved: {{ansible_facts.distribution}} -> {{ ansible_facts.distribution }}"),
    ]


def test_syntax_valid_conflicting_actions():
    findings = lint(
        """
        - name: Install nginx
          ansible.builtin.apt:
          name: nginx
          state: present
        - name: Only keywords
          when: x
        """,
        select=["AN058"],
        filename="tasks/main.yml",
    )
    assert [(f.line, f.column, f.message) for f in findings if f.rule == "AN058"] == [
        (4, 3, "conflicting action statements: ansible.builtin.apt, state (is state a misspelt keyword or a misindented argument?)"),
        (5, 3, "no module/action detected in task"),
    ]


def test_include_targets_resolve_from_the_file_and_the_role(tmp_path):
    findings = lint(
        """
        - name: Present in the role's tasks/
          ansible.builtin.import_tasks: setup.yml
        - name: Missing
          ansible.builtin.include_tasks: nowhere.yml
        - name: Dynamic
          ansible.builtin.include_tasks: "{{ ansible_os_family }}.yml"
        """,
        select=["AN060"],
        filename="roles/web/tasks/main.yml",
        **{"roles/web/tasks/setup.yml": "- name: A\n  ansible.builtin.debug: {msg: a}\n"},
    )
    assert [(f.path, f.line, f.message) for f in findings] == [
        ("roles/web/tasks/main.yml", 4, "ansible.builtin.include_tasks: nowhere.yml not found"),
    ]


def test_include_targets_of_a_role_kept_at_the_top_of_its_repository():
    """Galaxy and CIS roles keep tasks/, vars/, handlers/ at the repository's top: a
    relative include there resolves as under roles/<name>/ (the role's tasks/ or vars/,
    then its top, then the including file's folder)."""
    findings = lint(
        """
        - name: Beside this file
          ansible.builtin.import_tasks: b.yml
        - name: In the role's tasks/
          ansible.builtin.import_tasks: c.yml
        - name: In the role's vars/
          ansible.builtin.include_vars: v.yml
        - name: Missing
          ansible.builtin.include_vars: nowhere.yml
        """,
        select=["AN060"],
        filename="tasks/sub/a.yml",
        **{
            "tasks/main.yml": "- name: Main\n  ansible.builtin.import_tasks: sub/a.yml\n",
            "tasks/sub/b.yml": "- name: B\n  ansible.builtin.debug: {msg: b}\n",
            "tasks/c.yml": "- name: C\n  ansible.builtin.debug: {msg: c}\n",
            "vars/v.yml": "x: 1\n",
            "meta/main.yml": "galaxy_info:\n  role_name: r\n",
        },
    )
    assert [(f.path, f.line, f.column, f.message) for f in findings] == [
        ("tasks/sub/a.yml", 8, 33, "ansible.builtin.include_vars: nowhere.yml not found"),
    ]


def test_notify_unknown_handler_across_files_and_listen():
    findings = lint(
        """
        - name: Configure
          ansible.builtin.template:
            src: a.j2
            dest: /etc/a
            mode: "0644"
          notify:
            - Restart web
            - reload all
            - web : Restart web
            - Restart wbe
        """,
        select=["AN061"],
        filename="roles/web/tasks/main.yml",
        **{
            "roles/web/handlers/main.yml": (
                "- name: Restart web\n  ansible.builtin.service: {name: web, state: restarted}\n  listen: reload all\n"
            ),
            "site.yml": "- name: Web\n  hosts: all\n  roles: [web]\n",
        },
    )
    assert [(f.line, f.message) for f in findings] == [(10, "No handler named or listening to 'Restart wbe' in the project")]


def test_notify_is_not_checked_when_the_handlers_were_not_part_of_the_run(tmp_path):
    from lintkit.discover import discover
    from lintkit.engine import RunOptions, run
    from lintkit.registry import Selection

    tasks = tmp_path / "roles" / "web" / "tasks"
    handlers = tmp_path / "roles" / "web" / "handlers"
    tasks.mkdir(parents=True)
    handlers.mkdir(parents=True)
    (tasks / "main.yml").write_text("- name: Configure\n  ansible.builtin.debug: {msg: x}\n  notify: Restart web\n")
    (handlers / "main.yml").write_text("- name: Restart web\n  ansible.builtin.debug: {msg: y}\n")
    (tmp_path / "site.yml").write_text("- name: Web\n  hosts: all\n  roles: [web]\n")
    # pre-commit passes only the changed file: its role's handlers are not read.
    for paths in ([str(tasks / "main.yml")], [str(tasks / "main.yml"), str(tmp_path / "site.yml")]):
        result = run(discover(paths).targets, RunOptions(selection=Selection(["AN061"], []), jobs=1))
        assert [f for f in result.findings if f.rule == "AN061"] == []


def test_noqa_with_ansible_lint_ids_silences_the_mapped_rule():
    findings = lint(
        """
        - hosts: all  # noqa name[play]
          tasks:
            - debug:  # noqa name[missing] fqcn[action-core]
                msg: hi
        """,
        select=["AN002", "AN005"],
    )
    assert findings == []


def test_secrets_passed_as_environment_or_chart_values():
    findings = lint(
        """
        - name: Start app
          ansible.builtin.command: docker run -d -e DB_PASSWORD=hunter2 -e LOG_LEVEL=debug app:1.4
          changed_when: true
        - name: Install chart
          ansible.builtin.command: helm upgrade --install db bitnami/postgresql --set auth.password=s3cr3t
          changed_when: true
        - name: Start with a vaulted value
          ansible.builtin.command: docker run -d --env=API_TOKEN={{ vault_api_token }} app:1.4
          changed_when: true
          no_log: true
        """,
        select=["AN056", "AN036"],
        filename="tasks/main.yml",
    )
    assert [(f.rule, f.line, f.message.split(":")[0]) for f in findings] == [
        ("AN056", 2, "Secret on the command line (-e DB_PASSWORD= hu*****)"),
        ("AN056", 5, "Secret on the command line (--set auth.password= s3****)"),
    ]


def test_run_once_with_free_strategy_from_the_play_or_ansible_cfg():
    play = """
        - name: Web
          hosts: all
          tasks:
            - name: Migrate
              ansible.builtin.command: ./migrate
              run_once: true
              changed_when: true
        """
    assert lint(play, select=["AN032"]) == []
    findings = lint(play, select=["AN032"], **{"ansible.cfg": "[defaults]\nstrategy = free\n"})
    assert [(f.line, f.column) for f in findings] == [(6, 7)]
