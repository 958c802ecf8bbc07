"""A downloaded script piped straight into a shell."""

from lintkit.model import Example, Problem, rule
from lintkit.shell import SHELL_INTERPRETERS

from ._commands import run_scripts

DOWNLOADERS = frozenset(("curl", "wget"))


@rule(
    id="DF066",
    name="no-curl-pipe-shell",
    severity="warning",
    summary="Remote script downloaded and piped straight into a shell",
    rationale=(
        "`curl ... | sh` runs whatever the server (or anyone in between) sends, unverified. "
        "Download to a file, check its checksum or signature, then run it."
    ),
    tags=("security",),
    examples=(
        Example(
            bad="FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n",
            good=(
                "FROM debian:12\nRUN curl -fsSLo install.sh https://example.com/install.sh \\\n"
                " && echo '0123abcd  install.sh' | sha256sum -c - && sh install.sh\n"
            ),
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands:
            if command.base_name not in SHELL_INTERPRETERS or not command.in_pipeline:
                continue
            index = command.pipeline_index
            feeding = command.pipeline.elements[index - 1] if index else []
            if any(c.base_name in DOWNLOADERS for c in feeding):
                yield Problem(
                    command.name_word.span,
                    f"A downloaded script is piped into {command.name} without verification",
                )
