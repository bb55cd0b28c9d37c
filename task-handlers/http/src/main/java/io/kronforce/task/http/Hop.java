package io.kronforce.task.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One request in a redirect chain: what to send where, and what the next hop is after a redirect.
 *
 * @param method upper-case HTTP method
 * @param uri absolute target
 * @param body UTF-8 body, or {@code null}
 * @param headers headers as configured; restricted ones are skipped when building the request
 */
record Hop(String method, URI uri, String body, Map<String, String> headers) {

    /** Headers the client computes itself (framing, target, connection); a caller's copy is skipped. */
    static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** Credentials that must not follow a redirect to another origin (as curl and browsers do). */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

    /** The first hop of a task. */
    static Hop first(HttpTask task) {
        String method = task.method() == null ? "GET" : task.method().toUpperCase(Locale.ROOT);
        return new Hop(method, URI.create(task.url()), task.body(), task.headers());
    }

    /**
     * Sends this hop on the calling thread and returns the response, whose entity the caller reads
     * and closes; {@code timeout} bounds each wait for the server (connect, then every read). With
     * {@code fresh}, the request goes on a new connection that is closed after this exchange
     * ({@code Connection: close}) instead of one from the client's keep-alive pool.
     */
    HttpClientResponse send(Http1Client client, Duration timeout, boolean fresh) {
        Http1ClientRequest request = client.method(Method.create(method))
                .uri(uri)
                .readTimeout(timeout)
                .keepAlive(!fresh);
        headers.forEach((name, value) -> {
            if (value != null && !RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(HeaderNames.create(name), value);
            }
        });
        return body == null ? request.request() : request.submit(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The hop a redirect response ({@code status}, its {@code Location} header) points at; empty
     * when the response is not a followable redirect. 303, and 301/302 after a POST, become a GET
     * without body; 307 and 308 keep method and body.
     *
     * @throws IOException when the Location header is not a usable http(s) URL
     */
    Optional<Hop> redirect(int status, Optional<String> location) throws IOException {
        if (!REDIRECT_STATUSES.contains(status) || location.isEmpty()) {
            return Optional.empty();
        }
        URI target = resolve(location.get());
        Map<String, String> kept = sameOrigin(uri, target) ? headers : without(headers, CREDENTIAL_HEADERS);
        boolean toGet = status == 303 || ((status == 301 || status == 302) && method.equals("POST"));
        if (toGet) {
            return Optional.of(new Hop("GET", target, null, without(kept, Set.of("content-type"))));
        }
        return Optional.of(new Hop(method, target, body, kept));
    }

    private URI resolve(String location) throws IOException {
        URI target;
        try {
            target = uri.resolve(new URI(location));
        } catch (URISyntaxException e) {
            throw new IOException("invalid redirect location '" + location + "'", e);
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("redirect to unsupported URL '" + location + "'");
        }
        return target;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && String.valueOf(a.getHost()).equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static Map<String, String> without(Map<String, String> headers, Set<String> dropped) {
        Map<String, String> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(name -> dropped.contains(name.toLowerCase(Locale.ROOT)));
        return kept;
    }
}
