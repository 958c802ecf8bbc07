"""``apt-get install`` of packages without ``=version``."""

from lintkit.model import Example, covering, rule

from ._commands import expanded_words, installs, run_scripts


@rule(
    id="DF003",
    name="apt-pin-versions",
    severity="warning",
    summary="`apt-get install` without `package=version` pins",
    rationale=(
        "An unpinned package installs whatever version the mirror has on build day, so a "
        "rebuild can change behaviour or break. Pin `package=version` (and refresh pins "
        "deliberately)."
    ),
    tags=("reliability",),
    aliases=("DL3008",),
    examples=(
        Example(
            bad="FROM debian:12\nRUN apt-get install -y curl\n",
            good="FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u5\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction, script in run_scripts(dockerfile):
        unpinned = [
            (word.span, package)
            for install in installs(script, "apt-get", "apt")
            for word in install.packages
            for package in expanded_words(word, instruction.variables) or [word.raw]
            if "=" not in package and not package.endswith(".deb")
        ]
        if unpinned:
            yield covering(unpinned, "Pin versions in apt-get install")
