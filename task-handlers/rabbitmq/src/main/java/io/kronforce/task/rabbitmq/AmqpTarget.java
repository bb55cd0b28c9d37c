package io.kronforce.task.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A broker as a task names it: {@code amqp://[user:password@]host[:port][/vhost]} or {@code amqps://}.
 * {@link #toString()} masks the password; parse errors never quote the URL, which may hold it.
 */
record AmqpTarget(URI uri, String host, String user, String password) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** @throws IllegalArgumentException with a message safe to show */
    static AmqpTarget parse(String url) {
        String expected = "url must look like amqp://user:password@host:5672/vhost";
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException(expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps") || uri.getHost() == null) {
            throw new IllegalArgumentException(expected);
        }
        String info = uri.getUserInfo();
        String user = info == null ? null : info.contains(":") ? info.substring(0, info.indexOf(':')) : info;
        String password = info == null || !info.contains(":") ? null : info.substring(info.indexOf(':') + 1);
        return new AmqpTarget(uri, uri.getHost().replaceAll("^\\[|]$", ""), user, password);
    }

    /** The check() rule for the url field of both rabbitmq task types. */
    static Optional<ConfigViolation> check(String url, String connection) {
        return ConfigChecks.address("/url", url, connection, AmqpTarget::parse);
    }

    /** A factory for this broker whose every wait is bounded by {@code timeout}; no automatic recovery. */
    ConnectionFactory factory(Duration timeout) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "url cannot be used: " + e.getClass().getSimpleName());
        }
        int millis = (int) Math.max(1, Math.min(timeout.toMillis(), DEFAULT_TIMEOUT.toMillis()));
        factory.setConnectionTimeout(millis);
        factory.setHandshakeTimeout(millis);
        factory.setShutdownTimeout(millis);
        factory.setChannelRpcTimeout(millis);
        // A task is one short conversation: a dropped connection is reported, not silently re-opened.
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }

    /** Masks the password wherever a broker or client message repeats it. */
    String scrub(String text) {
        return text == null || password == null || password.length() < 3 ? text : text.replace(password, "****");
    }

    @Override
    public String toString() {
        String credentials = user == null ? "" : user + (password == null ? "" : ":****") + "@";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return uri.getScheme() + "://" + credentials + hostPart + port
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
