"""Rules the engine itself reports, for every kind (id prefix ``LK``)."""

from __future__ import annotations

from .model import Example, Rule, Severity


def _reported_by_engine(document, ctx):
    """These rules have no check of their own: the engine emits their findings."""
    return ()


PARSE_ERROR = Rule(
    id="LK001",
    name="parse-error",
    severity=Severity.ERROR,
    summary="The file could not be read or parsed as its kind",
    rationale=(
        "A file lintkit cannot parse is a file no rule has checked. It is an error so that a "
        "CI stage never passes on a file it could not read: invalid YAML, a Dockerfile "
        "BuildKit would reject, a binary or non-UTF-8 file, a file over the size limit, or "
        "a YAML alias bomb."
    ),
    check=_reported_by_engine,
    tags=("reliability",),
    aliases=(
        "DL1000",
        "ansible-lint:syntax-check",
        "ansible-lint:load-failure",
        "ansible-lint:parser-error",
        "ansible-lint:yaml[syntax]",
        "dclint:invalid-yaml",
    ),
    examples=(Example(bad="a: [1, 2\n", good="a: [1, 2]\n", filename="docker-compose.yml"),),
)

DUPLICATE_KEY = Rule(
    id="LK002",
    name="duplicate-key",
    severity=Severity.ERROR,
    summary="A YAML mapping sets the same key twice",
    rationale=(
        "YAML loaders disagree on duplicate keys: PyYAML and Go's yaml.v2 keep the last value "
        "silently, yaml.v3 (docker compose, kubectl) refuses the file. Either way one of the "
        "two values was not what its author meant. Reported at the second occurrence."
    ),
    check=_reported_by_engine,
    tags=("reliability",),
    aliases=("ansible-lint:yaml[key-duplicates]", "yamllint:key-duplicates"),
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.26\n",
            good="services:\n  web:\n    image: nginx:1.27\n",
            filename="docker-compose.yml",
        ),
    ),
)

UNUSED_SUPPRESSION = Rule(
    id="LK003",
    name="unused-suppression",
    severity=Severity.INFO,
    summary="A suppression comment matches no finding",
    rationale=(
        "Suppressions outlive the problems they hid. One that silences nothing hides the next "
        "real finding at that place; remove it. Off by default."
    ),
    check=_reported_by_engine,
    tags=("maintainability",),
    enabled=False,
    examples=(
        Example(
            bad="# lintkit: ignore=duplicate-key\nservices:\n  web:\n    image: nginx:1.27\n",
            good="services:\n  web:\n    image: nginx:1.27\n",
            filename="docker-compose.yml",
        ),
    ),
)

REFERENCE_OUTSIDE_PROJECT = Rule(
    id="LK004",
    name="reference-outside-project",
    severity=Severity.WARNING,
    summary="A file reference leaves the project, or names something that is not a regular file; it is not read",
    rationale=(
        "lintkit runs on pull requests from strangers: whatever a linted file names is read "
        "only when it lies inside the project (the config file's folder, else the git work "
        "tree, else the linted folder) and is a regular file. A compose `include:`, "
        "`env_file:` or build context, a GitLab `local:` include, an Ansible `import_tasks`, "
        "`vars_files` or role that climbs out with `../` or is absolute (or is a symbolic "
        "link pointing out) is not opened, nor is a FIFO or a device, so the checks that "
        "needed it are skipped. GitLab itself refuses local includes outside the project; "
        "Compose and Ansible follow such paths, which makes the result depend on the machine "
        "it runs on: keep referenced files in the repository."
    ),
    check=_reported_by_engine,
    tags=("security", "reliability"),
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    env_file: ../../../../etc/app.env\n",
            good="services:\n  app:\n    image: app:1.0\n    env_file: app.env\n",
            filename="docker-compose.yml",
            files=(("app.env", "MODE=prod\n"),),
        ),
    ),
)

INVALID_ENCODING = Rule(
    id="LK005",
    name="invalid-encoding",
    severity=Severity.INFO,
    summary="A Dockerfile is not valid UTF-8; it was linted with the bad bytes replaced",
    rationale=(
        "BuildKit reads a Dockerfile as bytes and builds one with a latin-1 comment or label "
        "without complaint, so lintkit lints it too, decoding with U+FFFD in place of the "
        "bytes that are not UTF-8. Reported once, at the first bad byte: tools that show "
        "the file (editors, code review) may garble those characters; save it as UTF-8. "
        "YAML files are not decoded this way: the YAML specification requires Unicode and "
        "Compose, kubectl, Ansible, GitLab and GitHub refuse such files, so they get a "
        "`parse-error`."
    ),
    check=_reported_by_engine,
    tags=("reliability",),
    examples=(
        Example(
            bad="# Maintainer: Ren\udce9\nFROM alpine:3.20\n",
            good="# Maintainer: Ren\u00e9\nFROM alpine:3.20\n",
            filename="Dockerfile",
        ),
    ),
)

EXPIRED_SUPPRESSION = Rule(
    id="LK006",
    name="expired-suppression",
    severity=Severity.WARNING,
    summary="A suppression comment is past its until= date and no longer applies",
    rationale=(
        "`# lintkit: ignore=ID until=2027-03-31 -- reason` silences a finding for a while: "
        "until a fix lands, a base image is replaced, a vendor ships a patch. After that day "
        "the finding counts again, and this warning on the comment says why it came back: "
        "fix the finding, or renew the suppression with a new date and reason."
    ),
    check=_reported_by_engine,
    tags=("maintainability",),
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27  # lintkit: ignore=DC001 until=2001-01-01 -- pinned by the vendor\n",
            good="services:\n  web:\n    image: nginx:1.27\n",
            filename="docker-compose.yml",
        ),
    ),
)

INVALID_SUPPRESSION = Rule(
    id="LK007",
    name="invalid-suppression",
    severity=Severity.WARNING,
    summary="A lintkit suppression comment names no known rule or has a bad until= date",
    rationale=(
        "A suppression that names a rule lintkit does not have (a typo such as "
        "`apt-pin-versoins`) silences nothing, while its author believes the finding is "
        "handled. An `until=` that is not a YYYY-MM-DD date cannot expire, so the "
        "suppression is not applied. Comments written for other tools (hadolint, Checkov, "
        "ansible-lint) may name rules only those tools have and are not checked."
    ),
    check=_reported_by_engine,
    tags=("maintainability",),
    examples=(
        Example(
            bad="# lintkit: ignore=duplicate-kye\nservices:\n  web:\n    image: nginx:1.27\n",
            good="# lintkit: ignore=duplicate-key\nservices:\n  web:\n    image: nginx:1.27\n",
            filename="docker-compose.yml",
        ),
    ),
)

HELM_CHART = Rule(
    id="LK008",
    name="helm-chart",
    severity=Severity.INFO,
    summary="A Helm chart's templates are not linted until the chart is rendered",
    rationale=(
        "A folder holding Chart.yaml is a Helm chart; the files of its templates/ folder are "
        "Go templates, which are not YAML until `helm template` renders them, so they are "
        "not linted one by one. One notice per chart says so, and never fails the run. Lint "
        "the rendered chart with `--render-helm` (or `render-helm: true` in the config; needs "
        "helm on PATH), or pipe it: `helm template charts/web | lintkit check -`; findings "
        "are placed in the templates through the `# Source:` comments."
    ),
    check=_reported_by_engine,
    tags=("reliability",),
    examples=(
        Example(
            bad="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\n",
            good="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: static-config\n",
            filename="chart/templates/configmap.yaml",
            files=(("chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 0.1.0\n"),),
        ),
    ),
    notice=True,
)

ENGINE_RULES = (
    PARSE_ERROR, DUPLICATE_KEY, UNUSED_SUPPRESSION, REFERENCE_OUTSIDE_PROJECT, INVALID_ENCODING,
    EXPIRED_SUPPRESSION, INVALID_SUPPRESSION, HELM_CHART,
)
