"""Write docs/rules/<ID>.md for every installed rule and docs/rules/README.md, the index.

    python scripts/generate_rule_docs.py          # rewrite the pages
    python scripts/generate_rule_docs.py --check  # exit 1 when a page is stale

The pages come from the rules' metadata (lintkit/ruledocs.py); tests/test_rule_docs.py
fails when the checked-in pages differ from what this writes.
"""

from __future__ import annotations

import argparse
import os
import sys

from lintkit.registry import all_rules
from lintkit.ruledocs import generate

DOCS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "rules")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale pages")
    args = parser.parse_args()
    pages = generate(all_rules())
    stale = []
    for name, text in pages.items():
        path = os.path.join(DOCS, name)
        try:
            with open(path, encoding="utf-8") as fh:
                current = fh.read()
        except FileNotFoundError:
            current = None
        if current != text:
            stale.append(name)
            if not args.check:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text)
    orphans = sorted(set(os.listdir(DOCS)) - set(pages)) if os.path.isdir(DOCS) else []
    for name in orphans:
        stale.append(name)
        if not args.check:
            os.remove(os.path.join(DOCS, name))
    verb = "stale" if args.check else "written"
    print(f"{len(pages)} pages, {len(stale)} {verb}{': ' + ', '.join(stale[:10]) if stale else ''}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
