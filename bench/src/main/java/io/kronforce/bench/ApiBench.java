package io.kronforce.bench;

import java.io.IOException;

/**
 * B3: {@code GET /api/jobs/{id}} under closed-loop load, against the same load on a Helidon
 * hello-world ({@link HelloServerMain}) in a child JVM, so both servers run in their own process
 * beside the same load generator. The baseline is measured right before the controller in each rep.
 */
final class ApiBench implements AutoCloseable {

    private static final String BASELINE = "Helidon hello-world (child JVM)";

    private final BenchContext ctx;
    private final HelloServerChild hello;
    private final HttpApi helloApi;

    /** Starts the hello-world child; it serves every rep. */
    ApiBench(BenchContext ctx) throws IOException, InterruptedException {
        this.ctx = ctx;
        this.hello = HelloServerChild.start(ctx, "hello-world");
        this.helloApi = new HttpApi(hello.base(), null);
    }

    /** Measures B3 once against {@code controller}, on a job that points at {@code jobUrl}. */
    void rep(int rep, Controller controller, String jobUrl) throws IOException, InterruptedException {
        String jobId = controller.createHttpJob("bench-get-" + rep, jobUrl);
        LoadRunner.Result base = load(() -> helloApi.get("/hello").status() == 200);
        HttpApi api = controller.api();
        LoadRunner.Result measured = load(() -> api.get("/api/jobs/" + jobId).status() == 200);
        ctx.results().add("B3 GET one job, throughput", "req/s", BASELINE, rep, measured.perSecond(), base.perSecond());
        ctx.results().add("B3 GET one job, p50 latency", "ms", BASELINE, rep, measured.p50Ms(), base.p50Ms());
        ctx.results().add("B3 GET one job, p99 latency", "ms", BASELINE, rep, measured.p99Ms(), base.p99Ms());
        ctx.results().note("B3 rep=" + rep + " controller=" + measured + " baseline=" + base);
    }

    private LoadRunner.Result load(LoadRunner.Call call) throws InterruptedException {
        BenchOptions o = ctx.options();
        return LoadRunner.run(o.clients(), o.warmup(), o.duration(), call);
    }

    @Override
    public void close() {
        hello.close();
    }
}
