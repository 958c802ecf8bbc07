"""ADD where COPY does the job."""

from lintkit.model import Edit, Example, Fix, Problem, rule

#: Archive suffixes ADD unpacks (the one thing COPY cannot do).
ARCHIVES = (
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst",
    ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma", ".tZ", ".tar.Z",
)  # fmt: skip
URL_SCHEMES = ("http://", "https://", "git@", "git://")


def is_remote(source: str) -> bool:
    return source.startswith(URL_SCHEMES) or source.endswith(".git")


@rule(
    id="DF018",
    name="copy-not-add",
    severity="warning",
    summary="ADD used for local files or folders; COPY is explicit",
    rationale=(
        "ADD also fetches URLs and unpacks archives, so an ADD of plain files reads like it "
        "might do either; COPY does only what it says. Keep ADD for local archives that "
        "should be unpacked."
    ),
    tags=("maintainability",),
    aliases=("DL3020", "CKV_DOCKER_4", "DS005"),
    fix="safe",
    examples=(
        Example(
            bad="FROM alpine:3.20\nADD app.py /srv/\n",
            good="FROM alpine:3.20\nCOPY app.py /srv/\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("ADD"):
        sources = instruction.args[:-1]
        if instruction.heredocs or not sources:
            continue
        for source in sources:
            if not is_remote(source.value) and not source.value.endswith(ARCHIVES):
                yield Problem(source.span, f"Use COPY instead of ADD for {source.value}", _fix(instruction, sources))
                break


#: Flags of ADD that COPY does not have.
_ADD_ONLY_FLAGS = frozenset(("checksum", "keep-git-dir", "unpack"))


def _fix(instruction, sources) -> Fix | None:
    """ADD -> COPY when every source is a plain local path and no flag is ADD's own."""
    if any(is_remote(s.value) or s.value.endswith(ARCHIVES) for s in sources):
        return None
    if any(flag.name in _ADD_ONLY_FLAGS for flag in instruction.flags):
        return None
    keyword = "COPY" if instruction.keyword_raw.isupper() else "copy"
    return Fix("use COPY", (Edit(instruction.keyword_span, keyword),))
