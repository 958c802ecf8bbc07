"""Tests of the output formats (lintkit/reporters)."""
