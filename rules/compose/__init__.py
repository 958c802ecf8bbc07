"""Built-in docker-compose rules."""

from . import image_explicit_tag, no_version_field

RULES = [m.check for m in (image_explicit_tag, no_version_field)]
