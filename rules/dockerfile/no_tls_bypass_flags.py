"""Commands told to skip TLS certificate verification."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts

_CURL_TAKES_VALUE = frozenset(("-o", "-H", "-d", "-u", "-X", "-A", "-e", "-T", "-w", "-x"))
#: command -> argument texts (or ``prefix=`` forms) that turn verification off.
_BYPASS_ARGUMENTS = {
    "wget": ("--no-check-certificate",),
    "pip": ("--trusted-host",),
    "pip3": ("--trusted-host",),
    "yum": ("--setopt=sslverify=0", "--setopt=sslverify=false"),
    "dnf": ("--setopt=sslverify=0", "--setopt=sslverify=false"),
    "npm": ("--strict-ssl=false",),
    "yarn": ("--strict-ssl=false",),
    "git": ("http.sslVerify=false", "http.sslverify=false"),
}
#: `npm config set strict-ssl false`, `git config http.sslVerify false`.
_CONFIG_SETTINGS = {"npm": "strict-ssl", "yarn": "strict-ssl", "git": "http.sslverify"}


def _bypass(command):
    """The argument word that disables certificate verification, if any."""
    name = command.base_name
    if name == "curl":
        return command.flag("-k", "--insecure", takes_value=_CURL_TAKES_VALUE)
    for word in command.args:
        if word.text.split("=", 1)[0] in ("--trusted-host",) and name in ("pip", "pip3"):
            return word
        if word.text in _BYPASS_ARGUMENTS.get(name, ()):
            return word
    setting = _CONFIG_SETTINGS.get(name)
    if setting is not None:
        texts = [w.text.lower() for w in command.args]
        for index, text in enumerate(texts[:-1]):
            if text == setting and texts[index + 1] in ("false", "0"):
                return command.args[index]
    return None


@rule(
    id="DF064",
    name="no-tls-bypass-flags",
    severity="error",
    summary="RUN disables TLS verification (curl -k, wget --no-check-certificate, pip --trusted-host...)",
    rationale=(
        "Without certificate checks anyone on the network path can substitute what the "
        "build downloads and installs. Fix the CA bundle instead."
    ),
    tags=("security",),
    aliases=("CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_13", "CKV2_DOCKER_15"),
    examples=(
        Example(
            bad="FROM debian:12\nRUN curl -k -fsSLO https://example.com/x\n",
            good="FROM debian:12\nRUN curl -fsSLO https://example.com/x\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands:
            word = _bypass(command)
            if word is not None:
                yield Problem(word.span, f"`{command.name} {word.text}` disables TLS verification")
