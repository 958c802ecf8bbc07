"""Hardening a service does not declare: one template, a table of settings.

Each row says what a hardened service sets and how to tell; the template asks it of the
*effective* service (``extends`` applied, override files merged) and reports at the
service's name, in the file that defines the service. Services whose definition is partly
elsewhere (``extends`` from another file) are left alone rather than guessed at. All are
off by default: they describe a hardening policy, which a team opts into (``--select
security`` or by name).
"""

import re

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import as_bool, scalar_text

#: Possessive blanks: a unit is letters, so the blanks before it are all of them (giving
#: them back one by one to the trailing `\s*` is quadratic in a long run).
_SIZE = re.compile(r"^\s*+(\d+(?:\.\d+)?)\s*+([kmgtp]?i?b?)?\s*+$", re.IGNORECASE)


def _opts(config) -> list[str]:
    value = config.get("security_opt")
    if not isinstance(value, list):
        return []
    return [str(v).strip().lower().replace("=", ":", 1).replace(" ", "") for v in value if scalar_text(v)]


def _limits(config) -> dict:
    deploy = config.get("deploy")
    resources = deploy.get("resources") if isinstance(deploy, dict) else None
    limits = resources.get("limits") if isinstance(resources, dict) else None
    return limits if isinstance(limits, dict) else {}


def _positive(compose, value) -> bool:
    """A limit that limits: a positive number or size; an unresolvable variable counts
    as set (its value is decided elsewhere)."""
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return value > 0
    resolved = compose.resolve(value)
    if resolved is None:
        return True
    if not resolved.complete and not resolved.text.strip():
        return True
    m = _SIZE.match(resolved.text)
    return float(m.group(1)) > 0 if m else bool(resolved.text.strip())


def no_new_privileges(config, compose):
    opts = _opts(config)
    if any(o in ("no-new-privileges", "no-new-privileges:true") for o in opts):
        return None
    return "does not set `no-new-privileges:true` in security_opt: setuid binaries can still raise privileges"


def security_opt_set(config, compose):
    return None if config.get("security_opt") else "sets no security_opt"


def cap_drop_all(config, compose):
    dropped = config.get("cap_drop")
    names = {str(c).strip().upper().removeprefix("CAP_") for c in dropped} if isinstance(dropped, list) else set()
    return None if "ALL" in names else "keeps Docker's default capabilities (no `cap_drop: [ALL]`)"


def memory_limit(config, compose):
    if _positive(compose, config.get("mem_limit")) or _positive(compose, _limits(config).get("memory")):
        return None
    return "has no memory limit (mem_limit or deploy.resources.limits.memory)"


def cpu_limit(config, compose):
    limits = _limits(config)
    if any(_positive(compose, v) for v in (config.get("cpus"), config.get("cpu_quota"), limits.get("cpus"))):
        return None
    return "has no CPU limit (cpus or deploy.resources.limits.cpus)"


def pids_limit(config, compose):
    if _positive(compose, config.get("pids_limit")) or _positive(compose, _limits(config).get("pids")):
        return None
    return "has no pids_limit: a fork bomb takes the host's process table"


def healthcheck(config, compose):
    hc = config.get("healthcheck")
    if not isinstance(hc, dict):
        return "declares no healthcheck"
    test = hc.get("test")
    if as_bool(hc.get("disable")) is True or test == "NONE" or (isinstance(test, list) and test[:1] == ["NONE"]):
        return "disables its healthcheck"
    return None


def restart_policy(config, compose):
    deploy = config.get("deploy")
    policy = deploy.get("restart_policy") if isinstance(deploy, dict) else None
    if isinstance(policy, dict):
        if policy.get("condition") == "on-failure" and "max_attempts" not in policy:
            return "restarts on failure without max_attempts"
        return None
    restart = scalar_text(config.get("restart"))
    if restart is None:
        return "has no restart policy: a crash leaves it down"
    if restart == "on-failure":
        return "restarts on failure without a retry limit (`on-failure:5`)"
    return None


def custom_networks(config, compose):
    if config.get("networks") or config.get("network_mode"):
        return None
    return "relies on the default network"


def read_only(config, compose):
    return None if as_bool(config.get("read_only")) is True else "has a writable root filesystem (no `read_only: true`)"


def non_root_user(config, compose):
    return None if scalar_text(config.get("user")) else "sets no `user:`, so it runs as whatever the image says (often root)"


def _one_shot(compose) -> set[str]:
    """Services others wait on to *finish*: jobs, not long-running services."""
    names = set()
    for service in compose.services:
        depends = service.node.get("depends_on")
        if isinstance(depends, dict):
            for target, detail in depends.items():
                if isinstance(detail, dict) and detail.get("condition") == "service_completed_successfully":
                    names.add(str(target))
    return names


#: (id, name, severity, predicate, summary, rationale, aliases, bad-example extra, good-example extra)
HARDENING = (
    ("DC020", "no-new-privileges", "warning", no_new_privileges,
     "security_opt lacks no-new-privileges:true",
     "Without `no-new-privileges`, a process in the container can gain privileges through "
     "setuid/setgid binaries or file capabilities (sudo, su, ping...), which turns a "
     "foothold as an unprivileged user into root in the container.",
     ("compose-lint:CL-0003", "kics:no_new_privileges_not_set"),
     "", "    security_opt:\n      - no-new-privileges:true\n"),
    ("DC021", "security-opt-set", "info", security_opt_set,
     "Service sets no security_opt at all",
     "security_opt is where no-new-privileges, seccomp and AppArmor profiles are set; a "
     "service without it runs with Docker's defaults only.",
     ("kics:security_opt_not_set",),
     "", "    security_opt:\n      - no-new-privileges:true\n"),
    ("DC023", "restrict-capabilities", "warning", cap_drop_all,
     "Capabilities are not dropped (no cap_drop: [ALL])",
     "Containers keep about 14 capabilities by default (NET_RAW for ARP spoofing, "
     "DAC_OVERRIDE, SETUID, MKNOD...). Most services need none: drop ALL and add back "
     "the one that is needed.",
     ("compose-lint:CL-0006", "kics:container_capabilities_unrestricted"),
     "", "    cap_drop: [ALL]\n"),
    ("DC034", "memory-limit", "info", memory_limit,
     "No memory limit for the service",
     "Docker sets no memory limit: one leaking service makes the host swap and the kernel's "
     "OOM killer pick a victim, possibly another service or the Docker daemon.",
     ("compose-lint:CL-0026", "kics:memory_not_limited"),
     "", "    mem_limit: 512m\n"),
    ("DC035", "cpu-limit", "info", cpu_limit,
     "No CPU limit for the service",
     "Docker sets no CPU limit: one busy service starves every other container on the host.",
     ("compose-lint:CL-0026", "kics:cpus_not_limited"),
     "", "    cpus: 1.5\n"),
    ("DC036", "pids-limit", "info", pids_limit,
     "No pids_limit for the service",
     "Without a process limit a fork bomb in one container exhausts the host's PIDs.",
     ("kics:pids_limit_not_set",),
     "", "    pids_limit: 200\n"),
    ("DC037", "healthcheck", "info", healthcheck,
     "Service has no healthcheck, or disables it",
     "Without a healthcheck Compose (and `depends_on: service_healthy`) only knows the "
     "process started, not that it serves. The image may define one; this checks the file.",
     ("kics:healthcheck_not_set",),
     "", "    healthcheck:\n      test: [CMD, curl, -f, http://localhost/]\n"),
    ("DC038", "restart-policy", "info", restart_policy,
     "Long-running service without a restart policy, or with unbounded on-failure retries",
     "A service without `restart:` stays down after a crash or a host reboot; `on-failure` "
     "without a limit restarts a crash-looping service forever. Services other services "
     "wait on to complete (jobs) are not asked for one.",
     ("kics:restart_policy_on_failure_not_set_to_5",),
     "", "    restart: unless-stopped\n"),
    ("DC039", "custom-networks", "info", custom_networks,
     "Service relies on the default network",
     "On the default network every service reaches every other; separate networks "
     "(front, back) keep a compromised front end away from the database.",
     ("kics:networks_not_set",),
     "", "    networks: [front]\nnetworks:\n  front:\n"),
    ("DC046", "read-only-root", "info", read_only,
     "Service root filesystem is writable (read_only not set)",
     "A writable root filesystem lets an intruder replace binaries and persist. "
     "`read_only: true` with tmpfs/volumes for the paths the service writes prevents it.",
     ("compose-lint:CL-0007",),
     "", "    read_only: true\n"),
    ("DC048", "non-root-user", "info", non_root_user,
     "Service does not set a non-root user",
     "Without `user:` the service runs as the image's user, root for most images.",
     (),
     "", "    user: '1000:1000'\n"),
)  # fmt: skip


def _make(rule_id, name, severity, predicate, summary, rationale, aliases, bad_extra, good_extra):
    base = "services:\n  app:\n    image: app:1.0\n"

    @rule(
        id=rule_id,
        name=name,
        severity=severity,
        summary=summary,
        rationale=rationale + " Off by default (a hardening policy to opt into).",
        tags=("security",) if name not in ("restart-policy", "healthcheck") else ("reliability",),
        aliases=aliases,
        enabled=False,
        examples=(Example(bad=base + bad_extra, good=base + good_extra, filename="docker-compose.yml"),),
    )
    def check(compose, ctx):
        skip = _one_shot(compose) if predicate is restart_policy else ()
        for service in compose.graded_services():
            if service.name in skip:
                continue
            message = predicate(service.config, compose)
            if message:
                yield Problem(service.name_span(), f"service {service.name!r} {message}")

    return check


RULES = [_make(*row) for row in HARDENING]
