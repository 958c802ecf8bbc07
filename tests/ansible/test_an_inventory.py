"""INI and YAML inventories: what is claimed, how it is read, what the secret rules see."""

from ansible_support import SEEDS, dedent

from lintkit.model import Span
from lintkit.parsers import ansible, ansible_inventory
from lintkit.rules.ansible import no_plaintext_secrets
from lintkit.source import SourceFile


def _lint(view):
    return list(no_plaintext_secrets.check.check(view, None))


INI = """
# production hosts
[web]
web1.example.com ansible_host=203.0.113.10 ansible_password=hunter2
web2.example.com ansible_user=deploy

[web:vars]
ansible_become_pass = "s3cr3t!"
http_port=8080

[all:children]
web
"""


def test_ini_inventory_groups_hosts_and_variables_with_positions():
    inventory = ansible_inventory.parse_ini(SourceFile("inventory", dedent(INI)))
    assert inventory.groups["web"].hosts == ["web1.example.com", "web2.example.com"]
    assert inventory.groups["all"].children == ["web"]
    found = {(d.name, d.value, d.value_span) for d in inventory.var_defs}
    assert ("ansible_password", "hunter2", Span(3, 61, 3, 68)) in found
    assert ("ansible_become_pass", "s3cr3t!", Span(7, 23, 7, 32)) in found
    assert ("http_port", 8080, Span(8, 11, 8, 15)) in found


def test_ini_inventory_secrets_are_reported_at_their_value():
    view = ansible.parse(SourceFile("inventory", dedent(INI)))
    assert view.role == "inventory"
    problems = _lint(view)
    assert [(p.span.line, p.span.column, p.message) for p in problems] == [
        (3, 61, "ansible_password is stored in clear (hu*****): encrypt it with ansible-vault"),
        (7, 23, "ansible_become_pass is stored in clear (s3*****): encrypt it with ansible-vault"),
    ]


def test_yaml_inventory():
    text = dedent(
        """
        all:
          hosts:
            web1:
              ansible_password: hunter2
          children:
            db:
              hosts:
                db1:
              vars:
                db_password: "{{ vault_db_password }}"
        """
    )
    from lintkit import yamlmodel

    source = SourceFile("inventories/prod/hosts.yml", text)
    view = ansible.parse(source, yamlmodel.load(source))
    assert view.role == "inventory"
    assert set(view.inventory.groups) == {"all", "db"}
    assert [(p.span.line, p.span.column) for p in _lint(view)] == [(4, 25)]


def test_claims_inventories_by_name_and_folder(tmp_path):
    def write(relative, text):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return str(path)

    assert ansible.claims(write("inventory", "[web]\n203.0.113.10\n"))
    assert ansible.claims(write("inventories/prod/hosts", "[db]\ndb1 ansible_user=admin\n"))
    assert ansible.claims(write("inventories/staging.ini", "web1\n"))
    # /etc/hosts style: words after the host are not key=value.
    assert not ansible.claims(write("docker/hosts", "127.0.0.1 localhost\n"))
    assert not ansible.claims(write("setup.cfg", "[metadata]\nname = x\n"))
    # A YAML inventory without extension is YAML, not INI (the YAML loader reads it).
    assert not ansible.claims(write("inventories/yaml/hosts", "all:\n  hosts:\n    web1:\n"))


def test_seed_inventory_is_an_inventory():
    path = f"{SEEDS}/ansible-deploy/inventory"
    import os

    if not os.path.isfile(path):
        import pytest

        pytest.skip("seed examples not available")
    assert ansible.claims(path)
    with open(path) as fh:
        view = ansible.parse(SourceFile(path, fh.read()))
    assert view.inventory.groups["production"].hosts == ["203.0.113.10"]
