package io.kronforce.controller.main;

import io.helidon.webserver.WebServer;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.web.RouteSpec;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code kronforce [--help | --reset-admin-key]}: starts the controller, or does one admin chore. */
public final class ControllerMain {
    private static final Logger LOG = Logger.getLogger(ControllerMain.class.getName());

    private ControllerMain() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length > 0 && List.of("--help", "-h", "help").contains(args[0])) {
            out.print(Help.TEXT);
            return;
        }
        ControllerSettings settings;
        try {
            settings = ControllerSettings.fromEnv(System.getenv());
        } catch (ControllerSettings.InvalidSetting e) {
            System.err.println("kronforce: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args.length > 0 && args[0].equals("--reset-admin-key")) {
            resetAdminKey(settings, out);
            return;
        }
        if (args.length > 0) {
            System.err.println("kronforce: unknown argument '" + args[0] + "' (see --help)");
            System.exit(2);
        }
        run(settings, out);
    }

    private static void resetAdminKey(ControllerSettings settings, PrintStream out) {
        Wiring.Parts parts = Wiring.build(settings, InstantSource.system());
        try {
            ApiKeys.Created key = parts.keys().resetAdmin();
            out.println("New admin API key (shown once): " + key.raw());
        } finally {
            parts.db().close();
        }
    }

    private static void run(ControllerSettings settings, PrintStream out) {
        long started = System.nanoTime();
        Wiring.Parts parts = Wiring.build(settings, InstantSource.system());
        if (settings.retentionDays() != null) {
            parts.settings().seed("retention_days", settings.retentionDays().toString());
        }
        if (settings.auditRetentionDays() != null) {
            parts.settings().seed("audit_retention_days", settings.auditRetentionDays().toString());
        }
        for (ApiKeys.Created key : parts.keys().bootstrap(settings.bootstrapAdminKey(), settings.bootstrapAgentKey())) {
            out.println("Bootstrap " + key.key().role().wire() + " API key (shown once): " + key.raw());
        }
        List<RouteSpec> routes = new ArrayList<>();
        WebServer server = Wiring.serve(settings, parts, routes);
        parts.recover();
        parts.scheduler().start();
        parts.notifications().start();
        parts.workers().start();
        ScheduledExecutorService duties = startDuties(parts);
        out.printf("Kronforce controller listening on %s://%s:%d (%d routes, database %s, started in %d ms)%n",
                settings.tls().scheme(), settings.bindHost(), server.port(), routes.size(), settings.dbFile(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        out.flush();
        awaitSignal();
        stop(server, parts, duties, settings);
        System.exit(0);
    }

    private static ScheduledExecutorService startDuties(Wiring.Parts parts) {
        ScheduledExecutorService duties = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("kronforce-duties").daemon(true).factory());
        duties.scheduleWithFixedDelay(() -> {
            try {
                parts.retention().runOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "retention pass failed", e);
            }
        }, 10, 600, TimeUnit.SECONDS);
        return duties;
    }

    /** Blocks until SIGTERM or SIGINT. */
    @SuppressWarnings("removal")
    private static void awaitSignal() {
        CountDownLatch signalled = new CountDownLatch(1);
        for (String name : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> signalled.countDown());
        }
        try {
            signalled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stop intake, let running work finish (or mark it), checkpoint the WAL, close. */
    private static void stop(WebServer server, Wiring.Parts parts, ScheduledExecutorService duties,
                             ControllerSettings settings) {
        LOG.info("shutting down: no new requests; waiting up to " + settings.shutdownGrace().toSeconds()
                + " s for running executions");
        parts.workers().close(); // first: ends long-poll waits so the server can stop
        parts.services().dashboard().changes().close(); // and the dashboard's change streams
        server.stop();
        duties.shutdownNow();
        parts.scheduler().close(); // before the executor: nothing new is fired into a closing executor
        parts.executor().shutdown(settings.shutdownGrace());
        parts.notifications().close(); // after the executor: its last completions may still queue notifications
        parts.db().close();
        LOG.info("shutdown complete");
    }
}
