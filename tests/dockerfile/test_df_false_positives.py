"""False-positive classes seen on repositories outside the corpus, each on a small input
of our own: what must not fire, and where the finding lands when it must."""

from lintkit.testing import lint_files

CLEANUP_RULES = ["apt-clean-lists", "apk-no-cache", "rpm-clean-cache", "pip-no-cache-dir", "yarn-cache-clean"]


def findings(text, select, name="Dockerfile", **files):
    return [(f.name, f.line, f.column, f.message) for f in lint_files({name: text, **files}, select=select)]


CACHED = {
    "apt": "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n",
    "apt-parent": "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n",
    "apk": "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r0\n",
    "dnf": "FROM fedora:40\nRUN --mount=type=cache,dst=/var/cache/dnf dnf install -y curl-8.6.0\n",
    "pip": "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.32.3\n",
    "pip-home": "FROM python:3.12-slim\nRUN --mount=type=cache,target=/home/app/.cache pip install flask==3.0.3\n",
    "yarn": "FROM node:20-alpine\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n",
    "yarn-berry": "FROM node:20-alpine\nRUN --mount=type=tmpfs,target=/app/.yarn/cache yarn install --immutable\n",
}

#: Mounts that keep something else, or are no cache: each still reported, at line 2.
NOT_CACHED = {
    "apt-clean-lists": "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n",
    "apk-no-cache": "FROM alpine:3.20\nRUN --mount=type=bind,source=/var/cache/apk,target=/mnt apk add curl=8.9.1-r0\n",
    "pip-no-cache-dir": "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.npm pip install requests==2.32.3\n",
    "yarn-cache-clean": "FROM node:20-alpine\nRUN --mount=type=cache,target=/root/.npm yarn install --frozen-lockfile\n",
}


def test_cache_mounts_on_the_cleaned_path_satisfy_the_cleanup_rules():
    for case, text in CACHED.items():
        assert findings(text, CLEANUP_RULES) == [], case


def test_a_mount_elsewhere_or_not_a_cache_does_not():
    for rule, text in NOT_CACHED.items():
        assert [(name, line) for name, line, _c, _m in findings(text, CLEANUP_RULES)] == [(rule, 2)], rule


HARDENING = ["healthcheck-present", "user-instruction-present", "last-user-not-root"]


def test_dev_container_images_are_not_held_to_runtime_hardening():
    in_folder = "FROM ubuntu:24.04\nUSER root\n"
    on_base = "FROM mcr.microsoft.com/devcontainers/python:1-3.12-bookworm\nUSER root\n"
    old_base = "FROM mcr.microsoft.com/vscode/devcontainers/base:0-focal AS dev\nFROM dev\nUSER root\n"
    assert findings(in_folder, HARDENING, name=".devcontainer/Dockerfile") == []
    assert findings(on_base, HARDENING, name="docker/dev.Dockerfile") == []
    assert findings(old_base, HARDENING) == []


def test_the_dev_containers_option_checks_them_and_production_images_are_checked():
    text = "FROM ubuntu:24.04\nUSER root\n"
    expected = [
        ("healthcheck-present", 1, 1, "The final image has no HEALTHCHECK"),
        ("last-user-not-root", 2, 6, "Do not leave root as the last USER"),
    ]
    assert findings(text, HARDENING) == expected
    on = {name: {"dev-containers": True} for name in HARDENING}
    got = lint_files({".devcontainer/Dockerfile": text}, select=HARDENING, rule_options=on)
    assert [(f.name, f.line, f.column, f.message) for f in got] == expected


def test_sudo_three_times_in_one_run_is_one_finding_with_each_sudo_related():
    (finding,) = lint_files({"Dockerfile": "FROM debian:12\nRUN sudo a && sudo b && \\\n    sudo c\n"}, select=["no-sudo"])
    assert (finding.line, finding.column, finding.message) == (2, 5, "Do not use sudo in a build; use USER (3 sudo commands in this RUN)")
    assert [(r.span.line, r.span.column, r.message) for r in finding.related] == [(2, 5, "sudo"), (2, 15, "sudo"), (3, 5, "sudo")]


def test_unpinned_packages_are_one_finding_per_instruction_listing_each_package():
    text = (
        "FROM debian:12\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.5-0 \\\n"
        "      vim && apt-get install -y jq && rm -rf /var/lib/apt/lists/*\n"
        "RUN apt-get install -y --no-install-recommends wget\n"
    )
    findings = lint_files({"Dockerfile": text}, select=["apt-pin-versions"])
    assert [(f.line, f.column, f.message) for f in findings] == [
        (2, 66, "Pin versions in apt-get install (curl, vim, jq)"),
        (4, 48, "Pin versions in apt-get install (wget)"),
    ]
    assert [(r.span.line, r.span.column, r.message) for r in findings[0].related] == [(2, 66, "curl"), (3, 7, "vim"), (3, 33, "jq")]
    assert findings[1].related == ()


def test_rpm_pinning_names_the_hadolint_check_of_its_manager():
    text = "FROM fedora:40\nRUN dnf install -y curl && yum install -y git\n"
    findings = lint_files({"Dockerfile": text}, select=["rpm-pin-versions"])
    assert [(f.column, f.message, f.aliases) for f in findings] == [
        (20, "Pin versions in dnf install (curl)", ("DL3041",)),
        (43, "Pin versions in yum install (git)", ("DL3033",)),
    ]
