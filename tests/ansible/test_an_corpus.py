"""Regression tests on real files of the shared corpus (read in place, skipped without it):
each false alarm fixed while comparing with ansible-lint stays fixed."""

import os

import pytest
from ansible_support import CORPUS, corpus_file

from lintkit.discover import discover
from lintkit.engine import RunOptions, run
from lintkit.registry import Selection


def lint_paths(paths, select):
    result = run(discover(paths).targets, RunOptions(selection=Selection(select, []), jobs=1))
    assert not result.errors, result.errors
    return result


def findings_in(relative, select):
    return lint_paths([corpus_file(relative)], select).findings


def test_whole_corpus_lints_without_internal_errors():
    if not os.path.isdir(CORPUS):
        pytest.skip("Ansible corpus not available")
    result = lint_paths([CORPUS], ["ansible"])
    assert result.files["ansible"] >= 370
    assert not result.skipped


def test_pam_option_strings_are_not_secrets():
    # os_auth_pam_passwdqc_options: "auth" and "passwd" in the name, but an option string.
    findings = findings_in("dev-sec__ansible-collection-hardening/roles/os_hardening/defaults/main.yml", ["AN057"])
    assert findings == []


def test_locked_password_in_a_loop_is_not_a_leak():
    # password: '*' over a loop of user names: the item holds no secret.
    findings = findings_in("dev-sec__ansible-collection-hardening/roles/os_hardening/tasks/user_accounts.yml", ["AN036"])
    assert findings == []


def test_password_taken_from_the_loop_item_is_a_leak():
    findings = findings_in("geerlingguy__ansible-role-postgresql/tasks/databases.yml", ["AN036"])
    assert [(f.line, f.message) for f in findings] == [
        (10, "Each loop item is printed, and login_password comes from it: set no_log: true (or loop_control.label)")
    ]


def test_noqa_with_ansible_lint_ids_is_honoured():
    # `- debug:  # noqa name[missing]` in kubespray.
    findings = findings_in("kubernetes-sigs__kubespray/roles/kubernetes/node-label/tasks/main.yml", ["AN002"])
    assert findings == []


def test_trim_markers_are_not_a_spacing_problem():
    # {%- if ... -%} {{ x }} {%- else -%}: ansible-lint reports these because its
    # lexer drops the whitespace the trim markers eat; the template is fine.
    findings = findings_in("kubernetes-sigs__kubespray/roles/kubernetes-apps/ansible/tasks/main.yml", ["AN028"])
    assert findings == []


def test_docker_run_port_flags_are_not_passwords():
    findings = findings_in("dev-sec__ansible-collection-hardening/molecule/ssh_hardening/verify.yml", ["AN056", "AN036"])
    assert findings == []


def test_lists_indented_under_their_key_are_accepted():
    # kubespray indents some lists and not others in one file: only the others are reported.
    findings = findings_in("kubernetes-sigs__kubespray/roles/network_plugin/macvlan/tasks/main.yml", ["AN044"])
    assert [f.line for f in findings] == [33, 41, 58, 66, 76, 86]
