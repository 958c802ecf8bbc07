"""Built-in Kubernetes rules (K8001-K8112).

Schema and API versions, workload security (securityContext, host namespaces and paths,
capabilities), resources and probes, images, secrets, RBAC, availability, batch jobs,
cross-object references (project rules) and control-plane flags. Families of rules that
are one idea with different data (host namespaces, risky RBAC grants) are built from a
table in one module and contribute several rules.
"""

from . import (
    apparmor_profile, control_plane_flags, cpu_limits, cpu_requests, cronjob_concurrency, cronjob_deadline,
    dns_config_options, drop_all_capabilities, drop_net_raw, duplicate_objects, env_ref_exists,
    ephemeral_storage_resources, git_sync_injection, helm_template, high_uid_gid, host_namespaces,
    hpa_replica_bounds, hpa_target_exists, image_digest_pinned, image_pull_policy_always, image_tag_pinned,
    ingress_backend_exists, ingress_tls, job_limits, job_ttl_after_finished, kustomize_deprecated_fields,
    namespace_limits_quota,
    linux_hardening, liveness_probe, memory_limits, memory_requests, min_replicas, networkpolicy_selects_pods,
    nginx_ingress_snippets, no_automount_sa_token, no_custom_selinux, no_dangerous_capabilities,
    no_default_namespace, no_default_service_account, no_deprecated_api, no_docker_socket_mount, no_duplicate_env,
    no_hardcoded_secret_env, no_host_aliases, no_host_port, no_hostpath_volumes, no_legacy_admin_components,
    no_privilege_escalation, no_privileged_container, no_privileged_ports, no_replicas_with_hpa, no_root_group,
    no_secrets_in_configmap, no_sensitive_host_mounts, no_service_external_ips, no_ssh_port, no_unmasked_procmount,
    no_unsafe_sysctls, no_user_objects_in_kube_system, no_windows_hostprocess, node_affinity, pdb_allows_disruption,
    pdb_present, pdb_unhealthy_eviction_policy, pod_anti_affinity, pod_has_networkpolicy, prefer_secret_volumes,
    priority_class, probe_port_exposed, probes_not_identical, rbac_cluster_admin_binding, rbac_dangerous_subjects,
    rbac_no_wildcards, rbac_permissions, rbac_role_exists, read_only_root_fs, readiness_probe,
    requests_equal_limits, required_metadata, restart_policy, rolling_update_strategy, run_as_non_root,
    scc_no_privileged, schema_valid, seccomp_profile, security_context_present, selector_matches_template,
    service_account_exists, service_account_field, service_selects_pods, service_target_port, service_type_policy,
    servicemonitor_selects_service, sorted_keys, statefulset_service_name, topology_spread, unique_container_names,
    trusted_registries, valid_label_values, valid_port_names, volume_ref_exists,
)  # fmt: skip

_SINGLE = (
    image_tag_pinned, liveness_probe, readiness_probe, probe_port_exposed, probes_not_identical, image_digest_pinned,
    image_pull_policy_always, cpu_requests, cpu_limits, memory_requests, memory_limits, ephemeral_storage_resources,
    requests_equal_limits, no_privileged_container, no_privilege_escalation, run_as_non_root, high_uid_gid,
    no_root_group, read_only_root_fs, security_context_present, drop_all_capabilities, drop_net_raw,
    no_dangerous_capabilities, seccomp_profile, apparmor_profile, linux_hardening, no_custom_selinux,
    no_unmasked_procmount, no_unsafe_sysctls, no_windows_hostprocess, no_host_port, no_hostpath_volumes,
    no_sensitive_host_mounts, no_docker_socket_mount, no_host_aliases, volume_ref_exists, no_automount_sa_token,
    no_default_service_account, service_account_field, service_account_exists, no_hardcoded_secret_env,
    prefer_secret_volumes, no_secrets_in_configmap, env_ref_exists, no_duplicate_env, unique_container_names,
    no_default_namespace, no_user_objects_in_kube_system, pod_has_networkpolicy, networkpolicy_selects_pods,
    no_ssh_port, no_privileged_ports, service_type_policy, no_service_external_ips, service_selects_pods,
    service_target_port, ingress_backend_exists, ingress_tls, nginx_ingress_snippets, valid_port_names,
    min_replicas, pod_anti_affinity, topology_spread, node_affinity, pdb_present, pdb_allows_disruption,
    pdb_unhealthy_eviction_policy, rolling_update_strategy, hpa_replica_bounds, hpa_target_exists,
    no_replicas_with_hpa, priority_class, selector_matches_template, statefulset_service_name, restart_policy,
    cronjob_deadline, cronjob_concurrency, job_ttl_after_finished, job_limits, dns_config_options, schema_valid,
    no_deprecated_api, valid_label_values, required_metadata, sorted_keys, servicemonitor_selects_service,
    rbac_no_wildcards, rbac_cluster_admin_binding, rbac_dangerous_subjects, rbac_role_exists,
    no_legacy_admin_components, git_sync_injection, scc_no_privileged, duplicate_objects, control_plane_flags,
    helm_template, kustomize_deprecated_fields, trusted_registries, namespace_limits_quota,
)  # fmt: skip

RULES = [m.check for m in _SINGLE] + host_namespaces.RULES + rbac_permissions.RULES
