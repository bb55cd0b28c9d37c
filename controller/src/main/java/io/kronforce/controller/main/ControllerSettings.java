package io.kronforce.controller.main;

import io.kronforce.controller.access.limits.RateLimitSettings;
import io.kronforce.controller.assistant.AiConfig;
import io.kronforce.controller.database.SyncMode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.listener.ConnectionLimits;
import io.kronforce.controller.replication.ReplicaSettings;
import io.kronforce.controller.sso.SsoSettings;
import io.kronforce.task.Cidr;
import io.kronforce.task.TaskEnvironment;
import io.kronforce.worker.secrets.SecretFiles;
import io.kronforce.worker.tls.ServerFiles;
import io.kronforce.worker.tls.TlsFromEnv;
import io.kronforce.worker.tls.TlsSetupException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * Every setting, read once from {@code KRONFORCE_*} environment variables with upstream's names
 * (docs/CONFIGURATION.md lists them). Invalid values stop the start with a message naming the
 * variable.
 */
public record ControllerSettings(
        Path dbFile,
        String bindHost,
        int bindPort,
        int dbPoolSize,
        Duration dbTimeout,
        SyncMode dbSync,
        String encryptionKey,
        String bootstrapAdminKey,
        String bootstrapAgentKey,
        String egressAllow,
        Set<String> corsOrigins,
        int localWorkers,
        Integer retentionDays,
        Integer auditRetentionDays,
        RetentionDuty retentionDuty,
        Duration shutdownGrace,
        Agents agents,
        boolean mcpEnabled,
        Duration mcpSessionIdle,
        Tls tls,
        Dashboard dashboard,
        Optional<ReplicaSettings> replica,
        AiConfig ai,
        boolean demoMode,
        RateLimitSettings rateLimits,
        LogFormat logFormat,
        String taskEnvAllow,
        boolean localTasks,
        Optional<SsoSettings> sso,
        ConnectionLimits connections) {

    /** {@code KRONFORCE_LOG_FORMAT}: the JDK's text lines, or one JSON object per line. */
    public enum LogFormat {
        TEXT,
        JSON
    }

    /**
     * The browser dashboard's sessions.
     *
     * @param sessionIdle a session unused this long ends
     * @param sessionMaxLifetime a session ends this long after sign-in however busy
     */
    public record Dashboard(Duration sessionIdle, Duration sessionMaxLifetime) {}

    /**
     * When the retention duty runs and, for soak tests, a horizon that replaces the day settings.
     *
     * @param every the period between passes (the first runs 10 s after start)
     * @param horizon rows older than this are purged, whatever {@code retention_days} and
     *     {@code audit_retention_days} say; empty: those settings decide
     */
    public record RetentionDuty(Duration every, Optional<Duration> horizon) {}

    /**
     * Remote execution settings.
     *
     * @param queueLease how long a claim holds without a heartbeat naming it
     * @param heartbeatTimeout silence after which an agent is offline
     * @param queueClaimTimeout how long queued work waits for a pull agent before it fails
     * @param dispatchKey key for push agents this controller holds none for: {@code KRONFORCE_DISPATCH_KEY},
     *     else {@code KRONFORCE_AGENT_KEY} (null: none)
     * @param callbackUrl the controller's base URL as agents reach it (null: from the bind address)
     */
    public record Agents(
            Duration queueLease,
            Duration heartbeatTimeout,
            Duration queueClaimTimeout,
            String dispatchKey,
            String callbackUrl) {}

    /**
     * TLS (docs/reference/security.md#tls, decision 0050).
     *
     * @param server the server's files when {@code KRONFORCE_TLS_CERT} and {@code KRONFORCE_TLS_KEY}
     *     are both set, with {@code KRONFORCE_TLS_CLIENT_CA} (mutual TLS on the agent routes); empty: plain http
     * @param agentTrust how https agents are verified: the JDK's CAs plus {@code KRONFORCE_AGENT_CA}; it
     *     presents {@code KRONFORCE_TLS_CLIENT_CERT}/{@code _KEY}, else the server's pair, to an agent that asks
     * @param reloadEvery how often the server's files are looked at for a new certificate; zero: never
     */
    public record Tls(Optional<ServerFiles> server, SSLContext agentTrust, Duration reloadEvery) {
        /** Whether the agent routes require a client certificate ({@code KRONFORCE_TLS_CLIENT_CA}). */
        public boolean agentCertificates() {
            return server.flatMap(ServerFiles::clientCa).isPresent();
        }

        public String scheme() {
            return server.isPresent() ? "https" : "http";
        }
    }

    /** A setting that cannot be used; the message names the variable and the problem. */
    public static final class InvalidSetting extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidSetting(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads the settings, a secret's {@code KRONFORCE_<NAME>_FILE} standing in for its variable
     * ({@link SecretFiles}). {@code taskEnvAllow} is {@code KRONFORCE_TASK_ENV_ALLOW} as checked by
     * {@link TaskEnvironment#allowList}; {@code localTasks} false ({@code KRONFORCE_LOCAL_TASKS=off})
     * means no task runs in this process.
     */
    public static ControllerSettings fromEnv(Map<String, String> given) {
        Map<String, String> env = withSecretFiles(given);
        Env e = new Env(env);
        String bind = e.text("KRONFORCE_BIND", "127.0.0.1:8080");
        int colon = bind.lastIndexOf(':');
        if (colon < 0) {
            throw new InvalidSetting("KRONFORCE_BIND must be host:port, got '" + bind + "'");
        }
        String host = bind.substring(0, colon).replace("[", "").replace("]", "");
        int port = e.parsePort(bind.substring(colon + 1));
        checkHost(host);
        String admin = bootstrapKey(env, "KRONFORCE_BOOTSTRAP_ADMIN_KEY");
        String agent = bootstrapKey(env, "KRONFORCE_BOOTSTRAP_AGENT_KEY");
        if (admin != null && !admin.isBlank() && admin.equals(env.get("KRONFORCE_BOOTSTRAP_AGENT_KEY"))) {
            throw new InvalidSetting("KRONFORCE_BOOTSTRAP_ADMIN_KEY and KRONFORCE_BOOTSTRAP_AGENT_KEY must differ");
        }
        return new ControllerSettings(
                Path.of(e.text("KRONFORCE_DB", "./data/kronforce.db")),
                host,
                port,
                e.integer("KRONFORCE_DB_POOL_SIZE", 8, 1, 64),
                Duration.ofSeconds(e.integer("KRONFORCE_DB_TIMEOUT_SECS", 5, 1, 300)),
                e.syncMode("KRONFORCE_DB_SYNCHRONOUS", SyncMode.FULL),
                env.get("KRONFORCE_ENCRYPTION_KEY"),
                admin,
                agent,
                egressAllow(env),
                corsOrigins(env),
                e.integer("KRONFORCE_LOCAL_WORKERS", 256, 1, 100_000),
                e.optionalInteger("KRONFORCE_RETENTION_DAYS", 0, 36_500),
                e.optionalInteger("KRONFORCE_AUDIT_RETENTION_DAYS", 0, 36_500),
                new RetentionDuty(
                        Duration.ofSeconds(e.integer("KRONFORCE_RETENTION_EVERY_SECS", 600, 1, 86_400)),
                        Optional.ofNullable(e.optionalInteger("KRONFORCE_RETENTION_HORIZON_SECS", 1, 2_000_000_000))
                                .map(Duration::ofSeconds)),
                Duration.ofSeconds(e.integer("KRONFORCE_SHUTDOWN_GRACE_SECS", 20, 0, 3600)),
                agents(e, env),
                e.flag("KRONFORCE_MCP_ENABLED", true),
                Duration.ofSeconds(e.integer("KRONFORCE_MCP_SESSION_IDLE_SECS", 3600, 1, 604_800)),
                tls(e, env),
                new Dashboard(
                        Duration.ofSeconds(e.integer("KRONFORCE_SESSION_IDLE_SECS", 1800, 60, 604_800)),
                        Duration.ofSeconds(e.integer("KRONFORCE_SESSION_MAX_SECS", 43_200, 60, 2_592_000))),
                replica(env),
                AiConfig.fromEnv(env),
                e.flag("KRONFORCE_DEMO_MODE", false),
                rateLimits(e, env),
                logFormat(e.text("KRONFORCE_LOG_FORMAT", "text")),
                taskEnvAllow(env),
                localTasks(e.text("KRONFORCE_LOCAL_TASKS", "on")),
                sso(e, env),
                new ConnectionLimits(
                        e.integer("KRONFORCE_MAX_CONNECTIONS", 1000, 16, 1_000_000),
                        Duration.ofSeconds(e.integer("KRONFORCE_IDLE_TIMEOUT_SECS", 30, 1, 86_400))));
    }

    /** The environment with each secret's {@code _FILE} read in; exposed for commands that read more of it. */
    public static Map<String, String> withSecretFiles(Map<String, String> env) {
        try {
            return SecretFiles.resolve(env);
        } catch (SecretFiles.Invalid ex) {
            throw new InvalidSetting(ex.getMessage());
        }
    }

    /** Upstream's key format, {@code kf_} and base64url; at least 32 characters after the prefix (generated keys have 43). */
    private static final java.util.regex.Pattern BOOTSTRAP_KEY =
            java.util.regex.Pattern.compile("kf_[A-Za-z0-9_-]{32,}");

    /** An origin as browsers send it: scheme, host and optional port, no path; or {@code *}. */
    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile(
            "\\*|https?://([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    private static String bootstrapKey(Map<String, String> env, String name) {
        String key = env.get(name);
        if (key == null || key.isBlank()) {
            return key;
        }
        if (!BOOTSTRAP_KEY.matcher(key).matches()) {
            throw new InvalidSetting(name + " must be kf_ followed by at least 32 letters, digits, '-' or '_'"
                    + " (upstream's format; ./kronforce --reset-admin-key prints one), got a value of "
                    + key.length() + " characters");
        }
        return key;
    }

    private static String egressAllow(Map<String, String> env) {
        String value = env.getOrDefault("KRONFORCE_EGRESS_ALLOW", "");
        try {
            io.kronforce.task.EgressPolicy.parse(value);
        } catch (IllegalArgumentException ex) {
            throw new InvalidSetting("KRONFORCE_EGRESS_ALLOW: " + ex.getMessage());
        }
        return value;
    }

    private static Set<String> corsOrigins(Map<String, String> env) {
        Set<String> origins = Arrays.stream(
                        env.getOrDefault("KRONFORCE_CORS_ORIGINS", "").split(","))
                .map(String::trim)
                .filter(o -> !o.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String origin : origins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new InvalidSetting("KRONFORCE_CORS_ORIGINS entry '" + origin
                        + "' is not an origin like https://app.example or http://localhost:3000 (no path), nor *");
            }
        }
        return origins;
    }

    private static String taskEnvAllow(Map<String, String> env) {
        String value = env.getOrDefault(TaskEnvironment.ALLOW_VARIABLE, "");
        try {
            TaskEnvironment.allowList(value);
        } catch (IllegalArgumentException ex) {
            throw new InvalidSetting(ex.getMessage());
        }
        return value;
    }

    private static boolean localTasks(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new InvalidSetting("KRONFORCE_LOCAL_TASKS must be on or off, got '" + value + "'");
        };
    }

    /** The same settings without single sign-on: for the admin chores, which must work while the provider is down. */
    public ControllerSettings withoutSso() {
        return new ControllerSettings(
                dbFile,
                bindHost,
                bindPort,
                dbPoolSize,
                dbTimeout,
                dbSync,
                encryptionKey,
                bootstrapAdminKey,
                bootstrapAgentKey,
                egressAllow,
                corsOrigins,
                localWorkers,
                retentionDays,
                auditRetentionDays,
                retentionDuty,
                shutdownGrace,
                agents,
                mcpEnabled,
                mcpSessionIdle,
                tls,
                dashboard,
                replica,
                ai,
                demoMode,
                rateLimits,
                logFormat,
                taskEnvAllow,
                localTasks,
                Optional.empty(),
                connections);
    }

    /**
     * {@code KRONFORCE_OIDC_*} (upstream's names and defaults). Single sign-on is on when the issuer
     * and the client id are set; one without the other, or a value that cannot work, stops the start.
     */
    private static Optional<SsoSettings> sso(Env e, Map<String, String> env) {
        String issuer = e.text("KRONFORCE_OIDC_ISSUER", "");
        String clientId = e.text("KRONFORCE_OIDC_CLIENT_ID", "");
        if (issuer.isEmpty() && clientId.isEmpty()) {
            return Optional.empty();
        }
        if (issuer.isEmpty() || clientId.isEmpty()) {
            throw new InvalidSetting("KRONFORCE_OIDC_ISSUER and KRONFORCE_OIDC_CLIENT_ID must be set together");
        }
        if (!issuer.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new InvalidSetting("KRONFORCE_OIDC_ISSUER must be an http(s) URL, got '" + issuer + "'");
        }
        String callback = e.text("KRONFORCE_CALLBACK_URL", "");
        String redirect = e.text(
                "KRONFORCE_OIDC_REDIRECT_URI",
                callback.isEmpty() ? "" : callback.replaceAll("/+$", "") + "/api/auth/oidc/callback");
        if (redirect.isEmpty()) {
            throw new InvalidSetting("KRONFORCE_OIDC_REDIRECT_URI (or KRONFORCE_CALLBACK_URL) must be set with"
                    + " KRONFORCE_OIDC_ISSUER: the identity provider sends browsers back to it");
        }
        if (!redirect.matches("https?://[^\\s/?#]+/\\S*")) {
            throw new InvalidSetting("KRONFORCE_OIDC_REDIRECT_URI must be an http(s) URL, got '" + redirect + "'");
        }
        String scopes = e.text("KRONFORCE_OIDC_SCOPES", "openid email profile");
        if (!Arrays.asList(scopes.split("\\s+")).contains("openid")) {
            throw new InvalidSetting("KRONFORCE_OIDC_SCOPES must include openid, got '" + scopes + "'");
        }
        String defaultRole = e.text("KRONFORCE_OIDC_DEFAULT_ROLE", "viewer");
        Role role = Role.parse(defaultRole.toLowerCase(java.util.Locale.ROOT))
                .filter(r -> r != Role.AGENT)
                .orElseThrow(() -> new InvalidSetting(
                        "KRONFORCE_OIDC_DEFAULT_ROLE must be admin, operator or viewer, got '" + defaultRole + "'"));
        return Optional.of(new SsoSettings(
                issuer,
                clientId,
                env.getOrDefault("KRONFORCE_OIDC_CLIENT_SECRET", ""),
                java.net.URI.create(redirect),
                scopes,
                e.text("KRONFORCE_OIDC_ROLE_CLAIM", "groups"),
                list(env.get("KRONFORCE_OIDC_ADMIN_VALUES")),
                list(env.get("KRONFORCE_OIDC_OPERATOR_VALUES")),
                role,
                Duration.ofSeconds(e.integer("KRONFORCE_OIDC_SESSION_TTL_SECS", 86_400, 60, 31_536_000))));
    }

    private static java.util.List<String> list(String commaList) {
        return commaList == null
                ? java.util.List.of()
                : Arrays.stream(commaList.split(","))
                        .map(String::trim)
                        .filter(v -> !v.isEmpty())
                        .toList();
    }

    /** {@code KRONFORCE_RATE_LIMIT_*} and {@code KRONFORCE_TRUSTED_PROXIES} (docs/SECURITY.md#rate-limits). */
    private static RateLimitSettings rateLimits(Env e, Map<String, String> env) {
        List<Cidr> proxies = new ArrayList<>();
        for (String entry : env.getOrDefault("KRONFORCE_TRUSTED_PROXIES", "").split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                if (!Cidr.looksLikeAddress(trimmed)) {
                    throw new IllegalArgumentException(trimmed);
                }
                proxies.add(Cidr.parse(trimmed));
            } catch (IllegalArgumentException bad) {
                throw new InvalidSetting(
                        "KRONFORCE_TRUSTED_PROXIES entry '" + trimmed + "' is not an IP address or CIDR range");
            }
        }
        return new RateLimitSettings(
                e.flag("KRONFORCE_RATE_LIMIT_ENABLED", true),
                e.integer("KRONFORCE_RATE_LIMIT_PUBLIC", RateLimitSettings.PUBLIC_DEFAULT, 0, 1_000_000),
                e.integer("KRONFORCE_RATE_LIMIT_AUTHENTICATED", RateLimitSettings.AUTHENTICATED_DEFAULT, 0, 1_000_000),
                e.integer("KRONFORCE_RATE_LIMIT_AGENT", RateLimitSettings.AGENT_DEFAULT, 0, 1_000_000),
                e.integer("KRONFORCE_RATE_LIMIT_AUTH_FAILURES", RateLimitSettings.AUTH_FAILURES_DEFAULT, 0, 1_000_000),
                proxies);
    }

    private static LogFormat logFormat(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new InvalidSetting("KRONFORCE_LOG_FORMAT must be text or json, got '" + value + "'");
        };
    }

    /** {@code KRONFORCE_REPLICA_*} (docs/REPLICATION.md); a fetched Litestream is looked for beside the jar. */
    private static Optional<ReplicaSettings> replica(Map<String, String> env) {
        try {
            return ReplicaSettings.fromEnv(env, jarFolder());
        } catch (ReplicaSettings.Invalid e) {
            throw new InvalidSetting(e.getMessage());
        }
    }

    private static Path jarFolder() {
        try {
            Path code = Path.of(ControllerSettings.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return java.nio.file.Files.isRegularFile(code) ? code.getParent() : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Tls tls(Env e, Map<String, String> env) {
        Duration reload = Duration.ofSeconds(e.integer("KRONFORCE_TLS_RELOAD_SECS", 60, 0, 86_400));
        try {
            return new Tls(
                    TlsFromEnv.serverFiles(env, "KRONFORCE_TLS_CERT", "KRONFORCE_TLS_KEY", "KRONFORCE_TLS_CLIENT_CA"),
                    TlsFromEnv.trust(
                            env,
                            "KRONFORCE_AGENT_CA",
                            "KRONFORCE_TLS_CLIENT_CERT",
                            "KRONFORCE_TLS_CLIENT_KEY",
                            "KRONFORCE_TLS_CERT",
                            "KRONFORCE_TLS_KEY"),
                    reload);
        } catch (TlsSetupException ex) {
            throw new InvalidSetting(ex.getMessage());
        }
    }

    private static Agents agents(Env e, Map<String, String> env) {
        // Upstream's fallback chain, less its last link: the bootstrap agent key is presented only to
        // an agent that registered with it (decision 0018).
        String dispatch = Stream.of(env.get("KRONFORCE_DISPATCH_KEY"), env.get("KRONFORCE_AGENT_KEY"))
                .filter(k -> k != null && !k.isBlank())
                .findFirst()
                .orElse(null);
        String callback = env.get("KRONFORCE_CALLBACK_URL");
        if (callback != null && !callback.isBlank() && !callback.matches("https?://[^\\s/]+(/.*)?")) {
            throw new InvalidSetting("KRONFORCE_CALLBACK_URL must be an http(s) URL, got '" + callback + "'");
        }
        return new Agents(
                Duration.ofSeconds(e.integer("KRONFORCE_QUEUE_LEASE_SECS", 600, 1, 86_400)),
                Duration.ofSeconds(e.integer("KRONFORCE_HEARTBEAT_TIMEOUT_SECS", 30, 1, 86_400)),
                Duration.ofSeconds(e.integer("KRONFORCE_QUEUE_CLAIM_TIMEOUT_SECS", 300, 1, 604_800)),
                dispatch == null || dispatch.isBlank() ? null : dispatch.trim(),
                callback == null || callback.isBlank() ? null : callback.trim());
    }

    private static void checkHost(String host) {
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException ex) {
            throw new InvalidSetting("KRONFORCE_BIND host '" + host + "' does not resolve");
        }
    }

    /** Typed reads with messages that name the variable. */
    private record Env(Map<String, String> env) {
        String text(String name, String fallback) {
            String v = env.get(name);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        /** Upstream's spelling: {@code false} or {@code 0} turn it off, {@code true} or {@code 1} on. */
        boolean flag(String name, boolean fallback) {
            String v = text(name, "").toLowerCase(java.util.Locale.ROOT);
            return switch (v) {
                case "" -> fallback;
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw new InvalidSetting(name + " must be true or false, got '" + env.get(name) + "'");
            };
        }

        SyncMode syncMode(String name, SyncMode fallback) {
            String v = text(name, "");
            if (v.isEmpty()) {
                return fallback;
            }
            return SyncMode.fromSetting(v)
                    .orElseThrow(() -> new InvalidSetting(
                            name + " must be one of " + SyncMode.allowed() + ", got '" + env.get(name) + "'"));
        }

        int integer(String name, int fallback, int min, int max) {
            Integer v = optionalInteger(name, min, max);
            return v == null ? fallback : v;
        }

        Integer optionalInteger(String name, int min, int max) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new InvalidSetting(name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        }

        int parsePort(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new InvalidSetting("KRONFORCE_BIND port must be 0-65535, got '" + text + "'");
        }
    }
}
