"""Shell scripts as commands and words, with positions in the file they came from.

One layer for every place a linted file embeds POSIX shell: Dockerfile ``RUN`` (and
heredoc bodies), GitLab CI ``script:`` lines, GitHub Actions ``run:`` and Ansible
``shell:`` tasks. The text is parsed with tree-sitter-bash, which is error-tolerant (a
syntax error leaves an ``ERROR`` node and a partial tree, never an exception) and gives
offsets for every node. Rules then ask questions of :class:`Command` objects ("is there
an ``apt-get install`` without ``-y``?") instead of matching text.

The caller hands over the script text and an :class:`OffsetMap` that says where each
character of that text sits in the file, so a finding can point at one package name in
a multi-line ``apt-get install \\`` list even though the script was assembled from
continuation lines, unquoted from YAML, or extracted from ``sh -c '...'``.

Nested scripts are followed: command substitutions, subshells, compound statements,
functions, ``sh -c 'script'`` / ``bash -c "script"`` strings and heredocs fed to a shell
(``bash <<EOF``) all contribute commands, with positions mapped into the file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from .model import Span
from .source import SourceFile

#: Interpreters whose ``-c`` string (or stdin heredoc) is itself a shell script.
SHELL_INTERPRETERS = frozenset(("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"))

#: ``set`` short options and the long names rules ask about (``set -eux``).
_SET_LETTERS = {"e": "errexit", "u": "nounset", "x": "xtrace", "f": "noglob", "v": "verbose"}


class OffsetMap:
    """Where each character of a derived text (a shell script) sits in the file.

    The text is made of *pieces*: ``(text_offset, target_offset)`` pairs saying that from
    ``text_offset`` on, characters come one for one from ``target_offset`` on in the
    target. The target is the file itself, or another map (a script nested in a string
    of an outer script maps into the outer script, which maps into the file).
    """

    __slots__ = ("_starts", "_targets", "_parent", "source")

    def __init__(self, pieces: Sequence[tuple[int, int]], target: SourceFile | OffsetMap):
        if not pieces or pieces[0][0] != 0:
            pieces = [(0, pieces[0][1] if pieces else 0), *pieces]
        self._starts = [start for start, _ in pieces]
        self._targets = [target_start for _, target_start in pieces]
        if isinstance(target, OffsetMap):
            self._parent: OffsetMap | None = target
            self.source: SourceFile = target.source
        else:
            self._parent = None
            self.source = target

    @classmethod
    def shifted(cls, source: SourceFile, start: int) -> OffsetMap:
        """A text copied verbatim from ``source.text[start:]`` (a heredoc body)."""
        return cls([(0, start)], source)

    def file_offset(self, offset: int) -> int:
        index = bisect_right(self._starts, offset) - 1
        mapped = self._targets[index] + offset - self._starts[index]
        return self._parent.file_offset(mapped) if self._parent else mapped

    def span(self, start: int, end: int) -> Span:
        """The file span of ``text[start:end]``.

        The end is mapped through the last character (``end - 1``) so that a token at the
        end of one continuation line ends there, not at the start of the next piece.
        """
        first = self.file_offset(start)
        last = self.file_offset(end - 1) + 1 if end > start else first
        return self.source.span(first, last)


class Word:
    """One shell word: a command name, an argument, an assignment value.

    ``raw`` is the word as written; ``text`` is it with quotes and escapes removed but
    expansions (``$X``, ``${X:-d}``, ``$(cmd)``) kept as written; ``literal`` says whether
    it has no expansion at all, so that ``value`` — the word the command really receives —
    is known statically.
    """

    __slots__ = ("raw", "text", "literal", "_start", "_end", "_pieces", "_map", "_span")

    def __init__(self, raw, text, literal, start, end, pieces, offsets):
        self.raw: str = raw
        self.text: str = text
        self.literal: bool = literal
        self._start = start
        self._end = end
        self._pieces = pieces
        self._map: OffsetMap = offsets
        self._span: Span | None = None

    @property
    def value(self) -> str | None:
        """The unquoted literal value, or None when it depends on an expansion."""
        return self.text if self.literal else None

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._map.span(self._start, self._end)
        return self._span

    def text_span(self, start: int, end: int) -> Span:
        """File span of ``self.text[start:end]``, e.g. the version part of ``pkg=1.2``."""
        return self._text_map().span(start, end)

    def _text_map(self) -> OffsetMap:
        return OffsetMap(self._pieces, self._map)

    def expand(self, variables: Mapping[str, str | None]) -> str | None:
        """The value with ``$NAME``/``${NAME}`` (and ``${NAME:-default}`` forms) taken
        from ``variables``; None if any expansion cannot be resolved statically."""
        if self.literal:
            return self.text
        return expand_parameters(self.text, variables)

    def __repr__(self) -> str:
        return f"Word({self.raw!r})"


@dataclass(frozen=True, slots=True)
class Assignment:
    """``NAME=value`` prefixed to a command (``DEBIAN_FRONTEND=noninteractive apt-get``)."""

    name: str
    value: Word | None
    span: Span


@dataclass(frozen=True, slots=True)
class Redirect:
    """A redirection: ``operator`` as written (``>``, ``2>>``, ``<<``, ``<<<``...) and its
    target word; for a heredoc, ``heredoc`` is the body (a literal word spanning it)."""

    operator: str
    target: Word | None
    heredoc: Word | None = None


class Pipeline:
    """Commands joined by ``|``. ``elements[i]`` holds the simple commands of the i-th
    element (one for ``a | b``, several for ``(a; b) | c``)."""

    __slots__ = ("elements",)

    def __init__(self) -> None:
        self.elements: list[list[Command]] = []

    def __len__(self) -> int:
        return len(self.elements)


@dataclass(eq=False, slots=True)
class Command:
    """A simple command as the shell would run it, with the context it runs in.

    ``name`` is the literal, unquoted command name (None when it is computed, e.g.
    ``$CC``). ``args`` are its arguments in order (the name excluded).
    ``preceded_by`` is the list operator right before it (``"&&"``, ``"||"``) or None;
    ``in_condition`` is set inside the test of an ``if``/``while``/``until``;
    ``options`` are the ``set`` options in effect (``errexit``, ``pipefail``...) from
    earlier ``set`` commands of the script or from the interpreter's own flags.
    ``interpreter`` names the command whose script string this one came from
    (``"sh -c"``), None at the top level.
    """

    name: str | None
    name_word: Word | None
    args: tuple[Word, ...]
    assignments: tuple[Assignment, ...]
    redirects: tuple[Redirect, ...]
    #: (start, end, map) of the command's text; :attr:`span` is computed on demand.
    location: tuple[int, int, OffsetMap]
    pipeline: Pipeline | None = None
    pipeline_index: int = 0
    preceded_by: str | None = None
    in_condition: bool = False
    in_substitution: bool = False
    in_subshell: bool = False
    in_function: bool = False
    negated: bool = False
    options: frozenset[str] = frozenset()
    interpreter: str | None = None

    @property
    def span(self) -> Span:
        start, end, offsets = self.location
        return offsets.span(start, end)

    @property
    def in_pipeline(self) -> bool:
        return self.pipeline is not None and len(self.pipeline) > 1

    @property
    def base_name(self) -> str | None:
        """The name without its directory (``/usr/bin/apt-get`` -> ``apt-get``)."""
        if self.name is None:
            return None
        return self.name.rsplit("/", 1)[-1]

    # -- options ---------------------------------------------------------------------

    def options_and_operands(
        self, takes_value: Collection[str] = ()
    ) -> tuple[list[tuple[str, Word, str | None]], list[Word]]:
        """Split the arguments into options and operands: see :func:`split_options`."""
        return split_options(self.args, takes_value)

    def flag(self, *names: str, takes_value: Collection[str] = ()) -> Word | None:
        """The argument word carrying one of the options ``names`` (``-y``, ``--yes``)."""
        for option, word, _ in self.options_and_operands(takes_value)[0]:
            if option in names:
                return word
        return None

    def has_flag(self, *names: str, takes_value: Collection[str] = ()) -> bool:
        return self.flag(*names, takes_value=takes_value) is not None

    def flag_value(self, *names: str, takes_value: Collection[str] = ()) -> str | None:
        """The value of the last of the options ``names`` given (``--progress=dot``)."""
        found = None
        for option, _, value in self.options_and_operands(takes_value)[0]:
            if option in names:
                found = value
        return found

    def positionals(self, takes_value: Collection[str] = ()) -> list[Word]:
        return self.options_and_operands(takes_value)[1]

    def subcommand(self, takes_value: Collection[str] = ()) -> str | None:
        """The first operand (``install`` in ``apt-get -q install x``), if literal."""
        operands = self.positionals(takes_value)
        return operands[0].value if operands else None

    def __repr__(self) -> str:
        return f"Command({self.name!r}, {[a.raw for a in self.args]!r})"


def split_options(
    args: Sequence[Word], takes_value: Collection[str] = ()
) -> tuple[list[tuple[str, Word, str | None]], list[Word]]:
    """Split the arguments into options and operands (positional arguments).

    Options are returned as ``(option, word, value)`` with the option spelt
    ``-x`` or ``--long``; combined short options (``-qy``) give one entry per
    letter. ``takes_value`` lists the options that consume a value (``-o``,
    ``--target``): from the rest of a short cluster, after ``=`` for long options,
    or else from the next argument. After ``--`` everything is an operand.
    """
    options: list[tuple[str, Word, str | None]] = []
    operands: list[Word] = []
    index = 0
    while index < len(args):
        word = args[index]
        index += 1
        text = word.text
        if text == "--":
            operands.extend(args[index:])
            break
        if text.startswith("--"):
            name, equals, value = text.partition("=")
            if equals:
                options.append((name, word, value))
            elif name in takes_value and index < len(args):
                options.append((name, word, args[index].text))
                index += 1
            else:
                options.append((name, word, None))
        elif text.startswith("-") and len(text) > 1:
            for position in range(1, len(text)):
                option = "-" + text[position]
                if option in takes_value:
                    rest = text[position + 1 :]
                    if rest:
                        options.append((option, word, rest))
                    elif index < len(args):
                        options.append((option, word, args[index].text))
                        index += 1
                    else:
                        options.append((option, word, None))
                    break
                options.append((option, word, None))
        else:
            operands.append(word)
    return options, operands


@dataclass(eq=False)
class Script:
    """A parsed script: every simple command it runs, nested ones included, in the
    order they run (a command substitution comes before the command that uses it)."""

    text: str
    commands: list[Command]
    #: Spans of the syntax errors tree-sitter recovered from.
    errors: list[Span]
    #: Where the characters of ``text`` are in the file.
    offsets: OffsetMap

    def span(self, start: int, end: int) -> Span:
        """File span of ``text[start:end]`` (e.g. a position another tool reported)."""
        return self.offsets.span(start, end)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def commands_named(self, *names: str) -> Iterator[Command]:
        """Commands whose name (or its base name, for ``/usr/bin/x``) is one of ``names``."""
        wanted = set(names)
        for command in self.commands:
            if command.name is not None and (command.name in wanted or command.base_name in wanted):
                yield command

    def commands_in(self, word: Word) -> list[Command]:
        """The commands that substitutions inside ``word`` run (``$(curl URL)``,
        ``<(curl URL)``, backticks)."""
        return [
            command for command in self.commands
            if command.in_substitution and command.location[2] is word._map
            and word._start <= command.location[0] and command.location[1] <= word._end
        ]  # fmt: skip

    @property
    def pipelines(self) -> list[Pipeline]:
        seen: dict[int, Pipeline] = {}
        for command in self.commands:
            if command.in_pipeline:
                seen.setdefault(id(command.pipeline), command.pipeline)
        return list(seen.values())


# -- parsing --------------------------------------------------------------------------

_parser = None


def _bash_parser():
    """The tree-sitter parser, built on first use.

    The grammar's extension module is loaded directly: importing the
    ``tree_sitter_bash`` package runs its ``__init__``, which pulls in
    ``importlib.resources`` (about 45 ms) only to offer a highlighting query.
    """
    global _parser
    if _parser is None:
        import importlib.machinery
        import importlib.util

        import tree_sitter

        package = importlib.machinery.PathFinder.find_spec("tree_sitter_bash")
        if package is None or not package.submodule_search_locations:
            raise ImportError("tree-sitter-bash is not installed")
        spec = importlib.machinery.PathFinder.find_spec(
            "_binding", package.submodule_search_locations
        )
        if spec is None:
            raise ImportError("tree-sitter-bash has no compiled grammar")
        binding = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(binding)
        _parser = tree_sitter.Parser(tree_sitter.Language(binding.language()))
    return _parser


def parse_script(
    text: str,
    offsets: OffsetMap,
    options: Iterable[str] = (),
    interpreter: str | None = None,
) -> Script:
    """Parse ``text`` as a POSIX/bash script whose characters ``offsets`` maps to the file.

    ``options`` are shell options already on when the script starts (``pipefail`` from a
    Dockerfile ``SHELL ["/bin/bash", "-o", "pipefail", "-c"]``).
    """
    walker = _Walker(text, offsets, frozenset(options), interpreter)
    walker.run()
    return Script(text, walker.commands, walker.errors, offsets)


@dataclass(frozen=True, slots=True)
class _Context:
    preceded_by: str | None = None
    in_condition: bool = False
    in_substitution: bool = False
    in_subshell: bool = False
    in_function: bool = False
    negated: bool = False
    pipeline: Pipeline | None = None
    pipeline_index: int = 0


_TOP = _Context()
#: Statements nested deeper than this (subshells, `$(...)`, compound commands) are not
#: walked; no script written by hand comes near it.
MAX_NESTING = 100

#: Node types that are a sequence of statements. An ERROR node is one too: tree-sitter's
#: recovery keeps the well-formed statements around a syntax error as its children.
_SEQUENCES = frozenset(
    ("program", "compound_statement", "do_group", "else_clause", "case_item", "ERROR")
)
#: Word-like node types that may contain nested commands (``$(...)``, ``<(...)``).
_SUBSTITUTIONS = frozenset(("command_substitution", "process_substitution"))
_DYNAMIC = frozenset(
    (
        "simple_expansion",
        "expansion",
        "command_substitution",
        "process_substitution",
        "arithmetic_expansion",
    )
)
_DOUBLE_QUOTE_ESCAPES = frozenset('$`"\\\n')
_REDIRECTS = frozenset(("file_redirect", "herestring_redirect", "heredoc_redirect"))
#: Word node types whose text is the word itself unless it holds a backslash.
_PLAIN_WORDS = frozenset(("word", "number"))


class _Walker:
    """Turns one tree-sitter tree into Commands (and recurses into nested scripts)."""

    def __init__(self, text, offsets, options, interpreter):
        self.text = text
        self.data = text.encode("utf-8")
        self.map = offsets
        self.options = options
        self.interpreter = interpreter
        self.commands: list[Command] = []
        self.errors: list[Span] = []
        self._depth = 0
        if len(self.data) == len(text):
            self._char_of_byte = None
        else:
            table = []
            for index, char in enumerate(text):
                table.extend([index] * len(char.encode("utf-8")))
            table.append(len(text))
            self._char_of_byte = table

    # -- positions -----------------------------------------------------------------------

    def _bounds(self, node) -> tuple[int, int]:
        table = self._char_of_byte
        if table is None:
            return node.start_byte, node.end_byte
        return table[node.start_byte], table[node.end_byte]

    def _raw(self, node) -> str:
        start, end = self._bounds(node)
        return self.text[start:end]

    def _span(self, node) -> Span:
        return self.map.span(*self._bounds(node))

    # -- walking -------------------------------------------------------------------------

    def run(self) -> None:
        tree = _bash_parser().parse(self.data)
        root = tree.root_node
        if root.has_error:
            self._collect_errors(root)
        self._sequence(root, _TOP)

    def _collect_errors(self, root) -> None:
        stack = [root]  # a stack, not recursion: a chain of 20,000 `&&` is a tree that deep
        while stack:
            node = stack.pop()
            if node.type == "ERROR" or node.is_missing:
                self.errors.append(self._span(node))
                continue
            stack.extend(reversed([c for c in node.children if c.has_error or c.is_missing]))

    def _sequence(self, node, ctx: _Context) -> None:
        # Only the first statement of a sequence directly follows an outer `&&`/`||`.
        for child in node.children:
            if child.is_named:
                self._statement(child, ctx)
                if ctx.preceded_by is not None:
                    ctx = _replace(ctx, preceded_by=None)

    def _statement(self, node, ctx: _Context, lead: Command | None = None) -> None:
        """Visit one statement. ``lead`` is a command piped into this statement from a
        heredoc line (``cat <<EOF | grep x``), where tree-sitter nests the rest of the
        pipeline inside the heredoc redirect.

        Statements nested more than :data:`MAX_NESTING` deep (``$(`` in ``$(`` ...) are
        not visited: their span is recorded as an error of the script instead, so the
        walk's depth, and Python's stack, stay bounded whatever the input."""
        if self._depth >= MAX_NESTING:
            self.errors.append(self._span(node))
            return
        self._depth += 1
        try:
            self._visit(node, ctx, lead)
        finally:
            self._depth -= 1

    def _visit(self, node, ctx: _Context, lead: Command | None) -> None:
        kind = node.type
        if kind == "command":
            command = self._command(node, ctx, ())
            if lead is not None:
                _join_pipeline(lead, command)
        elif kind == "list":
            # `a && b && c` is a list nested on its left, one level per operator: walked
            # as the flat sequence it is.
            rights = []
            while node.type == "list":
                rights.append((node.children[1].type, node.children[2]))
                node = node.children[0]
            self._statement(node, ctx, lead)
            for operator, right in reversed(rights):
                self._statement(right, _replace(ctx, preceded_by=operator))
        elif kind == "pipeline":
            self._pipeline(node, ctx, lead)
        elif kind == "redirected_statement":
            self._redirected(node, ctx, lead)
        elif kind == "negated_command":
            for child in node.named_children:
                self._statement(child, _replace(ctx, negated=True), lead)
        elif kind == "subshell":
            saved = self.options  # `set` inside a subshell does not leak out
            self._sequence(node, _replace(ctx, in_subshell=True))
            self.options = saved
        elif kind in _SEQUENCES:
            self._sequence(node, ctx)
        elif kind in ("if_statement", "elif_clause", "while_statement", "until_statement"):
            condition = _replace(ctx, in_condition=True)
            for index, child in enumerate(node.children):
                if not child.is_named:
                    continue
                if node.field_name_for_child(index) == "condition":
                    self._statement(child, condition)
                else:
                    self._statement(child, ctx)
        elif kind in ("for_statement", "c_style_for_statement", "case_statement"):
            for index, child in enumerate(node.children):
                if not child.is_named:
                    continue
                field = node.field_name_for_child(index)
                if field in ("value", "initializer", "condition", "update", "variable"):
                    self._substitutions(child, ctx)
                else:
                    self._statement(child, ctx)
        elif kind == "function_definition":
            body = node.child_by_field_name("body")
            if body is not None:
                saved = self.options
                self._statement(body, _replace(ctx, in_function=True))
                self.options = saved
        elif kind in ("declaration_command", "unset_command"):
            self._declaration(node, ctx)
        elif (
            kind in ("variable_assignment", "variable_assignments", "test_command")
            or kind in _SUBSTITUTIONS
            or kind in ("string", "concatenation")
        ):
            self._substitutions(node, ctx)
        # comments, heredoc bodies and stray words run nothing

    def _pipeline(self, node, ctx: _Context, lead: Command | None) -> None:
        elements, trailing = _pipeline_elements(node)
        pipeline = Pipeline()
        if lead is not None:
            pipeline.elements.append([lead])
            lead.pipeline, lead.pipeline_index = pipeline, 0
        for child in elements:
            before = len(self.commands)
            element_ctx = _replace(ctx, pipeline=pipeline, pipeline_index=len(pipeline.elements))
            pipeline.elements.append([])
            self._statement(child, element_ctx)
            pipeline.elements[-1].extend(
                command for command in self.commands[before:] if command.pipeline is pipeline
            )
        for operator, statement in trailing:
            self._statement(statement, _replace(ctx, preceded_by=operator))

    def _redirected(self, node, ctx: _Context, lead: Command | None) -> None:
        body = node.child_by_field_name("body")
        redirects: list[Redirect] = []
        extra_args: list[Word] = []
        continuations = []
        for index, child in enumerate(node.children):
            if node.field_name_for_child(index) != "redirect":
                continue
            redirect, args, continuation = self._redirect(child, ctx)
            redirects.append(redirect)
            extra_args.extend(args)
            if continuation is not None:
                continuations.append(continuation)
        before = len(self.commands)
        if body is not None and body.type == "command":
            command = self._command(body, ctx, tuple(redirects), tuple(extra_args))
            if lead is not None:
                _join_pipeline(lead, command)
        elif body is not None:
            self._statement(body, ctx, lead)
        last = self.commands[-1] if len(self.commands) > before else None
        for operator, rest in continuations:
            if operator == "|":
                self._statement(rest, ctx, last)
            else:
                self._statement(rest, _replace(ctx, preceded_by=operator))

    def _redirect(self, node, ctx: _Context):
        """One redirect: (Redirect, arguments tree-sitter misfiled as destinations,
        (operator, statement) continuing the command line after a heredoc start)."""
        operator = ""
        target: Word | None = None
        extra: list[Word] = []
        heredoc = None
        continuation = None
        for index, child in enumerate(node.children):
            field = node.field_name_for_child(index)
            kind = child.type
            if field == "destination":
                word = self._word(child, ctx)
                # `cmd >file arg`: tree-sitter files `arg` as a second destination.
                if target is None:
                    target = word
                else:
                    extra.append(word)
            elif field == "descriptor":
                operator += self._raw(child)
            elif kind == "heredoc_body":
                heredoc = self._heredoc_body(child)
            elif kind in ("heredoc_start", "heredoc_end", "ERROR"):
                continue
            elif field == "operator":
                continuation = (child.type, None)
            elif field == "right" and continuation is not None:
                continuation = (continuation[0], child)
            elif kind == "pipeline" and node.type == "heredoc_redirect":
                # `cat <<EOF | rest`: the pipeline node is `|` followed by the rest.
                continuation = ("|", child.named_children[0]) if child.named_children else None
            elif kind in ("file_redirect", "heredoc_redirect", "herestring_redirect"):
                # A redirect nested in a heredoc start line (`cat <<EOF > /x`).
                _, more_args, _ = self._redirect(child, ctx)
                extra.extend(more_args)
            elif not child.is_named:
                operator += child.type
            else:
                target = target or self._word(child, ctx)
        return Redirect(operator, target, heredoc), extra, continuation

    def _heredoc_body(self, node) -> Word:
        """A heredoc body as a literal word (its text as written, expansions included)."""
        start, end = self._bounds(node)
        body = self.text[start:end]
        return Word(body, body, True, start, end, [(0, start)], self.map)

    def _command(self, node, ctx: _Context, redirects=(), extra_args=()) -> Command:
        assignments: list[Assignment] = []
        name_word: Word | None = None
        args: list[Word] = []
        redirects = list(redirects)
        # Children by type rather than by field name: one C call less per child.
        for child in node.children:
            kind = child.type
            if kind == "variable_assignment":
                assignments.append(self._assignment(child, ctx))
            elif kind == "command_name":
                inner = child.named_children[0] if child.named_children else child
                name_word = self._word(inner, ctx)
            elif kind in _REDIRECTS:
                redirect, more_args, _ = self._redirect(child, ctx)
                redirects.append(redirect)
                args.extend(more_args)
            elif child.is_named and kind != "comment":
                args.append(self._word(child, ctx))
        args.extend(extra_args)
        command = self._new_command(
            node, ctx, name_word.value if name_word else None, name_word, args, assignments, redirects
        )
        self.commands.append(command)
        if command.base_name == "set":
            enabled, disabled = _set_changes(command.args)
            self.options = (self.options | enabled) - disabled
        elif command.base_name in SHELL_INTERPRETERS:
            self._interpreter_script(command)
        return command

    def _interpreter_script(self, command: Command) -> None:
        """Parse the script a shell command runs: its ``-c`` string, or the heredoc it
        reads on stdin (``bash -e <<EOF``)."""
        options, script_word, reads_stdin = _interpreter_options(command)
        if script_word is not None:
            source, label = script_word, f"{command.base_name} -c"
        elif reads_stdin:
            source = next((r.heredoc for r in command.redirects if r.heredoc is not None), None)
            label = f"{command.base_name} <<"
            if source is None:
                return
        else:
            return
        nested = _Walker(source.text, source._text_map(), options, label)
        nested._depth = self._depth  # `sh -c "sh -c ..."` nests too
        nested.run()
        self.commands.extend(nested.commands)
        self.errors.extend(nested.errors)

    def _declaration(self, node, ctx: _Context) -> None:
        """``export A=1 B``, ``local x``, ``unset y``: kept as commands named after the
        keyword, with each assignment or name as an argument."""
        keyword = node.children[0]
        args = [self._word(child, ctx) for child in node.named_children]
        self.commands.append(self._new_command(node, ctx, keyword.type, self._word(keyword, ctx), args, (), ()))

    def _new_command(self, node, ctx: _Context, name, name_word, args, assignments, redirects) -> Command:
        """A command at ``node``, with the context it runs in (pipeline, operators,
        conditions, shell options in effect)."""
        return Command(
            name=name,
            name_word=name_word,
            args=tuple(args),
            assignments=tuple(assignments),
            redirects=tuple(redirects),
            location=(*self._bounds(node), self.map),
            pipeline=ctx.pipeline,
            pipeline_index=ctx.pipeline_index,
            preceded_by=ctx.preceded_by,
            in_condition=ctx.in_condition,
            in_substitution=ctx.in_substitution,
            in_subshell=ctx.in_subshell,
            in_function=ctx.in_function,
            negated=ctx.negated,
            options=self.options,
            interpreter=self.interpreter,
        )

    def _assignment(self, node, ctx: _Context) -> Assignment:
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        return Assignment(
            name=self._raw(name) if name is not None else "",
            value=self._word(value, ctx) if value is not None else None,
            span=self._span(node),
        )

    def _substitutions(self, node, ctx: _Context) -> None:
        """Visit the commands nested in a word (``$(...)``, ``<(...)``, backticks)."""
        if node.type in _SUBSTITUTIONS:
            saved = self.options
            self._sequence(
                node,
                _Context(
                    in_substitution=True,
                    in_subshell=ctx.in_subshell,
                    in_function=ctx.in_function,
                    in_condition=ctx.in_condition,
                ),
            )
            self.options = saved
            return
        for child in node.named_children:
            if child.child_count:
                self._substitutions(child, ctx)

    # -- words ---------------------------------------------------------------------------

    def _word(self, node, ctx: _Context) -> Word:
        start, end = self._bounds(node)
        raw = self.text[start:end]
        if node.type in _PLAIN_WORDS and "\\" not in raw:
            return Word(raw, raw, True, start, end, [(0, start)], self.map)
        builder = _Unquoter(self.text)
        self._unquote(node, builder)
        if builder.dynamic and node.child_count:
            self._substitutions(node, ctx)
        return Word(
            raw,
            "".join(builder.parts),
            not builder.dynamic,
            start,
            end,
            builder.pieces,
            self.map,
        )

    def _unquote(self, node, out: _Unquoter) -> None:
        kind = node.type
        start, end = self._bounds(node)
        if kind in _DYNAMIC:
            out.dynamic = True
            out.add(self.text[start:end], start)
        elif kind == "raw_string":
            out.add(self.text[start + 1 : end - 1], start + 1)
        elif kind == "string" or kind == "translated_string":
            position = start + (2 if kind == "translated_string" else 1)
            for child in node.children:
                child_start, child_end = self._bounds(child)
                if child_start > position:
                    out.add_escaped(position, child_start, _DOUBLE_QUOTE_ESCAPES)
                if child.type == "string_content":
                    out.add_escaped(child_start, child_end, _DOUBLE_QUOTE_ESCAPES)
                elif child.is_named:
                    self._unquote(child, out)
                position = max(position, child_end)
        elif kind == "ansi_c_string":
            out.add_ansi_c(start + 2, end - 1)
        elif kind == "concatenation":
            position = start
            for child in node.children:
                child_start, child_end = self._bounds(child)
                if child_start > position:
                    out.add_escaped(position, child_start, None)
                self._unquote(child, out)
                position = child_end
        else:
            out.add_escaped(start, end, None)


class _Unquoter:
    """Accumulates a word's unquoted text and where each stretch of it came from."""

    __slots__ = ("text", "parts", "pieces", "length", "dynamic")

    def __init__(self, text: str):
        self.text = text
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int]] = []
        self.length = 0
        self.dynamic = False

    def add(self, chunk: str, source_start: int) -> None:
        if not chunk:
            return
        pieces = self.pieces
        if not pieces or pieces[-1][1] + (self.length - pieces[-1][0]) != source_start:
            pieces.append((self.length, source_start))
        self.parts.append(chunk)
        self.length += len(chunk)

    def add_escaped(self, start: int, end: int, escapable: frozenset[str] | None) -> None:
        """Add ``text[start:end]`` removing backslash escapes: any escaped character
        outside quotes (``escapable`` None), only ``escapable`` ones inside ``"..."``;
        an escaped newline is a line continuation and disappears."""
        text = self.text
        backslash = text.find("\\", start, end)
        while backslash != -1:
            self.add(text[start:backslash], start)
            following = text[backslash + 1 : backslash + 2]
            if following == "\n":
                start = backslash + 2
            elif following and (escapable is None or following in escapable):
                self.add(following, backslash + 1)
                start = backslash + 2
            else:
                self.add("\\", backslash)
                start = backslash + 1
            backslash = text.find("\\", start, end) if start < end else -1
        self.add(text[start:end], start)

    def add_ansi_c(self, start: int, end: int) -> None:
        simple = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "e": "\x1b"}
        text = self.text
        index = start
        while index < end:
            char = text[index]
            if char == "\\" and index + 1 < end and text[index + 1] in simple:
                self.add(simple[text[index + 1]], index)
                index += 2
            else:
                self.add(char, index)
                index += 1


def _pipeline_elements(node) -> tuple[list, list[tuple[str, object]]]:
    """The elements of a pipeline node, and the ``&&``/``||`` statements that follow it.

    tree-sitter-bash (0.25) nests a list into the last element of a pipeline of three or
    more commands: ``a | b | c && d`` comes out as ``a | ((b | c) && d)``. A pipeline
    binds tighter than ``&&``/``||``, so the list is taken apart again here: its leftmost
    part joins the pipeline, its operators and right-hand sides follow it.
    """
    elements = [child for child in node.children if child.is_named]
    trailing: list[tuple[str, object]] = []
    while len(elements) > 1:
        last = elements[-1]
        if last.type == "list":
            found = []
            while last.type == "list":
                found.append((last.children[1].type, last.children[2]))
                last = last.children[0]
            trailing = found[::-1] + trailing
            elements[-1] = last
        elif last.type == "pipeline":
            elements[-1:] = [child for child in last.children if child.is_named]
        else:
            break
    return elements, trailing


def _join_pipeline(lead: Command, command: Command) -> None:
    """Pipe ``lead`` into ``command`` (the heredoc case of ``_Walker._statement``)."""
    pipeline = Pipeline()
    pipeline.elements = [[lead], [command]]
    lead.pipeline, lead.pipeline_index = pipeline, 0
    command.pipeline, command.pipeline_index = pipeline, 1


def _replace(ctx: _Context, **changes) -> _Context:
    values = {name: getattr(ctx, name) for name in _Context.__slots__}
    values.update(changes)
    return _Context(**values)


# -- statements that change how the rest of the script runs ------------------------------


def _set_changes(args: Sequence[Word]) -> tuple[set[str], set[str]]:
    """Options turned on and off by ``set`` arguments (``-eux``, ``-o pipefail``)."""
    enabled: set[str] = set()
    disabled: set[str] = set()
    index = 0
    while index < len(args):
        text = args[index].text
        index += 1
        if len(text) < 2 or text[0] not in "-+" or text == "--":
            continue
        target = enabled if text[0] == "-" else disabled
        for letter in text[1:]:
            if letter == "o":
                if index < len(args):
                    target.add(args[index].text)
                    index += 1
            elif letter in _SET_LETTERS:
                target.add(_SET_LETTERS[letter])
    return enabled, disabled


def _interpreter_options(command: Command) -> tuple[frozenset[str], Word | None, bool]:
    """For ``bash -eo pipefail -c 'script'``: the options it starts with, the script
    word after ``-c`` (None without ``-c``), and whether it reads its script from stdin
    (no ``-c`` and no script file operand)."""
    enabled: set[str] = set()
    args = command.args
    if command.base_name == "busybox":
        if not args or args[0].value not in SHELL_INTERPRETERS:
            return frozenset(), None, False
        args = args[1:]
    index = 0
    reads_c = False
    while index < len(args):
        text = args[index].text
        index += 1
        if text.startswith("--") or not text.startswith(("-", "+")) or len(text) < 2:
            if text.startswith("--"):
                continue
            # The first operand: the -c script, or a script file.
            if reads_c:
                return frozenset(enabled), args[index - 1], False
            return frozenset(enabled), None, False
        for letter in text[1:]:
            if letter == "c":
                reads_c = True
            elif letter == "o" and index < len(args):
                if text[0] == "-":
                    enabled.add(args[index].text)
                index += 1
            elif letter in _SET_LETTERS and text[0] == "-":
                enabled.add(_SET_LETTERS[letter])
    return frozenset(enabled), None, not reads_c


def expand_parameters(text: str, variables: Mapping[str, str | None]) -> str | None:
    """Expand ``$NAME``, ``${NAME}``, ``${NAME:-word}``, ``${NAME-word}``,
    ``${NAME:+word}`` and ``${NAME+word}`` in an unquoted word text. Returns None when a
    variable is unknown (or known to have no static value) and no default applies, or
    when the text holds a command substitution or arithmetic."""
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        dollar = text.find("$", index)
        if dollar == -1:
            out.append(text[index:])
            break
        out.append(text[index:dollar])
        following = text[dollar + 1 : dollar + 2]
        if following == "{":
            close = text.find("}", dollar + 2)
            if close == -1:
                return None
            value = _expand_braced(text[dollar + 2 : close], variables)
            if value is None:
                return None
            out.append(value)
            index = close + 1
        elif following == "_" or following.isalpha():
            end = dollar + 1
            while end < length and (text[end] == "_" or text[end].isalnum()):
                end += 1
            value = variables.get(text[dollar + 1 : end])
            if value is None:
                return None
            out.append(value)
            index = end
        elif following in ("(", "") or following.isdigit() or following in "@*#?$!-":
            return None
        else:
            out.append("$")
            index = dollar + 1
    return "".join(out)


def _expand_braced(inner: str, variables: Mapping[str, str | None]) -> str | None:
    end = 0
    while end < len(inner) and (inner[end] == "_" or inner[end].isalnum()):
        end += 1
    name, rest = inner[:end], inner[end:]
    if not name:
        return None
    value = variables.get(name)
    if not rest:
        return value
    for operator in (":-", ":+", "-", "+"):
        if rest.startswith(operator):
            word = rest[len(operator) :]
            is_set = value is not None and (value != "" or ":" not in operator)
            if operator.endswith("-"):
                return value if is_set else expand_parameters(word, variables)
            return expand_parameters(word, variables) if is_set else ""
    return None
