package io.kronforce.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B9 and B10, the worker runtime (targets P6/P7). B9: N pull workers long-poll one controller (virtual
 * threads in this driver, one HTTP connection each); trigger → the worker holding the item, one
 * trigger at a time, against the same with a single worker (P6's baseline); then
 * a burst of triggers from C clients and the claim + result cycles per second until every one is
 * reported, against plain loopback round trips per second. B10: a standard agent (a JDK server in
 * this driver that accepts {@code /execute} and posts the result back) — trigger → {@code /execute}
 * received, against a plain loopback round trip to that same server.
 */
final class WorkerBench {
    private static final int SAMPLES = 200;
    private static final String RESULT = """
            {"execution_id":"%s","job_id":"%s","agent_id":"%s","status":"succeeded","exit_code":0,"stdout":"",\
            "stderr":"","stdout_truncated":false,"stderr_truncated":false,"started_at":"2026-01-01T00:00:00Z",\
            "finished_at":"2026-01-01T00:00:01Z"}""";

    private final BenchContext ctx;
    private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
    /** Executions whose result the controller accepted (200 from the callback). */
    private final java.util.Set<String> reported = ConcurrentHashMap.newKeySet();

    WorkerBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void rep(int rep, Controller controller, OkServer ok) throws IOException, InterruptedException {
        HttpApi api = controller.api();
        if (ctx.options().wants("b9")) {
            pull(rep, api, ok);
        }
        if (ctx.options().wants("b10")) {
            push(rep, api);
        }
    }

    /**
     * B9: trigger → claim with one long-polling worker (target P6's baseline), then with N in one
     * pool, each figure from its own pool so neither set of pollers serves the other's runs; the
     * burst runs against the N.
     */
    @SuppressWarnings("try") // Pool.close() waits for its pollers and may be interrupted: the bench stops then
    private void pull(int rep, HttpApi api, OkServer ok) throws IOException, InterruptedException {
        int n = ctx.options().workers();
        try (Pool solo = pool(api, rep, "solo", 1);
                Pool many = pool(api, rep, "many", n)) {
            sequential(api, solo.job()); // warm-up: the first figure must not carry the JIT's start
            long[] one = sequential(api, solo.job());
            long[] all = sequential(api, many.job());
            String label = " (" + n + " workers)";
            add("B9 pull: trigger to claim, p50" + label, rep, all, one, 50, "same, 1 worker, p50");
            add("B9 pull: trigger to claim, p99" + label, rep, all, one, 99, "same, 1 worker, p99");
            burst(rep, api, many.job(), ok);
        }
    }

    /** Workers of one pool polling on virtual threads, and a job targeted at the pool. */
    @SuppressWarnings("try") // close() waits for the pollers and may be interrupted: the bench stops then
    private record Pool(String job, java.util.concurrent.ExecutorService pollers) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            pollers.shutdownNow();
            pollers.awaitTermination(15, TimeUnit.SECONDS);
        }
    }

    private Pool pool(HttpApi api, int rep, String name, int workers) throws IOException, InterruptedException {
        String tag = "bench-" + name + "-" + rep;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ids.add(JsonFields.get(check(api.post("/api/agents/register", """
                    {"name":"%s-%d","tags":["%s"],"hostname":"bench","address":"0.0.0.0","port":0,\
                    "agent_type":"custom"}""".formatted(tag, i, tag))), "agent_id"));
        }
        String job = JsonFields.get(check(api.post("/api/jobs", """
                {"name":"bench-pull-%s","task":{"type":"custom","agent_task_type":"bench","data":{}},\
                "target":{"type":"tagged","tag":"%s"},"schedule":{"type":"on_demand"}}""".formatted(tag, tag))), "id");
        var pollers = Executors.newVirtualThreadPerTaskExecutor();
        ids.forEach(id -> pollers.submit(() -> poll(api, id)));
        return new Pool(job, pollers);
    }

    private Void poll(HttpApi api, String agentId) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                HttpApi.Response r = api.get("/api/agent-queue/" + agentId + "/next?wait=5");
                if (r.status() == 200) {
                    long at = System.nanoTime();
                    String execution = JsonFields.get(r.body(), "execution_id");
                    arrival(execution).complete(at);
                    URI callback = URI.create(JsonFields.get(r.body(), "callback_url"));
                    if (api.post(
                                            callback.getRawPath() + "?" + callback.getRawQuery(),
                                            RESULT.formatted(execution, JsonFields.get(r.body(), "job_id"), agentId))
                                    .status()
                            == 200) {
                        reported.add(execution);
                    }
                }
            } catch (IOException e) {
                Thread.sleep(100); // a poll cut by the controller's or the client's timeout; poll again
            }
        }
        return null;
    }

    /** Trigger → arrival at the worker, one at a time. */
    private long[] sequential(HttpApi api, String job) throws IOException, InterruptedException {
        long[] out = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long t0 = System.nanoTime();
            String execution = JsonFields.get(check(api.post("/api/jobs/" + job + "/trigger")), "execution_id");
            try {
                out[i] = arrival(execution).get(ctx.options().hardLimit().toSeconds(), TimeUnit.SECONDS) - t0;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("execution " + execution + " never reached a worker", e);
            }
        }
        java.util.Arrays.sort(out);
        return out;
    }

    private void burst(int rep, HttpApi api, String job, OkServer ok) throws IOException, InterruptedException {
        BenchOptions o = ctx.options();
        int total = Math.min(o.triggers(), 2_000);
        // Only this burst's runs count: a result of the sequential phase may still be on its way.
        java.util.Set<String> mine = ConcurrentHashMap.newKeySet();
        AtomicLong left = new AtomicLong(total);
        long t0 = System.nanoTime();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < o.clients(); c++) {
                clients.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        mine.add(JsonFields.get(check(api.post("/api/jobs/" + job + "/trigger")), "execution_id"));
                    }
                    return null;
                });
            }
        }
        long deadline = t0 + o.hardLimit().toNanos();
        while (done(mine) < total && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long done = done(mine);
        HttpApi plain = new HttpApi(URI.create(ok.url()), null);
        LoadRunner.Result base = LoadRunner.run(
                o.clients(), o.warmup(), o.duration(), () -> plain.get("/ok").status() == 200);
        ctx.results()
                .add(
                        "B9 pull: claim + result cycles/s (" + o.clients() + " triggering clients)",
                        "1/s",
                        "loopback round trips/s, same clients",
                        rep,
                        done / seconds,
                        base.perSecond());
        ctx.results()
                .note("B9 rep=" + rep + " workers=" + o.workers() + " burst=" + total + " reported=" + done
                        + " seconds=" + seconds + " load=" + BenchContext.loadAverage());
    }

    private long done(java.util.Set<String> executions) {
        return executions.stream().filter(reported::contains).count();
    }

    private void push(int rep, HttpApi api) throws IOException, InterruptedException {
        HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        agent.createContext("/execute", ex -> {
            long at = System.nanoTime();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] ack = "{\"accepted\":true,\"message\":null}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ack.length);
            ex.getResponseBody().write(ack);
            ex.close();
            String execution = JsonFields.get(body, "execution_id");
            arrival(execution).complete(at);
            URI callback = URI.create(JsonFields.get(body, "callback_url"));
            try {
                api.post(
                        callback.getRawPath() + "?" + callback.getRawQuery(),
                        RESULT.formatted(execution, JsonFields.get(body, "job_id"), ""));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        agent.createContext("/health", ex -> {
            byte[] okBody = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, okBody.length);
            ex.getResponseBody().write(okBody);
            ex.close();
        });
        agent.start();
        try {
            int port = agent.getAddress().getPort();
            String agentId =
                    JsonFields.get(check(api.post("/api/agents/register", """
                    {"name":"bench-push-%d","tags":[],"hostname":"bench","address":"127.0.0.1","port":%d,\
                    "agent_type":"standard"}""".formatted(rep, port))), "agent_id");
            String job = JsonFields.get(check(api.post("/api/jobs", """
                    {"name":"bench-push-%d","task":{"type":"shell","command":"true"},\
                    "target":{"type":"agent","agent_id":"%s"},"schedule":{"type":"on_demand"}}""".formatted(rep, agentId))), "id");
            HttpApi direct = new HttpApi(URI.create("http://127.0.0.1:" + port), null);
            sequential(api, job); // warm-up, as in B9
            long[] latency = sequential(api, job);
            long[] trips = roundTrips(() -> direct.get("/health"));
            add(
                    "B10 push: trigger to /execute received, p50",
                    rep,
                    latency,
                    trips,
                    50,
                    "loopback round trip to the agent's server, p50");
            add(
                    "B10 push: trigger to /execute received, p99",
                    rep,
                    latency,
                    trips,
                    99,
                    "loopback round trip to the agent's server, p99");
        } finally {
            agent.stop(0);
        }
    }

    private interface Trip {
        HttpApi.Response send() throws IOException, InterruptedException;
    }

    private static long[] roundTrips(Trip trip) throws IOException, InterruptedException {
        long[] out = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long t0 = System.nanoTime();
            check(trip.send());
            out[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(out);
        return out;
    }

    private void add(String name, int rep, long[] value, long[] baseline, double p, String baselineName) {
        ctx.results()
                .add(
                        name,
                        "ms",
                        baselineName,
                        rep,
                        Stats.percentile(value, p) / 1e6,
                        Stats.percentile(baseline, p) / 1e6);
    }

    private CompletableFuture<Long> arrival(String executionId) {
        return arrivals.computeIfAbsent(executionId, id -> new CompletableFuture<>());
    }

    private static String check(HttpApi.Response r) throws IOException {
        if (r.status() / 100 != 2) {
            throw new IOException("HTTP " + r.status() + ": " + JsonFields.abbreviate(r.body()));
        }
        return r.body();
    }
}
