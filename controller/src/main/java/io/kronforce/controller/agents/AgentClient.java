package io.kronforce.controller.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.worker.wire.CancelRequest;
import io.kronforce.worker.wire.ExecuteAck;
import io.kronforce.worker.wire.ExecuteRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The controller's calls to a standard agent's own server
 * (docs/reference/agent-protocol.md#push-the-agents-own-server): {@code /execute}, {@code /cancel}, {@code /shutdown},
 * each with the agent's key as Bearer and upstream's 10 s timeout. https for an agent that registered
 * {@code "tls": true} (ours, when it serves TLS) or listens on port 443 (upstream's only rule); the certificate is
 * verified against the JDK's CAs plus {@code KRONFORCE_AGENT_CA} (decision 0050). Thread-safe.
 */
final class AgentClient {
    private static final ObjectMapper JSON = JsonMapping.MAPPER;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;

    /** @param trust how an https agent is verified; empty: the JDK's default trust store */
    AgentClient(Optional<SSLContext> trust) {
        // The client hands each response from its selector thread to this executor: a virtual
        // thread is cheaper to start than waking a pooled platform thread (as the http task does).
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        trust.ifPresent(b::sslContext);
        this.http = b.build();
    }

    /** Pushes one run; the agent's answer, or an IOException when it could not be reached or answered nonsense. */
    ExecuteAck execute(Agent agent, String key, ExecuteRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = post(agent, key, "/execute", request);
        if (r.statusCode() / 100 != 2) {
            return new ExecuteAck(false, "HTTP " + r.statusCode() + " " + errorText(r.body()));
        }
        return JSON.readValue(r.body(), ExecuteAck.class);
    }

    /** Asks the agent to stop a run; best effort, the answer does not matter. */
    void cancel(Agent agent, String key, String executionId) throws IOException, InterruptedException {
        post(agent, key, "/cancel", new CancelRequest(executionId));
    }

    /** Asks the agent to exit; best effort. */
    void shutdown(Agent agent, String key) throws IOException, InterruptedException {
        post(agent, key, "/shutdown", java.util.Map.of());
    }

    private HttpResponse<byte[]> post(Agent agent, String key, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(base(agent).resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // The JDK's client often throws a ConnectException without a message: say what failed and where.
            throw new IOException(
                    "cannot reach agent '" + agent.name() + "' at " + base(agent) + " (" + reason(e) + ")", e);
        }
    }

    /** The first words in the cause chain that say why, e.g. "connection refused". */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return t.getMessage() == null || t.getMessage().isBlank()
                        ? "connection refused"
                        : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "no answer within " + TIMEOUT.toSeconds() + " s";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static URI base(Agent agent) {
        String host = agent.address().contains(":") && !agent.address().startsWith("[")
                ? "[" + agent.address() + "]"
                : agent.address();
        return URI.create((agent.tls() || agent.port() == 443 ? "https://" : "http://") + host + ":" + agent.port());
    }

    private static String errorText(byte[] body) {
        try {
            return JSON.readTree(body).path("error").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
