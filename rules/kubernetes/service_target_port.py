"""Service ports aimed at a port the selected pods do not expose."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import port_number

from . import inventory
from .snippets import WEB_DEPLOYMENT_AND_SERVICE


@rule(
    id="K8059",
    name="service-target-port",
    severity="warning",
    summary="Service targetPort is not a port of the pods it selects",
    rationale=(
        "A Service forwards to `targetPort` (by default its own `port`) on the selected pods. "
        "A named targetPort that no selected container declares leaves the Service without "
        "endpoints; a number that none of them lists usually means the container port "
        "changed and the Service did not."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad=WEB_DEPLOYMENT_AND_SERVICE.replace("APP", "web").replace("targetPort: 8080", "targetPort: 8000"),
            good=WEB_DEPLOYMENT_AND_SERVICE.replace("APP", "web"),
            filename="web.yaml",
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    for path, service in run.of_kind("Service"):
        selector = service.spec.get("selector")
        if not selector:
            continue
        selected = run.workloads_selected(selector, service.namespace, plain=True)
        containers = [c for _p, w in selected for c in w.pod.containers if not c.init]
        if not containers:
            continue
        numbers = {number for c in containers for number, _name in c.ports if isinstance(number, int)}
        names = {name for c in containers for _number, name in c.ports if name}
        declares_ports = any(c.ports for c in containers)
        for _port, _name, target, span in service.spec["ports"]:
            if isinstance(target, str) and not target.isdigit():
                if target not in names:
                    yield Problem(
                        span, f"{service.label} targets port name {target!r}, which its pods do not declare", path=path
                    )
            elif port_number(target) is not None and declares_ports and port_number(target) not in numbers:
                yield Problem(span, f"{service.label} targets port {target}, which its pods do not declare", path=path)
