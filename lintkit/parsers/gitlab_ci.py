"""GitLab CI pipelines: stages, jobs (hidden templates included), ``default:``, global
keywords, ``include:`` and ``workflow:``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Span
from ..source import SourceFile
from ..yamlmodel import YamlDocument, YMap, YSeq

#: Top-level keys that are not jobs.
GLOBAL_KEYWORDS = frozenset((
    "default", "include", "stages", "variables", "workflow", "spec",
    # deprecated globals, superseded by default:
    "image", "services", "cache", "before_script", "after_script", "types",
))  # fmt: skip
DEFAULT_STAGES = (".pre", "build", "test", "deploy", ".post")


def sniff(path: str, documents: list[YamlDocument]) -> bool:
    if len(documents) != 1 or not isinstance(documents[0].root, YMap):
        return False
    root = documents[0].root
    if isinstance(root.get("services"), YMap):  # a compose file, whatever else it has
        return False
    return any(
        isinstance(job, YMap) and ("script" in job or "trigger" in job or "extends" in job)
        for name, job in root.items()
        if name not in GLOBAL_KEYWORDS
    )


@dataclass(eq=False)
class Job:
    name: str
    node: YMap
    root: YMap

    @property
    def hidden(self) -> bool:
        return self.name.startswith(".")

    @property
    def span(self) -> Span:
        return self.node.span

    def name_span(self) -> Span:
        return self.root.key_span(self.name)


@dataclass(eq=False)
class GitLabPipeline:
    source: SourceFile
    documents: list[YamlDocument]
    root: YMap

    @property
    def jobs(self) -> list[Job]:
        return [
            Job(name, node, self.root)
            for name, node in self.root.items()
            if isinstance(name, str) and name not in GLOBAL_KEYWORDS and isinstance(node, YMap)
        ]

    @property
    def stages(self) -> list[str]:
        stages = self.root.get("stages")
        if isinstance(stages, YSeq):
            return [s for s in stages if isinstance(s, str)]
        return list(DEFAULT_STAGES)

    @property
    def default(self) -> YMap:
        value = self.root.get("default")
        return value if isinstance(value, YMap) else YMap()

    def get(self, key: str) -> Any:
        return self.root.get(key)

    def suppression_scopes(self) -> list[Span]:
        return [j.span for j in self.jobs]


def parse(source: SourceFile, documents: list[YamlDocument]) -> GitLabPipeline:
    # GitLab reads the first document; a spec: header document precedes the pipeline.
    roots = [d.root for d in documents if isinstance(d.root, YMap)]
    root = roots[-1] if roots else YMap()
    return GitLabPipeline(source, documents, root)
