"""Where lintkit and hadolint disagree on purpose, one test per kind of disagreement.

scripts/compare_hadolint.py runs both tools over the Dockerfile corpus; every kind of
DL-aliased finding lintkit reports beyond hadolint is listed here with the reason hadolint
misses it, and every kind of hadolint finding lintkit deliberately does not reproduce is
listed with the reason it is wrong. Each claim about hadolint was checked against hadolint
2.15.1 on the snippet in the test.
"""

from __future__ import annotations

from df_helpers import parse_dockerfile
from lintkit.rules.dockerfile import RULES

from lintkit.model import RuleContext


def aliases_reported(text: str) -> dict[str, list[int]]:
    """DL alias -> lines lintkit reports it on."""
    doc = parse_dockerfile(text)
    found: dict[str, list[int]] = {}
    for rule in RULES:
        if rule.scope != "file" or not rule.enabled:
            continue
        for problem in rule.check(doc, RuleContext(rule, rule.option_defaults)):
            for alias in rule.aliases:
                if alias.startswith("DL"):
                    found.setdefault(alias, []).append(problem.span.line)
    return found


# -- lintkit reports, hadolint misses -------------------------------------------------------


def test_pinning_applies_to_apt_as_well_as_apt_get():
    """hadolint's DL3008 only looks at `apt-get install`; `apt install` gets DL3027 only."""
    assert 2 in aliases_reported("FROM debian:12\nRUN apt install -y curl\n")["DL3008"]


def test_from_is_read_with_its_arg_defaults():
    """hadolint does not substitute ARG defaults in FROM, so `ARG BASE=debian:latest`
    followed by `FROM $BASE` passes DL3006/DL3007 there."""
    assert 2 in aliases_reported("ARG BASE=debian:latest\nFROM $BASE\n")["DL3007"]


def test_dist_upgrade_is_still_reported():
    """hadolint dropped DL3005 (`apt-get upgrade`); the course notes keep it: upgrade-no."""
    found = aliases_reported("FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n")
    assert 2 in found["DL3005"]


def test_pip_found_behind_a_virtualenv_path():
    """hadolint recognises pip by name only; `/opt/venv/bin/python3 -m pip install flask`
    escapes DL3013 and DL3042."""
    found = aliases_reported("FROM python:3.12\nRUN /opt/venv/bin/python3 -m pip install flask\n")
    assert 2 in found["DL3013"] and 2 in found["DL3042"]


def test_private_key_files_copied_into_the_image():
    """hadolint's DL3064 looks at ARG/ENV names only, not at key files in COPY."""
    assert 2 in aliases_reported("FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\n")["DL3064"]


def test_password_names_ending_in_pass():
    """hadolint's DL3064 word list misses names such as NAGIOSADMIN_PASS; lintkit uses the
    shared secret-name vocabulary (lintkit.secrets) of every kind."""
    assert 2 in aliases_reported("FROM alpine:3.20\nENV NAGIOSADMIN_PASS nagios\n")["DL3064"]


def test_any_rm_is_not_a_dnf_cache_cleanup():
    """hadolint accepts any `rm -rf` in the RUN as the dnf cache cleanup (DL3040); only
    `dnf clean` or removing /var/cache/dnf empties it."""
    text = 'FROM fedora:40\nRUN dnf -y install tar-1.35 && rm -rf "$TMPDIR" a.tgz\n'
    assert 2 in aliases_reported(text)["DL3040"]


def test_onbuild_triggers_are_checked():
    """hadolint does not look inside ONBUILD: its RUN is not checked for DL4006/DL3003."""
    found = aliases_reported("FROM alpine:3.20\nONBUILD RUN cd /x && curl -fsSL x | sh\n")
    assert 2 in found["DL4006"] and 2 in found["DL3003"]


# -- hadolint reports, lintkit deliberately does not ---------------------------------------


def test_dist_clean_removes_the_lists():
    """`apt-get dist-clean` (apt 2.7+, used by the official images) removes
    /var/lib/apt/lists; hadolint does not know it and reports DL3009."""
    text = (
        "FROM debian:13\nRUN apt-get update && apt-get install -y --no-install-recommends "
        "curl=8.14.1-2 && apt-get dist-clean\n"
    )
    assert "DL3009" not in aliases_reported(text)


def test_json_with_escapes_is_exec_form():
    """`CMD [ "\\/usr\\\\\\"/bin/znc" ]` is valid JSON; hadolint's parser reads it as shell
    form and reports DL3025."""
    assert "DL3025" not in aliases_reported(
        'FROM alpine:3.20\nCMD [ "\\/usr\\\\\\"/bin/znc", "-f" ]\n'
    )


def test_from_a_stage_chosen_by_an_arg_default():
    """`FROM binary-$TARGET` with `ARG TARGET=linux` names the stage `binary-linux`;
    hadolint, which does not expand ARGs, calls it an untagged image (DL3006)."""
    text = "ARG TARGET=linux\nFROM alpine:3.20 AS binary-linux\nFROM binary-$TARGET\n"
    assert "DL3006" not in aliases_reported(text)


def test_whole_root_of_a_scratch_stage():
    """Copying `/` of a stage built FROM scratch copies only the artefacts put there;
    hadolint reports DL3067 anyway."""
    text = (
        "FROM golang:1.22 AS build\nFROM scratch AS out\nCOPY --from=build /app /app\n"
        "FROM alpine:3.20\nCOPY --from=out / /\n"
    )
    assert "DL3067" not in aliases_reported(text)


def test_files_hadolint_cannot_parse_are_linted():
    """hadolint rejects (DL1000) these BuildKit-valid forms, and then checks nothing else in
    the file: a comment right after a heredoc terminator, a quoted heredoc delimiter,
    `--mount=from=` without a target."""
    text = (
        "FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n# a comment\n"
        'COPY --chmod=755 <<"EOF" /x\necho hi\nEOF\n'
        "RUN --mount=from=builder,source=/src cp -r /src /dst\n"
    )
    assert 3 in aliases_reported(text)["DL3008"]
