"""Instructions BuildKit's parser accepts but the build rejects."""

from lintkit.images import is_scratch, written_reference_error
from lintkit.model import Example, Problem, rule
from lintkit.parsers.dockerfile_sniff import INSTRUCTIONS

#: Builder flags each instruction accepts (BuildKit dockerfile frontend, labs excluded).
FLAGS = {
    "ADD": {"chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"},
    "COPY": {"from", "chown", "chmod", "link", "parents", "exclude"},
    "FROM": {"platform"},
    "RUN": {"mount", "network", "security"},
    "HEALTHCHECK": {"interval", "timeout", "start-period", "start-interval", "retries"},
}
#: Minimum number of arguments (after flags) BuildKit requires.
MINIMUM_ARGS = {
    "ADD": 2, "COPY": 2, "FROM": 1, "ARG": 1, "ENV": 1, "LABEL": 1, "EXPOSE": 1,
    "USER": 1, "WORKDIR": 1, "VOLUME": 1, "STOPSIGNAL": 1, "MAINTAINER": 1, "ONBUILD": 1,
    "SHELL": 1, "HEALTHCHECK": 1, "RUN": 1,
}  # fmt: skip


def _problems(instruction):
    keyword = instruction.keyword
    if keyword not in INSTRUCTIONS:
        yield Problem(instruction.keyword_span, f"Unknown instruction {instruction.keyword_raw}")
        return
    allowed = FLAGS.get(keyword, set())
    for flag in instruction.flags:
        if flag.name not in allowed:
            yield Problem(flag.span, f"Unknown flag --{flag.name} for {keyword}")
    count = len(instruction.args) + len(instruction.heredocs)
    if keyword in ("RUN", "CMD", "ENTRYPOINT") and instruction.value:
        count = max(count, 1)
    if count < MINIMUM_ARGS.get(keyword, 0):
        yield Problem(instruction.keyword_span, f"{keyword} is missing arguments")
    if keyword == "FROM" and len(instruction.args) not in (0, 1, 3):
        yield Problem(instruction.value_span, "FROM takes an image and optionally `AS name`")
    elif (
        keyword == "FROM"
        and len(instruction.args) == 3
        and instruction.args[1].value.lower() != "as"
    ):
        yield Problem(instruction.args[1].span, "Expected AS between the image and the stage name")
    if keyword == "FROM" and instruction.args:
        yield from _image_problems(instruction)
    if keyword == "SHELL" and instruction.value and instruction.exec_form is None:
        yield Problem(instruction.value_span, "SHELL requires the JSON form")
    if keyword == "HEALTHCHECK" and instruction.args:
        kind = instruction.args[0].value.upper()
        if kind not in ("CMD", "NONE"):
            yield Problem(instruction.args[0].span, "HEALTHCHECK takes CMD or NONE")
        elif kind == "CMD" and len(instruction.args) < 2:
            yield Problem(instruction.args[0].span, "HEALTHCHECK CMD needs a command")


@rule(
    id="DF063",
    name="instruction-syntax",
    severity="error",
    summary="Unknown instruction, unknown flag, or missing/ill-formed arguments",
    rationale=(
        "BuildKit's parser reads these lines, but the build stops on them; reporting them "
        "here saves a build round trip."
    ),
    tags=("reliability",),
    aliases=(
        "DL1000",
        "dockerfilelint:invalid_command",
        "dockerfilelint:invalid_line",
        "dockerfilelint:required_params",
        "dockerfilelint:missing_args",
        "dockerfilelint:extra_args",
        "dockerfilelint:invalid_format",
        "dockerfilelint:healthcheck_options_missing_args",
        "dockerfilelint:add_src_invalid",
        "dockerfilelint:add_dest_invalid",
    ),
    examples=(
        Example(
            bad="FROM alpine:3.20\nCOPY --chown=app:app only-one-argument\n",
            good="FROM alpine:3.20\nCOPY --chown=app:app app.py /srv/\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions:
        yield from _problems(instruction)
        if instruction.trigger is not None:
            yield from _problems(instruction.trigger)


def _image_problems(instruction):
    """A FROM image written out (no variables) that is no image reference at all:
    ``alpine:sha256:<hex>``, ``Alpine:3.20``, ``alpine:``."""
    token = instruction.args[0]
    stage = instruction.stage
    if "$" in token.value or is_scratch(token.value) or (stage is not None and stage.base_stage is not None):
        return
    # BuildKit reads the image as a shell word: `FROM "gcr.io/distroless/static"` is fine.
    image = stage.image.text if stage is not None and stage.image is not None else token.value
    error = written_reference_error(image)
    if error is not None:
        yield Problem(token.span, f"FROM {image} is not a valid image reference: {error}")
