"""Kustomize strategic-merge patches are partial objects: checked for what they set,
never for what they leave to the base."""

from lintkit.testing import lint_files

ABSENCE_RULES = [
    "liveness-probe", "readiness-probe", "memory-limits", "cpu-limits", "memory-requests", "cpu-requests",
    "run-as-non-root", "seccomp-profile", "read-only-root-fs", "no-privilege-escalation",
    "drop-all-capabilities", "no-automount-sa-token",
]

BASE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27.2
"""

PATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.2
          securityContext:
            allowPrivilegeEscalation: true
"""


def where(findings):
    return [(f.path, f.name, f.line, f.column) for f in findings]


def test_a_listed_patch_is_checked_only_for_what_it_sets():
    kustomization = "resources: [base.yaml]\npatches:\n  - path: patch.yaml\n"
    findings = lint_files({"kustomization.yaml": kustomization, "base.yaml": BASE, "patch.yaml": PATCH}, select=ABSENCE_RULES)
    patch = [f for f in where(findings) if f[0] == "patch.yaml"]
    assert patch == [("patch.yaml", "no-privilege-escalation", 12, 39)]
    assert {f[1] for f in where(findings) if f[0] == "base.yaml"} == set(ABSENCE_RULES)


def test_patches_strategic_merge_lists_count_too():
    kustomization = "resources: [base.yaml]\npatchesStrategicMerge:\n  - patch.yaml\n"
    findings = lint_files({"kustomization.yaml": kustomization, "base.yaml": BASE, "patch.yaml": PATCH}, select=ABSENCE_RULES)
    assert [f for f in where(findings) if f[0] == "patch.yaml"] == [("patch.yaml", "no-privilege-escalation", 12, 39)]


def test_a_file_that_reads_as_a_patch_is_one_without_a_kustomization():
    no_image = PATCH.replace("          image: nginx:1.27.2\n", "")
    directive = PATCH.replace("        - name: web\n", "        - $patch: replace\n          name: web\n")
    for text, line in ((no_image, 11), (directive, 13)):
        findings = lint_files({"overlays/prod/web-patch.yaml": text}, select=ABSENCE_RULES)
        assert [(f.name, f.line) for f in findings] == [("no-privilege-escalation", line)]
