package io.kronforce.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The cost of W1-W3's task body alone, in the same rep: the GET to {@link OkServer} that each
 * run's {@code http} task sends, sent by a bare JDK client built as the http handler built its
 * own before it moved to Helidon's WebClient (one shared client, default protocol version, virtual
 * threads, no redirects; kept so W1-W3 stay comparable with earlier results), first one at a
 * time, then from as many clients as the controller runs tasks at once. The peers' body is an
 * in-process counter that costs nothing; this line says how much of our figures is the work.
 */
final class WorkAlone {

    /** Runs the controller executes at once: {@code KRONFORCE_LOCAL_WORKERS}'s default (docs/reference/configuration.md). */
    static final int CONTROLLER_RUN_SLOTS = 256;
    /** The task's name in the {@code work} lines. */
    static final String TASK = "http-get-loopback";

    /** The bare work one at a time and at the controller's concurrency. */
    record Work(LoadRunner.Result sequential, LoadRunner.Result concurrent) {}

    private final BenchContext ctx;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final HttpRequest request;

    WorkAlone(BenchContext ctx, OkServer target) {
        this.ctx = ctx;
        this.request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    /** Measures both and writes a {@code work} line for each. */
    Work rep(int rep) throws InterruptedException {
        BenchOptions o = ctx.options();
        LoadRunner.Call get =
                () -> client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        LoadRunner.Result sequential = LoadRunner.run(1, o.warmup(), o.duration(), get);
        line(sequential, 1);
        LoadRunner.Result concurrent = LoadRunner.run(CONTROLLER_RUN_SLOTS, o.warmup(), o.duration(), get);
        line(concurrent, CONTROLLER_RUN_SLOTS);
        ctx.results()
                .note("work rep=" + rep + " sequential=" + sequential + " clients" + CONTROLLER_RUN_SLOTS + "="
                        + concurrent);
        return new Work(sequential, concurrent);
    }

    private void line(LoadRunner.Result r, int clients) {
        ctx.results()
                .note(new WorkloadLine("work")
                        .put("task", TASK)
                        .put("conc", clients)
                        .put("perSec", r.perSecond())
                        .put("p50Ms", r.p50Ms())
                        .put("p99Ms", r.p99Ms())
                        .render(BenchContext.loadAverage()));
    }
}
