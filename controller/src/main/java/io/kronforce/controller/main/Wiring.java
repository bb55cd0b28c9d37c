package io.kronforce.controller.main;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.kronforce.controller.app.AgentRuntime;
import io.kronforce.controller.app.ApiKeys;
import io.kronforce.controller.app.AuditTrail;
import io.kronforce.controller.app.Cascade;
import io.kronforce.controller.app.Connections;
import io.kronforce.controller.app.EventLog;
import io.kronforce.controller.app.EventTriggers;
import io.kronforce.controller.app.ExecutionControl;
import io.kronforce.controller.app.FirePreview;
import io.kronforce.controller.app.Groups;
import io.kronforce.controller.app.JobCatalog;
import io.kronforce.controller.app.JobViews;
import io.kronforce.controller.app.Journals;
import io.kronforce.controller.app.OutputRulesHook;
import io.kronforce.controller.app.RemoteSettings;
import io.kronforce.controller.app.PipelineFirings;
import io.kronforce.controller.app.Retention;
import io.kronforce.controller.app.ScheduledFirings;
import io.kronforce.controller.app.Scripts;
import io.kronforce.controller.app.SecretBox;
import io.kronforce.controller.app.Settings;
import io.kronforce.controller.app.SlaWatch;
import io.kronforce.controller.app.StreamTickets;
import io.kronforce.controller.app.SystemStatus;
import io.kronforce.controller.app.ToolDiscovery;
import io.kronforce.controller.app.Variables;
import io.kronforce.controller.app.Webhooks;
import io.kronforce.controller.app.WorkQueue;
import io.kronforce.controller.exec.LocalExecutor;
import io.kronforce.controller.http.HttpApi;
import io.kronforce.controller.mcp.McpEndpoint;
import io.kronforce.controller.notify.Notifications;
import io.kronforce.controller.http.SnapshotsEndpoint;
import io.kronforce.controller.replication.Replication;
import io.kronforce.controller.replication.Snapshots;
import io.kronforce.controller.rules.OutputForwarder;
import io.kronforce.controller.schedule.TickLoop;
import io.kronforce.controller.http.RouteSpec;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.controller.store.ApiKeyStore;
import io.kronforce.controller.store.AuditStore;
import io.kronforce.controller.store.ConnectionStore;
import io.kronforce.controller.store.Database;
import io.kronforce.controller.store.DatabaseSettings;
import io.kronforce.controller.store.EventStore;
import io.kronforce.controller.store.ExecutionQueryStore;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.JobPlanStore;
import io.kronforce.controller.store.JobStore;
import io.kronforce.controller.store.ScriptStore;
import io.kronforce.controller.store.SettingsStore;
import io.kronforce.controller.store.TriggerStore;
import io.kronforce.controller.store.VariableStore;
import io.kronforce.controller.store.WebhookStore;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** The composition root: builds every part by hand, in dependency order. No container. */
public final class Wiring {
    // The JDK logs every spawned command line at FINE; with secrets substituted into a shell command
    // that would put them in the log when debug logging is on. Held strongly so the level sticks.
    private static final java.util.logging.Logger PROCESS_BUILDER_LOG = quietProcessBuilderLog();

    private Wiring() {}

    private static java.util.logging.Logger quietProcessBuilderLog() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("java.lang.ProcessBuilder");
        log.setLevel(java.util.logging.Level.INFO);
        return log;
    }

    /** Everything built, before the server starts listening. */
    public record Parts(Database db, ApiKeys keys, ExecutionControl executions, LocalExecutor executor,
                        Timers scheduler, Retention retention, Settings settings, HttpApi.Services services,
                        Notifications notifications, AgentRuntime workers, Optional<Replication> replication) {}

    public static Parts build(ControllerSettings s, InstantSource clock) {
        return build(s, clock, Optional.empty());
    }

    /** @param replica prepared replication (restore done): the database is opened for Litestream and it is wired in */
    public static Parts build(ControllerSettings s, InstantSource clock, Optional<Replication.Prepared> replica) {
        PROCESS_BUILDER_LOG.fine("process command lines are not logged");
        Database db = Database.open(new DatabaseSettings(s.dbFile(), s.dbPoolSize(), s.dbTimeout(),
                replica.isPresent()));
        EventStore eventStore = new EventStore(db);
        AuditStore auditStore = new AuditStore(db);
        ExecutionStore executionStore = new ExecutionStore(db);
        ExecutionQueryStore executionLists = new ExecutionQueryStore(db);
        JobStore jobStore = new JobStore(db);
        JobPlanStore plans = new JobPlanStore(db);
        EventLog events = new EventLog(eventStore, clock);
        AuditTrail audit = new AuditTrail(auditStore, clock);
        JobCatalog.Journal journal = new JobCatalog.Journal(events, audit);
        EgressPolicy egress = EgressPolicy.parse(s.egressAllow());
        HandlerCatalog handlers = HandlerCatalog.load(new HandlerSettings(egress));
        JobCatalog jobs = new JobCatalog(db, jobStore, handlers, journal, clock);
        jobs.recordPausedSlots(executionStore);
        SecretBox secrets = SecretBox.fromPassphrase(s.encryptionKey());
        Variables variables = new Variables(db, new VariableStore(db), secrets, audit, clock);
        ExecutionControl executions = new ExecutionControl(db, executionStore, jobs, variables, journal, clock);
        LocalExecutor executor = new LocalExecutor(handlers, executions, clock, s.localWorkers());
        executions.attach(executor);
        executions.attach(new OutputRulesHook(variables, events, new OutputForwarder(egress)));
        Connections connections = new Connections(db, new ConnectionStore(db), secrets, audit, egress, clock);
        executions.attach(connections);
        Scripts scripts = new Scripts(db, new ScriptStore(db), audit, events, clock);
        executions.attach(scripts);
        AgentRuntime workers = agentRuntime(s, new WorkQueue.Parts(db, new AgentWorkStore(db), executionStore, jobs),
                journal, egress, clock);
        executions.attach(workers.remote());
        TickLoop scheduler = scheduler(new ScheduledFirings(db, plans, executionStore, executions, events), jobs,
                events, clock);
        TickLoop retryTimer = new TickLoop(executions.retries(), clock, "kronforce-retries");
        executions.retries().attach(retryTimer);
        TickLoop slaTimer = new TickLoop(new SlaWatch(db, plans, jobs, executionStore, events, clock), clock,
                "kronforce-sla");
        jobs.listen(slaTimer);
        GroupStore groupStore = new GroupStore(db);
        Groups groups = new Groups(db, groupStore, jobStore, jobs, audit, clock);
        TickLoop pipelineTimer = new TickLoop(new PipelineFirings(db, groupStore, jobStore, executions, events), clock,
                "kronforce-pipelines");
        groups.attach(pipelineTimer);
        react(db, jobs, executionStore, executions, events, clock);
        SettingsStore settingsStore = new SettingsStore(db);
        Settings settings = new Settings(db, settingsStore, audit, secrets);
        // Hears execution.completed after commit; delivers from its own loop (started by the caller).
        Notifications notifications = Notifications.build(db, settings, executionStore, jobStore, events, egress,
                clock);
        ApiKeys keys = new ApiKeys(db, new ApiKeyStore(db), audit, events, clock);
        Retention retention = new Retention(db, settings, new Retention.Stores(executionStore, eventStore, auditStore),
                clock);
        Optional<Replication> replication = replica.map(p -> new Replication(p, db, events, clock));
        SystemStatus system = new SystemStatus(db, jobStore, executionLists, executions,
                () -> replication.map(Replication::state));
        system.attach(workers);
        system.attach(Map.of("scheduler", scheduler::failures, "retries", retryTimer::failures, "sla",
                slaTimer::failures, "pipelines", pipelineTimer::failures));
        HttpApi.Services services = new HttpApi.Services(jobs, new JobViews(executionLists, jobStore, clock,
                executions.gate()), executions,
                variables, settings, keys, new Journals(eventStore, auditStore), new StreamTickets(clock),
                system,
                new FirePreview(plans, executionStore, clock),
                new Webhooks(db, new WebhookStore(db), jobs, executions, audit), groups, connections, notifications,
                workers, scripts, new ToolDiscovery(new HandlerSettings(egress)));
        return new Parts(db, keys, executions, executor,
                new Timers(scheduler, List.of(retryTimer, slaTimer, pipelineTimer)), retention, settings, services,
                notifications, workers, replication);
    }

    /** Agents, the remote half of dispatch, the pull queue and its housekeeping (issue #4). */
    private static AgentRuntime agentRuntime(ControllerSettings s, WorkQueue.Parts q, JobCatalog.Journal journal,
                                             EgressPolicy egress, InstantSource clock) {
        ControllerSettings.Agents a = s.agents();
        RemoteSettings remote = new RemoteSettings(a.queueLease(), a.queueClaimTimeout(), 3,
                Optional.ofNullable(a.dispatchKey()), Optional.ofNullable(a.callbackUrl()),
                Optional.of(s.tls().agentTrust()));
        return AgentRuntime.build(q, journal, new AgentRuntime.Settings(remote, a.heartbeatTimeout(), egress), clock);
    }

    /** The scheduler loop (not started): told of job changes and of finished runs (interval schedules). */
    private static TickLoop scheduler(ScheduledFirings firings, JobCatalog jobs, EventLog events, InstantSource clock) {
        TickLoop loop = new TickLoop(firings, clock);
        jobs.listen(loop);
        events.subscribe(e -> {
            if ("execution.completed".equals(e.kind()) && e.jobId() != null) {
                loop.jobChanged(e.jobId());
            }
        });
        return loop;
    }

    /** Dependency cascade and event triggers: both hear committed events (issue #3, SPEC §d.9, §f.3). */
    private static void react(Database db, JobCatalog jobs, ExecutionStore executionStore, ExecutionControl executions,
                              EventLog events, InstantSource clock) {
        TriggerStore triggers = new TriggerStore(db);
        Cascade cascade = new Cascade(db, triggers, jobs, executions, executionStore, events, clock).load();
        jobs.listen(cascade);
        events.subscribe(cascade);
        EventTriggers eventTriggers = new EventTriggers(db, triggers, jobs, executions, executionStore, events).load();
        jobs.listen(eventTriggers);
        events.subscribe(eventTriggers);
    }

    /** The front doors beside REST: {@code /mcp} unless {@code KRONFORCE_MCP_ENABLED=false}, and snapshots when replicating. */
    private static List<HttpApi.FrontDoor> frontDoors(ControllerSettings s, Parts parts) {
        List<HttpApi.FrontDoor> doors = new java.util.ArrayList<>();
        if (s.mcpEnabled()) {
            doors.add(McpEndpoint.create(parts.services(),
                    new McpEndpoint.Settings(s.mcpSessionIdle(), s.corsOrigins()), InstantSource.system()));
        }
        // Snapshots of the replicated file (docs/REPLICATION.md): only when replication is configured.
        parts.replication().ifPresent(r -> doors.add(new SnapshotsEndpoint(new Snapshots(r.prepared().settings(),
                parts.db(), InstantSource.system()))));
        return doors;
    }

    /**
     * Starts the HTTP server on the configured address, https when {@code KRONFORCE_TLS_CERT} and
     * {@code KRONFORCE_TLS_KEY} are set; returns it with the route table.
     */
    public static WebServer serve(ControllerSettings s, Parts parts, List<RouteSpec> routesOut) {
        WebServerConfig.Builder builder = WebServer.builder()
                .host(s.bindHost())
                .port(s.bindPort())
                .maxPayloadSize(16L * 1024 * 1024)
                .shutdownHook(false)
                .routing(r -> routesOut.addAll(HttpApi.routing(r, parts.services(), s.corsOrigins(), frontDoors(s, parts))));
        s.tls().server().ifPresent(context -> builder.tls(t -> t.sslContext(context)));
        WebServer server = builder.build().start();
        parts.workers().remote().callbackBase(s.tls().scheme() + "://" + reachableHost(s.bindHost()) + ":"
                + server.port());
        return server;
    }

    /** The bind host as an agent on this machine reaches it; a wildcard bind is reached on loopback. */
    private static String reachableHost(String bindHost) {
        String host = bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
