package io.kronforce.controller.main;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.duty.Duty;
import io.kronforce.controller.listener.ListenerGuard;
import io.kronforce.controller.replication.Replication;
import io.kronforce.controller.web.RouteSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A built controller, started in the one order every start-up uses and stopped in the reverse: the
 * command line and the tests both come through here, so a test exercises the real start-up path.
 *
 * <p>Start: seed settings given on the command line, bootstrap keys, serve, recover what a stop
 * left behind, then the timers, the notification loop, the agent runtime and the housekeeping
 * duties (retention). Stop: end long-poll waits, stop intake, stop firing, let running work finish
 * within the grace period, deliver the last notifications, close the database, and let
 * replication make its final sync (when it runs).
 */
public final class RunningController implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RunningController.class.getName());

    private final ControllerSettings settings;
    private final Wiring.Parts parts;
    private final List<ApiKeys.Created> bootstrapKeys;
    private final List<RouteSpec> routes;
    private final Listener listener;
    private final Duty duties;
    private final Optional<Duty> tlsReload;

    /** The HTTP server and the connection cap it was given. */
    private record Listener(WebServer server, int maxConnections) {}

    private RunningController(
            ControllerSettings settings,
            Wiring.Parts parts,
            List<ApiKeys.Created> bootstrapKeys,
            List<RouteSpec> routes,
            Listener listener,
            Duty duties,
            Optional<Duty> tlsReload) {
        this.settings = settings;
        this.parts = parts;
        this.bootstrapKeys = bootstrapKeys;
        this.routes = routes;
        this.listener = listener;
        this.duties = duties;
        this.tlsReload = tlsReload;
    }

    /** Starts everything {@code parts} holds, in order; the caller owns the result and closes it. */
    public static RunningController start(ControllerSettings settings, Wiring.Parts parts) {
        return start(settings, parts, WebServer.builder());
    }

    /** As above, serving through {@code server}, a fresh {@code WebServer.builder()} made earlier. */
    static RunningController start(ControllerSettings settings, Wiring.Parts parts, WebServerConfig.Builder server) {
        parts.replication().ifPresent(Replication::start);
        if (settings.retentionDays() != null) {
            parts.settings().seed("retention_days", settings.retentionDays().toString());
        }
        if (settings.auditRetentionDays() != null) {
            parts.settings()
                    .seed("audit_retention_days", settings.auditRetentionDays().toString());
        }
        List<ApiKeys.Created> keys =
                List.copyOf(parts.keys().bootstrap(settings.bootstrapAdminKey(), settings.bootstrapAgentKey()));
        List<RouteSpec> routes = new ArrayList<>();
        int maxConnections = ListenerGuard.apply(server, settings.connections());
        WebServer web;
        try {
            web = Wiring.serve(server, settings, parts, routes);
        } catch (RuntimeException listenFailed) {
            // Nothing runs without the listener: the database and replication close before the exit.
            parts.db().close();
            parts.replication().ifPresent(Replication::close);
            throw listenFailed;
        }
        parts.recover();
        parts.scheduler().start();
        parts.notifications().start();
        parts.workers().start();
        Optional<Duty> tlsReload = settings.tls()
                .server()
                .filter(files -> settings.tls().reloadEvery().isPositive())
                .map(files -> ServerTls.reloader(web, files, settings.tls().reloadEvery()));
        RunningController running = new RunningController(
                settings,
                parts,
                keys,
                List.copyOf(routes),
                new Listener(web, maxConnections),
                startDuties(settings, parts),
                tlsReload);
        parts.services().system().started(); // only now does health answer 200
        return running;
    }

    /**
     * Housekeeping: the retention pass 10 s after start, then every {@code KRONFORCE_RETENTION_EVERY_SECS}
     * (10 minutes by default; also after a failed pass).
     */
    private static Duty startDuties(ControllerSettings settings, Wiring.Parts parts) {
        Duration period = settings.retentionDuty().every();
        Duty duties = Duty.every(
                "kronforce-duties",
                period,
                Duty.Plan.standard().firstAfter(Duration.ofSeconds(10)).afterFailure(period),
                parts.retention()::runOnce);
        duties.start();
        return duties;
    }

    /** Keys created by this start from the bootstrap settings (empty when they already existed). */
    public List<ApiKeys.Created> bootstrapKeys() {
        return bootstrapKeys;
    }

    public List<RouteSpec> routes() {
        return routes;
    }

    public int port() {
        return listener.server().port();
    }

    /** The connection cap in force: {@code KRONFORCE_MAX_CONNECTIONS}, or lower for the descriptor limit. */
    public int maxConnections() {
        return listener.maxConnections();
    }

    public Wiring.Parts parts() {
        return parts;
    }

    /** Stop intake, let running work finish (or mark it), checkpoint the WAL, close. */
    @Override
    public void close() {
        parts.workers().close(); // first: ends long-poll waits so the server can stop
        parts.services().dashboard().changes().close(); // and the dashboard's change streams
        tlsReload.ifPresent(Duty::close);
        listener.server().stop();
        duties.close();
        parts.scheduler().close(); // before the executor: nothing new is fired into a closing executor
        parts.executor().shutdown(settings.shutdownGrace());
        parts.notifications().close(); // after the executor: its last completions may still queue notifications
        parts.db().close();
        parts.replication().ifPresent(Replication::close); // after the writer: the final sync has every commit
    }
}
