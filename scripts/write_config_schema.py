"""Write schemas/lintkit.schema.json, the configuration's JSON Schema with every rule's
options, for editors (run after adding a rule or an option; a test checks it is current)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), os.pardir))

from lintkit.config_schema import PUBLISHED_PATH, render  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), os.pardir))

if __name__ == "__main__":
    with open(os.path.join(ROOT, PUBLISHED_PATH), "w", encoding="utf-8") as fh:
        fh.write(render())
    print(f"wrote {PUBLISHED_PATH}")
