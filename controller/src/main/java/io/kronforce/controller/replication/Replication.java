package io.kronforce.controller.replication;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.duty.Duty;
import io.kronforce.controller.journal.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
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
    public record Prepared(
            ReplicaSettings settings,
            LitestreamConfig config,
            boolean restored,
            long restoreMillis,
            WriterLease lease) {}

    private final Prepared prepared;
    private final ReplicationMonitor monitor;
    private final LitestreamSupervisor supervisor;
    private final LitestreamMetrics metrics;
    private final Duty poller;

    public Replication(Prepared prepared, Database db, EventLog events, InstantSource clock) {
        this.prepared = prepared;
        this.monitor = new ReplicationMonitor(prepared.settings().url(), clock, new ReplicationEvents(db, events));
        this.supervisor = new LitestreamSupervisor(
                new LitestreamCommand(prepared.settings(), prepared.config()),
                pidFile(prepared.config().database()),
                monitor);
        this.metrics = new LitestreamMetrics(prepared.config().metricsPort());
        this.poller = Duty.every(
                "kronforce-replication-metrics",
                Duration.ofSeconds(1),
                Duty.Plan.standard().firstAfter(Duration.ofSeconds(1)),
                () -> monitor.sample(metrics.read().orElse(null)));
    }

    /**
     * Checks the bucket, writes Litestream's configuration and restores the database file when it
     * is missing. Runs before any connection to the file opens.
     *
     * @throws ReplicationStartFailure with a message naming what to fix
     */
    public static Prepared prepare(ReplicaSettings settings, Path database, InstantSource clock, Runnable onLeaseLost) {
        S3Client s3 = ReplicaClients.create(settings);
        WriterLease lease = new WriterLease(s3, settings, database, clock);
        try {
            BucketCheck.run(s3, settings);
            lease.acquire();
            lease.keepRenewing(() -> {
                // First silence our Litestream: its uploads would land beside the new writer's.
                LitestreamSupervisor.killRecorded(pidFile(database));
                onLeaseLost.run();
            });
            if (lease.takenFromAnother()) {
                setAsideStale(database, clock);
            }
            LitestreamConfig config = LitestreamConfig.write(settings, database, freePort());
            Restore.Outcome restore = Restore.run(settings, new LitestreamCommand(settings, config), config);
            LOG.info(
                    restore.restored()
                            ? "restored " + config.database() + " from " + settings.url() + " in " + restore.millis()
                                    + " ms"
                            : "no restore needed for " + config.database());
            return new Prepared(settings, config, restore.restored(), restore.millis(), lease);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lease.close();
            throw new ReplicationStartFailure("interrupted while waiting for the writer lease of " + settings.url());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * The lease came from another controller: whatever file is here is older than the replica.
     * Moved aside (never deleted), so the restore brings the replica's copy.
     */
    private static void setAsideStale(Path database, InstantSource clock) {
        if (!Files.exists(database)) {
            return;
        }
        String suffix = ".stale-" + clock.millis();
        for (String ext : new String[] {"", "-wal", "-shm"}) {
            Path p = Path.of(database + ext);
            try {
                if (Files.exists(p)) {
                    Files.move(p, Path.of(database + suffix + ext));
                }
            } catch (IOException e) {
                throw new ReplicationStartFailure("cannot move the stale " + p + " aside: " + e.getMessage());
            }
        }
        LOG.warning("another controller wrote the replica last: moved the local " + database + " aside (suffix "
                + suffix + ") to restore the replica's copy");
    }

    public void start() {
        supervisor.start();
        poller.start();
        LOG.info("replicating " + prepared.config().database() + " to "
                + prepared.settings().url() + " (every "
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
        poller.close();
        supervisor.close();
        prepared.lease().close(); // last: the final sync is in, a standby may take over now
        LOG.info("replication stopped");
    }

    private static Path pidFile(Path database) {
        Path db = database.toAbsolutePath();
        return db.resolveSibling(db.getFileName() + ".litestream.pid");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for Litestream's metrics", e);
        }
    }
}
