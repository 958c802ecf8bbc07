"""Built-in GitLab CI rules."""

from . import (
    exclusive_keys,
    extends_valid,
    include_local_exists,
    job_has_script,
    manual_blocks_pipeline,
    needs_defined,
    needs_stage_order,
    pin_images,
    prefer_rules,
    reference_defined,
    schema,
    stage_defined,
)

RULES = [
    m.check
    for m in (
        prefer_rules, pin_images, schema, stage_defined, needs_defined, needs_stage_order,
        extends_valid, include_local_exists, reference_defined, manual_blocks_pipeline,
        exclusive_keys, job_has_script,
    )
]  # fmt: skip
