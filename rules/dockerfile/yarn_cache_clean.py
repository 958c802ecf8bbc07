"""``yarn install`` without ``yarn cache clean``."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts

#: Where yarn keeps its package cache: classic's ~/.cache/yarn (/usr/local/share/.cache/yarn
#: as root in the node images) and Berry's .yarn/cache; a cache mount there keeps it out.
_YARN_CACHES = ("~/.cache/yarn", "/usr/local/share/.cache/yarn", "~/.yarn/cache", "~/.yarn/berry/cache")


@rule(
    id="DF054",
    name="yarn-cache-clean",
    severity="info",
    summary="`yarn install` without `yarn cache clean` in the same RUN",
    rationale="Yarn's package cache stays in the layer unless the RUN cleans it.",
    tags=("performance",),
    aliases=("DL3060",),
    examples=(
        Example(
            bad="FROM node:20-alpine\nRUN yarn install --frozen-lockfile\n",
            good="FROM node:20-alpine\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction, script in run_scripts(dockerfile):
        if any(instruction.keeps_out_of_layer(folder) for folder in _YARN_CACHES):
            continue
        yarns = list(script.commands_named("yarn"))
        installs = [
            c for c in yarns if c.positionals()[:1] and c.positionals()[0].value == "install"
        ]
        cleans = any([w.value for w in c.positionals()[:2]] == ["cache", "clean"] for c in yarns)
        if installs and not cleans:
            yield Problem(installs[0].name_word.span, "Run `yarn cache clean` after yarn install")
