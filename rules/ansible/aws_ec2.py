"""amazon.aws.ec2_instance launched with a public IP or without EBS optimisation
(Checkov's AWS policies, as it applies them to Ansible tasks)."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq

from .common import to_bool

_EC2 = ("amazon.aws.ec2_instance", "community.aws.ec2_instance")


def _launches(task) -> bool:
    """The task creates instances (it names an image); without one it manages running ones."""
    return bool(task.args.get("image_id") or task.args.get("image")) and task.args.get("state") not in ("absent", "terminated")


def _unknown(value) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


@rule(
    id="AN070",
    name="ec2-public-ip",
    severity="warning",
    summary="EC2 instance launched without turning off its public IP",
    rationale=(
        "An instance with a public IPv4 address is reachable from the internet as soon as a "
        "security group allows it, and instances launched into a default subnet get one "
        "unless told otherwise. Set `network.assign_public_ip: false` (or `assign_public_ip: "
        "false` on each of `network_interfaces`) and reach instances through a load "
        "balancer, a bastion or SSM."
    ),
    tags=("security",),
    aliases=("CKV_AWS_88",),
    examples=(
        Example(
            bad="- name: Launch web server\n  amazon.aws.ec2_instance:\n    name: web\n    image_id: ami-0abcdef1234567890\n    instance_type: t3.micro\n    network:\n      assign_public_ip: true\n",
            good="- name: Launch web server\n  amazon.aws.ec2_instance:\n    name: web\n    image_id: ami-0abcdef1234567890\n    instance_type: t3.micro\n    network:\n      assign_public_ip: false\n",
            filename="roles/web/tasks/main.yml",
        ),
    ),
)
def check_public_ip(playbook, ctx):
    for task in playbook.tasks_using(*_EC2):
        if not _launches(task):
            continue
        settings = []  # (value, span) of each assign_public_ip written
        network = task.args.get("network")
        if isinstance(network, YMap) and "assign_public_ip" in network:
            settings.append((network["assign_public_ip"], network.value_span("assign_public_ip")))
        interfaces = task.args.get("network_interfaces")
        if isinstance(interfaces, YSeq):
            for item in interfaces:
                if isinstance(item, YMap) and "assign_public_ip" in item:
                    settings.append((item["assign_public_ip"], item.value_span("assign_public_ip")))
        if any(_unknown(v) for v, _ in settings) or _unknown(network) or _unknown(interfaces):
            continue
        public = [span for value, span in settings if to_bool(value) is not False]
        for span in public:
            yield Problem(span, "EC2 instance gets a public IP address (CKV_AWS_88)")
        if not settings and not task.args.get("network_interfaces_ids"):
            yield Problem(task.action_span(), "EC2 instance may get a public IP address: set network.assign_public_ip: false (CKV_AWS_88)")


@rule(
    id="AN071",
    name="ec2-ebs-optimized",
    severity="info",
    summary="EC2 instance launched without ebs_optimized: true",
    rationale=(
        "An EBS-optimised instance has dedicated bandwidth to its volumes, so disk traffic "
        "does not compete with network traffic. Current instance types are EBS-optimised "
        "whatever the setting, which is why this Checkov policy is off by default here: "
        "turn it on where older instance types are still launched."
    ),
    tags=("performance",),
    aliases=("CKV_AWS_135",),
    enabled=False,
    examples=(
        Example(
            bad="- name: Launch database\n  amazon.aws.ec2_instance:\n    name: db\n    image_id: ami-0abcdef1234567890\n    instance_type: m4.large\n",
            good="- name: Launch database\n  amazon.aws.ec2_instance:\n    name: db\n    image_id: ami-0abcdef1234567890\n    instance_type: m4.large\n    ebs_optimized: true\n",
            filename="roles/db/tasks/main.yml",
        ),
    ),
)
def check_ebs_optimized(playbook, ctx):
    for task in playbook.tasks_using(*_EC2):
        if not _launches(task):
            continue
        if "ebs_optimized" not in task.args:
            yield Problem(task.action_span(), "EC2 instance launched without ebs_optimized: true (CKV_AWS_135)")
        elif to_bool(task.args["ebs_optimized"]) is False:
            yield Problem(task.arg_span("ebs_optimized"), "EC2 instance launched with ebs_optimized: false (CKV_AWS_135)")


RULES = [check_public_ip, check_ebs_optimized]
