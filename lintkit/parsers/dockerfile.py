"""Dockerfiles as BuildKit reads them, with a position on every token.

The tokenising follows BuildKit's own parser (moby/buildkit frontend/dockerfile/parser),
because that is what decides what a Dockerfile means: parser directives at the top,
the escape character, line continuations that skip comment and empty lines, builder
flags, JSON (exec) versus shell form, heredocs (``RUN <<EOF``, ``COPY <<"EOF" /x``,
several per instruction) and ``ONBUILD`` triggers. On top of the instruction list it
builds stages (index, name, base image with global ``ARG`` substitution, the ``SHELL``
in effect, the ``ARG``/``ENV`` variables known at each instruction), and parses each
``RUN`` as shell with :mod:`lintkit.shell` so rules ask about commands, not text.

:func:`parse` raises :class:`~lintkit.model.ParseError` only for what BuildKit's parser
itself rejects (a duplicated directive, ``ENV`` without a value, a JSON array of
non-strings, an unterminated heredoc, a file without instructions). Instruction-level
mistakes that the parser lets through (an unknown instruction, a missing argument, an
unknown flag) are left to the ``instruction-syntax`` rule, so the rest of the file is
still linted.
"""

from __future__ import annotations

import csv
import json
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..images import ImageRef, is_dev_container_image, is_scratch, parse_image
from ..model import ParseError, Span
from ..shell import SHELL_INTERPRETERS, OffsetMap, Script, parse_script
from ..source import SourceFile


#: ARGs BuildKit provides without a declaration in the global scope (usable in FROM).
AUTOMATIC_PLATFORM_ARGS = frozenset(
    (
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
    )
)  # fmt: skip

DEFAULT_LINUX_SHELL = ("/bin/sh", "-c")
DEFAULT_WINDOWS_SHELL = ("cmd", "/S", "/C")

#: ``# name=`` of a parser directive; its value is the rest of the line, stripped (BuildKit
#: matches ``=\s*(.+?)\s*$``, which as a backtracking regex is quadratic in the blanks).
_DIRECTIVE = re.compile(r"#\s*+([a-zA-Z][a-zA-Z0-9]*+)\s*+=")
_VALID_DIRECTIVES = frozenset(("syntax", "escape", "check"))
_HEREDOC_WORD = re.compile(r"(\d*)<<(-?)\s*([^<]*)$", re.DOTALL)
_WHITESPACE = " \t\v\f\r"
_BLANKS = re.compile(r"\s+")
_WORD = re.compile(r"[^ \t\v\f\r\n]+")
_HEREDOC_INSTRUCTIONS = frozenset(("ADD", "COPY", "RUN"))
_JSON_INSTRUCTIONS = frozenset(("ADD", "COPY", "VOLUME", "CMD", "ENTRYPOINT", "RUN", "SHELL"))
#: Words in an image name that mark a Windows base (servercore, nanoserver...).
_WINDOWS_IMAGE_MARKERS = ("windows", "servercore", "nanoserver")


# -- the document view ----------------------------------------------------------------


class Token:
    """One argument of an instruction: ``value`` as BuildKit sees it (JSON strings
    decoded, quotes of ENV/ARG/LABEL words removed), ``raw`` as written, and its span."""

    __slots__ = ("value", "raw", "_start", "_end", "_map", "_span")

    def __init__(self, value: str, raw: str, start: int, end: int, offsets: OffsetMap):
        self.value = value
        self.raw = raw
        self._start = start
        self._end = end
        self._map = offsets
        self._span: Span | None = None

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._map.span(self._start, self._end)
        return self._span

    def sub_span(self, start: int, end: int) -> Span:
        """Span of ``raw[start:end]`` (the tag part of ``image:tag``)."""
        return self._map.span(self._start + start, self._start + end)

    def __repr__(self) -> str:
        return f"Token({self.raw!r})"


@dataclass(frozen=True, slots=True)
class Directive:
    name: str  # lower-case: syntax, escape or check
    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class Comment:
    text: str  # without the leading '#', stripped
    span: Span


@dataclass(frozen=True, slots=True)
class Flag:
    """A builder flag: ``--mount=type=cache,target=/x`` has name ``mount``."""

    name: str
    value: str | None
    token: Token

    @property
    def span(self) -> Span:
        return self.token.span


@dataclass(frozen=True, slots=True)
class KeyValue:
    """One ``key=value`` of ENV, ARG or LABEL (``value`` None for ``ARG NAME``).

    ``legacy`` marks the old ``ENV key value`` form; ``value`` has quotes removed,
    ``raw_value`` is as written.
    """

    key: Token
    value: str | None
    raw_value: str | None
    value_token: Token | None
    legacy: bool = False

    @property
    def name(self) -> str:
        return self.key.value

    @property
    def span(self) -> Span:
        start = self.key.span
        end = self.value_token.span if self.value_token else start
        return Span(start.line, start.column, end.end_line, end.end_column)


@dataclass(frozen=True, slots=True)
class Heredoc:
    """A heredoc attached to RUN/COPY/ADD. ``content`` is the body as written (leading
    tabs kept even for ``<<-``; :attr:`text` has them removed as BuildKit does)."""

    name: str
    chomp: bool
    expand: bool
    descriptor: int | None
    marker: Token  # the ``<<EOF`` word on the instruction line
    content: str
    content_offset: int  # file offset of the body's first character
    span: Span  # the body (empty heredoc: the terminator line)

    @property
    def text(self) -> str:
        if not self.chomp:
            return self.content
        return "".join(line.lstrip("\t") for line in self.content.splitlines(keepends=True))


def mount_options(value: str) -> dict[str, str]:
    """``type=cache,target=/x,sharing=locked`` as a mapping, keys lowercased; BuildKit
    reads the flag as CSV, so a quoted field may hold a comma."""
    options = {}
    for field_text in next(csv.reader([value]), []):
        key, _, option = field_text.partition("=")
        options[key.strip().lower()] = option.strip()
    return options


@dataclass(eq=False)
class Instruction:
    """One instruction, with positions for the keyword, each flag and each argument."""

    keyword: str  # upper case: RUN
    keyword_raw: str  # as written: run
    span: Span  # the whole instruction, heredoc bodies included
    keyword_span: Span
    flags: tuple[Flag, ...]
    #: Arguments after the flags: whitespace-separated words, JSON strings for the exec
    #: form, or the words of ENV/ARG/LABEL. Empty for a shell-form RUN, whose words are
    #: those of its ``script``.
    args: tuple[Token, ...]
    #: The argument text after the flags as BuildKit passes it on (continuations joined).
    value: str
    value_span: Span
    exec_form: tuple[Token, ...] | None = None
    heredocs: tuple[Heredoc, ...] = ()
    pairs: tuple[KeyValue, ...] = ()  # ENV, ARG, LABEL
    trigger: Instruction | None = None  # the instruction an ONBUILD wraps
    #: The shell script a RUN (or shell-form CMD/ENTRYPOINT/HEALTHCHECK) runs; None for
    #: the exec form, for a non-POSIX shell (PowerShell, cmd) and for non-shell heredocs.
    script: Script | None = None
    index: int = 0  # position among the file's instructions
    stage: Stage | None = None  # None for the ARGs before the first FROM
    #: ARG/ENV variables known before this instruction runs (None: declared, no value).
    variables: Mapping[str, str | None] = field(default_factory=dict)
    #: The SHELL in effect for this instruction.
    shell: tuple[str, ...] = DEFAULT_LINUX_SHELL
    #: Blank lines inside the continuation (BuildKit drops them, and warns).
    empty_continuation_lines: tuple[int, ...] = ()
    _value_map: OffsetMap | None = field(default=None, repr=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def is_exec_form(self) -> bool:
        return self.exec_form is not None

    def flag(self, name: str) -> Flag | None:
        """The last flag called ``name`` (``from`` for ``--from=builder``)."""
        found = None
        for candidate in self.flags:
            if candidate.name == name:
                found = candidate
        return found

    def layer_free_paths(self) -> tuple[str, ...]:
        """Targets of this instruction's ``--mount=type=cache`` and ``--mount=type=tmpfs``
        flags: what the command writes there never reaches the layer
        (``RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update``)."""
        found = []
        for candidate in self.flags:
            if candidate.name != "mount" or not candidate.value:
                continue
            options = mount_options(candidate.value)
            target = options.get("target") or options.get("dst") or options.get("destination")
            if options.get("type") in ("cache", "tmpfs") and target:
                found.append(posixpath.normpath(target))
        return tuple(found)

    def keeps_out_of_layer(self, path: str) -> bool:
        """A cache or tmpfs mount covers ``path``: the mount's target is ``path`` or a
        folder above it. ``~/.cache/pip`` stands for that folder in any home (or project):
        ``/root/.cache/pip``, ``/home/app/.cache`` cover it."""
        targets = self.layer_free_paths()
        if path.startswith("~/"):
            parts = posixpath.normpath(path[2:]).split("/")
            heads = ["/" + "/".join(parts[:k]) for k in range(1, len(parts) + 1)]
            return any(target.endswith(head) for target in targets for head in heads)
        path = posixpath.normpath(path)
        return any(path == target or path.startswith(target.rstrip("/") + "/") for target in targets)

    def value_sub_span(self, start: int, end: int) -> Span:
        """Span of ``value[start:end]``."""
        assert self._value_map is not None
        return self._value_map.span(start, end)

    def expand(self, text: str) -> str | None:
        """``text`` with this instruction's known variables substituted (BuildKit word
        rules), or None if a variable has no static value."""
        return substitute(text, self.variables)[0]

    def __repr__(self) -> str:
        return f"<Instruction {self.keyword} line {self.span.line}>"


@dataclass(eq=False)
class Stage:
    """A build stage: its FROM and the instructions up to the next FROM."""

    index: int
    from_instruction: Instruction
    instructions: list[Instruction] = field(default_factory=list)
    name: str | None = None  # the ``AS`` alias, lower-cased as BuildKit does
    name_token: Token | None = None
    image_token: Token | None = None
    #: The base image with global ARGs substituted; None if a variable has no value.
    image: ImageRef | None = None
    base_stage: Stage | None = None  # when FROM names an earlier stage
    os: str = "linux"  # "windows" when the base image is a Windows one
    #: ARG/ENV variables and SHELL at the end of the stage (what a child stage inherits).
    variables: Mapping[str, str | None] = field(default_factory=dict)
    shell: tuple[str, ...] = DEFAULT_LINUX_SHELL

    @property
    def is_scratch(self) -> bool:
        return self.image is not None and is_scratch(self.image.text)

    def instructions_named(self, *keywords: str) -> Iterator[Instruction]:
        for instruction in self.instructions:
            if instruction.keyword in keywords:
                yield instruction

    @property
    def lineage(self) -> list[Stage]:
        """The stages this one builds on (``FROM builder``), base first, then itself."""
        chain = []
        stage: Stage | None = self
        while stage is not None:
            chain.append(stage)
            stage = stage.base_stage
        return chain[::-1]

    def instructions_with_base(self, *keywords: str) -> Iterator[Instruction]:
        """Instructions named ``keywords`` of this stage and of those it builds on, in
        the order they take effect (the base's first)."""
        for stage in self.lineage:
            yield from stage.instructions_named(*keywords)

    def __repr__(self) -> str:
        return f"<Stage {self.index} {self.name or ''} line {self.from_instruction.line}>"


@dataclass(eq=False)
class Dockerfile:
    """The parsed file: directives, every instruction in order, the stages they form, and
    the comments (the view rules receive)."""

    source: SourceFile
    directives: dict[str, Directive]
    escape: str
    instructions: list[Instruction]
    stages: list[Stage]
    comments: list[Comment]

    @property
    def global_args(self) -> list[Instruction]:
        """The ARG instructions before the first FROM."""
        return [i for i in self.instructions if i.stage is None and i.keyword == "ARG"]

    @property
    def final_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    @property
    def is_dev_container(self) -> bool:
        """An image to develop in, not to ship: it sits in a ``.devcontainer/`` folder, or
        its final stage builds on a Dev Containers base image. Runtime-hardening rules
        (HEALTHCHECK, USER) do not apply to it by default."""
        if ".devcontainer" in self.source.path.replace("\\", "/").split("/")[:-1]:
            return True
        final = self.final_stage
        return final is not None and any(
            stage.image is not None and is_dev_container_image(stage.image) for stage in final.lineage
        )

    def instructions_named(self, *keywords: str) -> Iterator[Instruction]:
        for instruction in self.instructions:
            if instruction.keyword in keywords:
                yield instruction

    def stage_named(self, name: str) -> Stage | None:
        lowered = name.lower()
        for stage in self.stages:
            if stage.name == lowered:
                return stage
        return None

    def suppression_scopes(self) -> list[Span]:
        """Statements an inline suppression can cover: every instruction, whole (so
        ``# hadolint ignore=DL3008`` above a RUN covers a package five lines into it)."""
        return [instruction.span for instruction in self.instructions]

    def runs(self, triggers: bool = False) -> Iterator[tuple[Instruction, Script]]:
        """Every RUN with a shell script, in order; with ``triggers``, ONBUILD RUNs too."""
        for instruction in self.instructions:
            if instruction.keyword == "RUN" and instruction.script is not None:
                yield instruction, instruction.script
            elif triggers and instruction.trigger is not None:
                trigger = instruction.trigger
                if trigger.keyword == "RUN" and trigger.script is not None:
                    yield trigger, trigger.script


# -- parsing ------------------------------------------------------------------------------


def parse(source: SourceFile) -> Dockerfile:
    _refuse_template(source)
    return _Parser(source).parse()


def _refuse_template(source: SourceFile) -> None:
    """A Jinja template (``Dockerfile.j2`` of a Molecule scenario) decides which
    instructions exist only when rendered: its ``{% ... %}`` and ``{# ... #}`` lines are
    reported once, as a file lintkit cannot read as a Dockerfile, instead of as dozens of
    unknown instructions. ``{{ value }}`` inside an instruction's arguments is only a
    value, and such files are linted as they are."""
    if "{%" not in source.text and "{#" not in source.text:
        return
    for number, line in enumerate(source.lines, start=1):
        stripped = line.lstrip()
        if stripped.startswith(("{%", "{#")):
            column = len(line) - len(stripped) + 1
            raise ParseError(
                "Jinja template: `{%`/`{#` lines decide the instructions only when rendered; "
                "lint the rendered Dockerfile",
                Span(number, column, number, column + 2),
            )


class _Line:
    """A physical line: offsets of its content (line terminator excluded)."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start = start
        self.end = end


class _Parser:
    def __init__(self, source: SourceFile):
        self.source = source
        self.text = source.text
        self.escape = "\\"
        self.directives: dict[str, Directive] = {}
        self.comments: list[Comment] = []
        self.instructions: list[Instruction] = []
        self.lines = self._physical_lines()

    def _physical_lines(self) -> list[_Line]:
        text = self.text
        lines = []
        position = 1 if text.startswith("\ufeff") else 0
        length = len(text)
        while position <= length:
            newline = text.find("\n", position)
            end = length if newline == -1 else newline
            content_end = end
            while content_end > position and text[content_end - 1] == "\r":
                content_end -= 1
            lines.append(_Line(position, content_end))
            if newline == -1:
                break
            position = newline + 1
        return lines

    def parse(self) -> Dockerfile:
        first_line = self._directives()
        index = first_line
        lines = self.lines
        text = self.text
        while index < len(lines):
            line = lines[index]
            start = _skip_space(text, line.start, line.end)
            if start == line.end:
                index += 1
                continue
            if text[start] == "#":
                self._comment(start, line.end)
                index += 1
                continue
            index = self._instruction(index, start)
        if not self.instructions:
            raise ParseError("file with no instructions", Span.point(max(1, len(lines)), 1))
        stages = _Stages(self).build()
        return Dockerfile(
            self.source, self.directives, self.escape, self.instructions, stages, self.comments
        )

    # -- directives and comments -----------------------------------------------------------

    def _directives(self) -> int:
        """Read the parser directives at the top; returns the index of the first line
        after them. Like BuildKit, the first line that is not a known directive (an empty
        line, another comment, an instruction) ends the directives."""
        text = self.text
        for index, line in enumerate(self.lines):
            start = _skip_space(text, line.start, line.end)
            match = _DIRECTIVE.match(text, start, line.end)
            rest = text[match.end() : line.end] if match else ""
            # `(.+?)\s*$` leaves a value of blanks only its last blank
            value = rest.strip() or rest[-1:]
            if not value or match.group(1).lower() not in _VALID_DIRECTIVES:
                return index
            name = match.group(1).lower()
            span = self.source.span(start, line.end)
            if name in self.directives:
                raise ParseError(f"only one {name} parser directive can be used", span)
            if name == "escape":
                if value not in ("\\", "`"):
                    raise ParseError(f"invalid escape token '{value}' does not match ` or \\", span)
                self.escape = value
            self.directives[name] = Directive(name, value, span)
        return len(self.lines)

    def _comment(self, start: int, end: int) -> None:
        self.comments.append(
            Comment(self.text[start + 1 : end].strip(), self.source.span(start, end))
        )

    # -- instructions ----------------------------------------------------------------------

    def _instruction(self, index: int, start: int) -> int:
        """Assemble the logical line starting at line ``index`` (continuations joined,
        comment and empty lines inside dropped), parse it and read its heredocs."""
        text = self.text
        lines = self.lines
        parts: list[str] = []
        pieces: list[tuple[int, int]] = []
        length = 0
        line = lines[index]
        content_end, continues = self._trim_continuation(start, line.end)
        parts.append(text[start:content_end])
        pieces.append((0, start))
        length = content_end - start
        last_end = line.end
        index += 1
        empty_lines: list[int] = []
        while continues and index < len(lines):
            line = lines[index]
            index += 1
            first = _skip_space(text, line.start, line.end)
            if first == line.end:
                empty_lines.append(index)  # BuildKit skips it, with a warning
                continue
            if text[first] == "#":
                self._comment(first, line.end)
                continue
            content_end, continues = self._trim_continuation(line.start, line.end)
            parts.append(text[line.start : content_end])
            pieces.append((length, line.start))
            length += content_end - line.start
            last_end = line.end
        logical = "".join(parts)
        offsets = OffsetMap(pieces, self.source)
        instruction = self._build(logical, offsets, 0)
        if instruction is None:  # a line holding only a continuation character
            return index
        instruction.empty_continuation_lines = tuple(empty_lines)
        heredoc_target = instruction.trigger or instruction
        if (
            heredoc_target.keyword in _HEREDOC_INSTRUCTIONS
            and not heredoc_target.is_exec_form
            and "<<" in logical
        ):
            index, last_end = self._heredocs(instruction, heredoc_target, logical, offsets, index)
        instruction.span = _join(instruction.keyword_span, self.source.span(last_end, last_end))
        instruction.index = len(self.instructions)
        self.instructions.append(instruction)
        return index

    def _trim_continuation(self, start: int, end: int) -> tuple[int, bool]:
        """BuildKit's continuation test: the escape character as the last non-blank
        character, not itself escaped (``C:\\\\`` is not a continuation, ``dir\\`` is)."""
        text = self.text
        stripped = end
        while stripped > start and text[stripped - 1] in " \t":
            stripped -= 1
        if stripped > start and text[stripped - 1] == self.escape:
            before = stripped - 2
            if before < start or text[before] != self.escape:
                return stripped - 1, True
        return end, False

    def _build(self, logical: str, offsets: OffsetMap, start: int) -> Instruction | None:
        """Parse ``logical[start:]`` as one instruction (also used for ONBUILD triggers)."""
        keyword_start = _skip_space(logical, start, len(logical))
        if keyword_start == len(logical):
            return None
        keyword_end = _find_space(logical, keyword_start)
        keyword_raw = logical[keyword_start:keyword_end]
        keyword = keyword_raw.upper()
        flags, args_start = self._flags(logical, keyword_end, offsets)
        args_end = len(logical)
        while args_end > args_start and logical[args_end - 1] in _WHITESPACE + "\n":
            args_end -= 1
        value = logical[args_start:args_end]
        value_map = OffsetMap([(0, args_start)], offsets)
        keyword_span = offsets.span(keyword_start, keyword_end)
        value_span = (
            offsets.span(args_start, args_end)
            if args_end > args_start
            else offsets.span(keyword_end, keyword_end)
        )
        instruction = Instruction(
            keyword=keyword,
            keyword_raw=keyword_raw,
            span=keyword_span,
            keyword_span=keyword_span,
            flags=flags,
            args=(),
            value=value,
            value_span=value_span,
            _value_map=value_map,
        )
        if keyword in _JSON_INSTRUCTIONS:
            instruction.exec_form = self._json(value, value_map, instruction)
        if keyword == "HEALTHCHECK":
            self._healthcheck(instruction, value, value_map)
        elif instruction.exec_form is not None:
            instruction.args = instruction.exec_form
        elif keyword in ("ENV", "LABEL"):
            instruction.pairs = self._name_values(instruction, value, value_map)
            instruction.args = _flatten_pairs(instruction.pairs)
        elif keyword == "ARG":
            instruction.pairs = self._arg_pairs(value, value_map)
            instruction.args = _flatten_pairs(instruction.pairs)
        elif keyword == "ONBUILD":
            instruction.trigger = self._build(logical, offsets, args_start)
            instruction.args = _split_whitespace(value, value_map)
        elif keyword == "RUN":
            pass  # the shell form's words are those of its parsed `script`
        else:
            instruction.args = _split_whitespace(value, value_map)
        return instruction

    def _flags(
        self, logical: str, position: int, offsets: OffsetMap
    ) -> tuple[tuple[Flag, ...], int]:
        """Builder flags (``--name[=value]``) before the arguments, as BuildKit's
        extractBuilderFlags reads them: words starting with ``--``, quotes allowed in the
        value; a bare ``--`` ends them."""
        flags: list[Flag] = []
        length = len(logical)
        while True:
            start = _skip_space(logical, position, length)
            if not logical.startswith("--", start):
                return tuple(flags), start
            end, word = _read_flag_word(logical, start)
            if word == "--":
                return tuple(flags), _skip_space(logical, end, length)
            name, equals, flag_value = word[2:].partition("=")
            token = Token(word, logical[start:end], start, end, offsets)
            flags.append(Flag(name.lower(), flag_value if equals else None, token))
            position = end

    def _json(
        self, value: str, value_map: OffsetMap, instruction: Instruction
    ) -> tuple[Token, ...] | None:
        """The exec form, if ``value`` is a JSON array (BuildKit decodes the first JSON
        value and ignores what follows). A JSON array of non-strings is an error."""
        if not value.startswith("["):
            return None
        try:
            decoded, end = json.JSONDecoder().raw_decode(value)
        except ValueError:
            return None
        if not isinstance(decoded, list):
            return None
        if not all(isinstance(item, str) for item in decoded):
            raise ParseError(
                "when using JSON array syntax, arrays must be comprised of strings only",
                instruction.value_span,
            )
        tokens = []
        position = 1
        for item in decoded:
            quote = value.index('"', position)
            close = _json_string_end(value, quote)
            tokens.append(Token(item, value[quote:close], quote, close, value_map))
            position = close
        return tuple(tokens)

    def _healthcheck(self, instruction: Instruction, value: str, value_map: OffsetMap) -> None:
        """``HEALTHCHECK [flags] CMD command`` / ``HEALTHCHECK NONE``: the first word is
        the type; the rest is a command in exec or shell form."""
        type_end = _find_space(value, 0)
        type_token = Token(value[:type_end], value[:type_end], 0, type_end, value_map)
        rest_start = _skip_space(value, type_end, len(value))
        rest = value[rest_start:]
        rest_map = OffsetMap([(0, rest_start)], value_map)
        exec_form = self._json(rest, rest_map, instruction) if rest else None
        instruction.exec_form = exec_form
        command = exec_form if exec_form is not None else _split_whitespace(rest, rest_map)
        instruction.args = (type_token, *command) if type_end else ()

    def _name_values(
        self, instruction: Instruction, value: str, value_map: OffsetMap
    ) -> tuple[KeyValue, ...]:
        """ENV/LABEL pairs: ``key=value ...`` or the legacy ``key value`` (the value is
        then the whole rest of the line)."""
        words = _parse_words(value, self.escape)
        if not words:
            return ()
        keyword = instruction.keyword
        first_start, first_end, first_raw = words[0]
        if "=" not in first_raw:
            value_start = _skip_space(value, first_end, len(value))
            if value_start >= len(value):
                raise ParseError(f"{keyword} must have two arguments", instruction.span)
            key = Token(first_raw, first_raw, first_start, first_end, value_map)
            rest = value[value_start:]
            rest_token = Token(rest, rest, value_start, len(value), value_map)
            return (KeyValue(key, rest, rest, rest_token, legacy=True),)
        pairs = []
        for start, end, raw in words:
            name, equals, raw_value = raw.partition("=")
            if not equals:
                raise ParseError(
                    f"Syntax error - can't find = in {raw!r}. Must be of the form: name=value",
                    value_map.span(start, end),
                )
            if not name:
                raise ParseError(f"{keyword} names can not be blank", value_map.span(start, end))
            value_start = start + len(name) + 1
            key = Token(_unquote(name, self.escape), name, start, start + len(name), value_map)
            value_token = Token(
                _unquote(raw_value, self.escape), raw_value, value_start, end, value_map
            )
            pairs.append(KeyValue(key, value_token.value, raw_value, value_token))
        return tuple(pairs)

    def _arg_pairs(self, value: str, value_map: OffsetMap) -> tuple[KeyValue, ...]:
        pairs = []
        for start, end, raw in _parse_words(value, self.escape):
            name, equals, raw_value = raw.partition("=")
            key = Token(name, name, start, start + len(name), value_map)
            if equals:
                value_token = Token(
                    _unquote(raw_value, self.escape),
                    raw_value,
                    start + len(name) + 1,
                    end,
                    value_map,
                )
                pairs.append(KeyValue(key, value_token.value, raw_value, value_token))
            else:
                pairs.append(KeyValue(key, None, None, None))
        return tuple(pairs)

    # -- heredocs -----------------------------------------------------------------------

    def _heredocs(
        self,
        instruction: Instruction,
        target: Instruction,
        logical: str,
        offsets: OffsetMap,
        index: int,
    ) -> tuple[int, int]:
        """Read the bodies of the heredocs named on the instruction line, in order, from
        the lines that follow. Returns the next line index and the end offset of the last
        terminator line."""
        found = []
        for start, end, word in _heredoc_words(logical):
            match = _HEREDOC_WORD.match(word)
            if not match or not match.group(3):
                continue
            name, expand = _heredoc_name(match.group(3))
            if name is None:
                continue
            descriptor = int(match.group(1)) if match.group(1) else None
            found.append((name, match.group(2) == "-", expand, descriptor, start, end, word))
        if not found:
            return index, self.lines[index - 1].end
        text = self.text
        lines = self.lines
        heredocs = []
        last_end = lines[index - 1].end
        for name, chomp, expand, descriptor, start, end, word in found:
            marker = Token(word, logical[start:end], start, end, offsets)
            body_start = lines[index].start if index < len(lines) else len(text)
            terminated = False
            while index < len(lines):
                line = lines[index]
                index += 1
                candidate = text[line.start : line.end]
                if chomp:
                    candidate = candidate.lstrip("\t")
                if candidate == name:
                    terminated = True
                    body_end = line.start
                    last_end = line.end
                    break
            if not terminated:
                raise ParseError("unterminated heredoc", marker.span)
            content = text[body_start:body_end]
            span = (
                self.source.span(body_start, body_end - 1)
                if body_end > body_start
                else self.source.span(body_end, last_end)
            )
            heredocs.append(
                Heredoc(name, chomp, expand, descriptor, marker, content, body_start, span)
            )
        target.heredocs = tuple(heredocs)
        return index, last_end


def _json_string_end(text: str, quote: int) -> int:
    """Offset just past the JSON string literal starting at ``text[quote]``."""
    position = quote + 1
    while True:
        char = text[position]
        if char == "\\":
            position += 2
        elif char == '"':
            return position + 1
        else:
            position += 1


def _skip_space(text: str, start: int, end: int) -> int:
    """First non-blank offset in ``text[start:end]`` (``end`` if none)."""
    match = _BLANKS.match(text, start, end)
    return match.end() if match else start


def _find_space(text: str, start: int) -> int:
    """End of the word starting at ``start``."""
    match = _WORD.match(text, start)
    return match.end() if match else start


def _join(first: Span, last: Span) -> Span:
    return Span(first.line, first.column, last.end_line, last.end_column)


def _split_whitespace(value: str, value_map: OffsetMap) -> tuple[Token, ...]:
    """Whitespace-separated words, as BuildKit splits FROM, EXPOSE, COPY sources..."""
    return tuple(
        Token(word, word, match.start(), match.end(), value_map)
        for match in _WORD.finditer(value)
        for word in (match.group(),)
    )


def _flatten_pairs(pairs: tuple[KeyValue, ...]) -> tuple[Token, ...]:
    tokens: list[Token] = []
    for pair in pairs:
        tokens.append(pair.key)
        if pair.value_token is not None:
            tokens.append(pair.value_token)
    return tuple(tokens)


def _read_flag_word(text: str, start: int) -> tuple[int, str]:
    """One flag word: up to unquoted whitespace, quotes removed, backslash escapes."""
    out = []
    position = start
    length = len(text)
    quote = None
    while position < length:
        char = text[position]
        if quote:
            if char == quote:
                quote = None
            elif char == "\\" and position + 1 < length:
                position += 1
                out.append(text[position])
            else:
                out.append(char)
        elif char in _WHITESPACE or char == "\n":
            break
        elif char in "'\"":
            quote = char
        elif char == "\\" and position + 1 < length:
            position += 1
            out.append(text[position])
        else:
            out.append(char)
        position += 1
    return position, "".join(out)


def _parse_words(value: str, escape: str) -> list[tuple[int, int, str]]:
    """BuildKit's parseWords: words separated by whitespace outside quotes, quotes and
    escapes kept in the word. Returns (start, end, raw word)."""
    words = []
    length = len(value)
    position = 0
    while position < length:
        position = _skip_space(value, position, length)
        if position >= length:
            break
        start = position
        quote = None
        while position < length:
            char = value[position]
            if quote:
                if char == quote:
                    quote = None
                elif char == escape and quote != "'" and position + 1 < length:
                    position += 1
            elif char.isspace():
                break
            elif char in "'\"":
                quote = char
            elif char == escape and position + 1 < length:
                position += 1
            position += 1
        words.append((start, position, value[start:position]))
    return words


def _unquote(raw: str, escape: str) -> str:
    """Quote removal for an ENV/ARG/LABEL value: '...' literal, "..." with escapes,
    escape character outside quotes escapes the next character."""
    if "'" not in raw and '"' not in raw and escape not in raw:
        return raw
    out = []
    quote = None
    position = 0
    length = len(raw)
    while position < length:
        char = raw[position]
        if quote == "'":
            if char == "'":
                quote = None
            else:
                out.append(char)
        elif quote == '"':
            if char == '"':
                quote = None
            elif char == escape and position + 1 < length:
                position += 1
                out.append(raw[position])
            else:
                out.append(char)
        elif char in "'\"":
            quote = char
        elif char == escape and position + 1 < length:
            position += 1
            out.append(raw[position])
        else:
            out.append(char)
        position += 1
    return "".join(out)


def _heredoc_words(logical: str) -> list[tuple[int, int, str]]:
    """Split an instruction line into words the way BuildKit looks for heredocs: on
    unquoted whitespace, quotes and escapes kept, ``${...}`` in one piece, and the
    blanks after ``<<`` absorbed into the word (``<< EOF`` is a heredoc)."""
    words = []
    length = len(logical)
    position = 0
    while True:
        position = _skip_space(logical, position, length)
        if position >= length:
            return words
        start = position
        quote = None
        while position < length:
            char = logical[position]
            if quote:
                if char == quote:
                    quote = None
                elif char == "\\" and quote == '"':
                    position += 1
            elif char.isspace():
                break
            elif char in "'\"":
                quote = char
            elif char == "\\":
                position += 1
            elif logical.startswith("${", position):
                close = logical.find("}", position)
                position = close if close != -1 else length
            elif logical.startswith("<<", position):
                position += 2
                while position < length and logical[position] in " \t":
                    position += 1
                continue
            position += 1
        words.append((start, min(position, length), logical[start:position]))


def _heredoc_name(word: str) -> tuple[str | None, bool]:
    """The terminator of a heredoc word (after ``<<``/``<<-``) and whether the body is
    expanded: quoting any part of the word (``"EOF"``, ``'EOF'``, ``E"O"F``) turns
    expansion off. None when the word is not a single shell word."""
    out = []
    quoted = False
    quote = None
    position = 0
    length = len(word)
    while position < length:
        char = word[position]
        if quote:
            if char == quote:
                quote = None
            elif char == "\\" and quote == '"' and position + 1 < length:
                position += 1
                out.append(word[position])
            else:
                out.append(char)
        elif char in "'\"":
            quote = char
            quoted = True
        elif char == "\\" and position + 1 < length:
            position += 1
            out.append(word[position])
        elif char.isspace():
            return None, False
        else:
            out.append(char)
        position += 1
    if quote:
        return None, False
    return "".join(out), not quoted


# -- variables ----------------------------------------------------------------------------


def substitute(
    text: str, variables: Mapping[str, str | None], escape: str = "\\"
) -> tuple[str | None, set[str]]:
    """Process a Dockerfile word as BuildKit does for FROM, ENV, WORKDIR, COPY...:
    quotes removed (nothing expands inside '...'), the escape character escapes the next
    character, and ``$NAME``, ``${NAME}``, ``${NAME:-word}``, ``${NAME:+word}`` (and the
    forms without ``:``) expand. Returns the result, None when it needs a variable with
    no static value, and the names referenced."""
    names: set[str] = set()
    out: list[str] = []
    resolved = True
    quote = None
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if quote == "'":
            if char == "'":
                quote = None
            else:
                out.append(char)
            position += 1
            continue
        if char == escape and position + 1 < length:
            out.append(text[position + 1])
            position += 2
            continue
        if char in "'\"" and (quote is None or quote == char):
            quote = None if quote else char
            position += 1
            continue
        if char != "$" or position + 1 >= length:
            out.append(char)
            position += 1
            continue
        following = text[position + 1]
        if following == "{":
            close = text.find("}", position + 2)
            if close == -1:
                out.append(text[position:])
                break
            value, inner_names = _braced(text[position + 2 : close], variables, escape)
            names |= inner_names
            position = close + 1
        elif following == "_" or following.isalpha():
            end = position + 1
            while end < length and (text[end] == "_" or text[end].isalnum()):
                end += 1
            name = text[position + 1 : end]
            names.add(name)
            value = variables.get(name)
            position = end
        else:
            out.append(char)
            position += 1
            continue
        if value is None:
            resolved = False
        else:
            out.append(value)
    return ("".join(out) if resolved else None), names


def _braced(
    inner: str, variables: Mapping[str, str | None], escape: str
) -> tuple[str | None, set[str]]:
    """``${inner}``: its value (None if unknown) and the names it uses. A variable
    declared without a value counts as unset, so ``${V:-default}`` gives the default:
    that is what a build without ``--build-arg V=...`` gets."""
    end = 0
    while end < len(inner) and (inner[end] == "_" or inner[end].isalnum()):
        end += 1
    name, modifier = inner[:end], inner[end:]
    value = variables.get(name)
    colon = modifier.startswith(":")
    operator = modifier[1:2] if colon else modifier[:1]
    if operator not in ("-", "+"):
        return value, {name}
    word = modifier[2:] if colon else modifier[1:]
    is_set = value is not None and (value != "" or not colon)
    if (operator == "-") == is_set:
        return (value if operator == "-" else ""), {name}
    expanded, names = substitute(word, variables, escape)
    return expanded, names | {name}


# -- stages -------------------------------------------------------------------------------


class _Stages:
    """Second pass: group instructions into stages, resolve FROM, and record the
    variables and SHELL in effect at each instruction; parse the shell scripts."""

    def __init__(self, parser: _Parser):
        self.parser = parser
        self.source = parser.source
        self.stages: list[Stage] = []

    def build(self) -> list[Stage]:
        global_args: dict[str, str | None] = dict.fromkeys(AUTOMATIC_PLATFORM_ARGS)
        stage: Stage | None = None
        variables: dict[str, str | None] = global_args
        shell = DEFAULT_LINUX_SHELL
        for instruction in self.parser.instructions:
            keyword = instruction.keyword
            if keyword == "FROM":
                stage = self._stage(instruction, global_args)
                variables, shell = self._inherited(stage)
            instruction.stage = stage
            instruction.variables = variables
            instruction.shell = shell
            if stage is not None:
                stage.instructions.append(instruction)
            if keyword == "ARG":
                variables = dict(variables)
                for pair in instruction.pairs:
                    if pair.raw_value is not None:
                        value, _ = substitute(pair.raw_value, variables)
                    else:
                        # `ARG NAME` in a stage takes the global default of that name.
                        value = (
                            variables.get(pair.name)
                            if stage is None
                            else (global_args.get(pair.name))
                        )
                    variables[pair.name] = value
                if stage is None:
                    global_args = variables
            elif keyword == "ENV":
                variables = dict(variables)
                for pair in instruction.pairs:
                    value, _ = substitute(pair.raw_value or "", variables)
                    variables[pair.name] = value
            elif keyword == "SHELL" and instruction.exec_form:
                shell = tuple(token.value for token in instruction.exec_form)
            self._scripts(instruction, stage)
            if instruction.trigger is not None:
                trigger = instruction.trigger
                trigger.stage, trigger.variables, trigger.shell = stage, variables, shell
                trigger.index = instruction.index
                self._scripts(trigger, stage)
            if stage is not None:
                stage.variables, stage.shell = variables, shell
        return self.stages

    def _stage(self, instruction: Instruction, global_args) -> Stage:
        stage = Stage(index=len(self.stages), from_instruction=instruction)
        args = instruction.args
        if args:
            stage.image_token = args[0]
            resolved, _ = substitute(args[0].value, global_args)
            if resolved is not None:
                stage.image = parse_image(resolved)
                base = _find_stage(self.stages, resolved)
                if base is not None:
                    stage.base_stage = base
        if len(args) >= 3 and args[1].value.lower() == "as":
            stage.name_token = args[2]
            stage.name = args[2].value.lower()
        stage.os = self._os(stage)
        self.stages.append(stage)
        return stage

    @staticmethod
    def _os(stage: Stage) -> str:
        if stage.base_stage is not None:
            return stage.base_stage.os
        if stage.image is None:
            return "linux"
        name = f"{stage.image.repository}:{stage.image.tag or ''}".lower()
        return "windows" if any(marker in name for marker in _WINDOWS_IMAGE_MARKERS) else "linux"

    @staticmethod
    def _inherited(stage: Stage) -> tuple[dict[str, str | None], tuple[str, ...]]:
        """Variables and SHELL a stage starts with: its base stage's ENV and SHELL when
        it builds on one; ARGs never carry over."""
        base = stage.base_stage
        if base is not None:
            env_names = {
                pair.name
                for instruction in base.instructions_named("ENV")
                for pair in instruction.pairs
            }
            inherited = {name: value for name, value in base.variables.items() if name in env_names}
            return inherited, base.shell
        if stage.os == "windows":
            return {}, DEFAULT_WINDOWS_SHELL
        return {}, DEFAULT_LINUX_SHELL

    def _scripts(self, instruction: Instruction, stage: Stage | None) -> None:
        keyword = instruction.keyword
        if keyword not in ("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"):
            return
        if instruction.is_exec_form or not is_posix_shell(instruction.shell):
            return
        options = _shell_options(instruction.shell)
        if keyword == "HEALTHCHECK":
            if not instruction.args or instruction.args[0].value.upper() != "CMD":
                return
            first = instruction.args[0]
            start = _skip_space(instruction.value, first._end, len(instruction.value))
            text = instruction.value[start:]
            if text:
                instruction.script = parse_script(
                    text, OffsetMap([(0, start)], instruction._value_map), options
                )
            return
        if not instruction.heredocs:
            if instruction.value:
                instruction.script = parse_script(
                    instruction.value, instruction._value_map, options
                )
            return
        instruction.script = self._heredoc_script(instruction, options)

    def _heredoc_script(self, instruction: Instruction, options) -> Script | None:
        """The script of a RUN with heredocs, as BuildKit runs it: a RUN that is only
        ``<<EOF`` runs the body (as a file when it starts with ``#!``); otherwise the
        line and the heredocs go to the shell together."""
        heredocs = instruction.heredocs
        first = heredocs[0]
        match = _HEREDOC_WORD.match(instruction.value)
        if match and _heredoc_name(match.group(3))[0] == first.name:
            body = first.content
            if body.startswith("#!"):
                interpreter = body[2 : body.find("\n") if "\n" in body else len(body)]
                words = interpreter.split()
                program = words[0].rsplit("/", 1)[-1] if words else ""
                if program == "env" and len(words) > 1:
                    program = words[1]
                if program not in SHELL_INTERPRETERS:
                    return None
            return parse_script(body, OffsetMap.shifted(self.source, first.content_offset), options)
        # Otherwise BuildKit hands the line, a newline and the heredocs (bodies and
        # terminators, as in the file) to `sh -c`. `<<EOF bash` (redirection first) is
        # turned into `bash <<EOF`, which tree-sitter-bash parses.
        value = instruction.value
        value_map = instruction._value_map
        segments: list[tuple[str, list[tuple[int, int]]]] = []
        marker_start = value.find(first.marker.raw)
        marker_end = marker_start + len(first.marker.raw)
        if marker_start >= 0 and not value[:marker_start].strip() and value[marker_end:].strip():
            rest = _skip_space(value, marker_end, len(value))
            segments.append((value[rest:], _pieces_of(value_map, rest, len(value))))
            segments.append((" ", _pieces_of(value_map, marker_start - 1, marker_start)))
            segments.append(
                (value[marker_start:marker_end], _pieces_of(value_map, marker_start, marker_end))
            )
        else:
            segments.append((value, _pieces_of(value_map, 0, len(value))))
        region_start = first.content_offset
        last = heredocs[-1]
        region_end = self.source.text.find("\n", last.content_offset + len(last.content))
        if region_end == -1:
            region_end = len(self.source.text)
        segments.append(("\n" + self.source.text[region_start:region_end], [(0, region_start - 1)]))
        text_parts: list[str] = []
        pieces: list[tuple[int, int]] = []
        length = 0
        for part, part_pieces in segments:
            pieces.extend((length + offset, target) for offset, target in part_pieces)
            text_parts.append(part)
            length += len(part)
        return parse_script("".join(text_parts), OffsetMap(pieces, self.source), options)


def _find_stage(stages: list[Stage], name: str) -> Stage | None:
    lowered = name.lower()
    for stage in stages:
        if stage.name == lowered:
            return stage
    return None


def _pieces_of(offsets: OffsetMap, start: int, end: int) -> list[tuple[int, int]]:
    """File pieces of ``text[start:end]`` of a (possibly chained) map, counted from 0."""
    pieces: list[tuple[int, int]] = []
    previous = None
    for position in range(max(start, 0), end):
        target = offsets.file_offset(position)
        if previous is None or target != previous + 1:
            pieces.append((position - start, target))
        previous = target
    return pieces or [(0, offsets.file_offset(max(start, 0)))]


def is_posix_shell(shell: tuple[str, ...]) -> bool:
    """Whether a SHELL runs POSIX shell scripts (not PowerShell or cmd)."""
    if not shell:
        return False
    program = shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower()
    if program.endswith(".exe"):
        program = program[:-4]
    return program in SHELL_INTERPRETERS


def _shell_options(shell: tuple[str, ...]) -> frozenset[str]:
    """Options a SHELL turns on: ``["/bin/bash", "-eo", "pipefail", "-c"]``."""
    enabled: set[str] = set()
    letters = {"e": "errexit", "u": "nounset", "x": "xtrace"}
    args = list(shell[1:])
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg.startswith("-") and not arg.startswith("--"):
            for letter in arg[1:]:
                if letter == "o" and index < len(args):
                    enabled.add(args[index])
                    index += 1
                elif letter in letters:
                    enabled.add(letters[letter])
    return frozenset(enabled)
