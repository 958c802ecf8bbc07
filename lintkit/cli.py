"""Command line: ``lintkit check`` (the default), ``lintkit rules``, ``lintkit explain``.

Exit codes: 0 no finding at or above the fail threshold, 1 findings at or above it,
2 usage, configuration or internal error (one line on stderr; traceback with --verbose).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import click

from . import __version__
from .model import KINDS, Severity
from .registry import UsageError

SEVERITIES = [s.value for s in Severity]


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


class _DefaultToCheck(click.Group):
    """``lintkit PATH...`` means ``lintkit check PATH...``."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as exc:  # from `rules`/`explain`; `check` reports its own
            click.echo(f"lintkit: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lintkit")
def main() -> None:
    """One linter for Dockerfiles, docker-compose, Kubernetes, Ansible, GitLab CI and
    GitHub Actions files.

    `lintkit PATH...` is `lintkit check PATH...`; see `lintkit check --help`."""


def run_and_exit() -> None:
    """The ``lintkit`` program: :func:`main`, then an exit that skips the interpreter's
    teardown. Freeing every object of a run one by one (rule tables, the Kubernetes
    schemas, parsed files) took 60 ms after a run over the Kubernetes corpus, 8% of it;
    mypy ends the same way. Tests call :func:`main` and keep their process."""
    try:
        main()
    except SystemExit as exc:
        status = exc.code
    else:
        status = 0
    if status is not None and not isinstance(status, int):
        print(status, file=sys.stderr)  # what the interpreter does with sys.exit("message")
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader left early: nothing more can reach it
        pass
    os._exit(status or 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", default="text", show_default=True,
              help="Report format: text, json, sarif, gitlab, junit, github.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--select", multiple=True, help="Rules to run (ids, names, aliases, kinds, tags, ALL).")
@click.option("--ignore", multiple=True, help="Rules not to run (same selectors as --select).")
@click.option("--severity", type=click.Choice(SEVERITIES), help="Fail (exit 1) only on findings at or above this.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="Configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--kind", type=click.Choice(KINDS), help="Lint the given files (or stdin) as this kind.")
@click.option("--stdin-filename", help="With '-': the path stdin is linted as.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes (0: automatic).")
@click.option("--no-cache", is_flag=True, help="Accepted for compatibility; lintkit keeps no cache yet.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary, no notices.")
@click.option("--verbose", "-v", is_flag=True, help="Say which files were skipped and why; tracebacks on errors.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
def check(**options) -> None:
    """Lint PATHS (files or folders; default "."; "-" reads stdin)."""
    request = CheckRequest(**options)
    verbose = request.verbose
    try:
        code = _check(request)
    except UsageError as exc:
        click.echo(f"lintkit: {exc}", err=True)
        code = 2
    except BrokenPipeError:  # `lintkit check | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    except Exception as exc:  # never a traceback unless asked for
        if verbose:
            raise
        click.echo(f"lintkit: internal error: {type(exc).__name__}: {exc} (run with --verbose for details)", err=True)
        code = 2
    sys.exit(code)


@dataclass
class CheckRequest:
    """The options of one ``lintkit check``, as click parsed them. Each option of the
    command is a field, so adding one touches its decorator and this class only."""

    paths: tuple[str, ...]
    output_format: str
    output: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: str | None
    config_path: str | None
    isolated: bool
    kind: str | None
    stdin_filename: str | None
    jobs: int
    no_cache: bool
    quiet: bool
    verbose: bool
    color: str

    def __post_init__(self) -> None:
        self.paths = tuple(self.paths) or (".",)
        self.select = tuple(_split(self.select))
        self.ignore = tuple(_split(self.ignore))


def _check(request: CheckRequest) -> int:
    from . import engine, registry
    from .config import Config, find_config, load_config
    from .discover import Target, discover
    from .kinds import is_yaml_name, kind_from_globs, kind_from_name

    formats = registry.reporters()
    if request.output_format not in formats:
        raise UsageError(f"unknown --format {request.output_format!r} (expected one of: {', '.join(sorted(formats))})")

    config = Config()
    if not request.isolated:
        found = request.config_path or find_config(next((p for p in request.paths if p != "-"), "."))
        if found:
            config = load_config(found)

    selection = registry.Selection(request.select or config.select, [*config.ignore, *request.ignore])
    for origin, selectors in (("--select", request.select), ("--ignore", request.ignore),
                              (f"{config.path}: select", config.select or []),
                              (f"{config.path}: ignore", config.ignore)):
        registry.check_selectors(selectors, origin)
    _check_rule_settings(config)

    texts: dict[str, bytes] = {}
    targets = []
    skipped: list[tuple[str, str]] = []
    file_paths = [p for p in request.paths if p != "-"]
    if "-" in request.paths:
        name = request.stdin_filename or "-"
        stdin_kind = request.kind or kind_from_globs(name, config.kinds) or kind_from_name(name)
        if stdin_kind is None and not is_yaml_name(name):
            raise UsageError("cannot tell the kind of stdin: give --kind or a --stdin-filename such as Dockerfile")
        texts[name] = sys.stdin.buffer.read()
        targets.append(Target(name, stdin_kind))
    if file_paths:
        try:
            found_files = discover(file_paths, exclude=config.exclude, exclude_base=config.base,
                                   kind_globs=config.kinds, forced_kind=request.kind)
        except FileNotFoundError as exc:
            raise UsageError(f"no such file or directory: {exc.args[0]}") from None
        targets.extend(found_files.targets)
        skipped.extend(found_files.skipped)

    options = engine.RunOptions(
        selection=selection,
        severity_overrides=config.severity,
        rule_options=config.rules,
        settings=config.settings(),
        per_file_ignores=config.per_file_ignores,
        config_base=config.base,
        jobs=request.jobs or None,
        texts=texts,
        verbose=request.verbose,
    )
    engine.tune_collector()
    result = engine.run(targets, options)
    skipped.extend(result.skipped)

    if request.verbose:
        for path, reason in skipped:
            click.echo(f"lintkit: skipped {path}: {reason}", err=True)
    if not result.files and not request.quiet:
        click.echo(f"lintkit: no files of a kind lintkit knows in {' '.join(request.paths)}", err=True)

    _render(result, request.output_format, request.output, request.color, texts)
    engine.print_errors(result.errors)
    if result.errors:
        return 2
    threshold = Severity.parse(request.severity or config.fail_on or "style")
    return 1 if any(f.severity.rank >= threshold.rank for f in result.findings) else 0


def _check_rule_settings(config) -> None:
    """Config ``rules.<id-or-name>`` and ``severity.<id-or-name>`` must name real rules, and
    options must match the rule's options schema."""
    if not (config.rules or config.severity):
        return
    from .registry import find_rule

    for key in config.severity:
        if find_rule(key) is None:
            raise UsageError(f"{config.path}: severity.{key}: no rule with this id or name")
    for key, options in config.rules.items():
        r = find_rule(key)
        if r is None:
            raise UsageError(f"{config.path}: rules.{key}: no rule with this id or name")
        schema = {"type": "object", "additionalProperties": False, "properties": {}, **r.options}
        import jsonschema

        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(options))
        if error is not None:
            where = ".".join(["rules", key, *map(str, error.absolute_path)])
            allowed = ", ".join(sorted(schema["properties"])) or "none"
            raise UsageError(f"{config.path}: {where}: {error.message} (options of {r.id}: {allowed})")


def _render(result, output_format, output, color, texts: dict[str, bytes]) -> None:
    from .registry import load_reporter, reporters
    from .report import Report, masked_source_lines

    source_line = masked_source_lines(result.secret_spans, texts)
    report = Report(findings=result.findings, rules=result.rules, files=result.files, source_line=source_line)
    render = load_reporter(reporters()[output_format])
    if output:
        with open(output, "w", encoding="utf-8", errors="backslashreplace") as stream:
            render(report, stream, color=color == "always")
        return
    use_color = color == "always" or (color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    if hasattr(sys.stdout, "reconfigure"):
        # File names that are not valid in the locale's encoding must not end the report.
        sys.stdout.reconfigure(errors="backslashreplace")
    render(report, sys.stdout, color=use_color)


@main.command(name="rules")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(kind, output_format) -> None:
    """List rules with their ids, names, severities and aliases."""
    import json

    from .registry import all_rules, rules_for_kind

    rules = rules_for_kind(kind) if kind else all_rules()
    if output_format == "json":
        click.echo(json.dumps([_rule_dict(r) for r in rules], indent=2))
        return
    for r in rules:
        state = "" if r.enabled else " (off by default)"
        aliases = f"  [{', '.join(r.aliases)}]" if r.aliases else ""
        click.echo(f"{r.id:7} {r.name:36} {r.severity.value:8} {r.summary}{state}{aliases}")


def _rule_dict(r) -> dict:
    return {
        "id": r.id, "name": r.name, "kind": r.kind, "severity": r.severity.value,
        "summary": r.summary, "rationale": r.rationale, "tags": list(r.tags),
        "aliases": list(r.aliases), "fixable": r.fixable, "enabled": r.enabled,
        "scope": r.scope, "options": r.options,
        "examples": [
            {"bad": e.bad, "good": e.good, "filename": e.filename, "options": dict(e.options)} for e in r.examples
        ],
    }


@main.command()
@click.argument("rule_id")
def explain(rule_id) -> None:
    """Show what one rule checks and why (by id, name or alias)."""
    from .registry import find_rule

    r = find_rule(rule_id)
    if r is None:
        click.echo(f"lintkit: no rule {rule_id!r} (see `lintkit rules`)", err=True)
        sys.exit(2)
    out = [f"{r.id} {r.name} ({r.kind or 'all kinds'}, {r.severity.value}"
           f"{'' if r.enabled else ', off by default'})", "", r.summary, "", r.rationale]
    if r.aliases:
        out += ["", "Aliases: " + ", ".join(r.aliases)]
    if r.tags:
        out += ["Tags: " + ", ".join(r.tags)]
    for key, spec in r.options.get("properties", {}).items():
        out += [f"Option {key}: {spec.get('description', '')} (default: {spec.get('default')!r})"]
    for e in r.examples:
        name = f" ({e.filename})" if e.filename else ""
        options = f" with options {dict(e.options)}" if e.options else ""
        out += ["", f"Bad{name}{options}:", _indent(e.bad), "Good:", _indent(e.good)]
    click.echo("\n".join(out))


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))
