"""Downloads and API calls over plain http (or ftp)."""

from urllib.parse import urlsplit

from lintkit.model import Example, Problem, rule

_IDS = {"ansible.builtin.uri": "CKV2_ANSIBLE_1", "ansible.builtin.get_url": "CKV2_ANSIBLE_2"}
_LOOPBACK = ("localhost", "127.", "::1")


@rule(
    id="AN053",
    name="https-urls",
    severity="warning",
    summary="get_url/uri over plain http or ftp",
    rationale=(
        "Over http or ftp the content can be read and replaced in transit: a downloaded "
        "binary, an API response, and any credentials sent with the request. Use https "
        "(and a `checksum:` for downloads). Requests to the host itself (localhost) are "
        "not reported."
    ),
    tags=("security",),
    aliases=("CKV2_ANSIBLE_1", "CKV2_ANSIBLE_2"),
    examples=(
        Example(
            bad="- name: Web\n  hosts: all\n  tasks:\n    - name: Download\n      ansible.builtin.get_url:\n        url: http://example.com/app.tar.gz\n        dest: /tmp/app.tar.gz\n        mode: \"0644\"\n",
            good="- name: Web\n  hosts: all\n  tasks:\n    - name: Download\n      ansible.builtin.get_url:\n        url: https://example.com/app.tar.gz\n        dest: /tmp/app.tar.gz\n        mode: \"0644\"\n",
            filename="playbook.yml",
        ),
    ),
)
def check(playbook, ctx):
    for task in playbook.tasks:
        check_id = _IDS.get(task.module or "")
        url = task.args.get("url")
        if not check_id or not isinstance(url, str):
            continue
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        if scheme not in ("http", "ftp"):
            continue
        host = urlsplit(url).hostname or ""
        if host.startswith(_LOOPBACK):
            continue
        yield Problem(task.arg_span("url"), f"{task.short_module} fetches over {scheme}: use https ({check_id})")
