"""A variable reference that is probably a typo of a defined ARG/ENV."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.dockerfile import substitute

#: Instructions whose arguments BuildKit expands (RUN is the shell's business).
_EXPANDED = ("ADD", "COPY", "ENV", "EXPOSE", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR")


def _close(a: str, b: str) -> bool:
    """One typo apart (a changed, missing, extra or swapped character), ignoring case."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        different = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(different) == 2:
            i, j = different
            return j == i + 1 and a[i] == b[j] and a[j] == b[i]
        return len(different) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@rule(
    id="DF078",
    name="undefined-var",
    severity="warning",
    summary="Variable used in an instruction is undefined and close to a defined one (typo)",
    rationale=(
        "An undefined variable expands to nothing, so `COPY app $APP_HOEM/` copies to /. "
        "Variables from the base image are unknown here, so only names that look like a "
        "typo of a defined ARG or ENV are reported."
    ),
    tags=("reliability",),
    aliases=("buildkit:UndefinedVar",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\n",
            good="FROM alpine:3.20\nENV APP_HOME=/app\nWORKDIR $APP_HOME\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named(*_EXPANDED):
        known = instruction.variables
        for token in instruction.args:
            _, names = substitute(token.raw, {})
            for name in sorted(names - set(known)):
                similar = sorted(k for k in known if _close(k, name))
                if similar:
                    yield Problem(token.span, f"{name} is not defined; did you mean {similar[0]}?")
