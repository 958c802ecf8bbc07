"""Shared check for instructions of which only the last one in a stage takes effect."""

from lintkit.model import Problem


def repeated(dockerfile, keyword: str):
    """Every ``keyword`` instruction of a stage after its first one."""
    groups = [stage.instructions for stage in dockerfile.stages]
    groups.append([i for i in dockerfile.instructions if i.stage is None])
    for instructions in groups:
        found = [i for i in instructions if i.keyword == keyword]
        for instruction in found[1:]:
            yield Problem(
                instruction.keyword_span,
                f"{keyword} repeated in this stage (first on line {found[0].line}); "
                "only the last one takes effect",
            )
