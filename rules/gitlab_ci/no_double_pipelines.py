"""``rules:`` that run for both branch pushes and merge request events."""

import re
from typing import Iterator

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq

#: Tokens of GitLab's `if:` expressions: variables, quoted strings, /regex/ patterns and
#: operators (the little language has no parser of its own to lean on).
_TOKEN = re.compile(
    r"""\$\{?(?P<var>[A-Za-z_][A-Za-z0-9_]*)\}?
    |"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'
    |(?P<op>==|!=|=~|!~|&&|\|\||[()])
    |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
    |\s+""",
    re.X,
)
#: A /regex/ pattern, whose quotes and operators are not tokens. A backslash always
#: escapes the next character (read also as a character of its own, a run of them could
#: be split every way, exponential in its length).
_REGEX = re.compile(r"/(?:\\.|[^/\\])*+/[a-z]*")
_SOURCE = "CI_PIPELINE_SOURCE"
_MR = "merge_request_event"


def pipeline_sources(expression: str) -> set[str]:
    """The values ``$CI_PIPELINE_SOURCE`` is compared equal to in an ``if:`` expression
    (``$CI_PIPELINE_SOURCE == "push"``, either operand order)."""
    tokens = []
    for m in _tokens(expression):
        if m.group("var"):
            tokens.append(("var", m.group("var")))
        elif m.group("dq") is not None or m.group("sq") is not None:
            tokens.append(("str", m.group("dq") if m.group("dq") is not None else m.group("sq")))
        elif m.group("op"):
            tokens.append(("op", m.group("op")))
    found = set()
    for i in range(len(tokens) - 2):
        left, op, right = tokens[i], tokens[i + 1], tokens[i + 2]
        if op != ("op", "=="):
            continue
        if left == ("var", _SOURCE) and right[0] == "str":
            found.add(right[1])
        elif right == ("var", _SOURCE) and left[0] == "str":
            found.add(left[1])
    return found


def _tokens(expression: str) -> Iterator[re.Match]:
    """The tokens of ``expression``, left to right, skipping what is none (as ``finditer``
    would). Once a `/` opens no /regex/ that closes, no later one does (it would meet the
    same escaped slashes): trying each would be quadratic in a line of them."""
    position = 0
    regex_may_close = True
    while position < len(expression):
        if regex_may_close and expression[position] == "/":
            regex = _REGEX.match(expression, position)
            if regex is not None:
                position = regex.end()
                continue
            regex_may_close = False
        match = _TOKEN.search(expression, position)
        if match is None:
            return
        if regex_may_close and "/" in expression[position : match.start()]:
            position = expression.index("/", position)  # a regex may start before this token
            continue
        yield match
        position = match.end()


def _rules_lists(pipeline):
    workflow = pipeline.root.get("workflow")
    if isinstance(workflow, YMap) and isinstance(workflow.get("rules"), YSeq):
        yield "workflow", workflow["rules"]
    for job in pipeline.jobs:
        if isinstance(job.node.get("rules"), YSeq):
            yield f"job {job.name!r}", job.node["rules"]


@rule(
    id="GL022",
    name="no-double-pipelines",
    severity="warning",
    summary="rules run for both branch pushes and merge request events (double pipelines)",
    rationale=(
        "A rules list that accepts `$CI_PIPELINE_SOURCE == \"push\"` and "
        "`$CI_PIPELINE_SOURCE == \"merge_request_event\"` starts two pipelines for every "
        "push to a branch with an open merge request: twice the runner time, and two "
        "statuses that can disagree. Skip branch pipelines while a merge request is open "
        "(`- if: $CI_OPEN_MERGE_REQUESTS && $CI_PIPELINE_SOURCE == \"push\"` with "
        "`when: never`), or run only one of the two."
    ),
    tags=("performance", "reliability"),
    aliases=("CKV_GITLABCI_2", "gitlab-lint:double-pipeline-warning"),
    examples=(
        Example(
            bad=(
                "test:\n  script: pytest\n  rules:\n"
                "    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n"
                "    - if: $CI_PIPELINE_SOURCE == \"push\"\n"
            ),
            good=(
                "test:\n  script: pytest\n  rules:\n"
                "    - if: $CI_OPEN_MERGE_REQUESTS && $CI_PIPELINE_SOURCE == \"push\"\n      when: never\n"
                "    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n"
                "    - if: $CI_PIPELINE_SOURCE == \"push\"\n"
            ),
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for owner, rules in _rules_lists(pipeline):
        guarded = False  # a `when: never` rule already stopped pushes with an open MR
        first_by_source: dict[str, int] = {}
        for index, entry in enumerate(rules):
            if not isinstance(entry, YMap) or not isinstance(entry.get("if"), str):
                continue
            expression = entry["if"]
            sources = pipeline_sources(expression)
            if entry.get("when") == "never":
                guarded = guarded or ("CI_OPEN_MERGE_REQUESTS" in expression and "push" in sources)
                continue
            for source in sources & {"push", _MR}:
                first_by_source.setdefault(source, index)
            if not guarded and {"push", _MR} <= first_by_source.keys():
                other = _MR if first_by_source[_MR] < first_by_source["push"] else "push"
                yield Problem(
                    entry.value_span("if"),
                    f"{owner}: this rule and the one for {other!r} (rule {min(first_by_source.values()) + 1}) "
                    "start two pipelines for a push to a branch with an open merge request",
                )
                break
