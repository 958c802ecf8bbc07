"""Fixes on real-shaped files (comments, continuations, multi-document manifests, role
task files, block scalars): the exact text each kind's fixes produce with the kind's
default rules, and, with every rule selected, that the fixed files re-parse, lose the
fixed findings, gain none, and a second --fix changes nothing."""

from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner

from lintkit.cli import main

from lintkit.testing import fix_files as run_fix

CASES = {
    'Dockerfile': ('dockerfile', '# syntax=docker/dockerfile:1\nfrom python:3.12-slim as build\nMAINTAINER Ops Team <ops@example.com>\nENV PIP_DISABLE_PIP_VERSION_CHECK 1\nRUN apt-get update \\\n    && apt-get install gcc=4:12.2.0-3 \\\n    && rm -rf /var/lib/apt/lists/*\nRUN pip install -r requirements.txt\nADD src/ /app/src/\nEXPOSE 8080/TCP\nCMD python -m app\n',
        '# syntax=docker/dockerfile:1\nFROM python:3.12-slim AS build\nLABEL org.opencontainers.image.authors="Ops Team <ops@example.com>"\nENV PIP_DISABLE_PIP_VERSION_CHECK=1\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 \\\n    && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY src/ /app/src/\nEXPOSE 8080/tcp\nCMD ["python", "-m", "app"]\n'),
    'docker-compose.yml': ('compose', 'version: "3.9"  # obsolete\nservices:\n  web:\n    ports:\n      - 8080:80\n    image: nginx:1.27\n    depends_on: [redis, db]\n  db:\n    image: postgres:16.4\n  redis:\n    image: redis:7.4\n',
        'services:\n  web:\n    ports:\n      - "8080:80"\n    image: nginx:1.27\n    depends_on: [redis, db]\n  db:\n    image: postgres:16.4\n  redis:\n    image: redis:7.4\n'),
    'k8s/deploy.yaml': ('kubernetes', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web  # the front end\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      serviceAccount: web\n      containers:\n        - name: web\n          image: "registry.example.com/web:1.4.2"\n          ports:\n            - containerPort: 8080\n          securityContext:\n            runAsNonRoot: true\n---\napiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: report\n            image: registry.example.com/report:1.4.2\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web  # the front end\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: web\n          image: "registry.example.com/web:1.4.2"\n          ports:\n            - containerPort: 8080\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            runAsNonRoot: true\n      automountServiceAccountToken: false\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: report\n            image: registry.example.com/report:1.4.2\n            securityContext:\n              allowPrivilegeEscalation: false\n              readOnlyRootFilesystem: true\n          automountServiceAccountToken: false\n'),
    'roles/web/tasks/main.yml': ('ansible', '---\n# Web server\n- name: install nginx\n  apt:\n    name: nginx=1.22.*\n    update_cache: yes\n- shell: systemctl restart nginx  # restart\n  name: Restart nginx\n  when: nginx_changed == True\n',
        '---\n# Web server\n- name: Install nginx\n  ansible.builtin.apt:\n    name: nginx=1.22.*\n    update_cache: true\n- name: Restart nginx\n  ansible.builtin.command: systemctl restart nginx  # restart\n  when: nginx_changed\n'),
    '.gitlab-ci.yml': ('gitlab-ci', 'types:\n  - build\nbuild:\n  type: build\n  script:\n    - make\n',
        'stages:\n  - build\nbuild:\n  stage: build\n  script:\n    - make\n'),
    '.github/workflows/ci.yml': ('github-actions', 'name: CI\non: [issues]\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - id: version\n        run: |\n          echo "::set-output name=tag::$(git describe)"\n          echo "Title: ${{ github.event.issue.title }}"\n',
        'name: CI\non: [issues]\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - id: version\n        run: |\n          echo "tag=$(git describe)" >> "$GITHUB_OUTPUT"\n          echo "Title: ${ISSUE_TITLE}"\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n'),
}


@pytest.mark.parametrize("path", list(CASES))
def test_fixed_text_of_a_real_shaped_file(path):
    kind, original, expected = CASES[path]
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--select", kind, "--fix", "--unsafe-fixes", "--stdin-filename", path, "-"],
        input=original,
    )
    assert result.stdout == expected


def test_every_rule_on_the_real_shaped_files():
    files = {path: original for path, (_kind, original, _expected) in CASES.items()}
    before, after, fixed, again = run_fix(files)
    assert set(fixed) == set(files)
    counts_before, counts_after = Counter(f.rule for f in before), Counter(f.rule for f in after)
    assert not {r: n for r, n in counts_after.items() if n > counts_before[r]}
    assert sum(counts_after.values()) < sum(counts_before.values())
    assert "LK001" not in counts_after
    assert not again


def test_comments_quoting_and_continuations_stay():
    _kind, original, expected = CASES["Dockerfile"]
    assert "# syntax=docker/dockerfile:1\n" in expected and "\\\n    && rm -rf" in expected
    _kind, original, expected = CASES["k8s/deploy.yaml"]
    assert "  name: web  # the front end\n" in expected and '"registry.example.com/web:1.4.2"' in expected
    assert "    matchLabels: {app: web}\n" in expected
