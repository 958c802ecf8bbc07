"""The compose layer: interpolation, .env, ports, volumes, v1 detection, effective services."""

import os

import pytest

from lintkit import project
from lintkit.parsers.compose import (
    ComposeFile,
    parse,
    parse_port,
    parse_volume,
    read_dotenv,
    resolve,
    scan_interpolation,
)
from lintkit.source import SourceFile
from lintkit.yamlmodel import load


def view(text: str, path: str = "docker-compose.yml") -> ComposeFile:
    source = SourceFile(path, text)
    return parse(source, load(source), load_siblings=False)


def test_scan_interpolation_finds_variables_with_their_offsets():
    variables, errors = scan_interpolation("mongo:${DB_VER} $$HOME $USER ${A:-${B}}")
    assert [(v.name, v.operator, v.start, v.end) for v in variables] == [
        ("DB_VER", None, 6, 15),
        ("USER", None, 23, 28),
        ("A", ":-", 29, 39),
        ("B", None, 34, 38),
    ]
    assert errors == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("${VAR", "unclosed"),
        ("${1abc}", "does not start with a variable name"),
        ("${VAR:x}", "expected"),
        ("${}", "does not start with a variable name"),
    ],
)
def test_scan_interpolation_reports_what_compose_rejects(text, message):
    _variables, errors = scan_interpolation(text)
    assert len(errors) == 1 and message in errors[0].message and errors[0].start == 0


def test_dollar_forms_compose_keeps_literal_are_not_errors():
    for text in ("echo $(pwd)", "cost $5", "a $ b", "$${X}"):
        assert scan_interpolation(text)[1] == []


@pytest.mark.parametrize(
    ("text", "env", "result", "unset"),
    [
        ("mongo:${DB_VER}", {}, "mongo:", ["DB_VER"]),
        ("mongo:${DB_VER}", {"DB_VER": "7.0"}, "mongo:7.0", []),
        ("${V:-7.0}", {}, "7.0", []),
        ("${V:-7.0}", {"V": ""}, "7.0", []),
        ("${V-7.0}", {"V": ""}, "", []),
        ("${V:+set}", {"V": "x"}, "set", []),
        ("${V:+set}", {}, "", []),
        ("${V:?needed}", {}, "", ["V"]),
        ("${A:-${B:-b}}", {}, "b", []),
        ("$$HOME", {}, "$HOME", []),
        ("$HOME/x", {}, "/x", ["HOME"]),
    ],
)
def test_resolve(text, env, result, unset):
    resolved = resolve(text, env)
    assert resolved.text == result
    assert [v.name for v in resolved.unset] == unset


def test_dotenv_is_read_as_data(tmp_path, monkeypatch):
    monkeypatch.setattr(project, "_current", project.Project(os.path.realpath(tmp_path)))
    (tmp_path / ".env").write_text(
        "# comment\nexport DB_VER=7.0\nQUOTED='a b'\nDOUBLE=\"x\"\nINLINE=v # note\nbad line\nEMPTY=\n"
    )
    assert read_dotenv(str(tmp_path / ".env")) == {
        "DB_VER": "7.0",
        "QUOTED": "a b",
        "DOUBLE": "x",
        "INLINE": "v",
        "EMPTY": "",
    }
    assert read_dotenv(str(tmp_path / "missing")) == {}


@pytest.mark.parametrize(
    ("value", "raw", "expected"),
    [
        ("127.0.0.1:8080:80/tcp", None, ("127.0.0.1", "8080", "80", "tcp")),
        ("8000-8010:80", None, (None, "8000-8010", "80", "tcp")),
        ("[::1]:80:80", None, ("[::1]", "80", "80", "tcp")),
        ("80", None, (None, None, "80", "tcp")),
        (8080, "8080", (None, None, "8080", "tcp")),
        (1342, "22:22", (None, "22", "22", "tcp")),  # YAML 1.1 base 60
        ("53:53/udp", None, (None, "53", "53", "udp")),
        ("${IP:-127.0.0.1}:80:80", None, ("${IP:-127.0.0.1}", "80", "80", "tcp")),
        ({"target": 80, "published": "8080", "host_ip": "0.0.0.0"}, None, ("0.0.0.0", "8080", "80", "tcp")),
    ],
)
def test_parse_port(value, raw, expected):
    spec = parse_port(value, raw)
    assert (spec.host_ip, spec.published, spec.target, spec.protocol) == expected


def test_port_ranges_expand_and_wildcards_are_recognised():
    assert parse_port("8000-8002:80").published_ports() == [8000, 8001, 8002]
    assert parse_port("[::]:80:80").bound_to_all_interfaces
    assert parse_port("0.0.0.0:80:80").bound_to_all_interfaces
    assert not parse_port("[::1]:80:80").bound_to_all_interfaces
    assert parse_port("not a port") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/var/run/docker.sock:/var/run/docker.sock:ro", ("bind", "/var/run/docker.sock", "/var/run/docker.sock", True)),
        ("data:/data", ("volume", "data", "/data", False)),
        ("./src:/app:rw,z", ("bind", "./src", "/app", False)),
        ("/data", ("volume", None, "/data", False)),
        ({"type": "bind", "source": "/etc", "target": "/host", "read_only": True}, ("bind", "/etc", "/host", True)),
    ],
)
def test_parse_volume(value, expected):
    spec = parse_volume(value)
    assert (spec.type, spec.source, spec.target, spec.read_only) == expected


def test_legacy_v1_is_services_at_the_top_level():
    assert view("web:\n  image: nginx:1.27\n").legacy_v1
    assert not view("services:\n  web:\n    image: nginx:1.27\n").legacy_v1
    assert not view("x-common: &c\n  image: a\nservices:\n  web: *c\n").legacy_v1


def test_effective_service_applies_in_file_extends():
    compose = view(
        "services:\n  base:\n    image: a:1\n    cap_drop: [ALL]\n  web:\n    extends: base\n    read_only: true\n"
        "  remote:\n    extends:\n      file: other.yml\n      service: x\n"
    )
    web = next(s for s in compose.services if s.name == "web")
    assert web.config["cap_drop"] == ["ALL"] and web.config["read_only"] is True and web.complete
    remote = next(s for s in compose.services if s.name == "remote")
    assert not remote.complete


def test_effective_service_merges_the_override_beside_it(tmp_path, monkeypatch):
    monkeypatch.setattr(project, "_current", project.Project(os.path.realpath(tmp_path)))
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    image: a:1\n")
    (tmp_path / "docker-compose.override.yml").write_text("services:\n  web:\n    cap_drop: [ALL]\n  extra:\n    image: b:1\n")
    base_path = str(tmp_path / "docker-compose.yml")
    source = SourceFile(base_path, (tmp_path / "docker-compose.yml").read_text())
    base = parse(source, load(source))
    assert base.effective("web")["cap_drop"] == ["ALL"]
    override_path = str(tmp_path / "docker-compose.override.yml")
    source = SourceFile(override_path, (tmp_path / "docker-compose.override.yml").read_text())
    override = parse(source, load(source))
    graded = {s.name: s.graded_here for s in override.services}
    assert graded == {"web": False, "extra": True}
    assert override.effective("web")["image"] == "a:1"
