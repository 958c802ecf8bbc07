"""``package=*``: a pin that pins nothing."""

from lintkit.model import Example, Problem, rule

from ._commands import installs, run_scripts


@rule(
    id="DF004",
    name="apt-wildcard-pin",
    severity="warning",
    summary="`package=*` in a package install looks pinned but accepts any version",
    rationale=(
        "`ruby-full=*` satisfies a version-pinning check while installing whatever is "
        "newest, which is exactly what pinning is meant to prevent. Write the version."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad="FROM ubuntu:24.04\nRUN apt-get install -y ruby-full=*\n",
            good="FROM ubuntu:24.04\nRUN apt-get install -y ruby-full=1:3.2~ubuntu1\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for install in installs(script, "apt-get", "apt", "apk", "zypper", "yum", "dnf"):
            for word in install.packages:
                name, equals, version = word.text.partition("=")
                if equals and version.strip("*") == "":
                    yield Problem(word.span, f"`{word.text}` pins no version of {name}")
