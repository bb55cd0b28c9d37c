package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * B1 startup to healthy and B2 idle RSS, from one fresh controller per rep on an empty database.
 * Baselines: the wall time of {@code java -version} and the RSS of an idle JVM ({@link IdleMain}),
 * both with the same JDK and flags. On JDK 25+ B1 also measures, right after the plain start, a
 * start from the AOT cache that {@code ./kronforce} uses ({@link AotCache}).
 */
final class StartupBench {

    /** How long a process idles after it is up before its RSS is read. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    static final String B1 = "B1 startup to healthy";
    static final String B1_AOT = "B1 startup to healthy, AOT cache";

    private final BenchContext ctx;
    private final AotCache aot;

    StartupBench(BenchContext ctx) {
        this.ctx = ctx;
        this.aot = new AotCache(ctx);
    }

    /** Measures B1 and/or B2 once. */
    void rep(int rep, boolean startup, boolean rss) throws IOException, InterruptedException {
        double javaVersionMs = startup ? javaVersionMs() : 0;
        double idleMiB = rss ? idleJvmRssMiB() : 0;
        try (Controller controller = ctx.startController("startup-" + rep)) {
            Duration healthy = controller.awaitHealthy(ctx.options().hardLimit());
            if (startup) {
                ctx.results().add(B1, "ms", "`java -version`", rep, healthy.toNanos() / 1e6, javaVersionMs);
            }
            if (rss) {
                Thread.sleep(SETTLE.toMillis());
                ctx.results()
                        .add(
                                "B2 idle RSS",
                                "MiB",
                                "idle JVM",
                                rep,
                                controller.process().rssMiB(),
                                idleMiB);
            }
        }
        if (startup) {
            aotRep(rep, javaVersionMs);
        }
    }

    /** B1 once more, from the AOT cache (recorded by a training start on the first rep). */
    private void aotRep(int rep, double javaVersionMs) throws IOException, InterruptedException {
        if (!AotCache.supported()) {
            ctx.results()
                    .skip(
                            B1_AOT,
                            "needs JDK 25+ (-XX:AOTCache); this is "
                                    + Runtime.version().feature());
            return;
        }
        List<String> flags = aot.useFlags();
        try (Controller controller = ctx.startIn(
                Files.createTempDirectory(ctx.scratch(), "startup-aot-" + rep + "-"),
                "startup-aot-" + rep,
                Map.of(),
                flags)) {
            Duration healthy = controller.awaitHealthy(ctx.options().hardLimit());
            ctx.results().add(B1_AOT, "ms", "`java -version`", rep, healthy.toNanos() / 1e6, javaVersionMs);
        }
    }

    private double javaVersionMs() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ChildProcess.javaCommand("-version"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(ctx.options().hardLimit().toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("java -version did not finish");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private double idleJvmRssMiB() throws IOException, InterruptedException {
        try (ChildProcess idle = ctx.startBenchJvm(IdleMain.class, "idle-jvm")) {
            idle.awaitLine("READY", ctx.options().hardLimit());
            Thread.sleep(SETTLE.toMillis());
            return idle.rssMiB();
        }
    }

    /** Where a run keeps its recorded AOT cache: beside its results. */
    static Path cacheFile(Path out) {
        return out.resolve("kronforce.aot");
    }
}
