"""Example manifests shared by several rules' documentation."""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      SPREAD
      containers:
        - {name: web, image: "nginx:1.27.2"}
"""
SPREAD = (
    "topologySpreadConstraints:\n"
    "        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway,\n"
    "           labelSelector: {matchLabels: {app: web}}}"
)

PDB = """\
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  POLICY
  selector:
    matchLabels: {app: web}
"""

CRONJOB = """\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  SETTING
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - {name: report, image: "report:1.4.2"}
"""

JOB = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  SETTING
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: migrate, image: "migrate:2.0.1"}
"""

WEB_DEPLOYMENT_AND_SERVICE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: "nginx:1.27.2", ports: [{containerPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: APP}
  ports: [{port: 80, targetPort: 8080}]
"""

WEB_DEPLOYMENT_AND_HPA = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: "nginx:1.27.2", resources: {requests: {memory: 128Mi}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: TARGET}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - {type: Resource, resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}}
"""

NETWORK_POLICY = """\
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {role: frontend}}}]
"""
