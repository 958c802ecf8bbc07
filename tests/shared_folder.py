"""Where the shared corpus and seed examples are: ``../shared`` beside the repository
root, as CI lays it out (never an absolute machine path)."""

import os

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(REPOSITORY, os.pardir, "shared"))
CORPUS = os.path.join(SHARED, "corpus")
SEEDS = os.path.join(SHARED, "examples", "seeds")
