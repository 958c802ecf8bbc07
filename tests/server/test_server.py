"""``lintkit server`` end to end: a real LSP client (pytest-lsp) starts the server over
stdio, opens documents of the six kinds and checks what comes back."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

HERE = os.path.dirname(os.path.abspath(__file__))
#: The installed program (``python -m lintkit`` would import a source checkout first).
LINTKIT = shutil.which("lintkit", path=os.path.dirname(sys.executable)) or "lintkit"

DOCKERFILE = 'FROM ubuntu:22.04\nRUN echo "🐳 日本語" && apt-get install -y curl\n'
COMPOSE = "version: '3.8'\nservices:\n  web:\n    image: nginx:1.27\n    image: nginx:1.26\n"
POD = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
    "    - name: web\n      image: nginx:latest\n"
)
WORKFLOW = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
GITLAB = "build:\n  script: make\n  needs: [missing]\n"
TASKS = "- name: install\n  ansible.builtin.apt:\n    name: curl\n    state: latest\n"
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: LABEL
  template:
    metadata:
      labels:
        app: LABEL
    spec:
      containers:
        - name: web
          image: nginx:1.27
"""
SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
"""


def _config(*command: str) -> ClientServerConfig:
    return ClientServerConfig(server_command=list(command))


async def _start(client: LanguageClient, root) -> None:
    client.registrations = []

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="w")],
        )
    )


@pytest.fixture
def root(tmp_path):
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest_lsp.fixture(config=_config(LINTKIT, "server"))
async def client(lsp_client: LanguageClient, root):
    await _start(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_config(sys.executable, os.path.join(HERE, "raising_server.py")))
async def raising_client(lsp_client: LanguageClient, root):
    await _start(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


def _write(root, name: str, text: str) -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.as_uri()


async def _diagnostics(client: LanguageClient, uri: str, timeout: float = 20.0, pop: bool = True) -> list[lsp.Diagnostic]:
    """The next diagnostics published for ``uri`` (``pop`` false: or those already in)."""
    if pop:
        client.diagnostics.pop(uri, None)
    deadline = asyncio.get_running_loop().time() + timeout
    while uri not in client.diagnostics:
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no diagnostics for {uri}")
        await asyncio.sleep(0.02)
    return list(client.diagnostics[uri])


def _open(client: LanguageClient, uri: str, text: str, language: str = "yaml", version: int = 1) -> None:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )


def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _by_code(diagnostics: list[lsp.Diagnostic]) -> dict[str, lsp.Diagnostic]:
    return {d.code: d for d in diagnostics}


def _range(d: lsp.Diagnostic) -> tuple[int, int, int, int]:
    return (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)


@pytest.mark.asyncio
async def test_six_kinds_get_diagnostics_with_exact_ranges(client: LanguageClient, root):
    cases = [
        ("Dockerfile", DOCKERFILE, "dockerfile", "DF003"),
        ("docker-compose.yml", COMPOSE, "yaml", "DC002"),
        ("k8s/pod.yaml", POD, "yaml", "K8001"),
        (".github/workflows/ci.yml", WORKFLOW, "yaml", "GH003"),
        (".gitlab-ci.yml", GITLAB, "yaml", "GL005"),
        ("roles/web/tasks/main.yml", TASKS, "yaml", "AN001"),
    ]
    found = {}
    for name, text, language, _ in cases:
        uri = (root / name).as_uri()
        os.makedirs(os.path.dirname(root / name), exist_ok=True)
        _open(client, uri, text, language)
        found[name] = _by_code(await _diagnostics(client, uri))
    for name, _, _, code in cases:
        assert code in found[name], (name, sorted(found[name]))

    # The buffer's text, 0-based, in UTF-16 code units: 🐳 is two units, 日本語 three, so
    # `curl` (characters 39-43 of the line) is at units 40-44.
    pin = found["Dockerfile"]["DF003"]
    assert _range(pin) == (1, 40, 1, 44)
    assert pin.message == "Pin versions in apt-get install (curl)"
    assert pin.severity == lsp.DiagnosticSeverity.Warning
    assert pin.source == "lintkit"
    assert pin.code_description.href.endswith("/docs/rules/DF003.md")
    assert pin.data == {"name": "apt-pin-versions", "aliases": ["DL3008"], "fixable": False}
    assert found["Dockerfile"]["DF014"].severity == lsp.DiagnosticSeverity.Information

    image = found["k8s/pod.yaml"]["K8001"]
    assert _range(image) == (7, 13, 7, 25)
    assert found["roles/web/tasks/main.yml"]["AN001"].range.start == lsp.Position(line=3, character=11)
    assert found["roles/web/tasks/main.yml"]["AN003"].severity == lsp.DiagnosticSeverity.Hint  # style
    assert found[".gitlab-ci.yml"]["GL005"].severity == lsp.DiagnosticSeverity.Error

    duplicate = found["docker-compose.yml"]["LK002"]
    assert _range(duplicate) == (4, 4, 4, 9)
    (related,) = duplicate.related_information
    assert related.message == "first set here"
    assert related.location.uri == (root / "docker-compose.yml").as_uri()
    assert _range(related.location) == (3, 4, 3, 9)


@pytest.mark.asyncio
async def test_a_file_of_no_known_kind_gets_nothing(client: LanguageClient, root):
    uri = _write(root, "notes.txt", "FROM nothing\n")
    _open(client, uri, "FROM nothing\n", "plaintext")
    assert await _diagnostics(client, uri) == []


@pytest.mark.asyncio
async def test_an_unsaved_buffer_is_linted_as_its_language_says(client: LanguageClient, root):
    uri = "untitled:Untitled-1"
    _open(client, uri, DOCKERFILE, "dockerfile")
    assert _range(_by_code(await _diagnostics(client, uri))["DF003"]) == (1, 40, 1, 44)


@pytest.mark.asyncio
async def test_the_buffer_not_the_disk_is_linted_and_changes_are_debounced(client: LanguageClient, root):
    uri = _write(root, "Dockerfile", "FROM alpine:3.20\n")
    _open(client, uri, "FROM alpine:3.20\nRUN apk add curl\n", "dockerfile")
    assert "DF026" in _by_code(await _diagnostics(client, uri))
    for version in range(2, 6):  # typing: only the last text is published
        _change(client, uri, f"FROM alpine:3.20\nRUN apk add --no-cache curl=8.{version}\n", version)
    diagnostics = await _diagnostics(client, uri)
    assert "DF026" not in _by_code(diagnostics)
    await asyncio.sleep(0.5)
    assert list(client.diagnostics[uri]) == diagnostics


@pytest.mark.asyncio
async def test_code_actions_fix_suppress_and_fix_all(client: LanguageClient, root):
    uri = _write(root, "docker-compose.yml", COMPOSE)
    _open(client, uri, COMPOSE)
    diagnostic = _by_code(await _diagnostics(client, uri))["DC002"]
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    by_title = {a.title: a for a in actions}
    fix = by_title["Fix DC002: remove the version key"]
    assert fix.kind == lsp.CodeActionKind.QuickFix and fix.is_preferred
    (edit,) = fix.edit.changes[uri]
    assert _range(edit) == (0, 0, 1, 0) and edit.new_text == ""
    line = by_title["Suppress DC002 (no-version-field) on this line"].edit.changes[uri][0]
    assert (line.range.start.line, line.new_text) == (0, "# lintkit: ignore=DC002\n")
    whole = by_title["Suppress DC002 (no-version-field) in this file"].edit.changes[uri][0]
    assert whole.new_text == "# lintkit: ignore-file=DC002\n"
    fix_all = by_title["lintkit: fix all safe problems"]
    assert fix_all.kind == "source.fixAll.lintkit"
    assert fix_all.edit.changes[uri] == fix.edit.changes[uri]  # the one safe fix of the file

    # Applying the suppression silences the finding.
    _change(client, uri, "# lintkit: ignore=DC002\n" + COMPOSE, 2)
    assert "DC002" not in _by_code(await _diagnostics(client, uri))

    only = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)),
            context=lsp.CodeActionContext(diagnostics=[], only=["source.fixAll.lintkit"]),
        )
    )
    assert not only  # the one fixable finding is suppressed now


@pytest.mark.asyncio
async def test_suppressing_in_a_dockerfile_keeps_its_parser_directives_first(client: LanguageClient, root):
    text = "# syntax=docker/dockerfile:1\nFROM ubuntu:22.04\nRUN apt-get install -y curl\n"
    uri = _write(root, "Dockerfile", text)
    _open(client, uri, text, "dockerfile")
    diagnostic = _by_code(await _diagnostics(client, uri))["DF003"]
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    whole = next(a for a in actions if a.title.endswith("in this file")).edit.changes[uri][0]
    assert (whole.range.start.line, whole.new_text) == (1, "# lintkit: ignore-file=DF003\n")
    line = next(a for a in actions if a.title.endswith("on this line")).edit.changes[uri][0]
    assert (line.range.start.line, line.new_text) == (2, "# lintkit: ignore=DF003\n")


@pytest.mark.asyncio
async def test_hover_explains_the_rule(client: LanguageClient, root):
    uri = _write(root, "k8s/pod.yaml", POD)
    _open(client, uri, POD)
    image = _by_code(await _diagnostics(client, uri))["K8001"]
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=image.range.start)
    )
    assert hover.contents.kind == lsp.MarkupKind.Markdown
    assert "**K8001** `image-tag-pinned`" in hover.contents.value
    assert "Bad" in hover.contents.value  # the explain text, with its examples
    nothing = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=0))
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_cross_file_context_from_disk_overlaid_by_open_buffers(client: LanguageClient, root):
    _write(root, "k8s/deploy.yaml", DEPLOYMENT.replace("LABEL", "web"))
    service = _write(root, "k8s/service.yaml", SERVICE)
    _open(client, service, SERVICE)
    assert "K8058" not in _by_code(await _diagnostics(client, service))

    deploy = (root / "k8s/deploy.yaml").as_uri()
    client.diagnostics.pop(service)
    _open(client, deploy, DEPLOYMENT.replace("LABEL", "webb"))  # edited, not saved
    await _diagnostics(client, deploy)
    selects = _by_code(await _diagnostics(client, service, pop=False))  # linted again for it
    assert selects["K8058"].message.startswith("Service/web selects app=web, which no pod template carries")


@pytest.mark.asyncio
async def test_config_change_reloads_and_config_errors_are_one_diagnostic(client: LanguageClient, root):
    uri = _write(root, "Dockerfile", "FROM ubuntu:22.04\nRUN apt-get install -y curl\n")
    _open(client, uri, "FROM ubuntu:22.04\nRUN apt-get install -y curl\n", "dockerfile")
    assert "DF003" in _by_code(await _diagnostics(client, uri))

    config = root / ".lintkit.yaml"
    config.write_text("ignore: [DL3008]\n")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Created)])
    )
    assert "DF003" not in _by_code(await _diagnostics(client, uri))

    config.write_text("ignore: [DL3008]\nseverity:\n  no-such-rule: error\nbogus: 1\n")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)])
    )
    (error,) = await _diagnostics(client, config.as_uri())
    assert error.message == "unknown key 'bogus' (expected one of: " + error.message.split("(expected one of: ")[1]
    assert error.range.start == lsp.Position(line=3, character=0)
    assert "DF003" in _by_code(client.diagnostics.get(uri) or await _diagnostics(client, uri))  # defaults meanwhile

    config.write_text("ignore: [DL3008]\n")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)])
    )
    assert await _diagnostics(client, config.as_uri()) == []
    (registration,) = client.registrations
    assert registration.method == "workspace/didChangeWatchedFiles"
    assert registration.register_options["watchers"][0] == {"globPattern": "**/.lintkit.yaml"}


@pytest.mark.asyncio
async def test_hostile_input_never_stops_the_server(client: LanguageClient, root):
    hostile = {
        "docker-compose.yml": "a: &a [" + "*a, " * 50 + "]\n" + "x: " + "[" * 5000 + "\n",
        "k8s/bomb.yaml": "a: &a [x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")),
        "Dockerfile": "FROM \x00\x01\ufffe\ud800x\nRUN " + "\\\n" * 2000 + "\n",
        ".gitlab-ci.yml": "\t:\n  - ][\n",
        "big.yaml": "k: " + "v" * (6 * 1024 * 1024) + "\n",
    }
    (root / ".lintkit.yaml").write_text("max-file-size: 5MiB\n")
    for number, (name, text) in enumerate(hostile.items()):
        uri = (root / name).as_uri()
        os.makedirs(os.path.dirname(root / name), exist_ok=True)
        _open(client, uri, text, "yaml", version=number + 1)
        await _diagnostics(client, uri)
    big = _by_code(client.diagnostics[(root / "big.yaml").as_uri()])
    assert "over the 5,242,880-byte limit" in big["LK001"].message
    # Still answering.
    uri = _write(root, "k8s/pod.yaml", POD)
    _open(client, uri, POD)
    assert "K8001" in _by_code(await _diagnostics(client, uri))


@pytest.mark.asyncio
async def test_a_rule_that_raises_is_logged_and_the_others_still_report(raising_client: LanguageClient, root):
    uri = _write(root, "Dockerfile", DOCKERFILE)
    _open(raising_client, uri, DOCKERFILE, "dockerfile")
    codes = _by_code(await _diagnostics(raising_client, uri))
    assert "DF003" not in codes and "DF006" in codes
    logged = [m.message for m in raising_client.log_messages if "DF003" in m.message]
    assert logged and "RuntimeError: the rule broke" in logged[0]


@pytest.mark.asyncio
async def test_a_big_text_is_linted_aside_and_a_stale_run_is_dropped(client: LanguageClient, root):
    uri = (root / "k8s/big.yaml").as_uri()
    os.makedirs(root / "k8s", exist_ok=True)
    big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n" + "".join(
        f"  key{n}: {'v' * 60}\n" for n in range(6000)
    )  # ~440 kB: linted in a process of its own
    _open(client, uri, big)
    _change(client, uri, POD, 2)  # before that run can end
    other = _write(root, "Dockerfile", DOCKERFILE)
    _open(client, other, DOCKERFILE, "dockerfile")
    assert "DF003" in _by_code(await _diagnostics(client, other))
    assert "K8001" in _by_code(await _diagnostics(client, uri, pop=False))
    await asyncio.sleep(1.0)
    assert "K8001" in _by_code(list(client.diagnostics[uri]))  # the first text's run published nothing


@pytest.mark.asyncio
async def test_gitlab_includes_are_read_from_the_workspace_and_open_buffers(client: LanguageClient, root):
    pipeline = "include:\n  - local: ci/jobs.yml\nbuild:\n  script: make\n  needs: [lint]\n"
    _write(root, "ci/jobs.yml", "lint:\n  script: make lint\n")
    uri = _write(root, ".gitlab-ci.yml", pipeline)
    _open(client, uri, pipeline)
    assert "GL005" not in _by_code(await _diagnostics(client, uri))

    client.diagnostics.pop(uri)
    jobs = (root / "ci/jobs.yml").as_uri()
    _open(client, jobs, "lint-renamed:\n  script: make lint\n")  # not saved
    await _diagnostics(client, jobs)
    needs = _by_code(await _diagnostics(client, uri, pop=False))["GL005"]
    assert _range(needs) == (4, 10, 4, 14)
