"""lintkit: one linter for the files that build, ship and run software."""

__version__ = "0.1.0"
