"""Every regular expression lintkit applies to file content runs in time linear in the
input: each pattern is run over adversarial strings of 100,000 characters, built from the
pattern's own literal characters and the usual pumps (``a``, ``:``, blanks, ``{``, ``0``),
by a child process that must report each pattern done within a generous bound (a hang
or a quadratic pattern takes minutes there, a linear one milliseconds).

The patterns are enumerated from three sources, so that neither a pattern built at run
time nor one compiled inside a function is missed:

- every ``re.Pattern`` reachable from the globals of lintkit's and its rules' modules
  (module constants, tables of patterns, class attributes);
- every ``re.<function>(literal, ...)`` call in their source, found with ``ast``;
- every ``pattern``/``patternProperties`` of the vendored JSON schemas that
  ``lintkit.schemastore`` compiles (``schema_regex``) and applies to values and keys.

A pattern is run the way the code uses it: ``match`` and ``fullmatch`` anchored, the
searching methods (``search``, ``findall``, ``finditer``, ``sub``, ``split``) over every
match; a pattern whose use the source does not show (passed around) is run all three ways.
Patterns that come from the user (a rule option) are the user's own.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import pkgutil
import re
import select
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIZE = 100_000
#: Seconds a pattern may take over one adversarial text (a linear one takes milliseconds).
BOUND = 2.0
_RE_FUNCTIONS = {"compile", "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"}
_FLAGS_ARGUMENT = {"compile": 1, "match": 2, "search": 2, "fullmatch": 2, "findall": 2, "finditer": 2, "split": 3,
                   "sub": 4, "subn": 4}
_ANCHORED = {"match", "fullmatch"}
_EVERY_WAY = frozenset(("match", "fullmatch", "search"))
#: The vendored schemas the schema rules compile (compose, GitLab CI, GitHub).
_SCHEMAS = ("compose-spec", "gitlab-ci", "github-workflows", "github-actions")


def _method(name: str) -> str:
    return name if name in _ANCHORED else "search"


def _modules():
    import lintkit
    import lintkit.rules

    for package in (lintkit, lintkit.rules):
        yield package.__name__
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not info.name.endswith(".__main__"):  # importing it runs the CLI
                yield info.name


def _key(pattern: re.Pattern) -> tuple[str, int]:
    return pattern.pattern, pattern.flags & ~re.UNICODE


def _patterns_in(value, seen: set, found: set, depth: int = 0) -> None:
    if depth > 3 or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        found.add(_key(value))
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            _patterns_in(item, seen, found, depth + 1)
    elif isinstance(value, dict):
        for item in list(value.keys()) + list(value.values()):
            _patterns_in(item, seen, found, depth + 1)
    elif isinstance(value, type):
        for item in vars(value).values():
            _patterns_in(item, seen, found, depth + 1)


def compiled_patterns() -> dict[tuple[str, int], set[str]]:
    """Patterns reachable from module globals, with the methods the module's source calls
    on the global (or on the loop variable over a table of them); every way when the
    source does not show it."""
    found: dict = {}
    seen: set = set()
    for name in _modules():
        module = importlib.import_module(name)
        uses = _uses_of_globals(module)
        for global_name, value in vars(module).items():
            if isinstance(value, type(re)):
                continue
            patterns: set = set()
            _patterns_in(value, seen, patterns)
            for key in patterns:
                found.setdefault(key, set()).update(uses.get(global_name) or _EVERY_WAY)
    return found


def _uses_of_globals(module) -> dict[str, set[str]]:
    """Methods called on each global of ``module`` in its source (``_NAME.fullmatch``,
    ``for p in _TABLE: p.match``); a global also used otherwise (passed on) gets every
    way."""
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return {}
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    aliases: dict[str, str] = {}
    iterated: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Name) \
                and isinstance(node.target, ast.Name):
            aliases[node.target.id] = node.iter.id
            iterated.add(id(node.iter))
    uses: dict[str, set[str]] = {}
    called_on: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = aliases.get(node.value.id, node.value.id)
            called_on.add(id(node.value))
            if node.attr in _RE_FUNCTIONS:
                uses.setdefault(owner, set()).add(_method(node.attr))
            else:
                uses.setdefault(owner, set()).update(_EVERY_WAY)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and id(node) not in called_on \
                and id(node) not in iterated and node.id not in aliases:
            uses.setdefault(node.id, set()).update(_EVERY_WAY)
    return uses


def literal_patterns() -> dict[tuple[str, int], set[str]]:
    """Patterns written as literals in the source, with the methods the source calls on
    them (``_NAME = re.compile(...)`` then ``_NAME.fullmatch(...)``)."""
    found: dict = {}
    for folder in ("lintkit", "rules"):
        for directory, _dirs, files in os.walk(os.path.join(ROOT, folder)):
            for file in sorted(files):
                if file.endswith(".py"):
                    with open(os.path.join(directory, file), encoding="utf-8") as fh:
                        _calls_in(ast.parse(fh.read()), found)
    return found


def _literal_call(node: ast.AST) -> tuple[str, tuple[str, int]] | None:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
            and node.func.attr in _RE_FUNCTIONS and node.args):
        return None
    pattern = node.args[0]
    if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)):
        return None
    flags_node = next((k.value for k in node.keywords if k.arg == "flags"), None)
    position = _FLAGS_ARGUMENT[node.func.attr]
    if flags_node is None and len(node.args) > position:
        flags_node = node.args[position]
    flags = eval(compile(ast.Expression(flags_node), "<flags>", "eval"), {"re": re}) if flags_node else 0
    return node.func.attr, (pattern.value, int(flags) & ~re.UNICODE)


def _calls_in(tree: ast.AST, found: dict) -> None:
    names: dict[str, tuple[str, int]] = {}
    for node in ast.walk(tree):
        call = _literal_call(node)
        if call is None:
            continue
        function, key = call
        found.setdefault(key, set())
        if function != "compile":
            found[key].add(_method(function))
    for node in ast.walk(tree):  # NAME = re.compile(literal): how NAME is used
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            call = _literal_call(node.value)
            if call and call[0] == "compile":
                names[node.targets[0].id] = call[1]
    used_as_method: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in names:
            used_as_method.add(id(node.value))
            if node.attr in _RE_FUNCTIONS:
                found[names[node.value.id]].add(_method(node.attr))
    for node in ast.walk(tree):  # passed around or stored: any method may be called on it
        if (isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)
                and id(node) not in used_as_method):
            found[names[node.id]] |= _EVERY_WAY


def schema_patterns() -> set[tuple[str, int]]:
    from lintkit.schemastore import schema_regex, vendored_schema

    found = set()
    stack = [vendored_schema(name) for name in _SCHEMAS]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add((schema_regex(node["pattern"]).pattern, 0))
            if isinstance(node.get("patternProperties"), dict):
                found.update((schema_regex(p).pattern, 0) for p in node["patternProperties"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def all_patterns() -> list[tuple[str, int, list[str]]]:
    """(pattern, flags, methods) for every pattern of the three sources."""
    uses = literal_patterns()
    for key, methods in compiled_patterns().items():
        uses[key] = uses.get(key, set()) | methods
    for key in schema_patterns():
        uses.setdefault(key, set()).add("search")
    # A pattern compiled in a function and handed on, its use unknown: every way.
    return [(pattern, flags, sorted(methods or _EVERY_WAY)) for (pattern, flags), methods in sorted(uses.items())]


_CHILD = textwrap.dedent(
    r"""
    import json, re, sys
    try:
        import re._parser as sre_parse, re._constants as C
    except ImportError:  # Python < 3.11
        import sre_parse, sre_constants as C
    SIZE = int(sys.argv[1])
    PUMPS = " a:{0/.=-_@$\\\"'\t\n,;#[(<*+|%!~A}"
    PARTNERS = " a:0/"

    def sample(items):
        "A short text matching the parsed pattern items (first branch, fewest repeats)."
        out = []
        for op, arg in items:
            if op is C.LITERAL:
                out.append(chr(arg))
            elif op is C.NOT_LITERAL:
                out.append("a" if chr(arg) != "a" else "b")
            elif op is C.ANY:
                out.append("a")
            elif op is C.IN:
                out.append(_member(arg))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
                low, _high, body = arg
                out.append(sample(body) * max(low, 1))
            elif op is C.SUBPATTERN:
                out.append(sample(arg[-1]))
            elif op is getattr(C, "ATOMIC_GROUP", None):
                out.append(sample(arg))
            elif op is C.BRANCH:
                out.append(sample(arg[1][0]))
        return "".join(out)

    def _member(items):
        negate = any(op is C.NEGATE for op, _ in items)
        for candidate in "a0 _-./:{$A\n":
            inside = False
            for op, arg in items:
                if op is C.LITERAL and chr(arg) == candidate:
                    inside = True
                elif op is C.RANGE and arg[0] <= ord(candidate) <= arg[1]:
                    inside = True
                elif op is C.CATEGORY and re.fullmatch("[" + {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D",
                        C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w",
                        C.CATEGORY_NOT_WORD: r"\W"}.get(arg, "") + "]", candidate) if arg in (C.CATEGORY_DIGIT,
                        C.CATEGORY_NOT_DIGIT, C.CATEGORY_SPACE, C.CATEGORY_NOT_SPACE, C.CATEGORY_WORD,
                        C.CATEGORY_NOT_WORD) else False:
                    inside = True
            if inside != negate:
                return candidate
        return "a"

    def pumps(items, prefix, found):
        "(prefix, unit) pairs: a text matching what comes before an item, and the item's own text to repeat."
        for index, (op, arg) in enumerate(items):
            before = prefix + sample(items[:index])
            found.add((before, sample([(op, arg)]) or "a"))
            if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
                found.add((before, sample(arg[2]) or "a"))
                pumps(list(arg[2]), before, found)
            elif op is C.SUBPATTERN:
                pumps(list(arg[-1]), before, found)
            elif op is getattr(C, "ATOMIC_GROUP", None):
                pumps(list(arg), before, found)
            elif op is C.BRANCH:
                for branch in arg[1]:
                    pumps(list(branch), before, found)

    def adversarial(pattern, flags):
        characters = sorted({c for c in pattern if c.isprintable() or c in "\t\n"} | set(PUMPS))
        mixed = "".join(characters)
        yield (mixed * (SIZE // len(mixed) + 1))[:SIZE]
        for c in characters:
            yield c * SIZE
            yield c * SIZE + "\x00"
            for other in PARTNERS:
                if other != c:
                    yield (c + other) * (SIZE // 2)
        found = set()
        pumps(list(sre_parse.parse(pattern, flags)), "", found)
        for prefix, unit in sorted(found)[:120]:
            body = prefix + unit * (SIZE // len(unit))
            yield body + "\x00"
            yield (prefix + unit) * (SIZE // len(prefix + unit))

    for line in sys.stdin:
        pattern, flags, methods = json.loads(line)
        compiled = re.compile(pattern, flags)
        for text in adversarial(pattern, flags):
            if "match" in methods:
                compiled.match(text)
            if "fullmatch" in methods:
                compiled.fullmatch(text)
            if "search" in methods:
                for _ in compiled.finditer(text):
                    pass
            print("ok", flush=True)
        print("done", flush=True)
    """
)


def slow_patterns(patterns: list[tuple[str, int, list[str]]], bound: float = BOUND, workers: int = 2) -> list[str]:
    """Patterns on which some adversarial text took more than ``bound`` seconds, tried by
    ``workers`` threads each driving its own child process."""
    from concurrent.futures import ThreadPoolExecutor

    shares = [patterns[index::workers] for index in range(workers)]
    with ThreadPoolExecutor(workers) as pool:
        return sorted(p for found in pool.map(lambda share: _slow_in(share, bound), shares) for p in found)


def _slow_in(patterns: list[tuple[str, int, list[str]]], bound: float) -> list[str]:
    """Patterns of ``patterns`` that took too long, in one child; after one, a fresh
    child goes on with the next."""
    slow = []
    pending = list(patterns)
    while pending:
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(SIZE)], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, bufsize=1)
        try:
            while pending:
                entry = pending.pop(0)
                child.stdin.write(json.dumps(entry) + "\n")
                child.stdin.flush()
                if not _reports_done(child, bound):
                    slow.append(entry[0])
                    break
        finally:
            child.kill()
            child.wait()
    return slow


def _reports_done(child, bound: float) -> bool:
    """Whether the child gets through every adversarial text of its pattern, each
    within ``bound`` seconds. Its output is read unbuffered: a buffered reader could hold
    lines that ``select`` on the pipe no longer sees."""
    pending = b""
    while True:
        while b"\n" not in pending:
            ready, _, _ = select.select([child.stdout], [], [], bound)
            chunk = os.read(child.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                return False
            pending += chunk
        line, _, pending = pending.partition(b"\n")
        if line == b"done":
            return pending == b""
        if line != b"ok":
            return False


def test_the_enumeration_sees_every_source_of_patterns():
    literal = literal_patterns()
    # A module constant, a pattern compiled in a function and one from a schema.
    assert ("--platform=" not in {p for p, _ in literal})
    assert any(p.startswith("^x-") for p, _ in schema_patterns())
    assert len(compiled_patterns()) > 50 and len(literal) > 80
    kinds_prefix = next(k for k in literal if k[0].startswith("(?:docker|container)file"))
    assert literal[kinds_prefix] == {"fullmatch"}


def test_every_pattern_is_linear_on_adversarial_input():
    assert slow_patterns(all_patterns()) == []
