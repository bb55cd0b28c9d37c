package io.kronforce.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

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
        BenchOptions o = ctx.options();
        LoadRunner.Result base = LoadRunner.run(
                o.clients(), o.warmup(), o.duration(), () -> okClient.get("/ok").status() == 200);
        String jobId = controller.createHttpJob("bench-trigger-" + rep, okServer.url());
        // Warm-up batch (not reported): the same path, so the JIT has seen it before the clock runs.
        burst(controller, jobId, Math.max(1, o.triggers() / 10));
        long hitsBefore = okServer.hits();
        long cpuBefore = controller.process().cpuMillis();
        Burst run = burst(controller, jobId, o.triggers());
        long cpuMs = controller.process().cpuMillis() - cpuBefore;
        ctx.results()
                .add(
                        "B4 trigger→recorded succeeded",
                        "executions/s",
                        BASELINE,
                        rep,
                        run.recordedPerSecond(),
                        base.perSecond());
        ctx.results()
                .add(
                        "B4 trigger acceptance",
                        "202/s",
                        BASELINE,
                        rep,
                        run.fired().acceptedPerSecond(),
                        base.perSecond());
        if (run.failed() > 0) {
            ctx.results()
                    .note("WARNING B4 rep=" + rep + ": " + run.failed() + " executions failed; see the controller log");
        }
        ctx.results()
                .note("B4 rep=" + rep + " " + run + " okServerHits=" + (okServer.hits() - hitsBefore) + " baseline="
                        + base);
        // The controller's own CPU per execution (the inbound trigger, the run, the outbound GET, both writes):
        // unlike a rate, a busy machine does not take it away.
        ctx.results()
                .note("B4 rep=" + rep + " controller CPU " + cpuMs + " ms for " + run.succeeded() + " executions = "
                        + Math.round(cpuMs * 1000.0 / Math.max(1, run.succeeded())) + " µs per execution");
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

    /** The {@code total} of {@code GET /api/executions?status=...}: how many runs are recorded in that status. */
    static long total(HttpApi api, String status) throws IOException, InterruptedException {
        HttpApi.Response response = api.get("/api/executions?status=" + status + "&per_page=1");
        if (response.status() != 200) {
            throw new IOException(
                    "GET /api/executions -> " + response.status() + ": " + JsonFields.abbreviate(response.body()));
        }
        return JsonFields.getLong(response.body(), "total");
    }
}
