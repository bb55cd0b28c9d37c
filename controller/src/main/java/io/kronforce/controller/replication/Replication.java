package io.kronforce.controller.replication;

import io.kronforce.controller.app.EventLog;
import io.kronforce.controller.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Replication of the database file to S3 while the controller runs (docs/REPLICATION.md).
 *
 * <p>Order at start: {@link #prepare} (bucket check, configuration, restore) before the database
 * opens; then {@link #start} runs Litestream beside it. At shutdown {@link #close} comes after the
 * writer has drained and closed, so Litestream's final sync on SIGTERM carries the last commit.
 */
public final class Replication implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Replication.class.getName());

    /** Ready to replicate: the bucket answered, the configuration is written, the file restored if it was missing. */
    public record Prepared(ReplicaSettings settings, LitestreamConfig config, boolean restored, long restoreMillis) {}

    private final Prepared prepared;
    private final ReplicationMonitor monitor;
    private final LitestreamSupervisor supervisor;
    private final LitestreamMetrics metrics;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kronforce-replication-metrics").daemon(true).factory());

    public Replication(Prepared prepared, Database db, EventLog events, InstantSource clock) {
        this.prepared = prepared;
        this.monitor = new ReplicationMonitor(prepared.settings().url(), clock, new ReplicationEvents(db, events));
        Path file = prepared.config().database();
        this.supervisor = new LitestreamSupervisor(new LitestreamCommand(prepared.settings(), prepared.config()),
                file.resolveSibling(file.getFileName() + ".litestream.pid"), monitor);
        this.metrics = new LitestreamMetrics(prepared.config().metricsPort());
    }

    /**
     * Checks the bucket, writes Litestream's configuration and restores the database file when it
     * is missing. Runs before any connection to the file opens.
     *
     * @throws ReplicationStartFailure with a message naming what to fix
     */
    public static Prepared prepare(ReplicaSettings settings, Path database) {
        try (S3Client s3 = ReplicaClients.create(settings)) {
            BucketCheck.run(s3, settings);
        }
        LitestreamConfig config = LitestreamConfig.write(settings, database, freePort());
        Restore.Outcome restore = Restore.run(settings, new LitestreamCommand(settings, config), config);
        LOG.info(restore.restored() ? "restored " + config.database() + " from " + settings.url() + " in "
                + restore.millis() + " ms" : "no restore needed for " + config.database());
        return new Prepared(settings, config, restore.restored(), restore.millis());
    }

    public void start() {
        supervisor.start();
        poller.scheduleWithFixedDelay(() -> monitor.sample(metrics.read().orElse(null)), 1, 1, TimeUnit.SECONDS);
        LOG.info("replicating " + prepared.config().database() + " to " + prepared.settings().url() + " (every "
                + prepared.settings().syncInterval().toMillis() + " ms)");
    }

    public ReplicationState state() {
        return monitor.state(supervisor.restarts());
    }

    public Prepared prepared() {
        return prepared;
    }

    /** SIGTERM to Litestream and wait for its final sync. Call after the database writer closed. */
    @Override
    public void close() {
        monitor.quiet();
        poller.shutdownNow();
        supervisor.close();
        LOG.info("replication stopped");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for Litestream's metrics", e);
        }
    }
}
