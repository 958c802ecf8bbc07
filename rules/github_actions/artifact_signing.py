"""Container images pushed by a workflow that neither signs them nor attests an SBOM."""

from lintkit.model import Example, Problem, rule

from .actions import action_of, inputs_of, is_true
from .publishing import pushes_image, step_publishes

#: Actions that sign what the workflow built, or record signed provenance for it.
SIGNERS = ("actions/attest-build-provenance", "actions/attest", "slsa-framework/slsa-github-generator")
#: Actions that attest an SBOM.
SBOM_ATTESTERS = ("actions/attest-sbom",)


@rule(
    id="GH046",
    name="artifact-signing",
    severity="info",
    summary="Workflow pushes a container image without signing it (cosign sign, attest-build-provenance) or attesting an SBOM",
    rationale=(
        "A signature (cosign, or GitHub's build-provenance attestation) lets whoever pulls "
        "the image check that this workflow built it, and an attested SBOM says what is "
        "inside; without them a registry compromise or a leaked push token can replace "
        "the image unnoticed. Sign and attest in the workflow that pushes. Off by default: "
        "the signing may happen in another workflow, which this rule cannot see."
    ),
    tags=("security",),
    aliases=("CKV_GHA_5", "CKV_GHA_6"),
    enabled=False,
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  image:\n    runs-on: ubuntu-24.04\n    permissions:\n      packages: write\n    steps:\n"
                "      - run: docker push ghcr.io/acme/app:1.0\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  image:\n    runs-on: ubuntu-24.04\n    permissions:\n      packages: write\n      id-token: write\n    steps:\n"
                "      - run: |\n          docker push ghcr.io/acme/app:1.0\n          cosign sign --yes ghcr.io/acme/app:1.0\n"
                "          cosign attest --yes --type cyclonedx --predicate sbom.json ghcr.io/acme/app:1.0\n"
            ),
            filename=".github/workflows/image.yml",
        ),
    ),
)
def check(workflow, ctx):
    pushes = []  # (span, step)
    signed = sbom = False
    for step in workflow.steps:
        action = action_of(step)
        signed = signed or action in SIGNERS or (action or "").startswith(SIGNERS[-1] + "/")
        sbom = sbom or action in SBOM_ATTESTERS
        if pushes_image(step):
            pushes.append(step.node.value_span("uses"))
            sbom = sbom or is_true(inputs_of(step).get("sbom"))
        script = workflow.run_script(step)
        if script is None:
            continue
        for command in script.commands:
            # `cosign sign ...`, also run through a wrapper (`xargs -I {} cosign sign {}`)
            words = [command.name] + [word.value for word in command.args]
            at = next((i for i, w in enumerate(words) if w and w.rsplit("/", 1)[-1] == "cosign"), None)
            if at is not None:
                after = words[at + 1 :]
                signed = signed or "sign" in after or "sign-blob" in after
                sbom = sbom or "attest" in after
        pushes.extend(found.command.span for found in step_publishes(workflow, step) if found.registry == "a container registry")
        for command in script.commands_named("docker"):
            words = [word.value for word in command.args]
            if words[:2] == ["buildx", "build"] and "--push" in words:
                pushes.append(command.span)
    for span in pushes:
        if not signed:
            yield Problem(span, "pushes an image that nothing in this workflow signs (cosign sign, actions/attest-build-provenance)", aliases=("CKV_GHA_5",))
        if not sbom:
            yield Problem(span, "pushes an image without an SBOM attestation (cosign attest, actions/attest-sbom, build-push-action `sbom: true`)", aliases=("CKV_GHA_6",))
