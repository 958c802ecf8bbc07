"""GH048 local-action-inputs: `with:` of steps using an action of the same repository."""

from lintkit.testing import lint_files

WORKFLOW = "on: push\npermissions: {}\njobs:\n  ci:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: USES\nWITH"
ACTION = (
    "name: a\ndescription: a\ninputs:\n  Token:\n    required: true\n  level:\n    required: true\n"
    "    default: info\nruns:\n  using: node20\n  main: index.js\n"
)


def findings(files):
    found = lint_files(files, select=["GH048"])
    return sorted((f.path.rsplit("/", 1)[-1], f.line, f.column, f.message) for f in found)


def test_root_action_inputs_match_case_insensitively_and_defaults_are_not_required():
    workflow = WORKFLOW.replace("USES", "./").replace("WITH", "        with:\n          token: x\n")
    assert findings({".github/workflows/ci.yml": workflow, "action.yml": ACTION}) == []


def test_unknown_and_missing_inputs_are_reported_where_they_are_written():
    workflow = WORKFLOW.replace("USES", "./tools/act").replace("WITH", "        with:\n          tokn: x\n")
    assert findings({".github/workflows/ci.yml": workflow, "tools/act/action.yaml": ACTION}) == [
        ("ci.yml", 7, 15, "step 1 of job 'ci' leaves out required input(s) token of ./tools/act"),
        ("ci.yml", 9, 11, "input 'tokn' is not declared by the action ./tools/act (declared: level, token)"),
    ]


def test_an_action_not_in_the_run_is_left_alone():
    workflow = WORKFLOW.replace("USES", "./tools/other").replace("WITH", "        with:\n          anything: x\n")
    assert findings({".github/workflows/ci.yml": workflow, "tools/act/action.yml": ACTION}) == []
