package io.kronforce.task.redis;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A Redis server as a task names it: {@code redis://[user:password@]host[:port][/db]}, or
 * {@code rediss://} for TLS. {@link #toString()} masks the password; parse errors never quote the URL.
 */
record RedisTarget(boolean tls, String host, int port, String user, String password, int database) {

    static final int DEFAULT_PORT = 6379;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param fallbackPassword the task's {@code password} field, used when the URL has none
     * @throws IllegalArgumentException with a message safe to show
     */
    static RedisTarget parse(String url, String fallbackPassword) {
        String expected = "url must look like redis://[user:password@]host[:port][/db]";
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException(expected); // not e.getMessage(): it quotes the password
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
            throw new IllegalArgumentException(expected);
        }
        String user = null;
        String password = fallbackPassword == null || fallbackPassword.isEmpty() ? null : fallbackPassword;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            String name = decode(colon < 0 ? "" : info.substring(0, colon));
            user = name.isEmpty() ? null : name;
            // redis://secret@host is redis-cli's password-only form
            password = decode(colon < 0 ? info : info.substring(colon + 1));
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        int database;
        try {
            database = path.isEmpty() ? 0 : Integer.parseInt(path);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("url path must be a database number, e.g. redis://host:6379/0");
        }
        return new RedisTarget(
                scheme.equals("rediss"),
                uri.getHost().replaceAll("^\\[|]$", ""),
                uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                user,
                password,
                database);
    }

    /** The check() rule for the url field of both redis task types. */
    static Optional<ConfigViolation> check(String url, String connection) {
        return ConfigChecks.address("/url", url, connection, u -> parse(u, null));
    }

    /** Connects and authenticates; every socket wait is bounded by {@code timeout}. */
    Jedis connect(Duration timeout) {
        int millis = (int) Math.max(1, Math.min(timeout.toMillis(), DEFAULT_TIMEOUT.toMillis()));
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .database(database)
                .ssl(tls)
                .clientName("kronforce");
        if (user != null) {
            config.user(user);
        }
        if (password != null) {
            config.password(password);
        }
        // Connects, authenticates and selects the database right here (no extra PING round trip:
        // bench B7 showed it), so a refused login surfaces before any command is sent.
        return new Jedis(new HostAndPort(host, port), config.build());
    }

    /** Masks the password wherever a server or client message repeats it. */
    String scrub(String text) {
        return text == null || password == null || password.length() < 3 ? text : text.replace(password, "****");
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String credentials =
                password == null ? (user == null ? "" : user + "@") : (user == null ? "" : user) + ":****@";
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "rediss://" : "redis://") + credentials + hostPart + ":" + port + "/" + database;
    }
}
