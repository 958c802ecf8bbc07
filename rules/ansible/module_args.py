"""What ansible-core's modules accept: for each of the builtin modules with a fixed argument
spec, its options (aliases included) and its required options (``a|b``: one of the names of
one option). Read from ansible-core 2.19's module documentation (``ansible-doc --json``),
which lists the options their action plugins take too (``template``'s ``src``). Modules
that hand their arguments to another module (``package``, ``service`` pass theirs to the
backend) or take arbitrary ones (``set_fact``, ``debug``, ``assert``) are not listed."""

#: short name -> (accepted option names, required options)
MODULE_ARGS = {
    "apt": (
        "allow-downgrade allow-downgrades allow-unauthenticated allow_change_held_packages "
        "allow_downgrade allow_downgrades allow_unauthenticated auto_install_module_deps "
        "autoclean autoremove cache_valid_time clean deb default-release default_release "
        "dpkg_options fail_on_autoremove force force_apt_get install-recommends "
        "install_recommends lock_timeout name only_upgrade package pkg policy_rc_d purge "
        "state update-cache update_cache update_cache_retries update_cache_retry_max_delay "
        "upgrade",
        "",
    ),
    "apt_key": (
        "data file id keyring keyserver state url validate_certs",
        "",
    ),
    "apt_repository": (
        "codename filename install_python_apt mode repo state update-cache update_cache "
        "update_cache_retries update_cache_retry_max_delay validate_certs",
        "repo",
    ),
    "assemble": (
        "attr attributes backup decrypt delimiter dest group ignore_hidden mode owner regexp "
        "remote_src selevel serole setype seuser src unsafe_writes validate",
        "dest src",
    ),
    "blockinfile": (
        "append_newline attr attributes backup block content create dest destfile group "
        "insertafter insertbefore marker marker_begin marker_end mode name owner path "
        "prepend_newline selevel serole setype seuser state unsafe_writes validate",
        "path|dest|destfile|name",
    ),
    "command": (
        "argv chdir cmd creates expand_argument_vars free_form removes stdin "
        "stdin_add_newline strip_empty_ends",
        "",
    ),
    "copy": (
        "attr attributes backup checksum content decrypt dest directory_mode follow force "
        "group local_follow mode owner remote_src selevel serole setype seuser src "
        "unsafe_writes validate",
        "dest",
    ),
    "cron": (
        "backup cron_file day disabled dom dow env hour insertafter insertbefore job minute "
        "month name special_time state user value weekday",
        "name",
    ),
    "deb822_repository": (
        "allow_downgrade_to_insecure allow_insecure allow_weak architectures by_hash "
        "check_date check_valid_until components date_max_future enabled inrelease_path "
        "languages mode name pdiffs signed_by state suites targets trusted types uris",
        "name",
    ),
    "debconf": (
        "answer name pkg question selection setting unseen value vtype",
        "name|pkg",
    ),
    "dnf": (
        "allow_downgrade allowerasing autoremove best bugfix cacheonly conf_file "
        "disable_excludes disable_gpg_check disable_plugin disablerepo download_dir "
        "download_only enable_plugin enablerepo exclude expire-cache install_repoquery "
        "install_weak_deps installroot list lock_timeout name nobest pkg releasever security "
        "skip_broken sslverify state update_cache update_only use_backend validate_certs",
        "",
    ),
    "dpkg_selections": (
        "name selection",
        "name selection",
    ),
    "fetch": (
        "dest fail_on_missing flat src validate_checksum",
        "dest src",
    ),
    "file": (
        "access_time access_time_format attr attributes dest follow force group mode "
        "modification_time modification_time_format name owner path recurse selevel serole "
        "setype seuser src state unsafe_writes",
        "path|dest|name",
    ),
    "find": (
        "age age_stamp checksum checksum_algo checksum_algorithm contains depth encoding "
        "exact_mode exclude excludes file_type follow get_checksum hidden limit mode name "
        "path paths pattern patterns read_whole_file recurse size use_regex",
        "paths|name|path",
    ),
    "get_url": (
        "attr attributes backup checksum ciphers client_cert client_key decompress dest force "
        "force_basic_auth group headers http_agent mode owner password selevel serole setype "
        "seuser timeout tmp_dest unredirected_headers unsafe_writes url url_password "
        "url_username use_gssapi use_netrc use_proxy username validate_certs",
        "dest url",
    ),
    "getent": (
        "database fail_key key service split",
        "database",
    ),
    "git": (
        "accept_hostkey accept_newhostkey archive archive_prefix bare clone depth dest "
        "executable force gpg_allowlist gpg_whitelist key_file name recursive reference "
        "refspec remote repo separate_git_dir single_branch ssh_opts track_submodules umask "
        "update verify_commit version",
        "dest repo|name",
    ),
    "group": (
        "force gid gid_max gid_min local name non_unique state system",
        "name",
    ),
    "hostname": (
        "name use",
        "name",
    ),
    "iptables": (
        "action chain chain_management comment ctstate destination destination_port "
        "destination_ports dst_range flush fragment gateway gid_owner goto icmp_type "
        "in_interface ip_version jump limit limit_burst log_level log_prefix match match_set "
        "match_set_flags numeric out_interface policy protocol reject_with rule_num "
        "set_counters set_dscp_mark set_dscp_mark_class source source_port src_range state "
        "syn table tcp_flags to_destination to_ports to_source uid_owner wait",
        "",
    ),
    "known_hosts": (
        "hash_host host key name path state",
        "name|host",
    ),
    "lineinfile": (
        "attr attributes backrefs backup create dest destfile firstmatch group insertafter "
        "insertbefore line mode name owner path regex regexp search_string selevel serole "
        "setype seuser state unsafe_writes validate value",
        "path|dest|destfile|name",
    ),
    "pip": (
        "break_system_packages chdir editable executable extra_args name requirements state "
        "umask version virtualenv virtualenv_command virtualenv_python "
        "virtualenv_site_packages",
        "",
    ),
    "reboot": (
        "boot_time_command connect_timeout msg post_reboot_delay pre_reboot_delay "
        "reboot_command reboot_timeout search_paths test_command",
        "",
    ),
    "replace": (
        "after attr attributes backup before dest destfile encoding group mode name owner "
        "path regexp replace selevel serole setype seuser unsafe_writes validate",
        "path|dest|destfile|name regexp",
    ),
    "rpm_key": (
        "fingerprint key state validate_certs",
        "key",
    ),
    "shell": (
        "chdir cmd creates executable free_form removes stdin stdin_add_newline",
        "",
    ),
    "slurp": (
        "path src",
        "src|path",
    ),
    "stat": (
        "attr attributes checksum checksum_algo checksum_algorithm dest follow get_attributes "
        "get_checksum get_mime mime mime-type mime_type name path",
        "path|dest|name",
    ),
    "subversion": (
        "checkout dest executable export force in_place name password repo repository rev "
        "revision switch update username validate_certs version",
        "repo|name|repository",
    ),
    "systemd_service": (
        "daemon-reexec daemon-reload daemon_reexec daemon_reload enabled force masked name "
        "no_block scope service state unit",
        "",
    ),
    "sysvinit": (
        "args arguments daemonize enabled name pattern runlevels service sleep state",
        "name|service",
    ),
    "tempfile": (
        "path prefix state suffix",
        "",
    ),
    "template": (
        "attr attributes backup block_end_string block_start_string comment_end_string "
        "comment_start_string dest follow force group lstrip_blocks mode newline_sequence "
        "output_encoding owner selevel serole setype seuser src trim_blocks unsafe_writes "
        "validate variable_end_string variable_start_string",
        "dest src",
    ),
    "unarchive": (
        "attr attributes copy creates decrypt dest exclude extra_opts group include "
        "io_buffer_size keep_newer list_files mode owner remote_src selevel serole setype "
        "seuser src unsafe_writes validate_certs",
        "dest src",
    ),
    "uri": (
        "attr attributes body body_format ca_path ciphers client_cert client_key creates "
        "decompress dest follow_redirects force force_basic_auth group headers http_agent "
        "method mode owner password remote_src removes return_content selevel serole setype "
        "seuser src status_code timeout unix_socket unredirected_headers unsafe_writes url "
        "url_password url_username use_gssapi use_netrc use_proxy user validate_certs",
        "url",
    ),
    "user": (
        "append authorization comment create_home createhome expires force generate_ssh_key "
        "group groups hidden home local login_class move_home name non_unique password "
        "password_expire_account_disable password_expire_max password_expire_min "
        "password_expire_warn password_lock profile remove role seuser shell skeleton "
        "ssh_key_bits ssh_key_comment ssh_key_file ssh_key_passphrase ssh_key_type state "
        "system uid uid_max uid_min umask update_password user",
        "name|user",
    ),
    "wait_for": (
        "active_connection_states connect_timeout delay exclude_hosts host msg path port "
        "search_regex sleep state timeout",
        "",
    ),
    "wait_for_connection": (
        "connect_timeout delay sleep timeout",
        "",
    ),
    "yum_repository": (
        "async attr attributes bandwidth baseurl ca_cert client_cert client_key cost countme "
        "deltarpm_metadata_percentage deltarpm_percentage description enabled enablegroups "
        "exclude excludepkgs failovermethod file gpgcakey gpgcheck gpgkey group http_caching "
        "include includepkgs ip_resolve keepalive keepcache metadata_expire "
        "metadata_expire_filter metalink mirrorlist mirrorlist_expire mode module_hotfixes "
        "name owner password priority protect proxy proxy_password proxy_username "
        "repo_gpgcheck reposdir retries s3_enabled selevel serole setype seuser "
        "skip_if_unavailable ssl_check_cert_permissions sslcacert sslclientcert sslclientkey "
        "sslverify state throttle timeout ui_repoid_vars unsafe_writes username "
        "validate_certs",
        "name",
    ),
}  # fmt: skip

ACCEPTED = {m: frozenset(a.split()) for m, (a, _) in MODULE_ARGS.items()}
REQUIRED = {m: tuple(tuple(r.split("|")) for r in req.split()) for m, (_, req) in MODULE_ARGS.items()}
