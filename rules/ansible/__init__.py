"""Built-in Ansible rules."""

from . import package_latest

RULES = [m.check for m in (package_latest,)]
