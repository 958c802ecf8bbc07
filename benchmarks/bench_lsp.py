"""Latency of ``lintkit server``: from the end of the debounce to the diagnostics.

    python benchmarks/bench_lsp.py [--edits 30] [--workspace DIR] [--big-mb 4.9]

A real client (pygls) starts ``lintkit server`` over stdio with a temporary workspace
holding a 300-line manifest (Deployments and Services of the corpus's shape; with
``--workspace DIR``, a copy of DIR's files beside it, so cross-object rules read them),
opens it and makes ``--edits`` changes, one at a time. For each it records the time from
the change plus the server's debounce to the ``publishDiagnostics`` of that version: the
server's own work (lint, positions, JSON). Then it opens a file of ``--big-mb`` MB and,
while that is being linted, edits the manifest again: the manifest's diagnostics must
not wait for the big file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from timing import lintkit_command

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir))
from lintkit.server import DEBOUNCE_SECONDS  # noqa: E402

OBJECT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-N
  labels:
    app: web-N
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web-N
  template:
    metadata:
      labels:
        app: web-N
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
          resources:
            requests:
              cpu: 100m
---
apiVersion: v1
kind: Service
metadata:
  name: web-N
spec:
  selector:
    app: web-N
  ports:
    - port: 80
      targetPort: 8080
---
"""


def manifest(lines: int = 300) -> str:
    blocks, count = [], 0
    while count < lines:
        block = OBJECT.replace("N", str(len(blocks)))
        blocks.append(block)
        count += block.count("\n")
    return "".join(blocks)


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("bench", "1")
        self.published: dict[tuple[str, int | None], float] = {}
        self.arrived = asyncio.Event()

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.published[(params.uri, params.version)] = time.perf_counter()
            self.arrived.set()

        @self.feature(lsp.WINDOW_LOG_MESSAGE)
        def log(params: lsp.LogMessageParams) -> None:
            print(f"server: {params.message}", file=sys.stderr)

    async def wait_for(self, uri: str, version: int, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.published:
            self.arrived.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no diagnostics for {uri} version {version}")
            try:
                await asyncio.wait_for(self.arrived.wait(), remaining)
            except asyncio.TimeoutError:
                pass
        return self.published[(uri, version)]


def change(client: Client, uri: str, version: int, text: str) -> float:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return time.perf_counter()


async def main_async(options) -> None:
    root = tempfile.mkdtemp(prefix="lintkit-bench-lsp-")
    try:
        os.mkdir(os.path.join(root, ".git"))
        if options.workspace:
            shutil.copytree(options.workspace, os.path.join(root, "context"), dirs_exist_ok=True)
        path = os.path.join(root, "app.yaml")
        text = manifest()
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        uri = "file://" + path
        client = Client()
        command = lintkit_command()
        await client.start_io(command[0], *command[1:], "server")
        await client.initialize_async(
            lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri="file://" + root)
        )
        client.initialized(lsp.InitializedParams())

        start = time.perf_counter()
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text))
        )
        first = await client.wait_for(uri, 1) - start
        latencies = []
        for version in range(2, options.edits + 2):
            edited = text.replace("replicas: 2", f"replicas: {version}", 1)
            sent = change(client, uri, version, edited)
            latencies.append(await client.wait_for(uri, version) - sent - DEBOUNCE_SECONDS)
        print(f"300-line manifest ({text.count(chr(10))} lines), workspace {options.workspace or '(itself)'}")
        print(f"  first diagnostics after open (cold: imports, workspace context): {first * 1000:.0f} ms")
        print(f"  after the {DEBOUNCE_SECONDS * 1000:.0f} ms debounce, {len(latencies)} edits: median "
              f"{statistics.median(latencies) * 1000:.1f} ms, p90 {sorted(latencies)[int(len(latencies) * 0.9) - 1] * 1000:.1f} ms, "
              f"max {max(latencies) * 1000:.1f} ms")  # fmt: skip

        big_path = os.path.join(root, "big.yaml")
        size = int(options.big_mb * 1024 * 1024)
        line = "  - name: item\n    value: " + "x" * 40 + "\n"
        big = "items:\n" + line * (size // len(line))
        big_uri = "file://" + big_path
        opened = time.perf_counter()
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(uri=big_uri, language_id="yaml", version=1, text=big))
        )
        await asyncio.sleep(0.3)  # the big file is being linted now
        version = options.edits + 2
        sent = change(client, uri, version, text)
        during = await client.wait_for(uri, version) - sent - DEBOUNCE_SECONDS
        big_done = await client.wait_for(big_uri, 1) - opened
        print(f"  a {len(big) / 1e6:.1f} MB file linted meanwhile ({big_done:.1f} s): the manifest's "
              f"diagnostics {during * 1000:.0f} ms after the debounce")  # fmt: skip
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--workspace", help="a folder of files copied beside the manifest, for cross-file context")
    parser.add_argument("--big-mb", type=float, default=4.9)
    asyncio.run(main_async(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
