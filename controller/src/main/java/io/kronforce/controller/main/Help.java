package io.kronforce.controller.main;

/** The {@code --help} text. */
final class Help {
    private Help() {}

    static final String TEXT = """
            Kronforce controller — workload automation: jobs, executions, REST API, SQLite store.

            Usage:
              kronforce                     start the controller (prints bootstrap keys on first start)
              kronforce --reset-admin-key   print a fresh admin API key, revoke the bootstrap and earlier
                                            reset admin keys it replaces (admin keys made through the API
                                            stay and are listed), and exit
              kronforce --snapshot          upload a snapshot of the database to the replica bucket
              kronforce --list-snapshots    list them, newest first
              kronforce --restore-snapshot NAME   download one into a missing KRONFORCE_DB file
              kronforce migrate --from FILE [--scripts-dir DIR] [--from-key-file KEYFILE]
                                            bring an upstream (Rust) installation's kronforce.db into an
                                            empty KRONFORCE_DB, controller stopped; prints what was carried
                                            and what was not (docs/MIGRATING.md). Upstream's secrets open
                                            with KEYFILE, else KRONFORCE_UPSTREAM_ENCRYPTION_KEY, else
                                            KRONFORCE_ENCRYPTION_KEY; scripts from DIR, else FILE's scripts/
              kronforce --help              this text
              kronforce test                (launcher) run the whole test suite
              kronforce agent               (launcher) a standard push agent (docs/WORKERS.md)
              kronforce worker [--once]     (launcher) a pull worker (docs/WORKERS.md)

            Settings (environment):
              KRONFORCE_DB                      SQLite file                      ./data/kronforce.db
              KRONFORCE_BIND                    host:port to listen on           127.0.0.1:8080
              KRONFORCE_DB_POOL_SIZE            read connections                 8
              KRONFORCE_DB_TIMEOUT_SECS         busy / pool wait timeout         5
              KRONFORCE_DB_SYNCHRONOUS          normal or full (fsync per batch) full
              KRONFORCE_ENCRYPTION_KEY          AES-256-GCM key for secrets      unset (stored plain)
              KRONFORCE_BOOTSTRAP_ADMIN_KEY     first admin key, verbatim: kf_ + 32 or more of A-Z a-z 0-9 - _   random
              KRONFORCE_BOOTSTRAP_AGENT_KEY     first agent key, the same format; agents register with it   random
              KRONFORCE_EGRESS_ALLOW            CIDRs / hosts outbound calls may reach besides public ones
              KRONFORCE_CORS_ORIGINS            comma list of origins (https://app.example, no path) or *   none
              KRONFORCE_LOCAL_WORKERS           concurrent local executions      256
              KRONFORCE_RETENTION_DAYS          written to setting retention_days at start
              KRONFORCE_AUDIT_RETENTION_DAYS    written to setting audit_retention_days at start
              KRONFORCE_RETENTION_EVERY_SECS    period of the retention pass     600
              KRONFORCE_RETENTION_HORIZON_SECS  purge rows older than this, whatever the day settings   unset
              KRONFORCE_SHUTDOWN_GRACE_SECS     wait for running work on SIGTERM 20
              KRONFORCE_QUEUE_LEASE_SECS        agent claim lease, renewed by heartbeats   600
              KRONFORCE_QUEUE_CLAIM_TIMEOUT_SECS  queued work unclaimed this long fails    300
              KRONFORCE_HEARTBEAT_TIMEOUT_SECS  silence after which an agent is offline    30
              KRONFORCE_DISPATCH_KEY            key for push agents whose own key is not held  unset
              KRONFORCE_AGENT_KEY               the same, when KRONFORCE_DISPATCH_KEY is unset  unset
              KRONFORCE_CALLBACK_URL            controller URL as agents reach it   from KRONFORCE_BIND
              KRONFORCE_TLS_CERT, _TLS_KEY      PEM chain and key: serve https   unset (http)
              KRONFORCE_AGENT_CA                PEM CAs trusted for https agents, besides the JDK's
              KRONFORCE_TLS_CLIENT_CA           PEM CAs agents' client certificates must chain to   unset
              KRONFORCE_TLS_CLIENT_CERT, _KEY   certificate shown to agents that ask   KRONFORCE_TLS_CERT/_KEY
              KRONFORCE_TLS_RELOAD_SECS         look for renewed TLS files this often (0: never)   60
              KRONFORCE_MCP_ENABLED             serve the MCP server at /mcp     true
              KRONFORCE_MCP_SESSION_IDLE_SECS   idle MCP sessions are forgotten  3600
              KRONFORCE_SESSION_IDLE_SECS       idle dashboard sessions end      1800
              KRONFORCE_SESSION_MAX_SECS        longest dashboard session        43200
              KRONFORCE_AI_PROVIDER, _API_KEY, _MODEL, _BASE_URL, _API_VERSION   AI job builder   unset
              KRONFORCE_DEMO_MODE               anonymous read-only viewers (public demos)   false
              KRONFORCE_LOG_FORMAT              text, or json: one JSON object per log line   text
              KRONFORCE_OIDC_ISSUER, _CLIENT_ID  single sign-on with this OpenID provider   unset
              KRONFORCE_OIDC_CLIENT_SECRET, _REDIRECT_URI, _SCOPES, _ROLE_CLAIM, _ADMIN_VALUES,
                _OPERATOR_VALUES, _DEFAULT_ROLE, _SESSION_TTL_SECS   (docs/CONFIGURATION.md)
              KRONFORCE_RATE_LIMIT_ENABLED      rate limits on (false/0: all off)   true
              KRONFORCE_RATE_LIMIT_PUBLIC, _AUTHENTICATED, _AGENT   requests a minute per caller (0: off)   60, 300, 600
              KRONFORCE_RATE_LIMIT_AUTH_FAILURES   failed authentications a minute per address   10
              KRONFORCE_TRUSTED_PROXIES         proxies whose X-Forwarded-For names the client   none
              KRONFORCE_MAX_CONNECTIONS         open HTTP connections at most (lowered for ulimit -n)   1000
              KRONFORCE_IDLE_TIMEOUT_SECS       close a connection without a request line this long   30
              KRONFORCE_REPLICA_URL             s3://bucket/path: replicate with Litestream   unset
              KRONFORCE_REPLICA_ENDPOINT, _REGION, _PATH_STYLE, _SYNC_INTERVAL_MS, _CREATE_BUCKET, _LEASE_SECS
              KRONFORCE_LITESTREAM_BIN          the Litestream binary            fetched by ./kronforce
              AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   replica credentials (docs/REPLICATION.md)
              KRONFORCE_<NAME>_FILE             a key setting read from a file (docs/SECURITY.md)   unset
              KRONFORCE_TASK_ENV_ALLOW          more host variables tasks' processes get   none
              KRONFORCE_LOCAL_TASKS             off: run no task here, only dispatch   on

            Agent and worker (./kronforce agent | worker; ./kronforce agent --help):
              KRONFORCE_CONTROLLER_URL          the controller's base URL        http://localhost:8080
              KRONFORCE_AGENT_KEY               an agent-role key (admin keys are refused at registration)
              KRONFORCE_AGENT_NAME, _ADDRESS    name registered, address the controller dials   host name
              KRONFORCE_AGENT_BIND              the agent's own listener         0.0.0.0:8081
              KRONFORCE_AGENT_TAGS              comma list of tags for pools     none
              KRONFORCE_CONTROLLER_CA           PEM CAs trusted for an https controller, besides the JDK's
              KRONFORCE_WORKER_CONCURRENCY      worker pollers at once           1
              KRONFORCE_WORKER_WAIT_SECS        worker long-poll wait            30
              (also KRONFORCE_EGRESS_ALLOW, KRONFORCE_TASK_ENV_ALLOW, KRONFORCE_TLS_CERT, _TLS_KEY)

            Launcher (./kronforce):
              KRONFORCE_JAVA_OPTS               JVM options for the controller   -Xmx1g
              KRONFORCE_AGENT_JAVA_OPTS         JVM options for the agent and the worker   -Xmx256m
              KRONFORCE_AOT                     0: no ahead-of-time class cache (JDK 25+)   1

            Exit: 0 after SIGTERM; 2 for an invalid setting, an address that cannot be listened on or a
            database folder that cannot be made (one line naming the variable).
            See docs/CONFIGURATION.md.
            """;
}
