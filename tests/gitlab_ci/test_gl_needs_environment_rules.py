"""GL023-GL029: needs duplicates, cycles and name length, visible jobs, on_stop, deprecated
keywords — positions, and the cases that must stay silent."""

from lintkit.testing import lint_files


def lint(files, rule):
    if isinstance(files, str):
        files = {".gitlab-ci.yml": files}
    return [(f.path.rsplit("/", 1)[-1], f.line, f.column, f.message) for f in lint_files(files, select=[rule]) if f.rule == rule]


BUILD = "build:\n  stage: build\n  script: make\n"


# --- GL023 needs-no-duplicates ---------------------------------------------------------


def test_duplicate_need_is_reported_at_the_second_entry():
    text = BUILD + "test:\n  needs:\n    - build\n    - job: build\n      artifacts: false\n  script: make test\n"
    [(_, line, column, message)] = lint(text, "GL023")
    assert (line, column) == (7, 12) and "'build'" in message


def test_matrix_subsets_and_other_projects_are_not_duplicates():
    text = BUILD + (
        "test:\n  needs:\n"
        "    - job: build\n      parallel:\n        matrix:\n          - OS: linux\n"
        "    - job: build\n      parallel:\n        matrix:\n          - OS: windows\n"
        "    - project: group/other\n      job: build\n      ref: main\n"
        "    - pipeline: $PARENT_PIPELINE_ID\n      job: build\n"
        "  script: make test\n"
    )
    assert lint(text, "GL023") == []


def test_duplicate_through_an_anchor_list_is_found():
    text = BUILD + ".common: &common [build]\ntest:\n  needs: [*common, build]\n  script: make test\n"
    assert [m[1:3] for m in lint(text, "GL023")] == [(6, 20)]


# --- GL024 needs-no-cycles -------------------------------------------------------------


def test_cycle_is_reported_once_with_its_path():
    text = (
        "a:\n  needs: [c]\n  script: x\n"
        "b:\n  needs: [a]\n  script: x\n"
        "c:\n  needs: [b]\n  script: x\n"
        "d:\n  needs: [a]\n  script: x\n"
    )
    [(_, line, column, message)] = lint(text, "GL024")
    assert (line, column) == (2, 11)
    assert message == "circular `needs:`: a -> c -> b -> a"


def test_self_need_and_parallel_instance_need():
    assert [m[1:3] for m in lint("a:\n  needs: [a]\n  script: x\n", "GL024")] == [(2, 11)]
    text = "a:\n  parallel: 2\n  needs: [b]\n  script: x\nb:\n  needs: ['a 1/2']\n  script: x\n"
    assert len(lint(text, "GL024")) == 1


def test_chain_without_cycle_and_template_needs_are_silent():
    text = (
        ".t:\n  needs: [b]\n"
        "a:\n  script: x\n"
        "b:\n  needs: [a]\n  script: x\n"
        "c:\n  extends: .t\n  script: x\n"
    )
    assert lint(text, "GL024") == []


def test_cycle_through_a_template_is_reported_in_the_template_file():
    files = {
        ".gitlab-ci.yml": "include: ci/t.yml\na:\n  extends: .t\n  script: x\nb:\n  needs: [a]\n  script: x\n",
        "ci/t.yml": ".t:\n  needs: [b]\n",
    }
    found = lint(files, "GL024")
    assert len(found) == 1 and found[0][0] in ("t.yml", ".gitlab-ci.yml")


# --- GL025 needs-name-length -----------------------------------------------------------


def test_matrix_instance_name_too_long():
    long = "v" * 120
    text = (
        f"build:\n  stage: build\n  script: make\n  parallel:\n    matrix:\n      - A: [a, {long}]\n        B: bb\n"
        "test:\n  needs: [build]\n  script: make test\n"
    )
    [(_, line, column, message)] = lint(text, "GL025")
    assert (line, column) == (9, 11)
    assert "longest `parallel:` instance name is 133 characters" in message  # "build: [a-or-v*120, bb]"


def test_parallel_count_and_short_matrix_are_fine():
    text = (
        "build:\n  stage: build\n  script: make\n  parallel: 50\n"
        "test:\n  needs: [build]\n  script: make test\n"
    )
    assert lint(text, "GL025") == []


def test_matrix_subset_need_counts_only_the_name_written():
    long = "v" * 130
    text = (
        f"build:\n  stage: build\n  script: make\n  parallel:\n    matrix:\n      - A: [a, {long}]\n"
        "test:\n  needs:\n    - job: build\n      parallel:\n        matrix:\n          - A: a\n  script: make test\n"
    )
    assert lint(text, "GL025") == []


def test_missing_needed_job_is_left_to_needs_defined():
    text = f"test:\n  needs:\n    - job: {'x' * 130}\n      optional: true\n  script: x\n"
    assert lint(text, "GL025") == []


def test_limit_is_an_option():
    text = "build:\n  stage: build\n  script: make\n  parallel: 3\ntest:\n  needs: [build]\n  script: x\n"
    found = lint_files({".gitlab-ci.yml": text}, select=["GL025"], rule_options={"GL025": {"max-length": 8}})
    assert [f.rule for f in found] == ["GL025"]


# --- GL026 visible-job-present ---------------------------------------------------------


def test_templates_only_entry_is_reported_at_the_first_template():
    text = "stages: [test]\n.base:\n  image: alpine:3.20\n.test:\n  extends: .base\n  script: x\n"
    [(_, line, column, message)] = lint(text, "GL026")
    assert (line, column) == (2, 1) and "'.base'" in message


def test_jobs_from_local_includes_count():
    files = {".gitlab-ci.yml": "include:\n  - local: ci/jobs.yml\n.base:\n  image: alpine:3.20\n", "ci/jobs.yml": "test:\n  extends: .base\n  script: x\n"}
    assert lint(files, "GL026") == []


def test_included_files_and_unreadable_includes_are_not_reported():
    # A template library included by the entry file.
    files = {
        ".gitlab-ci.yml": "include:\n  - local: ci/templates.yml\ntest:\n  extends: .t\n",
        "ci/templates.yml": ".t:\n  script: x\n",
        "ci/more.gitlab-ci.yml": ".u:\n  script: x\n",
    }
    assert lint(files, "GL026") == []
    # Jobs may come from another project or a GitLab template.
    remote = "include:\n  - project: group/ci\n    file: jobs.yml\n.t:\n  script: x\n"
    assert lint(remote, "GL026") == []
    assert lint("include:\n  - template: Auto-DevOps.gitlab-ci.yml\n", "GL026") == []


def test_component_with_a_spec_header_is_not_reported():
    assert lint("spec:\n  inputs:\n    stage:\n      default: test\n---\n.t:\n  script: x\n", "GL026") == []


def test_nested_entry_included_by_the_root_is_not_reported():
    files = {
        ".gitlab-ci.yml": "include: sub/.gitlab-ci.yml\ntest:\n  extends: .t\n",
        "sub/.gitlab-ci.yml": ".t:\n  script: x\n",
    }
    assert lint(files, "GL026") == []


# --- GL027 environment-on-stop ---------------------------------------------------------

DEPLOY = "review:\n  script: d\n  environment:\n    name: review/$CI_COMMIT_REF_SLUG\n    on_stop: stop_review\n"


def test_missing_stop_job():
    [(_, line, column, message)] = lint(DEPLOY, "GL027")
    assert (line, column) == (5, 14) and "does not exist" in message


def test_stop_job_without_environment_or_with_another_name():
    no_env = DEPLOY + "stop_review:\n  script: s\n  when: manual\n"
    assert "has no `environment:`" in lint(no_env, "GL027")[0][3]
    literal = DEPLOY.replace("review/$CI_COMMIT_REF_SLUG", "review")
    other = literal + "stop_review:\n  script: s\n  environment:\n    name: staging\n    action: stop\n"
    assert "whose environment is 'staging', not 'review'" in lint(other, "GL027")[0][3]
    # Names with variables may expand alike: not compared.
    variables = DEPLOY + "stop_review:\n  script: s\n  environment:\n    name: review/${CI_COMMIT_REF_SLUG}\n    action: stop\n"
    assert lint(variables, "GL027") == []
    no_action = literal + "stop_review:\n  script: s\n  environment: review\n"
    assert "lacks `action: stop`" in lint(no_action, "GL027")[0][3]


def test_stop_job_complete_through_a_template_is_fine():
    text = DEPLOY + (
        ".stop:\n  environment:\n    action: stop\n"
        "stop_review:\n  extends: .stop\n  script: s\n  environment:\n    name: review/$CI_COMMIT_REF_SLUG\n"
    )
    assert lint(text, "GL027") == []


def test_stop_job_from_an_unreadable_include_or_unknown_template_is_not_reported():
    remote = "include:\n  - project: group/ci\n    file: stop.yml\n" + DEPLOY
    assert lint(remote, "GL027") == []
    unknown_template = remote + "stop_review:\n  extends: .remote_stop\n  script: s\n"
    assert lint(unknown_template, "GL027") == []


def test_stop_job_completed_by_a_partial_override_is_not_reported():
    # GitLab merges the two definitions of stop_review: the environment comes from ci/stop.yml.
    files = {
        ".gitlab-ci.yml": "include: ci/stop.yml\n" + DEPLOY + "stop_review:\n  when: manual\n",
        "ci/stop.yml": "stop_review:\n  script: s\n  environment:\n    name: review/$CI_COMMIT_REF_SLUG\n    action: stop\n",
    }
    assert lint(files, "GL027") == []


def test_on_stop_set_in_a_template_in_an_included_file():
    files = {
        ".gitlab-ci.yml": "include: ci/deploy.yml\nreview:\n  extends: .deploy\n  script: d\n",
        "ci/deploy.yml": ".deploy:\n  environment:\n    name: review\n    on_stop: gone\n",
    }
    [(path, line, column, _)] = lint(files, "GL027")
    assert (path, line, column) == ("deploy.yml", 4, 14)


# --- GL028 use-default-section, GL029 no-types-keyword ----------------------------------


def test_deprecated_keywords_at_their_keys():
    text = "image: alpine:3.20\ntypes: [build]\ndefault:\n  cache: {}\nbuild:\n  type: build\n  image: alpine:3.20\n  script: x\n"
    assert [m[1:3] for m in lint(text, "GL028")] == [(1, 1)]
    assert [m[1:3] for m in lint(text, "GL029")] == [(2, 1), (6, 3)]


def test_old_stage_names_still_set_stages_and_leave_the_schema_quiet():
    """GitLab still reads `types:`/`type:` (its own Ruby template uses `type: deploy`)."""
    text = "types: [build, deploy]\nbuild:\n  type: build\n  script: x\ndeploy:\n  type: deploy\n  script: y\n"
    assert lint(text, "GL003") == []  # the schema does not list them: no-types-keyword reports them
    assert lint(text, "GL004") == []  # each job's `type:` is its stage, declared by `types:`
    assert [m[1:3] for m in lint(text, "GL029")] == [(1, 1), (3, 3), (6, 3)]


def test_a_job_redefined_by_the_including_file_keeps_the_included_definitions_keys():
    """GitLab merges same-named jobs of included files key by key."""
    files = {
        ".gitlab-ci.yml": "include:\n  - local: jobs.yml\ntest:\n  variables:\n    LEVEL: debug\n",
        "jobs.yml": "test:\n  stage: test\n  script: make test\n",
    }
    assert lint(files, "GL012") == []
