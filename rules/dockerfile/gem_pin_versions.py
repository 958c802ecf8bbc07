"""``gem install`` without a version."""

from lintkit.model import Example, covering, rule

from ._commands import installs, run_scripts


@rule(
    id="DF010",
    name="gem-pin-versions",
    severity="warning",
    summary="`gem install` without a version (`gem:version` or `-v`)",
    rationale=(
        "An unpinned gem installs the newest release at build time; a major release can "
        "break the build or the application without any change to the Dockerfile."
    ),
    tags=("reliability",),
    aliases=("DL3028",),
    examples=(
        Example(
            bad="FROM ruby:3.3\nRUN gem install bundler\n",
            good="FROM ruby:3.3\nRUN gem install bundler:2.5.6\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        unpinned = [
            (word.span, word.text)
            for install in installs(script, "gem")
            if not install.command.has_flag("-v", "--version")
            for word in install.packages
            if ":" not in word.text and not word.text.endswith(".gem")
        ]
        if unpinned:
            yield covering(unpinned, "Pin a version in gem install")
