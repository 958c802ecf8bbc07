"""``npm install <pkg>`` without ``@version``."""

from lintkit.model import Example, covering, rule

from ._commands import installs, run_scripts


def _is_pinned_or_local(package: str) -> bool:
    if package.startswith((".", "/", "git", "http://", "https://", "file:")) or package.endswith(
        (".tgz", ".tar.gz")
    ):
        return True
    name = package[1:] if package.startswith("@") else package  # @scope/name@version
    return "@" in name or "#" in name


@rule(
    id="DF050",
    name="npm-pin-versions",
    severity="warning",
    summary="`npm install <package>` without `@version`",
    rationale="An unpinned npm package installs the newest release on build day.",
    tags=("reliability",),
    aliases=("DL3016",),
    examples=(
        Example(
            bad="FROM node:20-alpine\nRUN npm install -g typescript\n",
            good="FROM node:20-alpine\nRUN npm install -g typescript@5.5.4\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        unpinned = [
            (word.span, word.text)
            for install in installs(script, "npm")
            for word in install.packages
            if word.literal and not _is_pinned_or_local(word.text)
        ]
        if unpinned:
            yield covering(unpinned, "Pin versions in npm install")
