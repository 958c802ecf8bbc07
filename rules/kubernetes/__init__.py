"""Built-in Kubernetes rules."""

from . import image_tag_pinned, liveness_probe, readiness_probe

RULES = [m.check for m in (image_tag_pinned, liveness_probe, readiness_probe)]
