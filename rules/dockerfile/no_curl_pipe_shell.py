"""A downloaded script piped straight into a shell."""

from lintkit.commands import pipe_to_shell
from lintkit.model import Example, Problem, rule

from ._commands import run_scripts


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
        for downloaded in pipe_to_shell(script):
            interpreter = downloaded.interpreter
            how = "piped into" if downloaded.piped else "run by"
            yield Problem(interpreter.name_word.span, f"A downloaded script is {how} {interpreter.name} without verification")
