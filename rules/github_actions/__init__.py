"""Built-in GitHub Actions rules."""

from . import (
    bot_conditions,
    dangerous_triggers,
    github_env,
    permissions,
    persist_credentials,
    pin_actions_sha,
    pin_container_images,
    secrets_inherit,
    sound_conditions,
    template_injection,
    workflow_schema,
)

RULES = [
    m.check
    for m in (
        pin_actions_sha, template_injection, persist_credentials, permissions, dangerous_triggers,
        secrets_inherit, sound_conditions, github_env, pin_container_images, bot_conditions,
        workflow_schema,
    )
]  # fmt: skip
