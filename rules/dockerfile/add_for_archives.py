"""A local archive COPY'd and then unpacked with tar."""

import posixpath

from lintkit.model import Example, Problem, rule

from .copy_not_add import ARCHIVES


@rule(
    id="DF062",
    name="add-for-archives",
    severity="info",
    summary="Local archive COPY'd and then unpacked with tar; ADD unpacks it in one step",
    rationale=(
        "COPY then `tar -x` keeps the archive in one layer and its contents in another; "
        "`ADD archive.tar.gz /dest/` unpacks it without keeping the archive."
    ),
    tags=("performance",),
    aliases=("DL3010",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n",
            good="FROM alpine:3.20\nADD app.tar.gz /opt/\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        copied = {}
        for instruction in stage.instructions:
            if instruction.keyword == "COPY" and instruction.flag("from") is None:
                for source in instruction.args[:-1]:
                    if source.value.endswith(ARCHIVES):
                        copied[posixpath.basename(source.value)] = source
            elif instruction.keyword == "RUN" and instruction.script and copied:
                for command in instruction.script.commands_named("tar"):
                    for word in command.args:
                        source = copied.get(posixpath.basename(word.text))
                        if source is not None:
                            yield Problem(source.span, f"Use ADD to unpack {source.value}")
                            copied.pop(posixpath.basename(word.text))
