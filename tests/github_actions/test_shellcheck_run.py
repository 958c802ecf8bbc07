"""GH047 shellcheck-run: expressions are constant words, findings land on the token."""

import pytest

from lintkit.shellcheck import find_shellcheck

pytestmark = pytest.mark.skipif(find_shellcheck() is None, reason="shellcheck is not installed (lintkit[shellcheck])")

HEAD = "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"


def test_expressions_are_constant_words_and_positions_follow_them(lint_workflow):
    text = HEAD + "      - run: |\n          echo ${{ github.sha }} > out\n          cp -r ${{ env.DIR }}/x $DEST\n"
    findings = [(f["line"], f["column"], f["message"][:6]) for f in lint_workflow(text, "GH047")]
    # Only the shell variable, after two expressions, is reported, at its own column.
    assert findings == [(9, 34, "SC2086")]


def test_sh_steps_are_checked_as_sh_and_pwsh_steps_not_at_all(lint_workflow):
    sh = HEAD + "      - shell: sh\n        run: '[[ -f x ]] && echo yes'\n"
    assert [f["message"][:6] for f in lint_workflow(sh, "GH047")] == ["SC3010"]
    pwsh = HEAD + "      - shell: pwsh\n        run: echo $Env:PATH\n"
    assert lint_workflow(pwsh, "GH047") == []
