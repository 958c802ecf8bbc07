"""GL022 no-double-pipelines: positions, the open-MR guard, expression reading."""

from lintkit.rules.gitlab_ci.no_double_pipelines import pipeline_sources
from lintkit.testing import lint_files


def lint(text):
    return [(f.line, f.column, f.message) for f in lint_files({".gitlab-ci.yml": text}, select=["GL022"])]


def test_expression_reading():
    assert pipeline_sources('$CI_PIPELINE_SOURCE == "push" || "web" == $CI_PIPELINE_SOURCE') == {"push", "web"}
    assert pipeline_sources("${CI_PIPELINE_SOURCE} == 'merge_request_event' && $X =~ /a|b/") == {"merge_request_event"}
    assert pipeline_sources('$CI_PIPELINE_SOURCE != "push"') == set()


def test_workflow_rules_accepting_both_sources_are_reported_at_the_second():
    text = (
        "workflow:\n  rules:\n"
        "    - if: $CI_PIPELINE_SOURCE == 'push'\n"
        "    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'\n"
        "build:\n  script: make\n"
    )
    [(line, column, message)] = lint(text)
    assert (line, column) == (4, 11)
    assert message.startswith("workflow: ") and "'push' (rule 1)" in message


def test_open_merge_request_guard_and_never_rules_are_not_reported():
    guarded = (
        "build:\n  script: make\n  rules:\n"
        "    - if: $CI_PIPELINE_SOURCE == \"push\" && $CI_OPEN_MERGE_REQUESTS\n      when: never\n"
        "    - if: $CI_PIPELINE_SOURCE == \"push\"\n"
        "    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n"
    )
    assert lint(guarded) == []
    never = (
        "build:\n  script: make\n  rules:\n"
        "    - if: $CI_PIPELINE_SOURCE == \"push\"\n      when: never\n"
        "    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n"
    )
    assert lint(never) == []
