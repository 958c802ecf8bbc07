"""PAN-OS firewall configuration from paloaltonetworks.panos tasks (Checkov's PAN-OS
policies, as it applies them to Ansible tasks): one idea -- a module option that weakens
the firewall -- over a table of modules, options and tests."""

from lintkit.model import Example, Problem, rule

from .common import to_bool

_RULE = "paloaltonetworks.panos.panos_security_rule"
_PROFILE = "paloaltonetworks.panos.panos_management_profile"
_IPSEC = "paloaltonetworks.panos.panos_ipsec_profile"
_ZONE = "paloaltonetworks.panos.panos_zone"


def _unknown(value) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def _items(value) -> list:
    return [str(v).strip().lower() for v in value] if isinstance(value, list) else [str(value).strip().lower()]


def _is_any(args, key) -> bool | None:
    """The option allows anything: absent (the module's default is ``any``) or
    ``any``/``[any]``; None when a template decides."""
    if key not in args:
        return True
    value = args[key]
    if _unknown(value) or (isinstance(value, list) and any(_unknown(v) for v in value)):
        return None
    return "any" in _items(value)


def _flag(key, expected_bad):
    """The boolean option ``key`` is set to ``expected_bad``."""
    def test(args):
        if key in args and not _unknown(args[key]) and to_bool(args[key]) is expected_bad:
            yield key
    return test


def _required(key):
    """``key`` is absent or empty."""
    def test(args):
        value = args.get(key)
        if value is None or (isinstance(value, (str, list, dict)) and not value):
            yield key if key in args else None
    return test


def _explicit_any(key):
    def test(args):
        if key in args and _is_any(args, key):
            yield key
    return test


def _default_any(key):
    def test(args):
        if _is_any(args, key):
            yield key if key in args else None
    return test


def _both_any(first, second):
    def test(args):
        if _is_any(args, first) and _is_any(args, second):
            yield first if first in args else (second if second in args else None)
    return test


def _weak_esp(args):
    if "esp_authentication" not in args:
        yield None  # the module's default is sha1
        return
    value = args["esp_authentication"]
    if not _unknown(value) and set(_items(value)) & {"none", "md5", "sha1"}:
        yield "esp_authentication"


def _present(key):
    def test(args):
        if key in args and args[key] not in (None, "", []):
            yield key
    return test


def _userid_without_acl(args):
    if "enable_userid" in args and to_bool(args["enable_userid"]) is True and not args.get("include_acl"):
        yield "enable_userid"


#: (id, name, module, severity, tags, summary, rationale, alias, test, bad args, good args)
POLICIES = (
    ("AN072", "panos-mgmt-http", _PROFILE, "error", ("security",),
     "PAN-OS interface management profile allows plain-text HTTP",
     "HTTP management sends the administrator's credentials and session in clear text to "
     "anyone on the path; manage the firewall over HTTPS or SSH.",
     "CKV_PAN_2", _flag("http", True), "http: true", "https: true"),
    ("AN073", "panos-mgmt-telnet", _PROFILE, "error", ("security",),
     "PAN-OS interface management profile allows Telnet",
     "Telnet sends the administrator's credentials and commands in clear text; use SSH.",
     "CKV_PAN_3", _flag("telnet", True), "telnet: true", "ssh: true"),
    ("AN074", "panos-rule-dsri", _RULE, "warning", ("security",),
     "PAN-OS security rule disables server response inspection",
     "With DSRI the firewall no longer inspects what servers send back, so threats in "
     "responses (malware downloads, exploit payloads) pass unseen.",
     "CKV_PAN_4", _flag("disable_server_response_inspection", True),
     "disable_server_response_inspection: true", "disable_server_response_inspection: false"),
    ("AN075", "panos-rule-any-application", _RULE, "warning", ("security",),
     "PAN-OS security rule allows any application",
     "A rule for application `any` (the module's default) lets every App-ID through the "
     "ports it opens; name the applications the rule is for.",
     "CKV_PAN_5", _default_any("application"), "application: [any]", "application: [ssl, web-browsing]"),
    ("AN076", "panos-rule-any-service", _RULE, "warning", ("security",),
     "PAN-OS security rule allows any service",
     "A rule for service `any` opens every port to the allowed applications; use "
     "`application-default` (the module's default) or named services.",
     "CKV_PAN_6", _explicit_any("service"), "service: [any]", "service: [application-default]"),
    ("AN077", "panos-rule-any-address", _RULE, "warning", ("security",),
     "PAN-OS security rule allows any source to any destination address",
     "A rule with both `source_ip` and `destination_ip` at `any` (the module's default) "
     "matches all traffic between its zones; restrict at least one side.",
     "CKV_PAN_7", _both_any("source_ip", "destination_ip"),
     "source_ip: [any]\n    destination_ip: [any]", "source_ip: [any]\n    destination_ip: [10.0.1.10]"),
    ("AN078", "panos-rule-description", _RULE, "info", ("maintainability",),
     "PAN-OS security rule without a description",
     "A description records why a rule exists, so that reviews can tell a needed rule "
     "from a stale one.",
     "CKV_PAN_8", _required("description"), "tag_name: [web]", "description: Web front ends"),
    ("AN079", "panos-rule-log-forwarding", _RULE, "warning", ("security",),
     "PAN-OS security rule without a log forwarding profile",
     "Without `log_setting` the rule's traffic logs stay on the firewall, out of reach of "
     "the SIEM and lost when the local log rotates.",
     "CKV_PAN_9", _required("log_setting"), "log_end: true", "log_setting: default"),
    ("AN080", "panos-rule-log-end", _RULE, "warning", ("security",),
     "PAN-OS security rule with logging at session end turned off",
     "`log_end: false` leaves no record of the sessions the rule allowed, so incidents "
     "cannot be investigated.",
     "CKV_PAN_10", _flag("log_end", False), "log_end: false", "log_end: true"),
    ("AN081", "panos-ipsec-weak-auth", _IPSEC, "error", ("security",),
     "PAN-OS IPsec profile with no, MD5 or SHA-1 ESP authentication",
     "MD5 and SHA-1 are broken as integrity algorithms and `none` turns integrity off; "
     "the module's default is sha1. Use sha256 or stronger.",
     "CKV_PAN_12", _weak_esp, "esp_authentication: [sha1]", "esp_authentication: [sha256]"),
    ("AN082", "panos-ipsec-ah", _IPSEC, "warning", ("security",),
     "PAN-OS IPsec profile uses AH",
     "AH authenticates but does not encrypt the traffic; use ESP.",
     "CKV_PAN_13", _present("ah_authentication"), "ah_authentication: [sha256]", "esp_authentication: [sha256]"),
    ("AN083", "panos-zone-protection", _ZONE, "warning", ("security",),
     "PAN-OS zone without a zone protection profile",
     "A zone protection profile defends the zone against floods, reconnaissance and "
     "malformed packets; without one the firewall applies none of these protections.",
     "CKV_PAN_14", _required("zone_profile"), "mode: layer3", "zone_profile: default"),
    ("AN084", "panos-zone-userid-acl", _ZONE, "warning", ("security",),
     "PAN-OS zone with User-ID enabled and no include ACL",
     "Without an include list User-ID probes and maps every network in the zone, "
     "including untrusted ones, and can leak credentials to them.",
     "CKV_PAN_15", _userid_without_acl, "enable_userid: true", "enable_userid: true\n    include_acl: [10.0.0.0/8]"),
    ("AN085", "panos-rule-log-start", _RULE, "info", ("performance",),
     "PAN-OS security rule logs at session start",
     "Logging at session start multiplies log volume and load for little value; keep it "
     "for troubleshooting and long-lived tunnels.",
     "CKV_PAN_16", _flag("log_start", True), "log_start: true", "log_start: false"),
    ("AN086", "panos-rule-any-zone", _RULE, "warning", ("security",),
     "PAN-OS security rule from any zone to any zone",
     "A rule with both `source_zone` and `destination_zone` at `any` (the module's "
     "default) applies across every segment of the network; name the zones.",
     "CKV_PAN_17", _both_any("source_zone", "destination_zone"),
     "source_zone: [any]\n    destination_zone: [any]", "source_zone: [trust]\n    destination_zone: [untrust]"),
)  # fmt: skip


def _task(module: str, args: str) -> str:
    return f"- name: Configure firewall\n  {module}:\n    provider: \"{{{{ provider }}}}\"\n    {_BASE[module]}\n    {args}\n"


#: The option that names the object each module configures.
_BASE = {_RULE: "rule_name: web", _PROFILE: "name: mgmt", _IPSEC: "name: ipsec", _ZONE: "zone: trust"}


def _not_configuring(args) -> bool:
    """The task removes or reads the object (``state: absent``/``deleted``/``gathered``, the
    older ``operation: delete``/``find``) rather than configuring it."""
    state = str(args.get("state", "present")).lower()
    operation = str(args.get("operation", "add")).lower()
    return state in ("absent", "deleted", "gathered") or operation in ("delete", "find")


def _make(rule_id, name, module, severity, tags, summary, rationale, alias, test, bad, good):
    @rule(
        id=rule_id,
        name=name,
        severity=severity,
        summary=summary,
        rationale=rationale,
        tags=tags,
        aliases=(alias,),
        examples=(Example(bad=_task(module, bad), good=_task(module, good), filename="roles/firewall/tasks/main.yml"),),
    )
    def check(playbook, ctx):
        short = module.rsplit(".", 1)[-1]
        for task in playbook.tasks_using(module, short):
            if _not_configuring(task.args):
                continue
            for key in test(task.args):
                span = task.arg_span(key) if key else task.action_span()
                yield Problem(span, f"{summary} ({alias})")

    return check


RULES = [_make(*row) for row in POLICIES]
