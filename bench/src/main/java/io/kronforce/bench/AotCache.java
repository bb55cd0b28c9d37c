package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JDK 25 ahead-of-time cache of loaded and linked classes, recorded and used the way
 * {@code ./kronforce} does ({@code aot_flag} there): one training start on an empty database with
 * {@code -XX:AOTCacheOutput}, stopped once healthy (the JVM writes the cache as it exits), then
 * measured starts with {@code -XX:AOTCache}. Recorded once per run, in the output folder.
 */
final class AotCache {
    private final BenchContext ctx;
    private Path recorded;

    AotCache(BenchContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the JDK running the bench (and so the controllers) has {@code -XX:AOTCache}. */
    static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /** The flags of a start from the cache, recording it first if this run has none yet. */
    List<String> useFlags() throws IOException, InterruptedException {
        if (recorded == null) {
            recorded = record();
        }
        return List.of("-XX:AOTCache=" + recorded, "-Xlog:aot*=error");
    }

    private Path record() throws IOException, InterruptedException {
        Path file = StartupBench.cacheFile(ctx.options().out()).toAbsolutePath();
        Files.deleteIfExists(file);
        try (Controller training = ctx.startIn(
                Files.createTempDirectory(ctx.scratch(), "startup-aot-training-"),
                "startup-aot-training",
                Map.of(),
                List.of("-XX:AOTCacheOutput=" + file))) {
            training.awaitHealthy(ctx.options().hardLimit());
            // The cache is assembled after the controller's own shutdown: allow for it.
            training.process().stop(ctx.options().hardLimit());
            if (!Files.isRegularFile(file)) {
                throw new IOException("the training start wrote no AOT cache:\n"
                        + training.process().logTail());
            }
        }
        ctx.results().note("AOT cache recorded: " + file + " (" + Files.size(file) / (1024 * 1024) + " MiB)");
        return file;
    }
}
