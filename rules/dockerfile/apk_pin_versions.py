"""``apk add`` of packages without ``=version``."""

from lintkit.model import Example, covering, rule

from ._commands import expanded_words, installs, run_scripts


@rule(
    id="DF025",
    name="apk-pin-versions",
    severity="warning",
    summary="`apk add` without `package=version` pins",
    rationale=(
        "An unpinned package installs whatever the Alpine mirror has on build day; pin "
        "`package=version` (or `package~=major.minor`) so rebuilds are repeatable."
    ),
    tags=("reliability",),
    aliases=("DL3018",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nRUN apk add --no-cache curl\n",
            good="FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction, script in run_scripts(dockerfile):
        unpinned = [
            (word.span, package)
            for install in installs(script, "apk")
            for word in install.packages
            for package in expanded_words(word, instruction.variables) or [word.raw]
            if "=" not in package and not package.endswith(".apk")
        ]
        if unpinned:
            yield covering(unpinned, "Pin versions in apk add")
