"""A rule that stands for several checks of another tool puts on each finding only the
aliases of the checks that finding reproduces, so that a suppression or a migration by
that tool's id means those findings only."""

from lintkit.testing import lint_files

APISERVER = """\
apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.0
      command:
        - kube-apiserver
        - --anonymous-auth=true{skip}
        - --profiling=true
"""


def test_control_plane_flag_findings_carry_their_own_checkov_id():
    findings = lint_files({"apiserver.yaml": APISERVER.format(skip="")}, select=["control-plane-flags"])
    by_line = {f.line: f.aliases for f in findings}
    assert by_line[12] == ("CKV_K8S_68",)  # --anonymous-auth
    assert by_line[13] == ("CKV_K8S_90",)  # --profiling
    assert all(len(a) == 1 for a in by_line.values())


def test_a_checkov_skip_silences_only_the_finding_of_that_check():
    skip = "  # checkov:skip=CKV_K8S_68"
    findings = lint_files({"apiserver.yaml": APISERVER.format(skip=skip)}, select=["control-plane-flags"])
    lines = {f.line for f in findings}
    assert 12 not in lines and 13 in lines


INGRESS = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/configuration-snippet: "more_set_headers 'X-A: b';"
    nginx.ingress.kubernetes.io/server-snippet: "location /x { alias /; }"
    nginx.ingress.kubernetes.io/auth-snippet: "access_by_lua_block { ngx.exit(200) }"
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: web, port: {number: 80}}}
"""


def test_nginx_snippet_findings_name_the_checks_they_fail():
    findings = lint_files({"ingress.yaml": INGRESS}, select=["nginx-ingress-snippets"])
    assert [(f.line, f.column, f.aliases) for f in findings] == [
        (6, 5, ("CKV_K8S_153",)),
        (7, 5, ("CKV_K8S_153", "CKV_K8S_154")),
        (8, 5, ("CKV_K8S_153", "CKV_K8S_152")),
    ]


def test_read_all_is_not_checkovs_write_all_check():
    workflow = "on: push\npermissions: {blanket}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n"
    for blanket, aliases in (
        ("write-all", ("zizmor:excessive-permissions", "CKV2_GHA_1")),
        ("read-all", ("zizmor:excessive-permissions",)),
    ):
        (finding,) = lint_files({".github/workflows/ci.yml": workflow.format(blanket=blanket)}, select=["least-privilege-permissions"])
        assert (finding.line, finding.column, finding.aliases) == (2, 14, aliases)


def test_package_manager_findings_carry_their_managers_hadolint_code():
    text = (
        "FROM fedora:40\n"
        "RUN dnf install curl-8.6.0 && dnf clean all\n"
        "RUN zypper install curl-8.6.0 && zypper clean\n"
        "RUN apt-get dist-upgrade -y && apk upgrade && zypper dup -y\n"
    )
    findings = lint_files({"Dockerfile": text}, select=["rpm-assume-yes", "no-dist-upgrade"])
    assert [(f.name, f.line, f.column, f.aliases) for f in findings] == [
        ("rpm-assume-yes", 2, 5, ("DL3038",)),
        ("rpm-assume-yes", 3, 5, ("DL3034",)),
        ("no-dist-upgrade", 4, 13, ("DL3005", "DS024", "dockerfilelint:apt-get-dist-upgrade")),
        ("no-dist-upgrade", 4, 36, ()),
        ("no-dist-upgrade", 4, 54, ("DL3035",)),
    ]
