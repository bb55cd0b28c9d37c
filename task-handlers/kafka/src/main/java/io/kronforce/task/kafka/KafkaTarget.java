package io.kronforce.task.kafka;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The brokers of a task and the identity to use there: bootstrap servers from {@code broker},
 * SASL credentials from {@code username}/{@code password}, and the few client properties a task
 * may set. {@link #toString()} never shows the password.
 */
record KafkaTarget(List<Server> servers, String username, String password, Map<String, String> extra) {

    static final int DEFAULT_PORT = 9092;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The longest single request. It also bounds how long a cancelled producer keeps its socket:
     * the producer's I/O thread finishes a pending connection handshake before it honours a close.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Client properties a task may set. Everything else stays ours: the bootstrap list (it passed
     * the egress policy), acknowledgements, serializers, and anything naming a class to load.
     */
    static final Set<String> ALLOWED_PROPERTIES = Set.of(
            "client.id",
            "compression.type",
            "max.request.size",
            "security.protocol",
            "sasl.mechanism",
            "ssl.endpoint.identification.algorithm");

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    /** One bootstrap server. */
    record Server(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** @throws IllegalArgumentException with a message safe to show */
    static KafkaTarget of(String broker, String properties, String username, String password) {
        return new KafkaTarget(
                servers(broker),
                username == null || username.isEmpty() ? null : username,
                password,
                properties(properties));
    }

    /** {@code host[:port]} entries, comma-separated; {@code [v6]:port} for IPv6 literals. */
    static List<Server> servers(String broker) {
        List<Server> servers = new ArrayList<>();
        for (String raw : broker.split(",", -1)) {
            String entry = raw.strip();
            if (entry.contains("://")) {
                // upstream's kafka-console tools take host:port only; a PLAINTEXT:// prefix is common in configs
                entry = entry.substring(entry.indexOf("://") + 3);
            }
            servers.add(server(entry));
        }
        return List.copyOf(servers);
    }

    private static Server server(String entry) {
        String expected = "broker must be host:port, comma-separated for several";
        String host = entry;
        int port = DEFAULT_PORT;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(expected);
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            port = rest.isEmpty() ? DEFAULT_PORT : port(rest.startsWith(":") ? rest.substring(1) : "x", expected);
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = port(entry.substring(entry.indexOf(':') + 1), expected);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
            throw new IllegalArgumentException(expected);
        }
        return new Server(host, port);
    }

    private static int port(String text, String expected) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(expected);
    }

    /**
     * Upstream appended each token of {@code properties} to the console producer's command line;
     * here each {@code name=value} token is a client property from {@link #ALLOWED_PROPERTIES}, and
     * flags such as {@code --producer-property} are skipped.
     */
    static Map<String, String> properties(String text) {
        Map<String, String> found = new HashMap<>();
        if (text == null) {
            return Map.of();
        }
        for (String token : text.strip().split("\\s+")) {
            if (token.isEmpty() || token.startsWith("--")) {
                continue;
            }
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            if (eq < 1 || !ALLOWED_PROPERTIES.contains(name)) {
                throw new IllegalArgumentException("properties may set only "
                        + ALLOWED_PROPERTIES.stream().sorted().collect(Collectors.joining(", ")) + " as name=value; '"
                        + name + "' is not one of them");
            }
            String value = token.substring(eq + 1);
            boolean allowedValue = switch (name) {
                case "security.protocol" -> PROTOCOLS.contains(value.toUpperCase(Locale.ROOT));
                case "sasl.mechanism" -> MECHANISMS.contains(value.toUpperCase(Locale.ROOT));
                default -> !value.isEmpty();
            };
            if (!allowedValue) {
                throw new IllegalArgumentException("properties: '" + value + "' is not a valid " + name);
            }
            found.put(name, value);
        }
        return Map.copyOf(found);
    }

    /** The check() rules of the broker and properties fields. */
    static List<ConfigViolation> check(String broker, String properties, String connection) {
        List<ConfigViolation> problems = new ArrayList<>();
        ConfigChecks.address("/broker", broker, connection, KafkaTarget::servers)
                .ifPresent(problems::add);
        if (properties != null && !properties.contains("{{")) {
            try {
                properties(properties);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigViolation("/properties", e.getMessage()));
            }
        }
        return problems;
    }

    /** Passes every bootstrap host through the egress policy, before any connection. */
    Optional<String> refusedBy(EgressPolicy egress) {
        for (Server s : servers) {
            try {
                egress.checkHost(s.host());
            } catch (EgressDeniedException e) {
                return Optional.of("connection to " + s + " refused: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The client configuration both task types share: the bootstrap list, SASL when a user is set,
     * the allowed extra properties, and network waits bounded by {@code timeout}.
     */
    Map<String, Object> clientConfig(Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                servers.stream().map(Server::toString).collect(Collectors.joining(",")));
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kronforce");
        int millis = (int) Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        // One request waits at most REQUEST_TIMEOUT; whole operations (retries included) get the budget.
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(millis, REQUEST_TIMEOUT.toMillis()));
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        // One short conversation per run: do not hammer an unreachable broker in a tight loop.
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, 100);
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        if (username != null) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
            config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas());
        }
        config.putAll(extra);
        return config;
    }

    private String jaas() {
        String module = switch (extra.getOrDefault("sasl.mechanism", "PLAIN").toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            default -> "org.apache.kafka.common.security.scram.ScramLoginModule";
        };
        return module + " required username=\"" + quoted(username) + "\" password=\""
                + quoted(password == null ? "" : password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Masks the password wherever a broker or client message repeats it. */
    String scrub(String text) {
        return text == null || password == null || password.length() < 3 ? text : text.replace(password, "****");
    }

    @Override
    public String toString() {
        String user = username == null ? "" : username + (password == null ? "" : ":****") + "@";
        return user + servers.stream().map(Server::toString).collect(Collectors.joining(","));
    }
}
