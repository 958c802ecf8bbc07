"""``useradd`` with a large UID but without ``-l``."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts

_TAKES_VALUE = frozenset(
    ("-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home-dir", "-s", "--shell",
     "-c", "--comment", "-k", "--skel", "-e", "--expiredate", "-f", "--inactive", "-K",
     "--key", "-p", "--password", "-R", "--root", "-Z", "--selinux-user", "-b", "--base-dir")
)  # fmt: skip


@rule(
    id="DF055",
    name="useradd-large-uid",
    severity="warning",
    summary="`useradd` with a large UID but without `-l` inflates the image",
    rationale=(
        "useradd records every user in /var/log/lastlog and faillog, sparse files sized by "
        "the highest UID; with a UID in the millions the layer grows by gigabytes. "
        "`useradd -l` skips those logs."
    ),
    tags=("performance",),
    aliases=("DL3046",),
    examples=(
        Example(
            bad="FROM debian:12\nRUN useradd -u 123456789 app\n",
            good="FROM debian:12\nRUN useradd -l -u 123456789 app\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands_named("useradd"):
            uid = command.flag_value("-u", "--uid", takes_value=_TAKES_VALUE)
            if not (uid and uid.isdigit() and len(uid) > 5):
                continue
            if not command.has_flag("-l", "--no-log-init", takes_value=_TAKES_VALUE):
                yield Problem(command.name_word.span, f"Use useradd -l with the large UID {uid}")
