package io.kronforce.task.mqtt;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A broker and the identity to use there, from a task's {@code broker}, {@code port},
 * {@code username}, {@code password} and {@code client_id}. {@link #toString()} never shows the password.
 */
record MqttTarget(boolean tls, String host, int port, String username, String password, String clientId) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** @throws IllegalArgumentException with a message safe to show */
    static MqttTarget of(String broker, Integer port, String username, String password, String clientId) {
        boolean tls = false;
        String host = broker.strip();
        int urlPort = -1;
        if (host.contains("://")) {
            URI uri;
            try {
                uri = new URI(host);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("broker must be a host name or tcp://host:port");
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("tcp", "mqtt", "ssl", "mqtts").contains(scheme) || uri.getHost() == null) {
                throw new IllegalArgumentException("broker must be a host name or tcp://host:port (or ssl://)");
            }
            tls = scheme.equals("ssl") || scheme.equals("mqtts");
            host = uri.getHost().replaceAll("^\\[|]$", "");
            urlPort = uri.getPort();
        } else if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
            throw new IllegalArgumentException("broker must be a host name or tcp://host:port");
        }
        int chosen = port != null ? port : urlPort >= 0 ? urlPort : tls ? 8883 : 1883;
        String id = clientId == null || clientId.isEmpty()
                ? "kf-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                : clientId;
        return new MqttTarget(tls, host, chosen, username, password, id);
    }

    /** The check() rules shared by both task types: the broker, the port and the QoS. */
    static List<ConfigViolation> check(String broker, Integer port, Integer qos, String connection) {
        List<ConfigViolation> problems = new ArrayList<>();
        ConfigChecks.address("/broker", broker, connection, b -> of(b, port, null, null, null))
                .ifPresent(problems::add);
        if (port != null && (port < 1 || port > 65_535)) {
            problems.add(new ConfigViolation("/port", "port must be between 1 and 65535"));
        }
        if (qos != null && (qos < 0 || qos > 2)) {
            problems.add(new ConfigViolation("/qos", "qos must be 0, 1 or 2"));
        }
        return problems;
    }

    /** Connects with a clean session; connect and every later wait are bounded by {@code timeout}. */
    MqttClient connect(Duration timeout) throws MqttException {
        long millis = Math.max(1, Math.min(timeout.toMillis(), DEFAULT_TIMEOUT.toMillis()));
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        MqttClient client =
                new MqttClient((tls ? "ssl://" : "tcp://") + hostPart + ":" + port, clientId, new MemoryPersistence());
        client.setTimeToWait(millis);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, (millis + 999) / 1000));
        options.setKeepAliveInterval(30);
        if (username != null && !username.isEmpty()) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    /** Masks the password wherever a broker or client message repeats it. */
    String scrub(String text) {
        return text == null || password == null || password.length() < 3 ? text : text.replace(password, "****");
    }

    @Override
    public String toString() {
        String user = username == null || username.isEmpty() ? "" : username + (password == null ? "" : ":****") + "@";
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "ssl://" : "tcp://") + user + hostPart + ":" + port;
    }
}
