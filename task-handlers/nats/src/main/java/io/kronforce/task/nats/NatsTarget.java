package io.kronforce.task.nats;

import io.nats.client.Options;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A NATS server as a task names it. The credentials are taken out of the URL and handed to the
 * client separately, so the server URL the client logs and reports never carries them;
 * {@link #toString()} masks them.
 */
record NatsTarget(String scheme, String host, int port, String user, String secret) {

    static final int DEFAULT_PORT = 4222;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** @throws IllegalArgumentException with a message safe to show */
    static NatsTarget parse(String url) {
        String expected = "url must look like nats://[user:password@]host:4222";
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException(expected); // not e.getMessage(): it quotes the secret
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("nats", "tls").contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException(expected);
        }
        String info = uri.getUserInfo();
        String user = info == null ? null : info.contains(":") ? info.substring(0, info.indexOf(':')) : null;
        // nats://token@host: a lone user-info part is a token, as the NATS clients read it
        String secret = info == null ? null : info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
        return new NatsTarget(
                scheme,
                uri.getHost().replaceAll("^\\[|]$", ""),
                uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                user,
                secret);
    }

    /** Client options: one server, no reconnects, connect bounded by {@code timeout}. */
    Options options(Duration timeout) {
        Duration connect = timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        Options.Builder builder = Options.builder()
                .server(scheme + "://" + hostPart + ":" + port)
                .connectionName("kronforce")
                .connectionTimeout(connect)
                .noReconnect()
                .reportNoResponders()
                // The client would print every connection problem to stderr by default.
                .errorListener(new io.nats.client.ErrorListener() {});
        if (user != null) {
            builder.userInfo(user.toCharArray(), secret.toCharArray());
        } else if (secret != null) {
            builder.token(secret.toCharArray());
        }
        return builder.build();
    }

    /** Masks the secret wherever a server or client message repeats it. */
    String scrub(String text) {
        return text == null || secret == null || secret.length() < 3 ? text : text.replace(secret, "****");
    }

    @Override
    public String toString() {
        String credentials = secret == null ? "" : (user == null ? "" : user + ":") + "****@";
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + credentials + hostPart + ":" + port;
    }
}
