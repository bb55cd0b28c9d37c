package io.kronforce.controller.assistant;

import io.kronforce.task.EgressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * The one way the AI SDKs reach the network: each request's host passes the {@link EgressPolicy}
 * before anything is sent (a refused host never sees a connection), redirects are never followed
 * (a redirect would carry the key somewhere the policy has not vetted), the answer is read to at
 * most {@value #MAX_ANSWER_BYTES} bytes. Thread-safe; the JDK client is built on first use, so a
 * controller that never uses AI never starts its selector thread.
 */
final class EgressHttp {
    static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final EgressPolicy egress;
    private HttpClient client;

    EgressHttp(EgressPolicy egress) {
        this.egress = egress;
    }

    /** One request as the SDK adapters hand it over. */
    record Outbound(String method, URI uri, Map<String, List<String>> headers, byte[] body, Duration timeout) {}

    /** A request body as the SDKs hold it: something that writes itself. */
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /** The headers of an SDK request, with the body's content type when the SDK keeps it on the body. */
    static Map<String, List<String>> headers(
            Set<String> names, java.util.function.Function<String, List<String>> values, String contentType) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        names.forEach(name -> out.put(name, values.apply(name)));
        if (contentType != null && out.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            out.put("Content-Type", List.of(contentType));
        }
        return out;
    }

    /** The bytes of an SDK request body; empty for none. */
    static byte[] bytes(BodyWriter body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    /** The answer, fully read. */
    record Inbound(int status, Map<String, List<String>> headers, byte[] body) {}

    /**
     * Sends one request.
     *
     * @throws io.kronforce.task.EgressDeniedException when the policy refuses the host (nothing was sent)
     * @throws IOException when the host cannot be reached, does not answer in time, or answers too much
     */
    Inbound send(Outbound out) throws IOException, InterruptedException {
        egress.check(out.uri());
        HttpRequest.Builder b = HttpRequest.newBuilder(out.uri())
                .timeout(out.timeout())
                .method(
                        out.method(),
                        out.body().length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(out.body()));
        out.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        HttpResponse<InputStream> answer = client().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = answer.body()) {
            byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                throw new IOException("the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            return new Inbound(answer.statusCode(), answer.headers().map(), body);
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
        }
        return client;
    }
}
