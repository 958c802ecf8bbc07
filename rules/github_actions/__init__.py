"""Built-in GitHub Actions rules."""

from . import pin_actions_sha

RULES = [m.check for m in (pin_actions_sha,)]
