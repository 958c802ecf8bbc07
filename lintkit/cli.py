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
    except (BrokenPipeError, ValueError):  # the reader left early (or a server closed them)
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
@click.option("--no-cache", is_flag=True, help="Lint every file afresh, reading and writing no cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Where results are kept between runs (default: $LINTKIT_CACHE_DIR, else ~/.cache/lintkit).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary, no notices.")
@click.option("--verbose", "-v", is_flag=True, help="Say which files were skipped and why; tracebacks on errors.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--policy", multiple=True, type=click.Path(), help="Policy file or folder (repeatable); see docs/policies.md.")
@click.option("--max-file-size", help='Lint files up to this size (bytes, or e.g. "50MB", the default).')
@click.option("--output-format", "output_style", type=click.Choice(["full", "concise"]),
              help="Text format: each finding with its source line (full, the default) or one line each.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of the findings (text or json).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--report", "reports", multiple=True, metavar="FORMAT=FILE",
              help="Also write a report in FORMAT to FILE (repeatable), e.g. sarif=lintkit.sarif.")
@click.option("--render-helm", is_flag=True, help="Render Helm charts with `helm template` (helm on PATH) and lint the output.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record every current finding in this baseline file and exit 0.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings this baseline file does not record.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place ('-': print the fixed text).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the unified diff --fix would apply; write nothing.")
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
    policy: tuple[str, ...]
    max_file_size: str | None
    output_style: str | None = None
    statistics: bool = False
    exit_zero: bool = False
    reports: tuple[str, ...] = ()
    render_helm: bool = False
    cache_dir: str | None = None
    write_baseline: str | None = None
    baseline_path: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False

    def __post_init__(self) -> None:
        self.paths = tuple(self.paths) or (".",)
        self.select = tuple(_split(self.select))
        self.ignore = tuple(_split(self.ignore))


def _check(request: CheckRequest) -> int:
    from . import engine, registry
    from .config import Config, load_config
    from .discover import Target, discover
    from .kinds import is_yaml_name, kind_from_globs, kind_from_name

    formats = registry.reporters()
    if request.output_format not in formats:
        raise UsageError(f"unknown --format {request.output_format!r} (expected one of: {', '.join(sorted(formats))})")

    from .config_tree import find_run_config

    config = Config()
    if not request.isolated:
        found = request.config_path or find_run_config(next((p for p in request.paths if p != "-"), "."))
        if found:
            config = load_config(found)
    _activate_policies(config, request.policy)

    selection = registry.Selection(request.select or config.select, [*config.ignore, *request.ignore])
    for origin, selectors in (("--select", request.select), ("--ignore", request.ignore),
                              (f"{config.path}: select", config.select or []),
                              (f"{config.path}: ignore", config.ignore),
                              *((f"{config.path}: per-file-ignores.{pattern}", listed)
                                for pattern, listed in config.per_file_ignores.items())):
        registry.check_selectors(selectors, origin)
    _check_rule_settings(config)
    from .output import Progress, parse_report_specs

    reports = [
        *((name, os.path.join(config.base, path)) for name, path in parse_report_specs(config.reports, formats, f"{config.path}: reports")),
        *parse_report_specs(list(request.reports), formats, "--report"),
    ]

    from . import files, project

    try:
        max_file_size = files.parse_size(request.max_file_size or config.max_file_size or files.DEFAULT_MAX_FILE_SIZE)
    except ValueError as exc:
        origin = "--max-file-size" if request.max_file_size else f"{config.path}: max-file-size"
        raise UsageError(f"{origin}: {exc}") from None
    file_paths = [p for p in request.paths if p != "-"]
    root = project.find_root(config.path, file_paths or ["."])
    run_project = project.Project(os.path.realpath(root), max_file_size)

    texts: dict[str, bytes] = {}
    targets = []
    skipped: list[tuple[str, str]] = []
    if "-" in request.paths:
        name = request.stdin_filename or "-"
        stdin_kind = request.kind or kind_from_globs(name, config.kinds) or kind_from_name(name, variant_is_dockerfile=True)
        texts[name] = sys.stdin.buffer.read()
        # `helm template chart | lintkit check -`: YAML whose content tells its kind.
        from .helm import SOURCE_MARKER

        if stdin_kind is None and not is_yaml_name(name) and SOURCE_MARKER.encode() not in texts[name]:
            raise UsageError("cannot tell the kind of stdin: give --kind or a --stdin-filename such as Dockerfile")
        targets.append(Target(name, stdin_kind))
    if file_paths:
        try:
            found_files = discover(file_paths, exclude=config.exclude, exclude_base=config.base,
                                   kind_globs=config.kinds, forced_kind=request.kind, project=run_project)
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
        project_root=run_project.root,
        max_file_size=max_file_size,
        progress=Progress(len(targets)),
        render_helm=_render_helm(request.render_helm or config.render_helm),
        contexts=bool(request.write_baseline or request.baseline_path or config.baseline),
    )
    if not (request.no_cache or texts):
        from .cache import Cache, default_dir

        options.cache = Cache(request.cache_dir or default_dir(), engine.cache_settings(options))
    engine.tune_collector()
    from . import config_tree

    try:
        nested = not (request.isolated or request.config_path)
        result = config_tree.run(targets, options, config, request.select, request.ignore, nested)
    finally:
        options.progress.close()
    skipped.extend(result.skipped)
    report_stream = None
    if request.fix or request.diff or request.unsafe_fixes:
        from .fixes import fix_from_cli

        result, status, report_stream = fix_from_cli(request, targets, options, result)
        if status is not None:
            return status
    fixed_entries = 0
    if request.write_baseline or request.baseline_path or config.baseline:
        from .baseline import from_cli

        result, status, fixed_entries = from_cli(request, config, targets, options, result)
        if status is not None:
            return status

    if request.verbose:
        for path, reason in dict.fromkeys(skipped):
            click.echo(f"lintkit: skipped {path}: {reason}", err=True)
    if not result.files and not request.quiet:
        click.echo(f"lintkit: no files of a kind lintkit knows in {' '.join(request.paths)}", err=True)

    style = request.output_style or config.output_format or "full"
    _render(result, request, style, reports, texts, max_file_size, report_stream)
    if fixed_entries and not request.quiet:
        from .baseline import fixed_sentence

        click.echo(fixed_sentence(fixed_entries), err=True)
    engine.print_errors(result.errors)
    if result.errors:
        return 2
    if request.exit_zero:
        return 0
    threshold = Severity.parse(request.severity or config.fail_on or "style")
    notices = {rule_id for rule_id, rule in result.rules.items() if rule.notice}
    return 1 if any(f.severity.rank >= threshold.rank and f.rule not in notices for f in result.findings) else 0


def _render_helm(wanted: bool) -> bool:
    if not wanted:
        return False
    from .helm import helm_command

    if helm_command() is None:
        raise UsageError("--render-helm (render-helm in the config) needs helm on PATH")
    return True


def _activate_policies(config, extra: tuple[str, ...]) -> None:
    """Register the policies of the config and of ``--policy`` as rules of this run."""
    paths = [*config.policy_paths(), *extra]
    if paths:
        from .policies import activate

        activate(paths)


def _config_here(isolated: bool = False):
    """The configuration that applies in the working directory (for `rules`, `explain`)."""
    from .config import Config, find_config, load_config

    found = None if isolated else find_config(".")
    return load_config(found) if found else Config()


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


def _render(result, request: CheckRequest, style: str, reports: list[tuple[str, str]],
            texts: dict[str, bytes], max_file_size: int, main_stream=None) -> None:
    """Write the run's reports: the main one to ``--output``, ``main_stream`` (``--fix -`` sends
    it to stderr, the fixed text being stdout) or stdout, and each ``--report``."""
    from .output import write_statistics
    from .registry import load_reporter, reporters
    from .report import Report, masked_source_lines, without_secret_fixes

    # Every line a reporter shows or fingerprints has its secrets masked, and no fix that
    # would write one is shown.
    source_line = masked_source_lines(result.secret_spans, texts, max_file_size)
    report = Report(findings=without_secret_fixes(result.findings, result.secret_spans), rules=result.rules,
                    files=result.files, source_line=source_line,
                    suppressed=without_secret_fixes(result.suppressed, result.secret_spans), output_style=style,
                    quiet=request.quiet, linted_paths=result.paths)
    formats = reporters()
    for name, path in reports:
        try:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            stream = open(path, "w", encoding="utf-8", errors="backslashreplace")
        except OSError as exc:
            raise UsageError(f"cannot write report {path}: {exc.strerror or exc}") from None
        with stream:
            load_reporter(formats[name])(report, stream, color=False)
    output_format, output, color = request.output_format, request.output, request.color
    if request.statistics:
        if output_format not in ("text", "json"):
            raise UsageError(f"--statistics prints text or json, not {output_format!r}")

        def render(report, stream, color):
            write_statistics(report, stream, as_json=output_format == "json")
    else:
        render = load_reporter(formats[output_format])
    if output:
        with open(output, "w", encoding="utf-8", errors="backslashreplace") as stream:
            render(report, stream, color=color == "always")
        return
    stream = main_stream or sys.stdout
    use_color = color == "always" or (color == "auto" and stream.isatty() and "NO_COLOR" not in os.environ)
    if hasattr(stream, "reconfigure"):
        # File names that are not valid in the locale's encoding must not end the report.
        stream.reconfigure(errors="backslashreplace")
    render(report, stream, color=use_color)


@main.command()
def server() -> None:
    """Speak the Language Server Protocol over stdio, for editors (see docs/editors.md)."""
    from .server import serve

    serve()


_POLICY_OPTION = click.option("--policy", multiple=True, type=click.Path(), help="Also list these policies (repeatable).")


@main.command(name="rules")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_POLICY_OPTION
def list_rules(kind, output_format, policy) -> None:
    """List rules with their ids, names, severities and aliases."""
    import json

    from .registry import all_rules, rules_for_kind

    _activate_policies(_config_here(), policy)
    rules = rules_for_kind(kind) if kind else all_rules()
    if output_format == "json":
        click.echo(json.dumps([_rule_dict(r) for r in rules], indent=2))
        return
    for r in rules:
        state = "" if r.enabled else " (off by default)"
        state += f" ({r.fix} fix)" if r.fix else ""
        aliases = f"  [{', '.join(r.aliases)}]" if r.aliases else ""
        click.echo(f"{r.id:7} {r.name:36} {r.severity.value:8} {r.summary}{state}{aliases}")


def _rule_dict(r) -> dict:
    return {
        "id": r.id, "name": r.name, "kind": r.kind, "kinds": list(r.kinds) if r.kinds else [r.kind],
        "origin": r.origin, "severity": r.severity.value,
        "summary": r.summary, "rationale": r.rationale, "tags": list(r.tags),
        "aliases": list(r.aliases), "fixable": r.fixable, "fix": r.fix, "enabled": r.enabled,
        "scope": r.scope, "options": r.options,
        "examples": [
            {"bad": e.bad, "good": e.good, "filename": e.filename, "options": dict(e.options)} for e in r.examples
        ],
    }


@main.command()
@click.argument("rule_id")
@_POLICY_OPTION
def explain(rule_id, policy) -> None:
    """Show what one rule checks and why (by id, name or alias)."""
    from .registry import find_rule

    _activate_policies(_config_here(), policy)
    r = find_rule(rule_id)
    if r is None:
        click.echo(f"lintkit: no rule {rule_id!r} (see `lintkit rules`)", err=True)
        sys.exit(2)
    click.echo(explanation(r))


def explanation(r) -> str:
    """What ``lintkit explain`` prints for a rule (the language server's hover shows it too)."""
    kinds = ", ".join(r.kinds) if r.kinds else r.kind or "all kinds"
    out = [f"{r.id} {r.name} ({kinds}, {r.severity.value}"
           f"{'' if r.enabled else ', off by default'})", "", r.summary, "", r.rationale]
    if r.origin:
        out += ["", f"Defined by {r.origin}"]
    if r.aliases:
        out += ["", "Aliases: " + ", ".join(r.aliases)]
    if r.tags:
        out += ["Tags: " + ", ".join(r.tags)]
    if r.fix:
        out += [f"Fix: {r.fix}" + (" (applied with --fix)" if r.fix == "safe" else " (applied with --fix --unsafe-fixes)")]
    for key, spec in r.options.get("properties", {}).items():
        out += [f"Option {key}: {spec.get('description', '')} (default: {spec.get('default')!r})"]
    for e in r.examples:
        name = f" ({e.filename})" if e.filename else ""
        options = f" with options {dict(e.options)}" if e.options else ""
        out += ["", f"Bad{name}{options}:", _indent(e.bad), "Good:", _indent(e.good)]
    return "\n".join(out)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))


@main.group()
def policy() -> None:
    """Work with policy files (docs/policies.md)."""


@policy.command(name="test")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
def policy_test(paths) -> None:
    """Run the `tests:` cases written in each policy of PATHS (files or folders)."""
    from .policy_tests import run_policy_tests

    sys.exit(run_policy_tests(list(paths), click.echo))
