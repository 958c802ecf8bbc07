"""``lintkit server`` with one rule (DF003) whose check raises: what a bug in a rule does."""

from lintkit import registry
from lintkit.server import serve


def _broken(document, ctx):
    raise RuntimeError("the rule broke")


if __name__ == "__main__":  # not in the server's spawned worker processes
    for r in registry.rules_for_kind("dockerfile"):
        if r.id == "DF003":
            r.check = _broken
    serve()
