package io.kronforce.controller.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.controller.domain.Times;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a finished run to its job's {@code forward_url} (docs/reference/output-rules.md): one POST, 10 s timeout, no
 * redirects, on a virtual thread of its own so the finish path never waits for it; the URL's host
 * must pass the controller's {@link EgressPolicy} first. Failures are logged, never retried.
 * At most {@value #MAX_IN_FLIGHT} forwards are in flight; beyond that one is dropped and logged,
 * so a slow receiver cannot pile up threads. Thread-safe.
 */
public final class OutputForwarder {
    static final int MAX_IN_FLIGHT = 64;
    private static final int MAX_STREAM_BYTES = 100_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(OutputForwarder.class.getName());
    private static final ObjectMapper JSON = JsonMapping.MAPPER;

    private final EgressPolicy egress;
    private final HttpClient client;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    public OutputForwarder(EgressPolicy egress) {
        this.egress = egress;
        this.client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One finished run as the forward payload describes it; {@code startedAtMs} may be null. */
    public record Payload(
            String jobId,
            String executionId,
            String status,
            Integer exitCode,
            String stdout,
            String stderr,
            Long startedAtMs,
            long finishedAtMs) {}

    /** Starts the POST and returns at once. */
    public void forward(String url, Payload payload) {
        if (!inFlight.tryAcquire()) {
            warn(payload, "dropped: " + MAX_IN_FLIGHT + " forwards already in flight");
            return;
        }
        Thread.ofVirtual().name("output-forward-", 0).start(() -> {
            try {
                send(URI.create(url), payload);
            } finally {
                inFlight.release();
            }
        });
    }

    private void send(URI url, Payload payload) {
        try {
            egress.check(url); // before anything is sent
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body(payload))))
                    .build();
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 300) {
                warn(payload, "answered " + status);
            }
        } catch (EgressDeniedException e) {
            warn(payload, "refused: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            warn(payload, "failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void warn(Payload p, String what) {
        RunLogRecord.log(
                LOG,
                Level.WARNING,
                "output forward for execution " + p.executionId() + " " + what,
                p.executionId(),
                p.jobId(),
                null);
    }

    static ObjectNode body(Payload p) {
        ObjectNode body = JSON.createObjectNode()
                .put("job_id", p.jobId())
                .put("execution_id", p.executionId())
                .put("status", p.status());
        body.put("exit_code", p.exitCode());
        body.put("stdout", cut(p.stdout())).put("stderr", cut(p.stderr()));
        body.put("started_at", Times.formatNullable(p.startedAtMs()))
                .put("finished_at", Times.format(p.finishedAtMs()));
        return body;
    }

    /** The first 100,000 bytes of UTF-8, never splitting a character. */
    static String cut(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_STREAM_BYTES) {
            return text;
        }
        int end = MAX_STREAM_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // back off continuation bytes to the start of the cut character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
