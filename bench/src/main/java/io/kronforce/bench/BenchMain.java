package io.kronforce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Entry point of the bench (run it through {@code bench/run.sh}): measures B1-B6, B8-B14 and the
 * peers' workloads W1-W4 against the packaged controller, B7 against the data handlers in-process, B15 (http client CPU) in-process and the soak B16 (only when named), each rep beside its baseline, then writes {@code results.md} and
 * {@code raw.txt} into the output folder and prints the table.
 */
public final class BenchMain {

    private BenchMain() {}

    /** See {@link BenchOptions#USAGE}; exits 2 on bad flags, 1 when a measurement fails. */
    public static void main(String[] args) throws IOException, InterruptedException {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        boolean controllerFigures = BenchOptions.FIGURES.stream()
                .filter(f -> !f.equals("b7") && !f.equals("b15"))
                .anyMatch(options::wants);
        if (controllerFigures && !Files.isRegularFile(options.jar())) {
            System.err.println("no controller jar at " + options.jar() + " (build it: ./mvnw -DskipTests install)");
            System.exit(2);
        }
        System.exit(run(options) ? 0 : 1);
    }

    /** Runs every selected measurement; returns false if one failed (the partial table is still written). */
    static boolean run(BenchOptions options) throws IOException, InterruptedException {
        Files.createDirectories(options.out());
        Path scratch = Files.createTempDirectory("kronforce-bench-");
        // On Ctrl-C or SIGTERM the finally below may not run; the databases must not pile up in /tmp.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(scratch)));
        Results results = new Results();
        BenchContext ctx = new BenchContext(options, results, scratch);
        boolean ok = true;
        try {
            measure(ctx);
        } catch (IOException | RuntimeException e) {
            ok = false;
            results.note("FAILED: " + e);
            e.printStackTrace();
        } finally {
            deleteQuietly(scratch);
        }
        results.write(options.out(), header(options, ok));
        System.out.println(results.table());
        System.out.println("written to " + options.out().resolve("results.md"));
        return ok;
    }

    private static void measure(BenchContext ctx) throws IOException, InterruptedException {
        BenchOptions o = ctx.options();
        StartupBench startup = new StartupBench(ctx);
        try (OkServer okServer = new OkServer();
                ApiBench api = o.wants("b3") ? new ApiBench(ctx) : null) {
            ThroughputBench throughput = new ThroughputBench(ctx, okServer);
            FireLatenessBench fire = new FireLatenessBench(ctx, okServer);
            ManyJobsBench many = new ManyJobsBench(ctx);
            HandlerBench handlers = new HandlerBench(ctx);
            PeerWorkloads peers = new PeerWorkloads(ctx, okServer, fire);
            for (int rep = 1; rep <= o.reps(); rep++) {
                System.err.println("rep " + rep + " of " + o.reps());
                if (o.wants("b1") || o.wants("b2")) {
                    startup.rep(rep, o.wants("b1"), o.wants("b2"));
                }
                loadRep(ctx, rep, api, throughput, okServer.url());
                if (o.wants("b5")) {
                    fire.rep(rep);
                }
                if (o.wants("b6")) {
                    many.rep(rep);
                }
                if (o.wants("b7")) {
                    handlers.rep(rep);
                }
                if (o.wants("b15")) {
                    try (HttpClientCpuBench clients = new HttpClientCpuBench(ctx)) {
                        clients.rep(rep);
                    }
                }
                if (o.wants("b11")) {
                    new ListsAtScaleBench(ctx).rep(rep);
                }
                if (o.wants("b14")) {
                    new MillionJobsBench(ctx, okServer).rep(rep);
                }
                if (o.wants("b13")) {
                    new InteractiveListsBench(ctx).rep(rep);
                }
                if (o.wants("b12")) {
                    try (Controller controller = ctx.startHealthy("dashboard-" + rep)) {
                        new DashboardBench(ctx).rep(rep, controller);
                    }
                }
                if (o.wants("b9") || o.wants("b10")) {
                    try (Controller controller = ctx.startHealthy("workers-" + rep)) {
                        new WorkerBench(ctx).rep(rep, controller, okServer);
                    }
                }
                if (o.wants("b16")) {
                    new SoakBench(ctx, okServer).rep(rep);
                }
                if (peers.wanted()) {
                    peers.rep(rep);
                }
            }
        }
    }

    /**
     * B3, B8 and B4 share one controller per rep (B4 last: it leaves thousands of executions), except
     * when B4 compares the synchronous modes: it then starts a controller per mode.
     */
    private static void loadRep(BenchContext ctx, int rep, ApiBench api, ThroughputBench throughput, String okUrl)
            throws IOException, InterruptedException {
        boolean b4Here = ctx.options().wants("b4") && !ctx.options().comparesDbSync();
        if (api != null || b4Here || ctx.options().wants("b8")) {
            try (Controller controller = ctx.startHealthy("load-" + rep)) {
                if (api != null) {
                    api.rep(rep, controller, okUrl);
                }
                if (ctx.options().wants("b8")) {
                    new McpBench(ctx).rep(rep, controller, okUrl);
                }
                if (b4Here) {
                    throughput.rep(rep, controller);
                }
            }
        }
        if (ctx.options().wants("b4") && ctx.options().comparesDbSync()) {
            throughput.repPerSyncMode(rep);
        }
    }

    private static String header(BenchOptions o, boolean ok) {
        return """
                # Kronforce bench %s

                %s. JDK %s, %d cores. reps=%d, clients=%d, window=%ds after %ds warm-up, triggers=%d,
                fire-jobs=%d for %ds, many-jobs=%d, handler-ops=%d, list-jobs=%d, list-executions=%d, list-samples=%d,
                page-samples=%d, W1-W4 sizes: %s, db-sync=%s.
                1-minute load average at the end: %s.
                Ratio = value ÷ baseline of the same rep (see bench/README.md for which way is better).
                """.formatted(
                        Instant.now(),
                        ok ? "Completed" : "**Incomplete: a measurement failed (see raw.txt)**",
                        Runtime.version(),
                        Runtime.getRuntime().availableProcessors(),
                        o.reps(),
                        o.clients(),
                        o.duration().toSeconds(),
                        o.warmup().toSeconds(),
                        o.triggers(),
                        o.fireJobs(),
                        o.fireWindow().toSeconds(),
                        o.manyJobs(),
                        o.handlerOps(),
                        o.listJobs(),
                        o.listExecutions(),
                        o.listSamples(),
                        o.pageSamples(),
                        o.workloads(),
                        o.dbSync(),
                        BenchContext.loadAverage());
    }

    /** Deletes a folder tree; best effort (a child may still be writing into it). */
    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
