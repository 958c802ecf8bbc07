"""Compose rules through the real engine: exact positions, messages, fixes, cross-file."""

from lintkit.testing import lint_files


def only(findings, name):
    return [(f.path, f.line, f.column, f.span.end_column, f.message) for f in findings if f.name == name]


def test_quote_ports_explains_the_base_60_reading_and_fixes_it():
    text = "services:\n  ssh:\n    image: gitea/gitea:1.22\n    ports:\n      - 22:22\n      - '8080:80'\n      - \"9090:90\"\n"
    findings = lint_files({"docker-compose.yml": text}, select=["quote-ports"])
    assert only(findings, "quote-ports") == [
        ("docker-compose.yml", 5, 9, 14, "service 'ssh': ports entry 22:22 is not quoted: YAML reads it as the base-60 number 1342"),
    ]
    (edit,) = findings[0].fix.edits
    assert (edit.span.line, edit.span.column, edit.span.end_column, edit.text) == (5, 9, 14, '"22:22"')


def test_quote_ports_single_quote_option_as_dclint():
    text = "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"9090:90\"\n"
    findings = lint_files({"docker-compose.yml": text}, select=["quote-ports"], rule_options={"quote-ports": {"quote": "single"}})
    assert [f.message for f in findings] == ["service 'web': ports entry \"9090:90\" uses the other kind of quotes"]
    assert findings[0].fix.edits[0].text == "'9090:90'"


def test_quote_ports_leaves_expose_entries_alone():
    """An expose: entry is a container port alone: no `:` for YAML 1.1 to read as base 60."""
    text = "services:\n  web:\n    image: nginx:1.27\n    expose:\n      - 9090\n      - 3000-3005\n      - \"22\"\n"
    assert not lint_files({"docker-compose.yml": text}, select=["quote-ports"], rule_options={"quote-ports": {"quote": "single"}})


def test_version_fix_removes_the_whole_line():
    findings = lint_files({"docker-compose.yml": "version: '3.8'\nservices:\n  web:\n    image: nginx:1.27\n"}, select=["no-version-field"])
    (edit,) = findings[0].fix.edits
    assert (edit.span.line, edit.span.column, edit.span.end_line, edit.span.end_column, edit.text) == (1, 1, 2, 1, "")


def test_unset_variable_points_at_the_variable_and_dotenv_satisfies_it():
    text = "services:\n  db:\n    image: mongo:${DB_VER}\n"
    findings = lint_files({"docker-compose.yml": text}, select=["unset-variable-without-default"])
    assert only(findings, "unset-variable-without-default") == [
        ("docker-compose.yml", 3, 18, 27, "service 'db': ${DB_VER} has no default and no value in .env; unset, the image reference becomes 'mongo:'"),
    ]
    assert not lint_files({"docker-compose.yml": text, ".env": "DB_VER=7.0\n"}, select=["unset-variable-without-default"])
    required = "services:\n  db:\n    image: mongo:${DB_VER:?set DB_VER}\n"
    assert not lint_files({"docker-compose.yml": required}, select=["unset-variable-without-default"])


def test_unset_variable_in_a_port_mapping():
    text = "services:\n  ui:\n    image: ui:1.0\n    ports:\n      - ${UI_PORT}:${APP_PORT}/tcp\n"
    (finding,) = lint_files({"docker-compose.yml": text}, select=["unset-variable-without-default"])
    assert (finding.line, finding.column) == (5, 9) and "${UI_PORT}, ${APP_PORT} have no default" in finding.message


def test_malformed_interpolation_position():
    text = "services:\n  app:\n    image: app:1.0\n    command: echo ${1}\n"
    (finding,) = lint_files({"docker-compose.yml": text}, select=["valid-interpolation"])
    assert (finding.line, finding.column, finding.span.end_column) == (4, 19, 23)


def test_legacy_v1_is_reported_once_and_not_as_schema_errors():
    text = "web:\n  image: nginx:1.27\ndb:\n  image: postgres:16.4\n"
    findings = lint_files({"docker-compose.yml": text}, select=["legacy-v1-format", "valid-compose-file"])
    assert [(f.name, f.line, f.column) for f in findings] == [("legacy-v1-format", 1, 1)]
    assert "dclint:invalid-schema" in findings[0].aliases


def test_schema_errors_point_at_the_key_or_value():
    text = "services:\n  web:\n    image: nginx:1.27\n    restart_policy: always\n    ports: 8080\n"
    findings = lint_files({"docker-compose.yml": text}, select=["valid-compose-file"])
    assert [(f.line, f.column, f.message) for f in findings] == [
        (4, 5, "services.web.restart_policy: unknown key 'restart_policy'"),
        (5, 12, "services.web.ports: expected array, got integer"),
    ]


def test_ports_bound_to_an_interface_are_fine_and_wildcards_are_not():
    text = (
        "services:\n  web:\n    image: nginx:1.27\n    ports:\n"
        "      - '[::1]:80:80'\n      - '127.0.0.1:443:443'\n      - '[::]:81:81'\n"
        "      - '${BIND:-0.0.0.0}:82:82'\n      - '${BIND_UNKNOWN}:83:83'\n      - '84'\n"
    )
    findings = lint_files({"docker-compose.yml": text}, select=["bind-ports-to-interface"])
    assert [(f.line, f.column) for f in findings] == [(7, 9), (8, 9), (10, 9)]
    assert "random host port" in findings[-1].message


def test_socket_mount_is_root_even_read_only():
    text = "services:\n  ci:\n    image: runner:1.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - /var/run:/host-run\n      - ./data:/data\n"
    findings = lint_files({"docker-compose.yml": text}, select=["no-docker-socket-mount", "no-sensitive-host-mounts"])
    assert [(f.name, f.line) for f in findings] == [("no-docker-socket-mount", 5), ("no-docker-socket-mount", 6)]


def test_secret_values_are_masked():
    text = "services:\n  db:\n    image: postgres:16.4\n    environment:\n      - POSTGRES_PASSWORD=hunter2hunter2\n      - DATABASE_URL=postgres://app:s3cretpw@db/app\n      - POSTGRES_USER=app\n      - GF_AUTH_ANONYMOUS_ORG_ROLE=Admin\n"
    findings = lint_files({"docker-compose.yml": text}, select=["no-plaintext-secrets-env"])
    assert [(f.line, f.column) for f in findings] == [(5, 9), (6, 9)]
    assert all("hunter2hunter2" not in f.message and "s3cretpw" not in f.message for f in findings)


def test_healthcheck_exec_form_with_one_string():
    text = "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [\"CMD\", \"curl -f http://localhost\"]\n"
    (finding,) = lint_files({"docker-compose.yml": text}, select=["valid-healthcheck-test"])
    assert (finding.line, finding.column) == (5, 13) and "use CMD-SHELL" in finding.message


def test_service_healthy_needs_a_healthcheck():
    text = (
        "services:\n  web:\n    image: app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n"
        "      cache:\n        condition: service_started\n  db:\n    image: postgres:16.4\n  cache:\n    image: redis:7.4\n"
    )
    (finding,) = lint_files({"docker-compose.yml": text}, select=["healthy-dependency-has-healthcheck"])
    assert (finding.line, finding.column) == (5, 7) and "'db' has no healthcheck" in finding.message


def test_service_healthy_counts_a_dockerfile_healthcheck():
    text = "services:\n  web:\n    image: app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    build: ./db\n"
    files = {"docker-compose.yml": text, "db/Dockerfile": "FROM postgres:16.4\nHEALTHCHECK CMD pg_isready\n"}
    assert not lint_files(files, select=["healthy-dependency-has-healthcheck"])


OVERRIDE_BASE = (
    "services:\n  web:\n    image: nginx:1.27\n    networks: [front]\n  db:\n    image: postgres:16.4\n"
    "networks:\n  front:\n"
)
OVERRIDE = "services:\n  web:\n    depends_on: [db, cache]\n    networks: [front, back]\n    cap_drop: [ALL]\n"


def test_override_is_merged_with_its_base_and_findings_stay_in_the_override():
    findings = lint_files(
        {"docker-compose.yml": OVERRIDE_BASE, "docker-compose.override.yml": OVERRIDE},
        select=["depends-on-defined", "undefined-top-level-refs", "restrict-capabilities"],
    )
    assert [(f.name, f.path, f.line, f.column) for f in findings] == [
        ("depends-on-defined", "docker-compose.override.yml", 3, 22),  # cache
        ("undefined-top-level-refs", "docker-compose.override.yml", 4, 23),  # back
        ("restrict-capabilities", "docker-compose.yml", 5, 3),  # db: web's cap_drop is in the override
    ]


def test_override_linted_alone_reads_its_base_from_disk(tmp_path):
    from lintkit.discover import discover
    from lintkit.engine import RunOptions, run
    from lintkit.registry import Selection

    (tmp_path / "docker-compose.yml").write_text(OVERRIDE_BASE)
    (tmp_path / "docker-compose.override.yml").write_text(OVERRIDE.replace(", cache", "").replace(", back", ""))
    targets = discover([str(tmp_path / "docker-compose.override.yml")]).targets
    result = run(targets, RunOptions(selection=Selection(["compose"], []), jobs=1))
    assert not result.errors
    assert [f.name for f in result.findings] == []


def test_files_combined_with_f_in_the_same_folder_count():
    overlay = "services:\n  agent:\n    image: agent:1.0\n    depends_on: [web]\n    networks: [front]\n"
    findings = lint_files(
        {"compose.yaml": OVERRIDE_BASE, "compose.agent.yaml": overlay},
        select=["depends-on-defined", "undefined-top-level-refs", "unused-top-level-declarations"],
    )
    assert findings == []


def test_unique_container_names_and_host_ports_across_services():
    text = (
        "services:\n  a:\n    image: a:1.0\n    container_name: app\n    ports: ['127.0.0.1:8080:80', '9000:9000']\n"
        "  b:\n    image: b:1.0\n    container_name: app\n    ports: ['127.0.0.2:8080:80', '127.0.0.1:9000:9000']\n"
    )
    findings = lint_files({"docker-compose.yml": text}, select=["unique-container-names", "unique-host-ports"])
    assert [(f.name, f.line, f.column) for f in findings] == [
        ("unique-container-names", 8, 21),
        ("unique-host-ports", 9, 34),
    ]


def test_absence_rules_see_extends_and_skip_unknown_bases():
    text = (
        "services:\n  base:\n    image: a:1.0\n    cap_drop: [ALL]\n  web:\n    extends: base\n"
        "  remote:\n    extends:\n      file: missing.yml\n      service: x\n"
    )
    findings = lint_files({"docker-compose.yml": text}, select=["restrict-capabilities"])
    assert findings == []


def test_default_rules_are_quiet_on_a_clean_file():
    text = "name: shop\nservices:\n  web:\n    image: nginx:1.27.2\n    ports:\n      - '127.0.0.1:8080:80'\n"
    assert lint_files({"docker-compose.yml": text}) == []
