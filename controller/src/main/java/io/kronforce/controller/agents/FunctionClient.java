package io.kronforce.controller.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.task.EgressPolicy;
import io.kronforce.worker.wire.ExecuteRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The controller's call to an HTTP function (Lambda function URL, Cloud Run, Knative): one POST of
 * the dispatch a push agent gets ({@link ExecuteRequest}), signed so the function can tell it
 * came from this controller. Headers: {@value #TIMESTAMP} (Unix seconds) and {@value #SIGNATURE}
 * = {@code v1=} + lowercase hex of HMAC-SHA256(secret, timestamp + "." + body bytes). The URL must
 * pass the egress policy; redirects are not followed. Thread-safe.
 */
final class FunctionClient {
    static final String TIMESTAMP = "X-Kronforce-Timestamp";
    static final String SIGNATURE = "X-Kronforce-Signature";
    private static final ObjectMapper JSON = JsonMapping.MAPPER;
    private static final Duration CONNECT = Duration.ofSeconds(10);

    private final EgressPolicy egress;
    private final InstantSource clock;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    FunctionClient(EgressPolicy egress, InstantSource clock) {
        this.egress = egress;
        this.clock = clock;
    }

    /** The function's HTTP answer. */
    record Answer(int status, byte[] body) {}

    /**
     * Posts the signed dispatch and waits up to {@code timeout} for the answer.
     *
     * @throws io.kronforce.task.EgressDeniedException when the policy refuses the URL's host
     * @throws IOException when the function cannot be reached or does not answer in time
     */
    Answer post(URI url, String secret, ExecuteRequest request, Duration timeout)
            throws IOException, InterruptedException {
        egress.check(url);
        byte[] body = JSON.writeValueAsBytes(request);
        String timestamp = Long.toString(clock.millis() / 1000);
        HttpRequest req = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "v1=" + sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body());
    }

    /** HMAC-SHA256 over {@code timestamp + "." + body}, lowercase hex. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
