"""The Dockerfile parser: BuildKit's tokenising, with a position on every token."""

from __future__ import annotations

import glob
import os

import pytest

from lintkit.model import ParseError, Span
from lintkit.parsers import dockerfile
from lintkit.source import SourceFile

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus", "dockerfile")


def text_at(doc, span: Span) -> str:
    return doc.source.text_of(span)


def test_directives_and_backtick_escape(parse):
    doc = parse(
        """
        # syntax=docker/dockerfile:1
        # escape=`
        # check=skip=JSONArgsRecommended
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN dir C:\\ `
            && echo done
        """
    )
    assert set(doc.directives) == {"syntax", "escape", "check"}
    assert doc.directives["check"].value == "skip=JSONArgsRecommended"
    assert doc.escape == "`"
    run = doc.instructions[1]
    assert run.value == "dir C:\\     && echo done"
    assert run.span == Span(5, 1, 6, 17)
    assert doc.stages[0].os == "windows"
    assert run.script is None  # cmd is not a POSIX shell


def test_directive_after_a_comment_is_a_comment(parse):
    doc = parse(
        """
        # a comment first
        # escape=`
        FROM busybox
        RUN echo a \\
            b
        """
    )
    assert doc.directives == {}
    assert doc.escape == "\\"
    assert [c.text for c in doc.comments] == ["a comment first", "escape=`"]
    assert doc.instructions[1].value == "echo a     b"


def test_duplicate_directive_is_rejected_at_its_line(parse):
    with pytest.raises(ParseError) as error:
        parse("# syntax=a\n# syntax=b\nFROM x\n")
    assert error.value.span.line == 2


def test_continuations_skip_comments_and_empty_lines_and_keep_token_positions(parse):
    doc = parse(
        """
        FROM debian:12
        RUN apt-get update \\
            # a comment inside the continuation
            && apt-get install -y \\

               curl \\
               git
        """
    )
    run = doc.instructions[1]
    assert run.span == Span(2, 1, 7, 11)
    install = next(c for c in run.script.commands if c.subcommand() == "install")
    packages = install.positionals()[1:]
    assert [p.value for p in packages] == ["curl", "git"]
    assert packages[0].span == Span(6, 8, 6, 12)
    assert packages[1].span == Span(7, 8, 7, 11)
    assert text_at(doc, packages[1].span) == "git"
    assert [c.text for c in doc.comments] == ["a comment inside the continuation"]


def test_trailing_escaped_backslash_is_not_a_continuation(parse):
    doc = parse(
        """
        FROM scratch
        ENV C trailing\\\\backslash\\\\
        ENV D next
        """
    )
    assert [i.keyword for i in doc.instructions] == ["FROM", "ENV", "ENV"]


def test_keyword_flags_and_arguments_have_spans(parse):
    doc = parse(
        """
        from --platform=$BUILDPLATFORM golang:1.22 As Build
        RUN --mount=type=cache,target=/root/.cache --network=none --security=insecure go build
        copy --from=build --chown=app:app --link /out/app /usr/bin/app
        """
    )
    from_, run, copy = doc.instructions
    assert (from_.keyword, from_.keyword_raw) == ("FROM", "from")
    assert from_.keyword_span == Span(1, 1, 1, 5)
    assert from_.flag("platform").value == "$BUILDPLATFORM"
    assert from_.flag("platform").span == Span(1, 6, 1, 31)
    assert [a.value for a in from_.args] == ["golang:1.22", "As", "Build"]
    assert doc.stages[0].name == "build"
    assert doc.stages[0].name_token.span == Span(1, 47, 1, 52)
    assert [f.name for f in run.flags] == ["mount", "network", "security"]
    assert run.value == "go build"
    assert copy.flag("from").value == "build"
    assert copy.flag("link").value is None
    assert [a.value for a in copy.args] == ["/out/app", "/usr/bin/app"]
    assert copy.args[1].span == Span(3, 51, 3, 63)


def test_mount_from_without_target_is_fine(parse):
    doc = parse("FROM alpine\nRUN --mount=from=builder,source=/x ls /x\n")
    assert doc.instructions[1].flag("mount").value == "from=builder,source=/x"


def test_exec_form_and_shell_form(parse):
    doc = parse(
        """
        FROM alpine
        CMD ["nginx", "-g", "daemon off;"]
        ENTRYPOINT /bin/run --fast
        CMD ['single', 'quotes']
        """
    )
    cmd, entrypoint, single = doc.instructions[1:]
    assert [t.value for t in cmd.exec_form] == ["nginx", "-g", "daemon off;"]
    assert cmd.exec_form[2].span == Span(2, 21, 2, 34)
    assert entrypoint.exec_form is None
    assert [c.name for c in entrypoint.script.commands] == ["/bin/run"]
    assert single.exec_form is None  # not JSON: BuildKit runs it as a shell command


def test_json_array_of_non_strings_is_a_parse_error(parse):
    with pytest.raises(ParseError) as error:
        parse('FROM alpine\nCMD [ "echo", [ "nested" ] ]\n')
    assert error.value.span.line == 2


def test_env_forms_and_errors(parse):
    doc = parse(
        """
        FROM alpine
        ENV A=1 B="two words" C=three\\ words
        ENV LEGACY value with spaces
        LABEL org.opencontainers.image.title="x"
        ARG VERSION
        ARG OTHER=2
        """
    )
    env, legacy, label, arg, other = doc.instructions[1:]
    assert [(p.name, p.value) for p in env.pairs] == [
        ("A", "1"),
        ("B", "two words"),
        ("C", "three words"),
    ]
    assert env.pairs[1].value_token.span == Span(2, 11, 2, 22)
    assert legacy.pairs[0].legacy and legacy.pairs[0].value == "value with spaces"
    assert label.pairs[0].name == "org.opencontainers.image.title"
    assert arg.pairs[0].value is None
    assert other.pairs[0].value == "2"
    with pytest.raises(ParseError, match="two arguments"):
        parse("FROM busybox\n\nENV PATH\n")
    with pytest.raises(ParseError, match="can't find ="):
        parse("FROM busybox\nENV A=1 B\n")


def test_file_without_instructions(parse):
    with pytest.raises(ParseError, match="no instructions"):
        parse("# Hello\n# just comments\n\n")


def test_heredocs_run_copy_and_comment_after_terminator(parse):
    doc = parse(
        """
        # syntax=docker/dockerfile:1
        FROM debian
        RUN <<EOF
        set -e
        apt-get update
        apt-get install -y curl
        EOF
        # a comment right after the terminator
        COPY --chmod=755 <<"EOF" /usr/local/bin/hello
        #!/bin/sh
        echo "$HOME"
        EOF
        RUN <<-EOT bash -ex
        	apt-get install -y git
        	EOT
        """
    )
    run, copy, run2 = doc.instructions[1:]
    assert run.heredocs[0].name == "EOF" and run.heredocs[0].expand
    assert run.span == Span(3, 1, 7, 4)
    names = [c.name for c in run.script.commands]
    assert names == ["set", "apt-get", "apt-get"]
    install = run.script.commands[2]
    assert install.args[2].span == Span(6, 20, 6, 24)
    assert install.options == {"errexit"}
    assert doc.comments[-1].text == "a comment right after the terminator"
    heredoc = copy.heredocs[0]
    assert (heredoc.name, heredoc.expand) == ("EOF", False)
    assert heredoc.content == '#!/bin/sh\necho "$HOME"\n'
    assert heredoc.span == Span(10, 1, 11, 13)
    assert copy.flag("chmod").value == "755"
    assert [a.value for a in copy.args] == ['<<"EOF"', "/usr/local/bin/hello"]
    assert run2.heredocs[0].chomp and run2.heredocs[0].text == "apt-get install -y git\n"
    git = [c for c in run2.script.commands if c.name == "apt-get"][0]
    assert git.args[2].span == Span(14, 21, 14, 24)
    assert git.options == {"errexit", "xtrace"}


def test_several_heredocs_and_heredoc_into_a_file(parse):
    doc = parse(
        """
        FROM alpine
        COPY <<X <<Y /dest/
        Y
        X
        X
        Y
        RUN cat <<EOF > /etc/motd && echo done
        apt-get install this-is-not-a-command
        EOF
        """
    )
    copy, run = doc.instructions[1:]
    assert [(h.name, h.content) for h in copy.heredocs] == [("X", "Y\n"), ("Y", "X\n")]
    assert [c.name for c in run.script.commands] == ["cat", "echo"]


def test_heredoc_with_non_shell_shebang_has_no_script(parse):
    doc = parse(
        """
        FROM python
        RUN <<EOF
        #!/usr/bin/env python3
        print("hi")
        EOF
        """
    )
    assert doc.instructions[1].script is None


def test_unterminated_heredoc_points_at_its_marker(parse):
    with pytest.raises(ParseError) as error:
        parse("FROM alpine\nRUN cat <<EOF\nno end\n")
    assert error.value.span == Span(2, 9, 2, 14)


def test_json_form_is_not_a_heredoc(parse):
    doc = parse('FROM alpine\nRUN ["sh", "-c", "cat <<EOF"]\nCMD x\n')
    assert doc.instructions[1].heredocs == ()
    assert len(doc.instructions) == 3


def test_onbuild_wraps_an_instruction_with_its_script(parse):
    doc = parse("FROM alpine\nONBUILD RUN apk add curl\n")
    trigger = doc.instructions[1].trigger
    assert trigger.keyword == "RUN"
    assert trigger.keyword_span == Span(2, 9, 2, 12)
    assert [c.name for c in trigger.script.commands] == ["apk"]
    assert [i.keyword for i, _ in doc.runs(triggers=True)] == ["RUN"]


def test_stages_global_args_and_substitution(parse):
    doc = parse(
        """
        ARG REGISTRY=docker.io
        ARG NODE_VERSION
        ARG TAG=3.19
        FROM ${REGISTRY}/library/node:${NODE_VERSION:-18}-alpine AS deps
        ENV APP_HOME=/app
        FROM deps AS build
        ARG TAG
        RUN echo $APP_HOME $TAG
        FROM alpine:$TAG
        FROM $UNKNOWN
        """
    )
    deps, build, final, unknown = doc.stages
    assert [a.pairs[0].name for a in doc.global_args] == ["REGISTRY", "NODE_VERSION", "TAG"]
    assert deps.image.text == "docker.io/library/node:18-alpine"
    assert (deps.image.registry, deps.image.repository, deps.image.tag) == (
        "docker.io",
        "library/node",
        "18-alpine",
    )
    assert build.base_stage is deps and build.index == 1
    run = build.instructions[-1]
    assert run.variables["APP_HOME"] == "/app"
    assert run.variables["TAG"] == "3.19"
    assert final.image.tag == "3.19"
    assert unknown.image is None


def test_shell_instruction_tracks_per_stage_and_is_inherited(parse):
    doc = parse(
        """
        FROM debian AS base
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN curl x | sh
        FROM base
        RUN a | b
        FROM mcr.microsoft.com/powershell
        SHELL ["pwsh", "-Command"]
        RUN Get-ChildItem | Where-Object { $_.Length -gt 1 }
        """
    )
    runs = list(doc.instructions_named("RUN"))
    assert runs[0].script.commands[0].options == {"pipefail"}
    assert runs[1].shell == ("/bin/bash", "-o", "pipefail", "-c")
    assert runs[2].script is None


def test_crlf_and_bom(parse):
    doc = dockerfile.parse(
        SourceFile("Dockerfile", "\ufeffFROM alpine\r\nRUN echo a \\\r\n  b\r\n")
    )
    run = doc.instructions[1]
    assert run.value == "echo a   b"
    assert run.script.commands[0].args[1].span == Span(3, 3, 3, 4)


def test_instruction_level_mistakes_are_not_parse_errors(parse):
    doc = parse('FROM scratch\nCOPY --doit=true foo /tmp/\nFOO bar\nCMD --doit [ "a" ]\n')
    assert [i.keyword for i in doc.instructions] == ["FROM", "COPY", "FOO", "CMD"]


@pytest.mark.corpus
def test_corpus_parses_except_buildkit_negative_fixtures():
    failures = {}
    for path in sorted(glob.glob(os.path.join(CORPUS, "**", "*"), recursive=True)):
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as handle:
            source = SourceFile(path, handle.read())
        try:
            doc = dockerfile.parse(source)
        except ParseError as error:
            failures[os.path.relpath(path, CORPUS)] = error.span
            continue
        for _, script in doc.runs():
            assert not script.has_errors, (path, script.errors)
    assert sorted(failures) == sorted(
        os.path.join(
            "moby__buildkit/frontend/dockerfile/parser/testfiles-negative", name, "Dockerfile"
        )
        for name in ("env_no_value", "only_comments", "shykes-nested-json")
    )



def test_jinja_template_is_one_positioned_parse_error(parse):
    text = "# Molecule managed\n\n{% if item.registry is defined %}\nFROM {{ item.image }}\n{% endif %}\nRUN true\n"
    with pytest.raises(ParseError) as info:
        parse(text, "molecule/Dockerfile.j2")
    assert (info.value.span.line, info.value.span.column) == (3, 1)
    assert "template" in info.value.message


def test_values_from_a_template_in_arguments_are_linted_as_written(parse):
    doc = parse('FROM ubuntu:24.04\nRUN curl -L "https://dl.k8s.io/v{{ kube_version }}/kubectl"\n')
    assert [i.keyword for i in doc.instructions] == ["FROM", "RUN"]
