package io.kronforce.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * B4: N triggers of one HTTP job (a GET to {@link OkServer} on loopback) until all N executions are
 * recorded {@code succeeded}. Baseline: plain loopback round trips to the same server from the same
 * number of clients, i.e. what the task body alone could do on this machine.
 */
final class ThroughputBench {

    private static final String BASELINE = "loopback HTTP round trips/s (same server, same clients)";
    private static final Duration POLL = Duration.ofMillis(20);

    private final BenchContext ctx;
    private final OkServer okServer;
    private final HttpApi okClient;

    ThroughputBench(BenchContext ctx, OkServer okServer) {
        this.ctx = ctx;
        this.okServer = okServer;
        this.okClient = new HttpApi(URI.create(okServer.url()), null);
    }

    /** Measures B4 once against {@code controller}. */
    void rep(int rep, Controller controller) throws IOException, InterruptedException {
        measure(rep, controller, baseline(), "");
    }

    /**
     * Measures B4 on a fresh controller per synchronous mode, one right after the other beside one
     * baseline, and records full ÷ normal. The order flips every rep, so a machine that grows
     * busier or quieter during the rep does not favour one mode.
     */
    void repPerSyncMode(int rep) throws IOException, InterruptedException {
        LoadRunner.Result base = baseline();
        List<String> order = new ArrayList<>(BenchOptions.DB_SYNC_MODES);
        if (rep % 2 == 0) {
            Collections.reverse(order);
        }
        Map<String, Burst> byMode = new HashMap<>();
        for (String mode : order) {
            try (Controller controller =
                    ctx.startHealthy("load-" + mode + "-" + rep, Map.of(Controller.DB_SYNC_ENV, mode))) {
                byMode.put(mode, measure(rep, controller, base, " (synchronous=" + mode + ")"));
            }
            ctx.results().note("B4 rep=" + rep + " synchronous=" + mode + " load1=" + BenchContext.loadAverage());
        }
        ctx.results()
                .add(
                        "B4 trigger→recorded succeeded, full ÷ normal",
                        "executions/s",
                        "the same with synchronous=normal, same rep",
                        rep,
                        byMode.get("full").recordedPerSecond(),
                        byMode.get("normal").recordedPerSecond());
    }

    /**
     * The figure counts runs the controller says succeeded; the target server counts the requests
     * it received by itself. Every succeeded run made exactly one request, and the server counts a
     * request before answering it, so once the runs are recorded the two must be equal. Both go in
     * the table; any difference is flagged in the row (with the failed runs, which may or may not
     * have reached the server), since a ratio rounded to 1.00× would hide a few lost runs.
     */
    private void crossCheck(int rep, String suffix, Burst run, long targetHits) {
        String figure = "B4 requests the target received ÷ runs recorded succeeded" + suffix;
        ctx.results()
                .add(
                        figure,
                        "requests",
                        "runs recorded succeeded (the controller's count)",
                        rep,
                        targetHits,
                        run.succeeded());
        if (targetHits != run.succeeded()) {
            ctx.results()
                    .mismatch(
                            figure,
                            rep,
                            "target received " + targetHits + ", controller recorded " + run.succeeded()
                                    + " succeeded and " + run.failed() + " failed");
        }
    }

    private LoadRunner.Result baseline() throws InterruptedException {
        BenchOptions o = ctx.options();
        return LoadRunner.run(
                o.clients(), o.warmup(), o.duration(), () -> okClient.get("/ok").status() == 200);
    }

    private Burst measure(int rep, Controller controller, LoadRunner.Result base, String suffix)
            throws IOException, InterruptedException {
        String jobId = controller.createHttpJob("bench-trigger-" + rep, okServer.url());
        // Warm-up batch (not reported): the same path, so the JIT has seen it before the clock runs.
        burst(controller, jobId, Math.max(1, ctx.options().triggers() / 10));
        long hitsBefore = okServer.hits();
        long cpuBefore = controller.process().cpuMillis();
        Burst run = burst(controller, jobId, ctx.options().triggers());
        long cpuMs = controller.process().cpuMillis() - cpuBefore;
        ctx.results()
                .add(
                        "B4 trigger→recorded succeeded" + suffix,
                        "executions/s",
                        BASELINE,
                        rep,
                        run.recordedPerSecond(),
                        base.perSecond());
        ctx.results()
                .add(
                        "B4 trigger acceptance" + suffix,
                        "202/s",
                        BASELINE,
                        rep,
                        run.fired().acceptedPerSecond(),
                        base.perSecond());
        if (run.failed() > 0) {
            ctx.results()
                    .note("WARNING B4" + suffix + " rep=" + rep + ": " + run.failed()
                            + " executions failed; see the controller log");
        }
        crossCheck(rep, suffix, run, okServer.hits() - hitsBefore);
        ctx.results().note("B4" + suffix + " rep=" + rep + " " + run + " baseline=" + base);
        // The controller's own CPU per execution (the inbound trigger, the run, the outbound GET, both writes):
        // unlike a rate, a busy machine does not take it away.
        ctx.results()
                .note("B4" + suffix + " rep=" + rep + " controller CPU " + cpuMs + " ms for " + run.succeeded()
                        + " executions = " + Math.round(cpuMs * 1000.0 / Math.max(1, run.succeeded()))
                        + " µs per execution");
        return run;
    }

    /** One burst: fired triggers, and when the last of the accepted ones was seen recorded. */
    record Burst(Triggers.Fired fired, long succeeded, long failed, long recordedNanos) {

        double recordedPerSecond() {
            return succeeded / ((recordedNanos - fired.firstNanos()) / 1e9);
        }
    }

    private Burst burst(Controller controller, String jobId, int n) throws IOException, InterruptedException {
        HttpApi api = controller.api();
        long succeededBefore = total(api, "succeeded");
        long failedBefore = total(api, "failed");
        long deadline = System.nanoTime() + ctx.options().hardLimit().toNanos();
        Triggers.Fired fired = Triggers.fire(api, jobId, n, ctx.options().clients(), deadline);
        if (fired.accepted() == 0) {
            throw new IOException("no trigger accepted: " + fired.firstRejection());
        }
        while (true) {
            long succeeded = total(api, "succeeded") - succeededBefore;
            long failed = total(api, "failed") - failedBefore;
            long now = System.nanoTime(); // after the poll: the figure never flatters the controller
            if (succeeded + failed >= fired.accepted()) {
                return new Burst(fired, succeeded, failed, now);
            }
            if (now > deadline) {
                throw new IOException(
                        "only " + succeeded + " succeeded and " + failed + " failed of " + fired.accepted()
                                + " accepted triggers within " + ctx.options().hardLimit());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    static long total(HttpApi api, String status) throws IOException, InterruptedException {
        HttpApi.Response response = api.get("/api/executions?status=" + status + "&per_page=1");
        if (response.status() != 200) {
            throw new IOException(
                    "GET /api/executions -> " + response.status() + ": " + JsonFields.abbreviate(response.body()));
        }
        return JsonFields.getLong(response.body(), "total");
    }
}
