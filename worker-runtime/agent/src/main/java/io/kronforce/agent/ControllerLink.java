package io.kronforce.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.worker.wire.Heartbeat;
import io.kronforce.worker.wire.Protocol;
import io.kronforce.worker.wire.QueueItem;
import io.kronforce.worker.wire.Registration;
import io.kronforce.worker.wire.RegistrationAck;
import io.kronforce.worker.wire.ResultReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The agent's calls to the controller, each with the agent key as Bearer; an https controller's
 * certificate is verified (JDK CAs plus {@code KRONFORCE_CONTROLLER_CA}). Thread-safe.
 */
final class ControllerLink {
    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI controller;
    private final Optional<String> key;
    private final HttpClient http;

    /** @param trust how an https controller is verified; empty: the JDK's default trust store */
    ControllerLink(URI controller, Optional<String> key, Optional<SSLContext> trust) {
        this.controller = controller;
        this.key = key;
        HttpClient.Builder b =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
        trust.ifPresent(b::sslContext);
        this.http = b.build();
    }

    /** A refusal the agent cannot fix by retrying (wrong key, bad registration). */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
        }
    }

    RegistrationAck register(Registration r) throws IOException, InterruptedException {
        HttpResponse<byte[]> res = post(controller.resolve(Protocol.REGISTER_PATH), r);
        if (res.statusCode() != 200) {
            throw new Refused(res.statusCode(), new String(res.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readValue(res.body(), RegistrationAck.class);
    }

    /** Sends one heartbeat; the HTTP status (404: the controller forgot this agent). */
    int heartbeat(String agentId, List<String> running) throws IOException, InterruptedException {
        return post(controller.resolve(Protocol.heartbeatPath(agentId)), new Heartbeat(agentId, running))
                .statusCode();
    }

    /** What one queue poll got: the item, or nothing with the HTTP status (204: no work; 404: agent forgotten). */
    record Poll(Optional<QueueItem> item, int status) {}

    /** Long-polls the agent's queue for up to {@code waitSecs}. */
    Poll next(String agentId, int waitSecs) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        controller.resolve(Protocol.nextPath(agentId) + "?wait=" + waitSecs))
                .timeout(TIMEOUT.plusSeconds(waitSecs))
                .GET();
        key.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 200) {
            return new Poll(Optional.of(JSON.readValue(r.body(), QueueItem.class)), 200);
        }
        return new Poll(Optional.empty(), r.statusCode());
    }

    /**
     * What the controller answered a result with: the HTTP status, and the {@code status} member of
     * a JSON answer ({@code ok}; {@code ignored} when the run was cancelled meanwhile), else empty.
     */
    record Delivery(int status, String answer) {}

    /** Posts a result to the callback URL the work came with. */
    Delivery result(String callbackUrl, ResultReport report) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = post(URI.create(callbackUrl), report);
        String answer;
        try {
            answer = JSON.readTree(r.body()).path("status").asText("");
        } catch (IOException e) {
            answer = "";
        }
        return new Delivery(r.statusCode(), answer);
    }

    private HttpResponse<byte[]> post(URI uri, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        key.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
