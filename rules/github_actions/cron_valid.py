"""``on.schedule`` cron expressions GitHub cannot run."""

from __future__ import annotations

from lintkit.model import Example, Problem, rule
from lintkit.numbers import decimal
from lintkit.yamlmodel import YMap, YSeq

#: Field name, lowest and highest value, names allowed in place of numbers.
FIELDS = (
    ("minute", 0, 59, ()),
    ("hour", 0, 23, ()),
    ("day of month", 1, 31, ()),
    ("month", 1, 12, ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    # 7 is Sunday again in most crons; GitHub documents 0-6 but is not known to reject 7.
    ("day of week", 0, 7, ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")),
)


@rule(
    id="GH021",
    name="cron-valid",
    severity="error",
    summary="`schedule` cron expression that is not five valid POSIX cron fields",
    rationale=(
        "GitHub runs scheduled workflows from POSIX cron expressions: five fields (minute, hour, "
        "day of month, month, day of week), without seconds or the `@daily` shorthands. A "
        "schedule it cannot read never runs, and nothing says so."
    ),
    tags=("reliability",),
    aliases=("actionlint:events",),
    examples=(
        Example(
            bad="on:\n  schedule:\n    - cron: '0 0 * * 1 *'\npermissions: {}\njobs:\n  nightly:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n",
            good="on:\n  schedule:\n    - cron: '0 0 * * 1'\npermissions: {}\njobs:\n  nightly:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n",
            filename=".github/workflows/nightly.yml",
        ),
    ),
)
def check(workflow, ctx):
    schedule = workflow.triggers.get("schedule")
    if workflow.is_action or not isinstance(schedule, YSeq):
        return
    for entry in schedule:
        if not isinstance(entry, YMap) or not isinstance(entry.get("cron"), str):
            continue
        text = entry["cron"]
        if text.startswith("$"):
            continue  # a starter-workflow placeholder (`$cron-weekly`), replaced when the template is used
        problem = cron_problem(text)
        if problem is not None:
            yield Problem(entry.value_span("cron"), f"cron {text!r}: {problem}")
        timezone = entry.get("timezone")
        if isinstance(timezone, str) and not _known_timezone(timezone):
            yield Problem(entry.value_span("timezone"), f"timezone {timezone!r} is not an IANA time zone name (such as Europe/Paris)")


def cron_problem(text: str) -> str | None:
    """What is wrong with a cron expression, or None."""
    if text.strip().startswith("@"):
        return f"GitHub does not support the `{text.split()[0]}` shorthand; write the five fields"
    fields = text.split()
    if len(fields) != 5:
        return f"has {len(fields)} field(s); GitHub expects 5 (minute hour day-of-month month day-of-week)"
    for value, (name, low, high, names) in zip(fields, FIELDS):
        for item in value.split(","):
            problem = _item_problem(item, low, high, names)
            if problem is not None:
                return f"{name} field {value!r}: {problem}"
    return None


def _item_problem(item: str, low: int, high: int, names: tuple[str, ...]) -> str | None:
    if not item:
        return "empty list item"
    base, slash, step = item.partition("/")
    if slash:
        if not decimal(step):
            return f"step {step!r} is not a positive number"
        if decimal(step) > high:
            return f"step {step} is larger than the field's range ({low}-{high})"
    if base == "*":
        return None
    start, dash, end = base.partition("-")
    first = _value(start, low, high, names)
    if isinstance(first, str):
        return first
    if dash:
        last = _value(end, low, high, names)
        if isinstance(last, str):
            return last
        if first > last:
            return f"range {base!r} goes backwards"
    return None


def _value(text: str, low: int, high: int, names: tuple[str, ...]) -> int | str:
    if text.upper() in names:
        return names.index(text.upper()) + low
    number = decimal(text)
    if number is None:
        expected = f"a number {low}-{high}" + (f" or a name ({names[0]}-{names[-1]})" if names else "")
        return f"{text!r} is not {expected}"
    if not low <= number <= high:
        return f"{text.lstrip('0') or '0'} is out of range ({low}-{high})"
    return number


def _known_timezone(name: str) -> bool:
    """Checked against the time zone database Python sees; True when there is none."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
        return True
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        pass
    try:
        zoneinfo.ZoneInfo("Etc/UTC")
    except zoneinfo.ZoneInfoNotFoundError:
        return True  # no database to check against
    return False
