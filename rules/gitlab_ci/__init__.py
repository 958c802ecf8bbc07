"""Built-in GitLab CI rules."""

from . import pin_images, prefer_rules

RULES = [m.check for m in (prefer_rules, pin_images)]
