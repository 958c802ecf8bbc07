"""Built-in GitHub Actions rules."""

from . import permissions, persist_credentials, pin_actions_sha, template_injection

RULES = [m.check for m in (pin_actions_sha, template_injection, persist_credentials, permissions)]
