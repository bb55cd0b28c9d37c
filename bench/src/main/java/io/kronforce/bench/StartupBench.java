package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * B1 startup to healthy and B2 idle RSS, from one fresh controller per rep on an empty database.
 * Baselines: the wall time of {@code java -version} and the RSS of an idle JVM ({@link IdleMain}),
 * both with the same JDK and flags.
 */
final class StartupBench {

    /** How long a process idles after it is up before its RSS is read. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private final BenchContext ctx;

    StartupBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    /** Measures B1 and/or B2 once. */
    void rep(int rep, boolean startup, boolean rss) throws IOException, InterruptedException {
        double javaVersionMs = startup ? javaVersionMs() : 0;
        double idleMiB = rss ? idleJvmRssMiB() : 0;
        try (Controller controller = ctx.startController("startup-" + rep)) {
            Duration healthy = controller.awaitHealthy(ctx.options().hardLimit());
            if (startup) {
                ctx.results()
                        .add(
                                "B1 startup to healthy",
                                "ms",
                                "`java -version`",
                                rep,
                                healthy.toNanos() / 1e6,
                                javaVersionMs);
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
}
