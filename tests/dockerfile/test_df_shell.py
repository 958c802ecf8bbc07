"""The shared shell layer (lintkit.shell), independent of Dockerfiles."""

from __future__ import annotations

from lintkit.model import Span
from lintkit.shell import OffsetMap, expand_parameters, parse_script
from lintkit.source import SourceFile


def script_of(text: str, options=()):
    return parse_script(text, OffsetMap.shifted(SourceFile("x.sh", text), 0), options)


def only(script, name):
    (command,) = script.commands_named(name)
    return command


def test_flags_combined_long_and_values():
    script = script_of(
        "apt-get -qy -o Dpkg::Options=--force-confnew --no-install-recommends install curl=1.2 git"
    )
    command = only(script, "apt-get")
    takes_value = {"-o", "-c", "-t"}
    assert command.has_flag("-y", "--yes", "--assume-yes", takes_value=takes_value)
    assert command.has_flag("--no-install-recommends")
    assert not command.has_flag("-s")
    assert command.flag_value("-o", takes_value=takes_value) == "Dpkg::Options=--force-confnew"
    assert command.subcommand(takes_value) == "install"
    assert [w.value for w in command.positionals(takes_value)] == ["install", "curl=1.2", "git"]
    assert command.flag("-y", takes_value=takes_value).raw == "-qy"


def test_value_taking_short_option_stops_a_cluster():
    command = only(script_of("tar -xzf archive.tgz -C /opt"), "tar")
    assert command.flag_value("-f", takes_value={"-f", "-C"}) == "archive.tgz"
    # `-oy`: with -o taking a value, y is that value, not the -y flag.
    assert not only(script_of("apt-get -oy install x"), "apt-get").has_flag(
        "-y", takes_value={"-o"}
    )


def test_long_option_with_equals_and_double_dash():
    command = only(script_of("wget --progress=dot:giga -- --not-a-flag"), "wget")
    assert command.flag_value("--progress") == "dot:giga"
    assert [w.value for w in command.positionals()] == ["--not-a-flag"]


def test_words_literal_quoted_and_dynamic():
    command = only(script_of("""echo 'a b' "c\\"d" e\\ f "$HOME/x" ${V:-1} $(id -u)"""), "echo")
    assert [w.value for w in command.args] == ["a b", 'c"d', "e f", None, None, None]
    assert [w.text for w in command.args][3:5] == ["$HOME/x", "${V:-1}"]
    assert command.args[4].expand({"V": None}) == "1"
    assert command.args[3].expand({"HOME": "/root"}) == "/root/x"
    assert [c.name for c in script_of("echo $(id -u)").commands] == ["id", "echo"]


def test_contexts():
    script = script_of(
        "set -e; a | b | c && d || e; if f; then g; fi; (h); x=$(i); while j; do k; done; fn() { l; }"
    )
    by_name = {c.name: c for c in script.commands}
    assert [by_name[n].pipeline_index for n in "abc"] == [0, 1, 2]
    assert by_name["a"].in_pipeline and not by_name["d"].in_pipeline
    assert by_name["d"].preceded_by == "&&" and by_name["e"].preceded_by == "||"
    assert by_name["f"].in_condition and not by_name["g"].in_condition
    assert by_name["j"].in_condition
    assert by_name["h"].in_subshell
    assert by_name["i"].in_substitution
    assert by_name["l"].in_function
    assert by_name["a"].options == {"errexit"}
    assert len(script.pipelines) == 1


def test_set_options_and_initial_options():
    script = script_of("a | b; set -euxo pipefail; c | d; set +o pipefail; e | f")
    pipefail = [c.name for c in script.commands if "pipefail" in c.options]
    assert pipefail == ["c", "d", "set"]
    assert {"pipefail"} <= only(script_of("x | y", options=["pipefail"]), "x").options
    # `set` inside a subshell does not leak out.
    assert "pipefail" not in only(script_of("(set -o pipefail); a | b"), "a").options


def test_sh_c_strings_are_parsed_with_file_positions():
    text = 'RUN_ME=1 sh -c "apt-get update && apt-get install -y \\"curl\\""; bash -eo pipefail -c \'x | y\''
    script = script_of(text)
    install = [c for c in script.commands_named("apt-get") if c.subcommand() == "install"][0]
    assert install.interpreter == "sh -c"
    curl = install.args[2]
    assert curl.value == "curl"
    # The quotes of the inner word are the escaped ones of the outer string.
    assert text[curl.span.column - 1 : curl.span.end_column - 1] == '"curl\\"'
    assert only(script, "x").options == {"errexit", "pipefail"}
    assert only(script, "sh").assignments[0].name == "RUN_ME"


def test_heredoc_fed_to_a_shell_is_a_script():
    text = (
        "bash -e <<'EOF' > /log\napt-get install -y vim\nEOF\ncat <<EOF > /f\nnot a command\nEOF\n"
    )
    script = script_of(text)
    vim = only(script, "apt-get")
    assert vim.interpreter == "bash <<"
    assert vim.args[2].span == Span(2, 20, 2, 23)
    assert [c.name for c in script.commands] == ["bash", "apt-get", "cat"]


def test_heredoc_followed_by_a_pipe_or_a_list():
    script = script_of("cat <<EOF | grep x && echo y\nbody\nEOF\n")
    cat, grep, echo = script.commands
    assert (cat.pipeline_index, grep.pipeline_index) == (0, 1)
    assert cat.pipeline is grep.pipeline
    assert echo.preceded_by == "&&"


def test_argument_after_a_redirect_is_still_an_argument():
    command = only(script_of("apt-get install -y a >/dev/null b"), "apt-get")
    assert [w.value for w in command.args] == ["install", "-y", "a", "b"]
    assert command.redirects[0].operator == ">"


def test_non_ascii_text_keeps_character_columns():
    text = "echo 'héllo wörld' && apt-get install -y ça"
    word = only(script_of(text), "apt-get").args[2]
    assert word.span == Span(1, 42, 1, 44)


def test_syntax_errors_are_reported_not_raised():
    script = script_of("if then fi (")
    assert script.has_errors


def test_expand_parameters():
    assert expand_parameters("${A:-x}-$B", {"B": "b"}) == "x-b"
    assert expand_parameters("$A", {}) is None
    assert expand_parameters("${A:+set}", {"A": "1"}) == "set"
    assert expand_parameters("$(cmd)", {}) is None
