package io.kronforce.controller.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kronforce.controller.testing.Jobs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A standard (push) agent that behaves as upstream's {@code kronforce-agent} does, written from
 * the wire protocol (docs/reference/agent-protocol.md) and not with our agent's code: it registers
 * once when it starts and never again, heartbeats at the interval the registration answered
 * (a failed heartbeat is only noted), serves {@code /execute}, {@code /cancel} and
 * {@code /shutdown} to callers presenting its key and {@code /health} to anyone, on 127.0.0.1
 * port 0, and posts each result to the dispatch's {@code callback_url} with its key, up to five
 * attempts, retrying on every answer that is not a 2xx. It runs nothing: a task whose command is
 * {@code hold} waits until it is cancelled (then reports {@code cancelled}); any other reports
 * {@code succeeded} with {@code ran: <command>}.
 */
final class UpstreamPushAgent implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;

    /** One answer to one result post. */
    record Delivery(String executionId, int status, String body) {}

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
    private final String controller;
    private final String key;
    private final Duration backoffUnit;
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private volatile String agentId;
    private volatile boolean closed;

    final CopyOnWriteArrayList<JsonNode> dispatches = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Integer> heartbeatStatuses = new CopyOnWriteArrayList<>();
    /** The last report posted for each execution, as sent. */
    final Map<String, ObjectNode> reports = new ConcurrentHashMap<>();

    /**
     * @param backoffUnit upstream sleeps 2^attempt seconds between attempts; a test scales the second down to this
     */
    private UpstreamPushAgent(String controller, String key, Duration backoffUnit) throws IOException {
        this.controller = controller;
        this.key = key;
        this.backoffUnit = backoffUnit;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/execute", ex -> guarded(ex, this::execute));
        server.createContext("/cancel", ex -> guarded(ex, this::cancel));
        server.createContext("/shutdown", ex -> guarded(ex, e -> answer(e, 200, "{\"status\":\"shutting_down\"}")));
        server.createContext("/health", ex -> answer(ex, 200, "{\"status\":\"ok\"}"));
        server.start();
    }

    /** Starts the server, registers once and starts heartbeating. */
    static UpstreamPushAgent start(
            String controllerUrl, String key, String name, List<String> tags, Duration backoffUnit)
            throws IOException, InterruptedException {
        UpstreamPushAgent agent = new UpstreamPushAgent(controllerUrl, key, backoffUnit);
        agent.register(name, tags);
        return agent;
    }

    String agentId() {
        return agentId;
    }

    private void register(String name, List<String> tags) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode()
                .put("name", name)
                .put("hostname", "upstream-host")
                .put("address", "127.0.0.1")
                .put("port", server.getAddress().getPort())
                .put("agent_type", "standard")
                .putNull("task_types");
        tags.forEach(body.putArray("tags")::add);
        body.putObject("system_info")
                .put("os", "linux")
                .put("arch", "x86_64")
                .put("cpus", 2)
                .put("agent_version", "0.2.3-alpha");
        HttpResponse<String> r = send(URI.create(controller + "/api/agents/register"), body);
        if (r.statusCode() != 200) {
            throw new IOException("registration answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode ack = JSON.readTree(r.body());
        agentId = ack.path("agent_id").asText();
        long every = ack.path("heartbeat_interval_secs").asLong();
        beats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.SECONDS);
    }

    /** Stops heartbeating, as an agent cut off from the controller would; it still serves its routes. */
    void silence() {
        beats.shutdownNow();
    }

    /** One heartbeat now, besides the scheduled ones (a test that steps the controller's clock). */
    void beatNow() {
        heartbeat();
    }

    private void heartbeat() {
        ObjectNode body = JSON.createObjectNode().put("agent_id", agentId);
        held.keySet().forEach(body.putArray("running_executions")::add);
        try {
            heartbeatStatuses.add(send(URI.create(controller + "/api/agents/" + agentId + "/heartbeat"), body)
                    .statusCode());
        } catch (IOException e) {
            heartbeatStatuses.add(-1); // the controller is down (restarting): noted, never re-registered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(HttpExchange ex) throws IOException {
        JsonNode dispatch = JSON.readTree(ex.getRequestBody().readAllBytes());
        dispatches.add(dispatch);
        String command = dispatch.path("task").path("command").asText();
        CountDownLatch cancelled = new CountDownLatch(1);
        String id = dispatch.path("execution_id").asText();
        if ("hold".equals(command)) {
            held.put(id, cancelled);
        }
        Thread.ofVirtual().start(() -> runAndReport(dispatch, command, cancelled));
        answer(ex, 200, "{\"accepted\":true,\"message\":null}");
    }

    private void runAndReport(JsonNode dispatch, String command, CountDownLatch cancelled) {
        String started = Instant.now().toString();
        boolean wasCancelled = false;
        if ("hold".equals(command)) {
            try {
                wasCancelled = cancelled.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (closed) {
            return;
        }
        String id = dispatch.path("execution_id").asText();
        ObjectNode report = JSON.createObjectNode()
                .put("execution_id", id)
                .put("job_id", dispatch.path("job_id").asText())
                .put("agent_id", agentId)
                .put("status", wasCancelled ? "cancelled" : "succeeded")
                .put("exit_code", wasCancelled ? -1 : 0)
                .put("stdout", wasCancelled ? "" : "ran: " + command + "\n")
                .put("stderr", wasCancelled ? "cancelled" : "")
                .put("stdout_truncated", false)
                .put("stderr_truncated", false)
                .put("started_at", started)
                .put("finished_at", Instant.now().toString());
        reports.put(id, report);
        deliver(dispatch.path("callback_url").asText(), report);
    }

    /** Upstream's retry loop: every answer but a 2xx is retried, five attempts in all. */
    private void deliver(String callbackUrl, ObjectNode report) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Delivery d = post(callbackUrl, report);
            if (d.status() / 100 == 2 || attempt == ATTEMPTS) {
                return;
            }
            try {
                Thread.sleep(backoffUnit.multipliedBy(1L << attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Posts a report to a callback URL once, as the agent would; the answer is noted and returned. */
    Delivery post(String callbackUrl, JsonNode report) {
        String id = report.path("execution_id").asText();
        Delivery d;
        try {
            HttpResponse<String> r = send(URI.create(callbackUrl), report);
            d = new Delivery(id, r.statusCode(), r.body());
        } catch (IOException e) {
            d = new Delivery(id, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            d = new Delivery(id, -1, "interrupted");
        }
        deliveries.add(d);
        return d;
    }

    /** The answers to every post of a result of this execution, in order. */
    List<Delivery> deliveriesOf(String executionId) {
        return deliveries.stream()
                .filter(d -> d.executionId().equals(executionId))
                .toList();
    }

    /** A shell job targeted at this agent by id, under a fresh name. */
    Jobs job(String command) {
        return Jobs.shell(Jobs.uniqueName("on-upstream-agent"), command)
                .with("target", JSON.createObjectNode().put("type", "agent").put("agent_id", agentId));
    }

    /** The callback URL the dispatch of this execution came with. */
    String callbackUrl(String executionId) {
        return dispatches.stream()
                .filter(d -> d.path("execution_id").asText().equals(executionId))
                .map(d -> d.path("callback_url").asText())
                .findFirst()
                .orElseThrow();
    }

    private void cancel(HttpExchange ex) throws IOException {
        String id = JSON.readTree(ex.getRequestBody().readAllBytes())
                .path("execution_id")
                .asText();
        CountDownLatch latch = held.remove(id);
        if (latch == null) {
            answer(ex, 200, "{\"cancelled\":false,\"message\":\"not running\"}");
            return;
        }
        latch.countDown();
        answer(ex, 200, "{\"cancelled\":true}");
    }

    private HttpResponse<String> send(URI uri, JsonNode body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    /** The agent's key check on its own routes, as upstream's: constant-time compare, else 401. */
    private void guarded(HttpExchange ex, Handler h) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        byte[] presented = (auth == null ? "" : auth).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, ("Bearer " + key).getBytes(StandardCharsets.UTF_8))) {
            ex.getRequestBody().readAllBytes();
            answer(ex, 401, "{\"error\":\"invalid or missing agent key\"}");
            return;
        }
        h.handle(ex);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        closed = true;
        beats.shutdownNow();
        held.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        http.close();
    }
}
