package io.kronforce.agent;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskEnvironment;
import io.kronforce.worker.secrets.SecretFiles;
import io.kronforce.worker.tls.ServerFiles;
import io.kronforce.worker.tls.TlsFromEnv;
import io.kronforce.worker.tls.TlsSetupException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The agent's settings, read once from upstream's variables
 * (docs/reference/configuration.md#environment-variables-agents-and-workers). Invalid values stop the start with a
 * message naming the variable.
 *
 * @param key the agent key: sent to the controller, and required of it on {@code /execute} etc.
 *     Empty: the agent's own routes are open (loopback setups only; the controller needs a key anyway)
 * @param address what the controller dials to reach this agent
 * @param bindPort 0 picks a free port, which is then what the agent registers
 * @param serverTls the agent's own server files when {@code KRONFORCE_TLS_CERT} and
 *     {@code KRONFORCE_TLS_KEY} are both set (it then registers {@code "tls": true}), with
 *     {@code KRONFORCE_TLS_CLIENT_CA} when the controller must present a client certificate; empty: http
 * @param controllerTrust how an https controller is verified: JDK CAs plus {@code KRONFORCE_CONTROLLER_CA};
 *     presents {@code KRONFORCE_TLS_CLIENT_CERT}/{@code _KEY}, else the server pair, when the controller asks
 * @param tlsReloadEvery how often the server files are looked at for a new certificate; zero: never
 */
public record AgentSettings(
        URI controllerUrl,
        Optional<String> key,
        String name,
        String address,
        String bindHost,
        int bindPort,
        List<String> tags,
        String egressAllow,
        Optional<ServerFiles> serverTls,
        SSLContext controllerTrust,
        Duration tlsReloadEvery) {

    /** A setting that cannot be used. */
    public static final class InvalidSetting extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidSetting(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads the settings, a secret's {@code KRONFORCE_<NAME>_FILE} standing in for its variable. */
    public static AgentSettings fromEnv(Map<String, String> given) {
        Map<String, String> env = withSecretFiles(given);
        taskEnvironment(env);
        String url = text(env, "KRONFORCE_CONTROLLER_URL", "http://localhost:8080");
        if (!url.matches("https?://[^\\s/]+/?")) {
            throw new InvalidSetting("KRONFORCE_CONTROLLER_URL must be an http(s) base URL, got '" + url + "'");
        }
        String bind = text(env, "KRONFORCE_AGENT_BIND", "0.0.0.0:8081");
        int colon = bind.lastIndexOf(':');
        if (colon < 0) {
            throw new InvalidSetting("KRONFORCE_AGENT_BIND must be host:port, got '" + bind + "'");
        }
        try {
            InetAddress.getByName(bind.substring(0, colon).replace("[", "").replace("]", ""));
        } catch (UnknownHostException e) {
            throw new InvalidSetting("KRONFORCE_AGENT_BIND host '" + bind.substring(0, colon) + "' does not resolve");
        }
        String host = hostname();
        return new AgentSettings(
                URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                Optional.ofNullable(env.get("KRONFORCE_AGENT_KEY"))
                        .map(String::trim)
                        .filter(k -> !k.isEmpty()),
                text(env, "KRONFORCE_AGENT_NAME", host == null ? "agent-1" : host),
                text(env, "KRONFORCE_AGENT_ADDRESS", host == null ? "127.0.0.1" : host),
                bind.substring(0, colon).replace("[", "").replace("]", ""),
                port(bind.substring(colon + 1)),
                Arrays.stream(text(env, "KRONFORCE_AGENT_TAGS", "").split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList(),
                egressAllow(env),
                tls(() -> TlsFromEnv.serverFiles(
                        env, "KRONFORCE_TLS_CERT", "KRONFORCE_TLS_KEY", "KRONFORCE_TLS_CLIENT_CA")),
                tls(() -> controllerTrust(env)),
                Duration.ofSeconds(reloadSecs(text(env, "KRONFORCE_TLS_RELOAD_SECS", "60"))));
    }

    /**
     * How the controller is verified (JDK CAs plus {@code KRONFORCE_CONTROLLER_CA}) and the certificate
     * presented when it asks: {@code KRONFORCE_TLS_CLIENT_CERT}/{@code _KEY}, else the agent's server pair.
     */
    static SSLContext controllerTrust(Map<String, String> env) {
        return TlsFromEnv.trust(
                env,
                "KRONFORCE_CONTROLLER_CA",
                "KRONFORCE_TLS_CLIENT_CERT",
                "KRONFORCE_TLS_CLIENT_KEY",
                "KRONFORCE_TLS_CERT",
                "KRONFORCE_TLS_KEY");
    }

    private static int reloadSecs(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 86_400) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidSetting(
                "KRONFORCE_TLS_RELOAD_SECS must be a whole number from 0 to 86400, got '" + text + "'");
    }

    private static String egressAllow(Map<String, String> env) {
        String value = text(env, "KRONFORCE_EGRESS_ALLOW", "");
        try {
            EgressPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting("KRONFORCE_EGRESS_ALLOW: " + e.getMessage());
        }
        return value;
    }

    /** The environment with each secret's {@code _FILE} read in ({@link SecretFiles}). */
    static Map<String, String> withSecretFiles(Map<String, String> env) {
        try {
            return SecretFiles.resolve(env);
        } catch (SecretFiles.Invalid e) {
            throw new InvalidSetting(e.getMessage());
        }
    }

    /**
     * What every handler of this host is created with: {@code KRONFORCE_EGRESS_ALLOW}, and task
     * processes that start with this process's variables through {@code KRONFORCE_TASK_ENV_ALLOW}
     * (never the agent key: {@link TaskEnvironment}).
     */
    static HandlerSettings handlerSettings(Map<String, String> env) {
        return new HandlerSettings(
                EgressPolicy.parse(env.getOrDefault("KRONFORCE_EGRESS_ALLOW", "")), taskEnvironment(env));
    }

    private static TaskEnvironment taskEnvironment(Map<String, String> env) {
        try {
            return TaskEnvironment.of(System.getenv(), env.get(TaskEnvironment.ALLOW_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(e.getMessage());
        }
    }

    private static <T> T tls(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (TlsSetupException e) {
            throw new InvalidSetting(e.getMessage());
        }
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidSetting("KRONFORCE_AGENT_BIND port must be 0-65535, got '" + text + "'");
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
