"""Built-in GitLab CI rules."""

from . import (
    allowed_registries,
    artifacts_expire_in,
    deploy_environment,
    environment_on_stop,
    dind_tls,
    exclusive_keys,
    extends_valid,
    include_local_exists,
    job_has_script,
    manual_blocks_pipeline,
    needs_defined,
    needs_name_length,
    needs_no_cycles,
    needs_no_duplicates,
    needs_stage_order,
    no_curl_exfiltration,
    no_curl_pipe_shell,
    no_double_pipelines,
    no_secrets_in_variables,
    no_sudo,
    no_types_keyword,
    password_on_command_line,
    pin_images,
    prefer_rules,
    reference_defined,
    schema,
    security_jobs_blocking,
    stage_defined,
    use_default_section,
    visible_job_present,
)

RULES = [
    m.check
    for m in (
        allowed_registries,
        prefer_rules, pin_images, schema, stage_defined, needs_defined, needs_stage_order,
        extends_valid, include_local_exists, reference_defined, manual_blocks_pipeline,
        exclusive_keys, job_has_script, no_sudo, password_on_command_line, no_curl_pipe_shell,
        no_secrets_in_variables, deploy_environment, dind_tls, artifacts_expire_in,
        security_jobs_blocking, no_curl_exfiltration, no_double_pipelines, needs_no_duplicates,
        needs_no_cycles, needs_name_length, visible_job_present, environment_on_stop,
        use_default_section, no_types_keyword,
    )
]  # fmt: skip
