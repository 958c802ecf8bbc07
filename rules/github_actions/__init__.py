"""Built-in GitHub Actions rules."""

from . import (
    bot_conditions,
    cache_poisoning,
    cron_valid,
    curl_pipe_shell,
    dangerous_triggers,
    deprecated_commands,
    env_var_names,
    expression_check,
    github_app_tokens,
    github_env,
    hardcoded_credentials,
    ids_valid,
    insecure_commands,
    matrix_valid,
    needs_valid,
    overprovisioned_secrets,
    permissions,
    persist_credentials,
    pin_actions_sha,
    pin_container_images,
    runner_labels,
    secret_exfiltration,
    secrets_inherit,
    secrets_on_command_line,
    self_hosted_runner,
    shell_name,
    sound_conditions,
    template_injection,
    trusted_publishing,
    unredacted_secrets,
    unsound_contains,
    workflow_call,
    workflow_schema,
)

RULES = [
    m.check
    for m in (
        pin_actions_sha, template_injection, persist_credentials, permissions, dangerous_triggers,
        secrets_inherit, sound_conditions, github_env, pin_container_images, bot_conditions,
        workflow_schema, insecure_commands, deprecated_commands, self_hosted_runner, curl_pipe_shell,
        secrets_on_command_line, secret_exfiltration, hardcoded_credentials, needs_valid, expression_check,
        cron_valid, matrix_valid, runner_labels, ids_valid, env_var_names, unsound_contains, overprovisioned_secrets,
        unredacted_secrets, github_app_tokens, cache_poisoning,
        trusted_publishing, shell_name, workflow_call,
    )
]  # fmt: skip
