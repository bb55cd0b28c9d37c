package io.kronforce.controller.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Brings the database back from the replica before the first connection opens: when the file
 * is missing and the replica holds a copy. A failure stops the start: an empty database in place
 * of a lost one would look like data loss to everyone after.
 */
final class Restore {
    private static final Logger LOG = Logger.getLogger(Restore.class.getName());
    private static final Duration LIMIT = Duration.ofHours(2);

    private Restore() {}

    /** What happened: {@code restored} is true when a file came from the replica. */
    record Outcome(boolean restored, long millis) {}

    static Outcome run(ReplicaSettings settings, LitestreamCommand command, LitestreamConfig config) {
        boolean existed = Files.exists(config.database());
        long started = System.nanoTime();
        Process p;
        try {
            p = command.restore().start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new ReplicationStartFailure("cannot run Litestream " + settings.litestream() + ": " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                LitestreamLine parsed = LitestreamLine.parse(line);
                LOG.info("litestream restore: " + line);
                if (parsed.error()) {
                    errors.add(line);
                }
            }
            if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ReplicationStartFailure(
                        "restore from " + settings.url() + " did not finish within " + LIMIT.toHours() + " h");
            }
        } catch (IOException e) {
            throw new ReplicationStartFailure("reading Litestream's restore output failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new ReplicationStartFailure("interrupted while restoring from " + settings.url());
        }
        if (p.exitValue() != 0) {
            throw new ReplicationStartFailure("restore of " + config.database() + " from " + settings.url()
                    + " failed (litestream exit " + p.exitValue() + ")"
                    + (errors.isEmpty() ? "" : ": " + String.join(" | ", errors)));
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new Outcome(!existed && Files.exists(config.database()), ms);
    }
}
