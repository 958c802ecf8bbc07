"""docker-compose files: services, networks, volumes, secrets and configs, and whether the
file is in the retired v1 format (services at the top level, no ``services:`` key).

Besides the typed view, this module is the compose layer every compose rule shares:

* **interpolation** — ``${VAR}``, ``${VAR:-default}``, ``${VAR:?err}``, ``$$`` parsed the way
  Compose parses them (:func:`scan_interpolation`), resolved against the ``.env`` file beside
  the compose file (read as data, never executed) and the defaults written in the file;
* **short syntaxes** — ports (:func:`parse_port`: host IP incl. ``[::1]``, ranges, protocol,
  and integers that YAML 1.1 read as base-60) and volumes (:func:`parse_volume`);
* **the effective service** — what Compose runs: in-file ``extends`` applied, and merged with
  the override file(s) beside it (``docker-compose.override.yml`` with
  ``docker-compose.yml``, ``X.override.yml`` with ``X.yml``), so absence checks ("no
  ``cap_drop``") are asked of the merged service while findings stay in the file that holds
  the line;
* **project facts** — the picklable per-file summary (:class:`FileFacts`) that project rules
  collect, and :func:`group_projects`, which puts base and override files back together.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any, Iterator, NamedTuple

from .. import project, workspace
from ..model import ParseError, Span
from ..numbers import decimal
from ..source import SourceFile
from ..yamlmodel import YamlDocument, YMap, YSeq

#: Keys only a service definition has, used to recognise services (v1 files included).
SERVICE_KEYS = frozenset(("image", "build", "command", "ports", "environment", "volumes", "depends_on"))
TOP_LEVEL_KEYS = frozenset(("version", "name", "services", "networks", "volumes", "secrets", "configs", "include"))
#: Top-level sections services refer to by name.
SECTIONS = ("networks", "volumes", "secrets", "configs")


def sniff(path: str, documents: list[YamlDocument]) -> bool:
    if len(documents) != 1 or not isinstance(documents[0].root, YMap):
        return False
    services = documents[0].root.get("services")
    return isinstance(services, YMap) and any(
        isinstance(s, YMap) and ("image" in s or "build" in s) for s in services.values()
    )


# --- small value helpers --------------------------------------------------------------

_TRUE = frozenset(("true", "yes", "on", "y"))
_FALSE = frozenset(("false", "no", "off", "n"))


def as_bool(value: Any) -> bool | None:
    """A YAML boolean, including the string forms Compose accepts; None if not one."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
    return None


def scalar_text(value: Any) -> str | None:
    """A scalar as the text Compose would see (None for mappings, sequences and null)."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- interpolation --------------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: Operators of ``${NAME<op>word}``: default when unset (``-``) or unset/empty (``:-``),
#: error (``?``, ``:?``), alternative value (``+``, ``:+``).
_OPERATORS = (":-", ":?", ":+", "-", "?", "+")


class Variable(NamedTuple):
    """One ``$NAME`` / ``${NAME...}`` reference; ``start``/``end`` are offsets into the text."""

    name: str
    operator: str | None
    word: str | None  # the default, error message or alternative after the operator
    start: int
    end: int

    @property
    def required(self) -> bool:
        return self.operator in ("?", ":?")


class Malformed(NamedTuple):
    start: int
    end: int
    message: str


def scan_interpolation(text: str) -> tuple[list[Variable], list[Malformed]]:
    """The variable references in ``text`` and the malformed ``${...}`` Compose rejects.

    ``$$`` is a literal dollar. ``$`` followed by anything but a name, ``{`` or ``$`` stays
    literal (so ``$(pwd)`` and ``$1`` pass through), as in compose-go's template grammar.
    Words after an operator may hold nested references (``${A:-${B}}``); those are
    returned too.
    """
    variables: list[Variable] = []
    errors: list[Malformed] = []
    _scan(text, 0, len(text), variables, errors)
    return variables, errors


def _scan(text: str, start: int, stop: int, variables: list, errors: list) -> None:
    i = text.find("$", start, stop)
    while i != -1:
        nxt = text[i + 1] if i + 1 < stop else ""
        if nxt == "$":
            i = text.find("$", i + 2, stop)
            continue
        if nxt == "{":
            i = _scan_braced(text, i, stop, variables, errors)
        else:
            m = _NAME.match(text, i + 1, stop)
            if m:
                variables.append(Variable(m.group(), None, None, i, m.end()))
                i = m.end()
            else:
                i += 1
        i = text.find("$", i, stop)


def _scan_braced(text: str, i: int, stop: int, variables: list, errors: list) -> int:
    """Parse ``${...}`` starting at ``text[i] == '$'``; returns the offset after it."""
    close = _matching_brace(text, i + 1, stop)
    if close == -1:
        errors.append(Malformed(i, stop, "unclosed `${`"))
        return stop
    m = _NAME.match(text, i + 2, close)
    if not m:
        errors.append(Malformed(i, close + 1, f"`{text[i:close + 1]}` does not start with a variable name"))
        return close + 1
    after = m.end()
    if after == close:
        variables.append(Variable(m.group(), None, None, i, close + 1))
        return close + 1
    for op in _OPERATORS:
        if text.startswith(op, after):
            word_start = after + len(op)
            variables.append(Variable(m.group(), op, text[word_start:close], i, close + 1))
            _scan(text, word_start, close, variables, errors)
            return close + 1
    errors.append(
        Malformed(i, close + 1, f"`{text[i:close + 1]}`: expected `}}` or one of :- - :? ? :+ + after the name")
    )
    return close + 1


def _matching_brace(text: str, open_at: int, stop: int) -> int:
    depth = 0
    j = open_at
    while j < stop:
        ch = text[j]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


class Resolved(NamedTuple):
    """A value after interpolation: ``text`` with unset variables as Compose substitutes
    them (empty), and which variables had no value, no default."""

    text: str
    unset: tuple[Variable, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.unset


def resolve(text: str, env: dict[str, str]) -> Resolved:
    """Interpolate ``text`` with ``env`` (the ``.env`` values) and the file's defaults."""
    if "$" not in text:
        return Resolved(text)
    unset: list[Variable] = []
    out = _substitute(text, 0, len(text), env, unset)
    return Resolved(out, tuple(unset))


def _substitute(text: str, start: int, stop: int, env: dict[str, str], unset: list) -> str:
    parts: list[str] = []
    i = start
    while i < stop:
        j = text.find("$", i, stop)
        if j == -1:
            parts.append(text[i:stop])
            break
        parts.append(text[i:j])
        nxt = text[j + 1] if j + 1 < stop else ""
        if nxt == "$":
            parts.append("$")
            i = j + 2
            continue
        if nxt == "{":
            close = _matching_brace(text, j + 1, stop)
            m = _NAME.match(text, j + 2, close) if close != -1 else None
            if close == -1 or not m:
                parts.append(text[j : (close + 1 if close != -1 else stop)])
                i = close + 1 if close != -1 else stop
                continue
            name, after = m.group(), m.end()
            op = next((o for o in _OPERATORS if text.startswith(o, after)), None)
            value = env.get(name)
            if op is None:
                if value is None:
                    unset.append(Variable(name, None, None, j, close + 1))
                parts.append(value or "")
            elif op in ("-", ":-"):
                empty = value is None or (op == ":-" and value == "")
                parts.append(_substitute(text, after + len(op), close, env, unset) if empty else value)
            elif op in ("+", ":+"):
                present = value is not None and (op == "+" or value != "")
                parts.append(_substitute(text, after + len(op), close, env, unset) if present else "")
            else:  # ? and :? fail the run when unset: the value is required, not empty
                if value is None:
                    unset.append(Variable(name, op, text[after + len(op) : close], j, close + 1))
                parts.append(value or "")
            i = close + 1
            continue
        m = _NAME.match(text, j + 1, stop)
        if m:
            value = env.get(m.group())
            if value is None:
                unset.append(Variable(m.group(), None, None, j, m.end()))
            parts.append(value or "")
            i = m.end()
        else:
            parts.append("$")
            i = j + 1
    return "".join(parts)


def read_dotenv(path: str) -> dict[str, str]:
    """``KEY=VALUE`` lines of a ``.env`` file, as Compose reads them: ``export`` prefixes,
    comments and quotes understood; nothing is expanded or executed. Missing, outside the
    project or not a regular file: {}."""
    text = workspace.read_text(path)
    if text is None:
        return {}
    values: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[7:].lstrip()
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not _NAME.fullmatch(key):
            continue
        value = value.strip()
        if value[:1] in ("'", '"') and value.endswith(value[0]) and len(value) >= 2:
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key] = value
    return values


# --- ports ----------------------------------------------------------------------------


class PortSpec(NamedTuple):
    """One ``ports:`` entry. ``published``/``target`` are text ("8080", "8000-8010", or
    with variables); ``published`` is None when Docker picks an ephemeral host port."""

    host_ip: str | None
    published: str | None
    target: str
    protocol: str
    long_syntax: bool = False

    @property
    def bound_to_all_interfaces(self) -> bool:
        return self.host_ip is None or is_wildcard_ip(self.host_ip)

    def published_ports(self) -> list[int]:
        """Host ports this entry publishes (a range expanded); [] when not literal."""
        return _port_range(self.published) if self.published else []



def _port_range(text: str) -> list[int]:
    low, sep, high = text.partition("-")
    first = decimal(low)
    last = decimal(high) if sep else first
    if first is None or last is None or last < first or last - first > 65535:
        return []
    return list(range(first, last + 1))


def is_wildcard_ip(text: str) -> bool:
    """``0.0.0.0``, ``::``, ``[::]``, ``*`` or empty: every interface."""
    value = text.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    if value in ("", "*", "0.0.0.0", "::", "::0", "0:0:0:0:0:0:0:0", "::ffff:0.0.0.0"):
        return True
    return False


#: Numbers, `low-high` ranges and variables, one after another: `(?:\d+(?:-\d+)?|\${..}|
#: $NAME)+`, written so that each character has one reading (a backtracking regex splits
#: a run of digits every way, exponential in its length). A `-` follows a digit (the end
#: of a number or of a `$NAME1`) and starts a number; when the number before it began at
#: a `-` too, that number had to give its own last digit to this range (`1-12-21`).
_PORT_PART = re.compile(r"(?:\d++|\$\{[^}]*+\}|\$[A-Za-z_][A-Za-z0-9_]*+|(?<=\d)(?<!-\d)-\d++)++")


def parse_port(value: Any, raw: str | None = None) -> PortSpec | None:
    """A ``ports:`` item in either syntax; None when it is not a port specification.

    ``raw`` is the token as written: an unquoted ``22:22`` is the integer 1342 to a YAML 1.1
    loader, and only the source text says what the author meant.
    """
    if isinstance(value, dict):
        target = scalar_text(value.get("target"))
        if target is None:
            return None
        published = scalar_text(value.get("published"))
        host_ip = scalar_text(value.get("host_ip"))
        protocol = scalar_text(value.get("protocol")) or "tcp"
        return PortSpec(host_ip or None, published or None, target, protocol.lower(), True)
    if isinstance(value, bool) or value is None or isinstance(value, (list, float)):
        return None
    text = str(value)
    if isinstance(value, int) and raw:
        text = raw.strip().strip("'\"")
    text = text.strip()
    spec, _, protocol = text.partition("/")
    # A bracketed IPv6 host is one field; variables may contain colons in their defaults.
    fields = _split_port_fields(spec)
    if not fields or not all(fields[-1:]) or not _PORT_PART.fullmatch(fields[-1]):
        return None
    target = fields[-1]
    if len(fields) == 1:
        return PortSpec(None, None, target, protocol.lower() or "tcp")
    published = fields[-2]
    if published and not _PORT_PART.fullmatch(published):
        return None
    host_ip = ":".join(fields[:-2]) if len(fields) > 2 else None
    return PortSpec(host_ip, published or None, target, protocol.lower() or "tcp")


def _split_port_fields(text: str) -> list[str]:
    fields: list[str] = []
    depth = 0
    start = 0
    bracket = False
    for i, ch in enumerate(text):
        if ch == "{" and i and text[i - 1] == "$":
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
        elif ch == "[" and i == start:
            bracket = True
        elif ch == "]" and bracket:
            bracket = False
        elif ch == ":" and not depth and not bracket:
            fields.append(text[start:i])
            start = i + 1
    fields.append(text[start:])
    return fields


# --- volumes --------------------------------------------------------------------------


class VolumeSpec(NamedTuple):
    """One service ``volumes:`` item. ``type`` is ``bind`` (a host path), ``volume`` (a
    named volume), or ``tmpfs``/``npipe``/``image``/``cluster`` (long syntax)."""

    type: str
    source: str | None
    target: str | None
    read_only: bool
    propagation: str | None = None
    long_syntax: bool = False


_SHORT_MODES = frozenset(("ro", "rw", "z", "Z", "nocopy", "shared", "rshared", "slave", "rslave", "private", "rprivate", "cached", "delegated", "consistent"))
_PROPAGATIONS = frozenset(("shared", "rshared", "slave", "rslave", "private", "rprivate"))


def parse_volume(value: Any) -> VolumeSpec | None:
    if isinstance(value, dict):
        vtype = scalar_text(value.get("type")) or "volume"
        source = scalar_text(value.get("source"))
        target = scalar_text(value.get("target"))
        bind = value.get("bind")
        propagation = scalar_text(bind.get("propagation")) if isinstance(bind, dict) else None
        if vtype == "volume" and source and _is_host_path(source):
            vtype = "bind"
        return VolumeSpec(vtype, source, target, as_bool(value.get("read_only")) is True, propagation, True)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    parts = text.split(":")
    # A Windows drive letter ("C:\\data:/data") is part of the source.
    if len(parts) > 1 and len(parts[0]) == 1 and parts[0].isalpha() and parts[1][:1] in ("\\", "/"):
        parts = [parts[0] + ":" + parts[1], *parts[2:]]
    if len(parts) == 1:
        return VolumeSpec("volume", None, parts[0], False)
    mode = ""
    if len(parts) >= 3 or (len(parts) == 2 and all(m in _SHORT_MODES for m in parts[1].split(",")) and not parts[1].startswith("/")):
        if len(parts) >= 3:
            source, target, mode = parts[0], parts[1], ":".join(parts[2:])
        else:
            source, target, mode = None, parts[0], parts[1]
    else:
        source, target = parts[0], parts[1]
    options = {m.strip() for m in mode.split(",") if m.strip()}
    propagation = next((m for m in options if m in _PROPAGATIONS), None)
    vtype = "bind" if source is not None and _is_host_path(source) else "volume"
    return VolumeSpec(vtype, source or None, target, "ro" in options, propagation)


def _is_host_path(source: str) -> bool:
    return source.startswith(("/", ".", "~", "$")) or (len(source) > 1 and source[1] == ":") or "/" in source


# --- the typed view -------------------------------------------------------------------


@dataclass(eq=False)
class Service:
    name: str
    node: YMap
    #: The mapping holding the service (``services:`` or, in v1 files, the root).
    parent: YMap
    compose: "ComposeFile | None" = field(default=None, repr=False)

    @property
    def span(self) -> Span:
        return self.node.span

    def name_span(self) -> Span:
        return self.parent.key_span(self.name)

    @property
    def config(self) -> dict:
        """The service as Compose runs it: ``extends`` applied, override files merged."""
        if self.compose is None:
            return self.node
        return self.compose.effective(self.name)

    @property
    def complete(self) -> bool:
        """Whether :attr:`config` is the whole service (an ``extends`` from another file or
        a missing target leaves part of it unknown, so absence checks must not guess)."""
        return self.compose is None or self.compose.is_complete(self.name)

    @property
    def graded_here(self) -> bool:
        """Absence findings for this service belong in this file: false for a service of
        an override file that its base file defines (the base file gets them)."""
        return self.compose is None or self.compose.grades(self.name)

    def items(self, key: str) -> Iterator[tuple[int, Any, Span]]:
        """(index, item, span) of a sequence written under ``key`` in this file."""
        seq = self.node.get(key)
        if isinstance(seq, YSeq):
            for i, item in enumerate(seq):
                yield i, item, seq.item_span(i)

    def ports(self, key: str = "ports") -> Iterator[tuple[PortSpec, Span, Any]]:
        """Parsed ``ports:`` (or ``expose:``) entries with the span of each."""
        for _i, item, span in self.items(key):
            raw = self.compose.raw(span) if self.compose is not None and isinstance(item, int) else None
            spec = parse_port(item, raw)
            if spec is not None:
                yield spec, span, item

    def volumes(self) -> Iterator[tuple[VolumeSpec, Span, Any]]:
        for _i, item, span in self.items("volumes"):
            spec = parse_volume(item)
            if spec is not None:
                if isinstance(item, YMap) and "source" in item:
                    span = item.value_span("source")
                yield spec, span, item

    def env_files(self) -> Iterator[tuple[str, bool, Span]]:
        """(path as written, required, span) of the service's ``env_file`` entries."""
        value = self.node.get("env_file")
        if isinstance(value, str):
            yield value, True, self.node.value_span("env_file")
        elif isinstance(value, list):
            for _i, item, span in self.items("env_file"):
                if isinstance(item, str):
                    yield item, True, span
                elif isinstance(item, YMap) and isinstance(item.get("path"), str):
                    yield item["path"], as_bool(item.get("required")) is not False, item.value_span("path")

    def build_files(self) -> tuple[tuple[str, Span] | None, tuple[str, Span | None] | None]:
        """The local build context (a folder, relative to the compose file's) and the
        Dockerfile (relative to the context) the service builds from, each with the span
        it is written at (None for the Dockerfile's default name); None for what is
        remote, interpolated or not built at all."""
        build = self.node.get("build")
        if isinstance(build, str):
            context, span, dockerfile = build, self.node.value_span("build"), ("Dockerfile", None)
        elif isinstance(build, YMap):
            context = build.get("context", ".")
            span = build.value_span("context") if "context" in build else build.span
            name = build.get("dockerfile", "Dockerfile")
            dockerfile = None
            if isinstance(name, str) and name and "$" not in name and "dockerfile_inline" not in build:
                dockerfile = (name, build.value_span("dockerfile") if "dockerfile" in build else None)
        else:
            return None, None
        if not isinstance(context, str) or not context or "$" in context or _is_remote_context(context):
            return None, None
        return (context, span), dockerfile

    def bind_mounts(self) -> Iterator[tuple[str, bool, Span]]:
        """(host path, read only, span) of every host directory or file mounted: short and
        long ``volumes:`` syntax, and named volumes that are really binds (``driver_opts``
        ``type: none`` with a ``device``). Sources are interpolated with their defaults."""
        backed = self.compose.bind_backed_volumes if self.compose is not None else {}
        for spec, span, _item in self.volumes():
            if not spec.source:
                continue
            source = self.compose.resolved_text(spec.source) if self.compose is not None else spec.source
            if not source:
                continue
            if spec.type == "bind":
                yield source, spec.read_only, span
            elif spec.type == "volume" and source in backed:
                device, read_only = backed[source]
                yield device, read_only or spec.read_only, span

    def environment(self) -> Iterator[tuple[str, Any, Span, Span]]:
        """(name, value, span of the name, span of the value) of ``environment:`` entries,
        list form (``KEY=value``) or mapping form; a list entry's spans are the entry's."""
        env = self.node.get("environment")
        if isinstance(env, YMap):
            for key, value in env.items():
                yield str(key), value, env.key_span(key), env.value_span(key)
        elif isinstance(env, YSeq):
            for i, item in enumerate(env):
                if isinstance(item, str):
                    name, sep, value = item.partition("=")
                    yield name.strip(), (value if sep else None), env.item_span(i), env.item_span(i)


_OVERRIDE_NAME = re.compile(r"^(?P<stem>.+)\.override\.(?P<ext>ya?ml)$", re.IGNORECASE)
_DEFAULT_BASES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
_DEFAULT_OVERRIDES = ("compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml")


def override_of(path: str) -> str | None:
    """For an override file, the stem of the base it overrides (``docker-compose``)."""
    m = _OVERRIDE_NAME.match(os.path.basename(path))
    return m.group("stem") if m else None


def base_candidates(path: str) -> list[str]:
    """Files an override file is merged onto, in Compose's preference order."""
    stem = override_of(path)
    if stem is None:
        return []
    folder = os.path.dirname(path)
    names = [f"{stem}.yaml", f"{stem}.yml"]
    if os.path.basename(path).lower() in _DEFAULT_OVERRIDES:
        names += [n for n in _DEFAULT_BASES if n not in names]
    return [os.path.join(folder, n) for n in names]


def override_candidates(path: str) -> list[str]:
    """Override files Compose merges onto ``path`` when run without ``-f``."""
    name = os.path.basename(path)
    if override_of(path) is not None:
        return []
    folder = os.path.dirname(path)
    stem = name.rsplit(".", 1)[0]
    names = [f"{stem}.override.yaml", f"{stem}.override.yml"]
    if name.lower() in _DEFAULT_BASES:
        names += [n for n in _DEFAULT_OVERRIDES if n not in names]
    return [os.path.join(folder, n) for n in names]


@dataclass(eq=False)
class ComposeFile:
    source: SourceFile
    documents: list[YamlDocument]
    root: YMap
    #: True for the v1 format: services at the top level, no ``services:`` key.
    legacy_v1: bool
    #: Sibling files are read from disk only for a file linted from disk.
    load_siblings: bool = True

    @property
    def path(self) -> str:
        return self.source.path

    @cached_property
    def services(self) -> list[Service]:
        holder = self.root if self.legacy_v1 else self.root.get("services")
        if not isinstance(holder, YMap):
            return []
        return [
            Service(name, node, holder, self)
            for name, node in holder.items()
            if isinstance(node, YMap) and not (self.legacy_v1 and str(name).startswith("x-"))
        ]

    def graded_services(self) -> Iterator[Service]:
        """Services whose absence findings ("no cap_drop") belong to this file and whose
        whole definition is known: the ones an absence rule may judge."""
        for service in self.services:
            if service.graded_here and service.complete:
                yield service

    @cached_property
    def service_names(self) -> frozenset[str]:
        return frozenset(str(s.name) for s in self.services)

    def section(self, name: str) -> YMap:
        """A top-level ``networks``/``volumes``/``secrets``/``configs`` mapping (empty if absent)."""
        value = self.root.get(name) if not self.legacy_v1 else None
        return value if isinstance(value, YMap) else YMap()

    @cached_property
    def bind_backed_volumes(self) -> dict[str, tuple[str, bool]]:
        """Named volumes declared as binds of a host path: name -> (path, read only)."""
        found: dict[str, tuple[str, bool]] = {}
        for name, spec in self.section("volumes").items():
            if not isinstance(spec, dict) or as_bool(spec.get("external")) is True:
                continue
            opts = spec.get("driver_opts")
            if not isinstance(opts, dict):
                continue
            flags = {f.strip().lower() for f in (scalar_text(opts.get("o")) or "").split(",")}
            device = self.resolved_text(opts.get("device"))
            if device and device.startswith(("/", "~")) and ("bind" in flags or "rbind" in flags or scalar_text(opts.get("type")) == "none"):
                found[str(name)] = (device, "ro" in flags)
        return found

    def service_items(self, key: str) -> Iterator[tuple[Service, object]]:
        for service in self.services:
            if key in service.node:
                yield service, service.node[key]

    def service_images(self) -> Iterator[tuple[Service, object, Resolved]]:
        """(service, ``image:`` as written, the image after interpolation) for every
        service with an image that is not empty once interpolated."""
        for service, image in self.service_items("image"):
            resolved = self.resolve(image)
            if resolved is not None and resolved.text.strip():
                yield service, image, resolved

    def suppression_scopes(self) -> list[Span]:
        return [s.span for s in self.services]

    def file_references(self) -> Iterator[project.Reference]:
        """The files and folders this file names that lintkit reads or checks: included
        files, env files, build contexts and Dockerfiles (see :mod:`lintkit.project`)."""
        folder = os.path.dirname(self.path)
        for path, span in self.include_paths():
            yield project.Reference(span, f"include {path!r}", (os.path.join(folder, path),))
        for service in self.services:
            for written, _required, span in service.env_files():
                resolved = self.resolve(written)
                if resolved is not None and resolved.complete and resolved.text:
                    path = os.path.expanduser(resolved.text)
                    yield project.Reference(span, f"env_file {resolved.text!r}", (os.path.join(folder, path),))
            context, dockerfile = service.build_files()
            if context is None:
                continue
            context_path = os.path.join(folder, context[0])
            yield project.Reference(context[1], f"build context {context[0]!r}", (context_path,), True)
            # A Dockerfile in a context outside the project is that finding's business.
            if dockerfile is not None and dockerfile[1] is not None and project.current().contains(context_path):
                path = os.path.join(context_path, dockerfile[0])
                yield project.Reference(dockerfile[1], f"dockerfile {dockerfile[0]!r}", (path,))

    def include_paths(self) -> Iterator[tuple[str, Span]]:
        """(path as written, span) of the files top-level ``include:`` pulls in."""
        include = self.root.get("include") if not self.legacy_v1 else None
        if not isinstance(include, YSeq):
            return
        for index, item in enumerate(include):
            if isinstance(item, str):
                yield item, include.item_span(index)
            elif isinstance(item, YMap):
                paths = item.get("path")
                if isinstance(paths, str):
                    yield paths, item.value_span("path")
                elif isinstance(paths, YSeq):
                    for i, p in enumerate(paths):
                        if isinstance(p, str):
                            yield p, paths.item_span(i)

    # -- interpolation --

    @cached_property
    def dotenv(self) -> dict[str, str]:
        """Values of the ``.env`` file beside the compose file (data only)."""
        return read_dotenv(os.path.join(os.path.dirname(self.path) or ".", ".env"))

    def resolve(self, value: Any) -> Resolved | None:
        """A scalar after interpolation (None for non-scalars)."""
        text = scalar_text(value)
        if text is None:
            return None
        return resolve(text, self.dotenv)

    def shown(self, value: Any, *, quoted: bool = False) -> str:
        """A scalar as written (``repr``'d when ``quoted``) for a message. When the ``.env``
        file sets variables in it, they are named and their values never shown (a ``.env``
        holds secrets): ``${REGISTRY}/app (REGISTRY from .env)``; a value the file's own
        defaults decide is shown: ``${TAG:-latest} (= latest)``."""
        text = scalar_text(value) or ""
        written = repr(text) if quoted else text
        names = dict.fromkeys(v.name for v in scan_interpolation(text)[0] if v.name in self.dotenv)
        if names:
            return f"{written} ({', '.join(names)} from .env)"
        resolved = resolve(text, {}).text
        return written if resolved == text else f"{written} (= {repr(resolved) if quoted else resolved})"

    def resolved_text(self, value: Any) -> str | None:
        r = self.resolve(value)
        return r.text if r is not None else None

    def raw(self, span: Span) -> str:
        return self.source.text_of(span)

    def substring_span(self, span: Span, value: str, start: int, end: int) -> Span:
        """Span of ``value[start:end]`` inside the scalar written at ``span`` (the whole
        scalar when the substring cannot be located, e.g. across escapes or lines)."""
        if span.line != span.end_line:
            return span
        raw = self.source.text_of(span)
        needle = value[start:end]
        if not needle:
            return span
        offset = raw.find(needle, max(0, start - 2))
        if offset == -1:
            offset = raw.find(needle)
        if offset == -1:
            return span
        column = span.column + offset
        return Span(span.line, column, span.line, column + len(needle))

    # -- the effective service: extends and overrides --

    @cached_property
    def is_override(self) -> bool:
        return override_of(self.path) is not None

    @cached_property
    def _base(self) -> ComposeFile | None:
        if not (self.is_override and self.load_siblings):
            return None
        for candidate in base_candidates(self.path):
            loaded = load_sibling(candidate)
            if loaded is not None:
                return loaded
        return None

    @cached_property
    def _overrides(self) -> list[ComposeFile]:
        if self.is_override or not self.load_siblings:
            return []
        for candidate in override_candidates(self.path):
            loaded = load_sibling(candidate)
            if loaded is not None:
                return [loaded]
        return []

    def _node(self, name: str) -> YMap | None:
        for s in self.services:
            if s.name == name:
                return s.node
        return None

    def _own(self, name: str, stack: tuple = ()) -> tuple[dict, bool]:
        """The service with in-file ``extends`` applied, and whether it is complete."""
        node = self._node(name)
        if node is None:
            return {}, False
        extends = node.get("extends")
        base: dict = {}
        complete = True
        if extends is not None:
            target = extends if isinstance(extends, str) else extends.get("service") if isinstance(extends, dict) else None
            other_file = isinstance(extends, dict) and extends.get("file")
            if other_file or not isinstance(target, str) or target in stack or self._node(target) is None:
                complete = False
            else:
                base, complete = self._own(target, stack + (name,))
        merged = merge_service(base, {k: v for k, v in node.items() if k != "extends"}) if base else node
        return merged, complete

    @cached_property
    def _effective_cache(self) -> dict[str, tuple[dict, bool]]:
        return {}

    def _effective(self, name: str) -> tuple[dict, bool]:
        cached = self._effective_cache.get(name)
        if cached is not None:
            return cached
        config, complete = self._own(name)
        base = self._base
        if base is not None and name in base.service_names:
            base_config, base_complete = base._own(name)
            config = merge_service(base_config, config)
            complete = complete and base_complete
        for override in self._overrides:
            if name in override.service_names:
                config = merge_service(config, override._own(name)[0])
        self._effective_cache[name] = (config, complete)
        return config, complete

    def effective(self, name: str) -> dict:
        return self._effective(name)[0]

    def is_complete(self, name: str) -> bool:
        return self._effective(name)[1]

    def grades(self, name: str) -> bool:
        base = self._base
        return not (base is not None and name in base.service_names)

    # -- project facts --

    @cached_property
    def facts(self) -> FileFacts:
        return collect_facts(self)


def merge_service(base: dict, override: dict) -> dict:
    """Compose's merge of two definitions of one service: mappings merge key by key,
    sequences are concatenated, scalars are replaced (enough to answer "is X set")."""
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = merge_service(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = [*old, *value]
        else:
            merged[key] = value
    return merged


def load_sibling(path: str) -> ComposeFile | None:
    """Another compose file of the same project, parsed for reference (None if absent or
    unreadable: its own run reports its problems). Read through the workspace, so the
    reading file's result depends on it."""
    text = workspace.read_text(path, strict=True)
    return None if text is None else _parse_sibling(path, text)


@lru_cache(maxsize=64)
def _parse_sibling(path: str, text: str) -> ComposeFile | None:
    from ..yamlmodel import load

    source = SourceFile(path, text)
    try:
        return parse(source, load(source), load_siblings=False)
    except ParseError:
        return None


def parse(source: SourceFile, documents: list[YamlDocument], load_siblings: bool = True) -> ComposeFile:
    root = documents[0].root if documents and isinstance(documents[0].root, YMap) else YMap()
    legacy = "services" not in root and bool(root) and all(
        isinstance(v, YMap) and SERVICE_KEYS.intersection(v)
        for k, v in root.items()
        if k not in TOP_LEVEL_KEYS and not str(k).startswith("x-")
    ) and any(k not in TOP_LEVEL_KEYS and not str(k).startswith("x-") for k in root)
    return ComposeFile(source, documents, root, legacy, load_siblings)


# --- what project rules collect -------------------------------------------------------


class Ref(NamedTuple):
    """A service naming something by name: another service or a top-level entry."""

    kind: str  # "service", "networks", "volumes", "secrets", "configs"
    name: str
    span: Span
    via: str  # the key it is written under: depends_on, links, networks, ...
    condition: str | None = None


@dataclass(slots=True)
class ServiceFacts:
    name: str
    span: Span  # the service's name
    refs: list[Ref] = field(default_factory=list)
    #: "set", "disabled", or None when the file does not say.
    healthcheck: str | None = None
    container_name: tuple[str, Span] | None = None
    #: (host ip or "", port, protocol, span) for every literal published port.
    published: list[tuple[str, int, str, Span]] = field(default_factory=list)
    #: The Dockerfile the service builds from declares a HEALTHCHECK.
    build_healthcheck: bool = False


@dataclass(slots=True)
class FileFacts:
    path: str
    legacy_v1: bool
    services: dict[str, ServiceFacts] = field(default_factory=dict)
    #: section -> {name: span of its key}
    declared: dict[str, dict[str, Span]] = field(default_factory=dict)
    uses_default_network: bool = False
    #: Files pulled in with top-level ``include:`` (their services and declarations count).
    includes: list[str] = field(default_factory=list)
    is_override: bool = False


def _names(value: Any, node: Any) -> Iterator[tuple[str, Span, Any]]:
    """(name, span, detail) for the list or mapping forms of depends_on/networks/secrets..."""
    if isinstance(value, YSeq):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield item, value.item_span(i), None
            elif isinstance(item, dict):
                name = item.get("source") or item.get("target")
                if isinstance(name, str):
                    span = item.value_span("source") if isinstance(item, YMap) and "source" in item else value.item_span(i)
                    yield name, span, item
    elif isinstance(value, YMap):
        for key, detail in value.items():
            yield str(key), value.key_span(key), detail


def collect_facts(compose: ComposeFile) -> FileFacts:
    facts = FileFacts(compose.path, compose.legacy_v1, is_override=compose.is_override)
    for section in SECTIONS:
        declared = compose.section(section)
        facts.declared[section] = {str(k): declared.key_span(k) for k in declared}
    folder = os.path.dirname(compose.path)
    for path, _span in compose.include_paths():
        facts.includes.append(os.path.normpath(os.path.join(folder, path)))
    for service in compose.services:
        node = service.node
        sf = ServiceFacts(str(service.name), service.name_span())
        _collect_refs(compose, service, sf)
        hc = node.get("healthcheck")
        if isinstance(hc, dict):
            test = hc.get("test")
            disabled = as_bool(hc.get("disable")) is True or (
                isinstance(test, list) and test[:1] == ["NONE"]
            ) or test == "NONE"
            sf.healthcheck = "disabled" if disabled else "set"
        name = node.get("container_name")
        if isinstance(name, str):
            sf.container_name = (name, node.value_span("container_name"))
        ports = node.get("ports")
        if isinstance(ports, YSeq):
            for i, item in enumerate(ports):
                span = ports.item_span(i)
                spec = parse_port(item, compose.raw(span) if isinstance(item, int) else None)
                if spec is None or spec.published is None:
                    continue
                published = compose.resolved_text(spec.published) or ""
                host_ip = compose.resolved_text(spec.host_ip) if spec.host_ip else ""
                for port in _port_range(published):
                    sf.published.append((host_ip or "", port, spec.protocol, span))
        sf.build_healthcheck = sf.healthcheck is None and _dockerfile_has_healthcheck(compose, service)
        if "network_mode" not in node and not isinstance(node.get("networks"), (YSeq, YMap)):
            facts.uses_default_network = True
        facts.services[sf.name] = sf
    return facts


def _dockerfile_has_healthcheck(compose: ComposeFile, service: Service) -> bool:
    """Whether the Dockerfile the service builds from declares a HEALTHCHECK (read as
    text, when it is a regular file inside the project)."""
    if not compose.load_siblings:
        return False
    context, dockerfile = service.build_files()
    if context is None or dockerfile is None:
        return False
    text = workspace.read_text(os.path.join(os.path.dirname(compose.path), context[0], dockerfile[0]))
    return text is not None and any(
        line.lstrip().upper().startswith("HEALTHCHECK") and "NONE" not in line.upper()
        for line in text.splitlines()
    )


def _is_remote_context(context: str) -> bool:
    """A build context Compose fetches (a Git URL, an HTTP tarball), not a local folder."""
    return "://" in context or context.startswith("git@") or context.startswith("github.com/")


def _collect_refs(compose: ComposeFile, service: Service, sf: ServiceFacts) -> None:
    node = service.node
    depends = node.get("depends_on")
    for name, span, detail in _names(depends, node):
        condition = detail.get("condition") if isinstance(detail, dict) else None
        sf.refs.append(Ref("service", name, span, "depends_on", condition if isinstance(condition, str) else None))
    links = node.get("links")
    if isinstance(links, YSeq):
        for i, item in enumerate(links):
            if isinstance(item, str):
                sf.refs.append(Ref("service", item.split(":", 1)[0], links.item_span(i), "links"))
    extends = node.get("extends")
    if isinstance(extends, str):
        sf.refs.append(Ref("service", extends, node.value_span("extends"), "extends"))
    elif isinstance(extends, YMap) and isinstance(extends.get("service"), str) and not extends.get("file"):
        sf.refs.append(Ref("service", extends["service"], extends.value_span("service"), "extends"))
    for key in ("network_mode", "ipc", "pid"):
        value = node.get(key)
        if isinstance(value, str) and value.startswith("service:"):
            sf.refs.append(Ref("service", value[8:], node.value_span(key), key))
    volumes_from = node.get("volumes_from")
    if isinstance(volumes_from, YSeq):
        for i, item in enumerate(volumes_from):
            if isinstance(item, str) and not item.startswith("container:"):
                sf.refs.append(Ref("service", item.split(":", 1)[0], volumes_from.item_span(i), "volumes_from"))
    for name, span, _detail in _names(node.get("networks"), node):
        sf.refs.append(Ref("networks", name, span, "networks"))
    for section in ("secrets", "configs"):
        for name, span, _detail in _names(node.get(section), node):
            sf.refs.append(Ref(section, name, span, section))
    build = node.get("build")
    if isinstance(build, YMap):
        for name, span, _detail in _names(build.get("secrets"), build):
            sf.refs.append(Ref("secrets", name, span, "build.secrets"))
    volumes = node.get("volumes")
    if isinstance(volumes, YSeq):
        for i, item in enumerate(volumes):
            spec = parse_volume(item)
            if spec is None or spec.type != "volume" or not spec.source:
                continue
            span = volumes.item_span(i)
            if isinstance(item, YMap) and "source" in item:
                span = item.value_span("source")
            sf.refs.append(Ref("volumes", spec.source, span, "volumes"))


@dataclass
class Project:
    """Files Compose reads together (a base file and its overrides), in merge order."""

    files: list[FileFacts]
    #: Other compose files of the run, by folder (for :meth:`neighbours`).
    run_files: dict[str, list[FileFacts]] = field(default_factory=dict, repr=False)
    _neighbours: list[FileFacts] | None = field(default=None, repr=False)

    def neighbours(self) -> list[FileFacts]:
        """The other compose files in the same folder(s). Files such as ``compose.agent.yaml``
        are combined with ``compose.yaml`` by ``-f`` options no file records; a reference one
        of them satisfies is not reported as undefined (or unused)."""
        if self._neighbours is None:
            own = {os.path.normpath(f.path.lstrip("\0")) for f in self.files}
            found: list[FileFacts] = []
            for folder in sorted({os.path.dirname(p) for p in own}):
                known = {os.path.normpath(f.path): f for f in self.run_files.get(folder, [])}
                for name in workspace.listdir(folder or "."):
                    path = os.path.normpath(os.path.join(folder, name))
                    if path in own or not _is_compose_name(name):
                        continue
                    facts = known.get(path)
                    if facts is None:
                        sibling = load_sibling(path)
                        facts = sibling.facts if sibling is not None else None
                    if facts is not None:
                        found.append(facts)
            self._neighbours = found
        return self._neighbours

    def defined_nearby(self, kind: str, name: str) -> bool:
        """Whether a neighbour defines the service (kind "service") or declares the entry."""
        for f in self.neighbours():
            if (name in f.services) if kind == "service" else (name in f.declared.get(kind, {})):
                return True
        return False

    def used_nearby(self, kind: str, name: str) -> bool:
        return any(
            ref.kind == kind and ref.name == name for f in self.neighbours() for sf in f.services.values() for ref in sf.refs
        )

    def services(self) -> dict[str, list[tuple[FileFacts, ServiceFacts]]]:
        found: dict[str, list[tuple[FileFacts, ServiceFacts]]] = {}
        for f in self.files:
            for name, sf in f.services.items():
                found.setdefault(name, []).append((f, sf))
        return found

    def declared(self, section: str) -> set[str]:
        names: set[str] = set()
        for f in self.files:
            names.update(f.declared.get(section, {}))
        return names


def _is_compose_name(name: str) -> bool:
    from ..kinds import kind_from_name

    return kind_from_name(name) == "compose"


def group_projects(facts: dict[str, FileFacts], settings: dict | None = None) -> list[Project]:
    """Base and override files of one project together; every other file alone. Files
    named in an ``include:`` are added to the including file's project. An override whose
    base is not part of the run is completed with the base read from disk."""
    by_path = {os.path.normpath(p): f for p, f in facts.items()}
    used: set[str] = set()
    projects: list[Project] = []
    for group in (settings or {}).get("compose_projects") or ():
        members = [by_path[os.path.normpath(p)] for p in group if os.path.normpath(p) in by_path]
        if members:
            projects.append(Project(members))
            used.update(os.path.normpath(m.path) for m in members)
    for path in sorted(by_path):
        if path in used or by_path[path].is_override:
            continue
        files = [by_path[path]]
        used.add(path)
        for candidate in override_candidates(path):
            candidate = os.path.normpath(candidate)
            if candidate in by_path and candidate not in used:
                files.append(by_path[candidate])
                used.add(candidate)
                break
        projects.append(Project(files))
    for path in sorted(by_path):
        if path in used:
            continue
        files = [by_path[path]]
        used.add(path)
        for candidate in base_candidates(path):
            sibling = load_sibling(candidate)
            if sibling is not None:
                files.insert(0, _reference_only(sibling.facts))
                break
        projects.append(Project(files))
    by_folder: dict[str, list[FileFacts]] = {}
    for path, f in by_path.items():
        by_folder.setdefault(os.path.dirname(path), []).append(f)
    for compose_project in projects:
        compose_project.run_files = by_folder
        for f in list(compose_project.files):
            for included in f.includes:
                sibling = load_sibling(included)
                known = {os.path.normpath(x.path) for x in compose_project.files}
                if sibling is not None and os.path.normpath(included) not in known:
                    compose_project.files.append(_reference_only(sibling.facts))
    return projects


def _reference_only(facts: FileFacts) -> FileFacts:
    """Facts of a file read for reference: consulted, never reported on."""
    return replace(facts, path="\0" + facts.path)


def reported(facts: FileFacts) -> bool:
    return not facts.path.startswith("\0")
