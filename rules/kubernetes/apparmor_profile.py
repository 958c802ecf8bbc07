"""Containers running without AppArmor confinement."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import mapping

from .security import POD

_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/"


@rule(
    id="K8025",
    name="apparmor-profile",
    severity="warning",
    summary="AppArmor explicitly Unconfined (or, with `require`, not set)",
    rationale=(
        "On nodes with AppArmor, the runtime's default profile blocks writes to /proc and "
        "/sys and mounts, closing several escape paths. `Unconfined` (field or annotation) "
        "turns that off. The runtime default applies when nothing is set, so a missing "
        "profile is reported only with the `require` option."
    ),
    tags=("security",),
    aliases=("KSV002",),
    options={
        "type": "object",
        "properties": {
            "require": {
                "type": "boolean",
                "default": False,
                "description": "also report containers that set no profile",
            }
        },
        "additionalProperties": False,
    },
    examples=(
        Example(
            bad=POD.replace("SETTING", "appArmorProfile: {type: Unconfined}"),
            good=POD.replace("SETTING", "appArmorProfile: {type: RuntimeDefault}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    require = ctx.options["require"]
    for _obj, pod in manifest.workloads():
        if pod.is_windows:
            continue
        annotations = pod.annotations
        for container in pod.containers:
            setting = container.security_setting("appArmorProfile")
            profile = mapping(setting[0]) if setting else None
            annotation_key = _ANNOTATION + container.name
            annotation = annotations.get(annotation_key)
            if profile is not None and profile.get("type") == "Unconfined":
                yield Problem(profile.value_span("type"), f"{container.label} runs without AppArmor (Unconfined)")
            elif annotation == "unconfined":
                yield Problem(
                    annotations.value_span(annotation_key), f"{container.label} runs without AppArmor (unconfined)"
                )
            elif require and profile is None and annotation is None:
                yield Problem(container.name_span(), f"{container.label} sets no AppArmor profile")
