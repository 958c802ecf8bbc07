"""``go install`` without ``@version``."""

from lintkit.model import Example, Problem, rule

from ._commands import installs, run_scripts

#: Package patterns that name the main module's own packages or its go.mod tools.
_META = frozenset(("tool", "all", "std", "cmd"))


@rule(
    id="DF048",
    name="go-install-pin-version",
    severity="warning",
    summary="`go install` / `go get` without `@version`",
    rationale="`go install pkg@latest` or a bare path builds whatever is newest on build day.",
    tags=("reliability",),
    aliases=("DL3062",),
    examples=(
        Example(
            bad="FROM golang:1.22\nRUN go install golang.org/x/tools/cmd/goimports@latest\n",
            good="FROM golang:1.22\nRUN go install golang.org/x/tools/cmd/goimports@v0.24.0\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for install in installs(script, "go"):
            for word in install.packages:
                package, at, version = word.text.partition("@")
                if package.startswith((".", "/")) or package.endswith("...") or package in _META:
                    continue  # the local module, or the tools pinned in its go.mod
                if not at or version in ("latest", ""):
                    yield Problem(
                        word.span,
                        f"Pin a version in go {install.command.args[0].text} ({word.text})",
                    )
