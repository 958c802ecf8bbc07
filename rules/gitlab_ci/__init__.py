"""Built-in GitLab CI rules."""

from . import pin_images, prefer_rules, schema

RULES = [m.check for m in (prefer_rules, pin_images, schema)]
