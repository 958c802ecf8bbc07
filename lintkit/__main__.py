import sys

from .registry import installation_folders

# `python -m lintkit` puts the working directory, the repository being linted, first on
# sys.path: a `yaml.py` or `click.py` there would be imported in place of the library.
sys.path[:] = installation_folders()

from .cli import run_and_exit  # noqa: E402

if __name__ == "__main__":  # not when a spawned worker process of the server imports it
    run_and_exit()
