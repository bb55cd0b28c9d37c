package io.kronforce.controller.main;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.replication.Replication;
import io.kronforce.controller.replication.ReplicationStartFailure;
import io.kronforce.controller.sso.SsoSetupFailure;
import io.kronforce.controller.webui.DashboardSite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** {@code kronforce [--help | --reset-admin-key | migrate ...]}: starts the controller, or does one admin chore. */
public final class ControllerMain {
    private static final Logger LOG = Logger.getLogger(ControllerMain.class.getName());

    private ControllerMain() {}

    public static void main(String[] args) {
        // Helidon's first builder loads its service registry: begun now, it overlaps settings and the database.
        Prefetch<WebServerConfig.Builder> server = null;
        if (args.length == 0) {
            server = Prefetch.begin("kronforce-server", ControllerMain::serverBuilder);
            // The dashboard's files are read, digested and gzipped once per JVM; the routes pick them up.
            Prefetch.warm("kronforce-dashboard", DashboardSite::load);
            // The driver and SQLite's native library load beside the settings' TLS set-up.
            Prefetch.warm("kronforce-sqlite", Database::preload);
        }
        PrintStream out = System.out;
        if (args.length > 0 && List.of("--help", "-h", "help").contains(args[0])) {
            out.print(Help.TEXT);
            return;
        }
        ControllerSettings settings;
        try {
            settings = ControllerSettings.fromEnv(System.getenv());
            if (args.length == 0 || args[0].equals("--reset-admin-key")) {
                DatabaseFileCheck.requireWritable(settings.dbFile());
            } else {
                ensureDbFolder(settings); // the other commands read or write beside it: its folder at least
            }
        } catch (ControllerSettings.InvalidSetting e) {
            System.err.println("kronforce: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logs logs = Logs.configure(settings.logFormat());
        if (args.length > 0 && args[0].equals("--reset-admin-key")) {
            resetAdminKey(settings, logs, out);
            return;
        }
        if (args.length > 0 && args[0].equals(MigrateCommand.NAME)) {
            // The variables were checked with the settings: reading the secret files again cannot fail.
            Map<String, String> env = ControllerSettings.withSecretFiles(System.getenv());
            System.exit(MigrateCommand.run(settings, args, env, out, System.err, InstantSource.system()));
            return;
        }
        if (args.length > 0 && SnapshotCommands.handles(args[0])) {
            System.exit(SnapshotCommands.run(settings, args, out));
            return;
        }
        if (args.length > 0) {
            System.err.println("kronforce: unknown argument '" + args[0] + "' (see --help)");
            System.exit(2);
        }
        run(settings, server, logs, out);
    }

    /**
     * Creates {@code KRONFORCE_DB}'s folder, so that one that cannot be made stops every command
     * with a line naming the variable, not with the driver's stack trace later.
     */
    private static void ensureDbFolder(ControllerSettings settings) {
        Path folder = settings.dbFile().toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw new ControllerSettings.InvalidSetting("KRONFORCE_DB folder " + folder + " cannot be created ("
                    + (e instanceof java.nio.file.FileAlreadyExistsException
                            ? "a file has that name"
                            : e.getClass().getSimpleName())
                    + ")");
        }
    }

    /**
     * A fresh server builder, after a throw-away routing has made Helidon load its service registry
     * and global mappers (the first route's path does), which is most of what serving costs at start.
     */
    private static WebServerConfig.Builder serverBuilder() {
        HttpRouting.builder().get("/", (req, res) -> res.send()).build();
        return WebServer.builder();
    }

    private static void resetAdminKey(ControllerSettings settings, Logs logs, PrintStream out) {
        // Restores a missing file first; Litestream does not run for this chore.
        Optional<Replication.Prepared> replica = prepareReplica(settings);
        // Without single sign-on: a new admin key must be had while the identity provider is down.
        Wiring.Parts parts = built(() -> Wiring.build(settings.withoutSso(), InstantSource.system()));
        try {
            ApiKeys.Reset reset = parts.keys().resetAdmin();
            logs.announce(
                    out, "New admin API key (shown once): " + reset.created().raw());
            for (var old : reset.revoked()) {
                logs.announce(
                        out,
                        "Revoked admin API key '" + old.name() + "' (" + old.prefix() + "..., id " + old.id() + ")");
            }
            for (var other : reset.kept()) {
                logs.announce(
                        out,
                        "Still active: admin API key '" + other.name() + "' (" + other.prefix()
                                + "..., id " + other.id() + "); revoke it with DELETE /api/keys/" + other.id()
                                + " if it was lost too");
            }
        } finally {
            parts.db().close();
            replica.ifPresent(r -> r.lease().close());
        }
    }

    private static void run(
            ControllerSettings settings, Prefetch<WebServerConfig.Builder> server, Logs logs, PrintStream out) {
        long started = System.nanoTime();
        try {
            BindProbe.check(settings.bindHost(), settings.bindPort());
        } catch (ControllerSettings.InvalidSetting e) {
            System.err.println("kronforce: " + e.getMessage());
            System.exit(2);
        }
        InstanceLock lock = instanceLock(settings);
        Optional<Replication.Prepared> replica = prepareReplica(settings);
        Wiring.Parts parts = built(() -> Wiring.build(settings, InstantSource.system(), replica));
        RunningController controller;
        try {
            controller = RunningController.start(settings, parts, server.get());
        } catch (ControllerSettings.InvalidSetting e) {
            System.err.println("kronforce: " + e.getMessage());
            System.exit(2);
            return;
        }
        for (ApiKeys.Created key : controller.bootstrapKeys()) {
            logs.announce(out, "Bootstrap " + key.key().role().wire() + " API key (shown once): " + key.raw());
        }
        logs.announce(
                out,
                String.format(
                        "Kronforce controller listening on %s://%s:%d (%d routes, database %s, started in %d ms)",
                        settings.tls().scheme(),
                        settings.bindHost(),
                        controller.port(),
                        controller.routes().size(),
                        settings.dbFile(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        awaitSignal();
        LOG.info("shutting down: no new requests; waiting up to "
                + settings.shutdownGrace().toSeconds() + " s for running executions");
        controller.close();
        if (lock != null) {
            lock.close();
        }
        LOG.info("shutdown complete");
        System.exit(0);
    }

    /** Everything built; a stored state the settings cannot serve (sealed secrets, no key) exits 2 like a bad setting. */
    private static Wiring.Parts built(Supplier<Wiring.Parts> build) {
        try {
            return build.get();
        } catch (ControllerSettings.InvalidSetting e) {
            System.err.println("kronforce: " + e.getMessage());
            System.exit(2);
            throw e;
        } catch (SsoSetupFailure e) {
            // Signing in is what the operator configured: a controller without it would look up but lock people out.
            System.err.println("kronforce: single sign-on: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /**
     * The database's lock, held shared while this controller runs so that {@code kronforce migrate}
     * cannot write beside it; exits (2) while a migration holds it. Null, with a warning, when the
     * lock file cannot be made (a read-only folder): the controller runs as it did before locks.
     */
    private static InstanceLock instanceLock(ControllerSettings settings) {
        try {
            Optional<InstanceLock> lock = InstanceLock.tryAcquire(settings.dbFile(), true);
            if (lock.isEmpty()) {
                System.err.println("kronforce: a migration is writing to " + settings.dbFile()
                        + "; start the controller when it has finished");
                System.exit(2);
            }
            return lock.orElse(null);
        } catch (java.io.IOException e) {
            LOG.warning("no lock file beside the database (" + e.getMessage() + "); a migration could not see"
                    + " this controller running");
            return null;
        }
    }

    /**
     * Before the first connection: check the bucket, take the writer lease (waiting as a standby
     * while another controller holds it) and restore a missing database file from the replica. A
     * failure stops the start (exit 2) rather than open an empty database.
     */
    private static Optional<Replication.Prepared> prepareReplica(ControllerSettings settings) {
        if (settings.replica().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Replication.prepare(
                    settings.replica().get(), settings.dbFile(), InstantSource.system(), ControllerMain::leaseLost));
        } catch (ReplicationStartFailure e) {
            System.err.println("kronforce: replication: " + e.getMessage());
            System.exit(2);
            return Optional.empty();
        }
    }

    /**
     * Another controller took the writer lease (this one could not renew it in time): two writers
     * would fork the replica, so this one stops at once, without the orderly shutdown that would
     * upload its last writes over the new writer's.
     */
    private static void leaseLost() {
        System.err.println("kronforce: replication: another controller holds the writer lease now; stopping");
        Runtime.getRuntime().halt(3);
    }

    /** Blocks until SIGTERM or SIGINT. */
    private static void awaitSignal() {
        Signals.await(List.of("TERM", "INT"));
    }
}
