package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * B3: {@code GET /api/jobs/{id}} under closed-loop load, against the same load on a Helidon
 * hello-world ({@link HelloServerMain}) in a child JVM, so both servers run in their own process
 * beside the same load generator. Both are warmed up until their JIT is done with the path (the
 * hello-world JVM serves every rep, each rep's controller is new), then the measured window of each is cut
 * into {@link #ROUNDS} slices taken in turns, baseline and controller in ABBA order, so a change in
 * the machine's load during a rep falls on both sides instead of on whichever ran second.
 */
final class ApiBench implements AutoCloseable {

    private static final String BASELINE = "Helidon hello-world (child JVM)";

    /** Measured slices per side and rep. */
    static final int ROUNDS = 4;

    /** Bound on each side's warm-up while its JIT is still compiling. */
    static final Duration MAX_WARMUP = Duration.ofSeconds(60);

    /** A warm-up step; the JIT counts as done when it took at most {@link #JIT_DONE} of a step's CPU. */
    static final Duration WARMUP_STEP = Duration.ofSeconds(1);

    static final double JIT_DONE = 0.05;

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
        HttpApi api = controller.api();
        LoadRunner.Call helloCall = () -> helloApi.get("/hello").status() == 200;
        LoadRunner.Call jobCall = () -> api.get("/api/jobs/" + jobId).status() == 200;
        BenchOptions o = ctx.options();
        Side base = new Side(helloCall, hello.process());
        Side measured = new Side(jobCall, controller.process());
        Duration helloWarm = base.warmUp(o.clients(), o.warmup());
        Duration jobWarm = measured.warmUp(o.clients(), o.warmup());
        Duration slice = o.duration().dividedBy(ROUNDS);
        for (int round = 0; round < ROUNDS; round++) {
            Side first = round % 2 == 0 ? base : measured;
            first.slice(o.clients(), slice);
            (first == base ? measured : base).slice(o.clients(), slice);
        }
        LoadRunner.Result b = LoadRunner.pooled(base.windows);
        LoadRunner.Result m = LoadRunner.pooled(measured.windows);
        ctx.results().add("B3 GET one job, throughput", "req/s", BASELINE, rep, m.perSecond(), b.perSecond());
        ctx.results().add("B3 GET one job, p50 latency", "ms", BASELINE, rep, m.p50Ms(), b.p50Ms());
        ctx.results().add("B3 GET one job, p99 latency", "ms", BASELINE, rep, m.p99Ms(), b.p99Ms());
        ctx.results()
                .add(
                        "B3 GET one job, server CPU per request",
                        "µs",
                        BASELINE,
                        rep,
                        measured.cpuMicrosPerRequest(),
                        base.cpuMicrosPerRequest());
        String warm = "%.1f/%.1f".formatted(helloWarm.toMillis() / 1e3, jobWarm.toMillis() / 1e3);
        ctx.results().note("B3 rep=" + rep + " controller=" + m + " baseline=" + b);
        ctx.results()
                .note("B3 rep=" + rep + " slices req/s (baseline/controller): " + slices(base.windows, measured.windows)
                        + "; warm-up s (baseline/controller): " + warm + "; load1=" + BenchContext.loadAverage());
    }

    private static String slices(List<LoadRunner.Window> base, List<LoadRunner.Window> measured) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            out.add(Math.round(perSecond(base.get(i))) + "/" + Math.round(perSecond(measured.get(i))));
        }
        return String.join(" ", out);
    }

    private static double perSecond(LoadRunner.Window w) {
        return w.sortedNanos().length / w.seconds();
    }

    /**
     * One server under B3's load: its measured slices and the CPU its process spent in them
     * ({@code /proc/<pid>/stat}), which a loaded machine distorts far less than it cuts a rate.
     */
    private static final class Side {
        private final LoadRunner.Call call;
        private final ChildProcess process;
        private final List<LoadRunner.Window> windows = new ArrayList<>();
        private long cpuMs;

        Side(LoadRunner.Call call, ChildProcess process) {
            this.call = call;
            this.process = process;
        }

        /**
         * Load for at least {@code least}, then in steps until the JIT's compiler threads took at
         * most {@link #JIT_DONE} of the process's CPU in one (or {@link #MAX_WARMUP} is spent): a
         * fresh controller on a loaded machine spent ~40 % of its CPU compiling through a fixed 3 s
         * warm-up and the window after it, while the small hello-world had long finished.
         *
         * @return how long it took
         */
        Duration warmUp(int clients, Duration least) throws IOException, InterruptedException {
            long start = System.nanoTime();
            LoadRunner.window(clients, least, Duration.ZERO, call);
            while (System.nanoTime() - start < MAX_WARMUP.toNanos()) {
                long cpu = process.cpuMillis();
                long jit = process.compilerCpuMillis();
                LoadRunner.window(clients, Duration.ZERO, WARMUP_STEP, call);
                if (process.compilerCpuMillis() - jit <= JIT_DONE * (process.cpuMillis() - cpu)) {
                    break;
                }
            }
            return Duration.ofNanos(System.nanoTime() - start);
        }

        void slice(int clients, Duration length) throws IOException, InterruptedException {
            long before = process.cpuMillis();
            windows.add(LoadRunner.window(clients, Duration.ZERO, length, call));
            cpuMs += process.cpuMillis() - before;
        }

        double cpuMicrosPerRequest() {
            long requests =
                    windows.stream().mapToLong(w -> w.sortedNanos().length).sum();
            return cpuMs * 1000.0 / Math.max(1, requests);
        }
    }

    @Override
    public void close() {
        hello.close();
    }
}
