"""The image that ships defines no HEALTHCHECK."""

from lintkit.model import Example, Problem, rule

from . import _dev_container


@rule(
    id="DF014",
    name="healthcheck-present",
    severity="info",
    summary="The final image defines no HEALTHCHECK",
    rationale=(
        "Without a HEALTHCHECK, Docker and Swarm only know whether the process runs, not "
        "whether it serves; a hung server stays 'up'. (Kubernetes ignores HEALTHCHECK and "
        "uses probes: there, `HEALTHCHECK NONE` documents the choice.)"
        " Dev-container images are not checked unless the `dev-containers` option is set."
    ),
    tags=("reliability",),
    aliases=("DL3057", "CKV_DOCKER_2", "DS026"),
    options=_dev_container.OPTIONS,
    examples=(
        Example(
            bad='FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n',
            good=(
                "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n"
                'CMD ["nginx", "-g", "daemon off;"]\n'
            ),
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    if _dev_container.skipped(dockerfile, ctx):
        return
    stage = dockerfile.final_stage
    if stage is None or stage.is_scratch:
        return
    if any(stage.instructions_with_base("HEALTHCHECK")):
        return
    yield Problem(stage.from_instruction.keyword_span, "The final image has no HEALTHCHECK")
