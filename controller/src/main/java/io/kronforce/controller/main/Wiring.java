package io.kronforce.controller.main;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.access.Sessions;
import io.kronforce.controller.access.StreamTickets;
import io.kronforce.controller.agents.AgentRuntime;
import io.kronforce.controller.agents.RemoteSettings;
import io.kronforce.controller.agents.WorkQueue;
import io.kronforce.controller.assistant.JobAssistant;
import io.kronforce.controller.dashboard.BulkActions;
import io.kronforce.controller.dashboard.ChangeFeed;
import io.kronforce.controller.dashboard.Charts;
import io.kronforce.controller.dashboard.RecentRuns;
import io.kronforce.controller.dashboard.Timeline;
import io.kronforce.controller.dashboard.WhyNotRun;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.DatabaseSettings;
import io.kronforce.controller.domain.spec.Schedule;
import io.kronforce.controller.exec.LocalExecutor;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.executions.Admission;
import io.kronforce.controller.executions.Approvals;
import io.kronforce.controller.executions.Cancellation;
import io.kronforce.controller.executions.Completion;
import io.kronforce.controller.executions.Dispatcher;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.executions.ExecutionMetrics;
import io.kronforce.controller.executions.FireGate;
import io.kronforce.controller.executions.InFlightRows;
import io.kronforce.controller.executions.OutputRulesHook;
import io.kronforce.controller.executions.Recovery;
import io.kronforce.controller.executions.RetryPlan;
import io.kronforce.controller.executions.RunPreparation;
import io.kronforce.controller.executions.SlotRelease;
import io.kronforce.controller.firing.Cascade;
import io.kronforce.controller.firing.FirePreview;
import io.kronforce.controller.firing.PipelineFirings;
import io.kronforce.controller.firing.QueuedRuns;
import io.kronforce.controller.firing.Retries;
import io.kronforce.controller.firing.ScheduledFirings;
import io.kronforce.controller.firing.Webhooks;
import io.kronforce.controller.http.HttpApi;
import io.kronforce.controller.http.SnapshotsEndpoint;
import io.kronforce.controller.http.dashboard.DashboardApi;
import io.kronforce.controller.jobs.DependencyIndex;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.jobs.JobVersions;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.journal.Journal;
import io.kronforce.controller.journal.Journals;
import io.kronforce.controller.mcp.McpEndpoint;
import io.kronforce.controller.notify.Notifications;
import io.kronforce.controller.portability.DataExport;
import io.kronforce.controller.portability.DataImport;
import io.kronforce.controller.portability.DataWipe;
import io.kronforce.controller.portability.ImportStores;
import io.kronforce.controller.portability.Portability;
import io.kronforce.controller.reactions.EventTriggers;
import io.kronforce.controller.reactions.SlaWatch;
import io.kronforce.controller.replication.Replication;
import io.kronforce.controller.replication.Snapshots;
import io.kronforce.controller.resources.Connections;
import io.kronforce.controller.resources.Scripts;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.resources.SecretsAtRest;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.resources.ToolDiscovery;
import io.kronforce.controller.resources.Variables;
import io.kronforce.controller.rules.OutputForwarder;
import io.kronforce.controller.schedule.TickLoop;
import io.kronforce.controller.sso.IdentityProvider;
import io.kronforce.controller.sso.SsoLogins;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.controller.store.AuditStore;
import io.kronforce.controller.store.DashboardStore;
import io.kronforce.controller.store.DataStore;
import io.kronforce.controller.store.EventStore;
import io.kronforce.controller.store.ExecutionQueryStore;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.JobPlanStore;
import io.kronforce.controller.store.JobStore;
import io.kronforce.controller.store.RetryStore;
import io.kronforce.controller.store.TriggerStore;
import io.kronforce.controller.store.WebhookStore;
import io.kronforce.controller.store.access.ApiKeyStore;
import io.kronforce.controller.store.access.SessionStore;
import io.kronforce.controller.store.access.SsoStore;
import io.kronforce.controller.store.resources.ConnectionStore;
import io.kronforce.controller.store.resources.ScriptStore;
import io.kronforce.controller.store.resources.SettingsStore;
import io.kronforce.controller.store.resources.TemplateStore;
import io.kronforce.controller.store.resources.VariableStore;
import io.kronforce.controller.system.Retention;
import io.kronforce.controller.system.SystemStatus;
import io.kronforce.controller.system.Vacuum;
import io.kronforce.controller.templates.Templates;
import io.kronforce.controller.views.JobViews;
import io.kronforce.controller.web.FrontDoor;
import io.kronforce.controller.web.RequestLimits;
import io.kronforce.controller.web.RouteSpec;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskEnvironment;
import io.kronforce.worker.host.HandlerCatalog;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The composition root: builds every part by hand, in dependency order, each complete when its
 * constructor returns. No container, no setters. Where a part must hear of something built after
 * it (a finished run, a changed job, a committed event), it subscribes here.
 */
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

    /**
     * Everything built, before the server starts listening.
     *
     * @param recovery start-up recovery of the runs a stop left behind
     * @param queued the runs waiting for a concurrency slot, promoted after recovery
     * @param cascade the dependency cascade, whose interrupted cascades recovery finishes
     */
    public record Parts(
            Database db,
            ApiKeys keys,
            ExecutionControl executions,
            Recovery recovery,
            QueuedRuns queued,
            Cascade cascade,
            LocalExecutor executor,
            Timers scheduler,
            Retention retention,
            Settings settings,
            HttpApi.Services services,
            Notifications notifications,
            AgentRuntime workers,
            Optional<Replication> replication) {

        /** Recovers what a stop left behind: interrupted and unstarted runs, interrupted cascades, then free queue slots. */
        public void recover() {
            recovery.recover();
            cascade.recover();
            queued.recover();
        }
    }

    /** Export, import and delete-all over the stores they read and write. */
    private static Portability portability(
            Database db,
            JobCatalog jobs,
            JobStore jobStore,
            GroupStore groupStore,
            Groups groups,
            Variables variables,
            Settings settings,
            SecretBox secrets,
            AuditTrail audit,
            InstantSource clock) {
        ImportStores stores = new ImportStores(
                jobStore,
                new VariableStore(db),
                new ConnectionStore(db),
                new ScriptStore(db),
                new SettingsStore(db),
                groupStore);
        return new Portability(
                new DataExport(db, stores, settings, secrets, audit, clock),
                new DataImport(db, stores, jobs, groups, variables, settings, secrets, audit, clock),
                new DataWipe(db, new DataStore(db), stores, jobs, groups, variables, audit));
    }

    /** Opens (creating and migrating when new) the configured database file and builds everything over it. */
    public static Parts build(ControllerSettings s, InstantSource clock) {
        return build(s, clock, Optional.empty());
    }

    /**
     * As above; with a prepared replica (bucket checked, lease held, file restored) the database is
     * opened for Litestream (PASSIVE checkpoints only) and replication is wired in, not started.
     */
    public static Parts build(ControllerSettings s, InstantSource clock, Optional<Replication.Prepared> replica) {
        // The plug-ins' discovery (ServiceLoader, their classes, Jackson) overlaps the database's open.
        Prefetch<HandlerCatalog> handlers = Prefetch.begin("kronforce-handlers", () -> handlers(s));
        Database db = Database.open(
                new DatabaseSettings(s.dbFile(), s.dbPoolSize(), s.dbTimeout(), replica.isPresent(), s.dbSync()));
        return build(s, db, handlers.get(), clock, replica);
    }

    /** Builds everything over an open database (tests keep a handle on it to look at the rows). */
    public static Parts build(ControllerSettings s, Database db, InstantSource clock) {
        return build(s, db, handlers(s), clock, Optional.empty());
    }

    /**
     * Seals the secrets stored in clear when a key is set; with sealed secrets and no key, stops the start the way
     * a bad setting does (one line, exit 2), the database closed.
     */
    private static void sealOrRefuse(Database db, SecretsAtRest secrets) {
        try {
            secrets.sealOrRefuse();
        } catch (SecretsAtRest.KeyMissing e) {
            db.close();
            throw new ControllerSettings.InvalidSetting(e.getMessage());
        }
    }

    /**
     * The task handlers on the class path, each created with the configured egress policy and the
     * environment its processes start with: this process's variables through the allow-list.
     */
    static HandlerCatalog handlers(ControllerSettings s) {
        return HandlerCatalog.load(new HandlerSettings(
                EgressPolicy.parse(s.egressAllow()), TaskEnvironment.of(System.getenv(), s.taskEnvAllow())));
    }

    private static Parts build(
            ControllerSettings s,
            Database db,
            HandlerCatalog handlers,
            InstantSource clock,
            Optional<Replication.Prepared> replica) {
        PROCESS_BUILDER_LOG.fine("process command lines are not logged");
        EgressPolicy egress = EgressPolicy.parse(s.egressAllow());

        // The journal: events and audit rows, written in the transactions of the use cases below.
        EventStore eventStore = new EventStore(db);
        AuditStore auditStore = new AuditStore(db);
        EventLog events = new EventLog(eventStore, clock);
        AuditTrail audit = new AuditTrail(auditStore, clock);
        Journal journal = new Journal(events, audit);

        // Jobs and the resources their tasks name.
        ExecutionStore executionStore = new ExecutionStore(db);
        ExecutionQueryStore executionLists = new ExecutionQueryStore(db);
        JobStore jobStore = new JobStore(db);
        JobPlanStore plans = new JobPlanStore(db);
        JobCatalog jobs = new JobCatalog(db, jobStore, executionStore, handlers, journal, clock);
        SecretBox secrets = SecretBox.fromPassphrase(s.encryptionKey());
        Variables variables = new Variables(db, new VariableStore(db), secrets, audit, clock);
        Connections connections = new Connections(db, new ConnectionStore(db), secrets, audit, egress, clock);
        Scripts scripts = new Scripts(db, new ScriptStore(db), audit, events, clock);
        Settings settings = new Settings(db, new SettingsStore(db), audit, secrets);

        // The execution core: a run is admitted through the gate, dispatched, and completed.
        FireGate gate = new FireGate(new TriggerStore(db), executionStore, events);
        RunPreparation preparation = new RunPreparation(variables, connections, scripts);
        RetryPlan retryPlan = new RetryPlan(new RetryStore(db), events);
        ExecutionMetrics metrics = new ExecutionMetrics();
        InFlightRows inFlight = new InFlightRows();
        TriggerStore triggers = new TriggerStore(db);
        DependencyIndex dependencies = new DependencyIndex(triggers, jobs).load();
        jobs.listen(dependencies);
        Completion completion = new Completion(
                db,
                executionStore,
                jobs,
                journal,
                metrics,
                new OutputRulesHook(variables, events, new OutputForwarder(egress), clock),
                retryPlan,
                inFlight,
                dependencies);
        LocalExecutor executor = new LocalExecutor(handlers, completion, clock, s.localWorkers());
        AgentRuntime workers = agentRuntime(
                s,
                new WorkQueue.Parts(db, new AgentWorkStore(db), executionStore, jobs),
                journal,
                egress,
                completion,
                preparation,
                secrets,
                clock);
        Dispatcher dispatcher = new Dispatcher(completion, executor, workers.remote(), inFlight, clock, s.localTasks());
        ExecutionControl executions = new ExecutionControl(
                executionStore,
                executionLists,
                jobs,
                new Admission(db, gate, journal),
                preparation,
                dispatcher,
                new Approvals(db, executionStore, gate, journal, clock),
                new Cancellation(db, journal, retryPlan, dispatcher, completion, clock),
                clock);

        // What fires runs besides a trigger: slots, retries, freed slots, pipelines, cascades, events.
        // Slots admitted ahead of their time start at the slot; a job change reaches the rows it holds.
        SlotRelease slotRelease = new SlotRelease(db, executionStore, jobs, dispatcher, gate, events, clock);
        jobs.listen(slotRelease);
        TickLoop scheduler = new TickLoop(
                new ScheduledFirings(db, plans, executionStore, executions, gate, events, slotRelease), clock);
        jobs.listen(scheduler.takingCommittedPlans());
        TickLoop retryTimer = new TickLoop(
                new Retries(db, new RetryStore(db), executionStore, jobs, preparation, dispatcher),
                clock,
                "kronforce-retries");
        QueuedRuns queued = new QueuedRuns(db, executionStore, jobs, gate, preparation, dispatcher);
        completion.subscribe(queued);
        completion.subscribe((job, run, status) -> {
            // Only a finish that can change a plan wakes a loop: a re-plan reads the store.
            if (RetryPlan.mayPlan(job, status)) {
                retryTimer.jobChanged(run.id()); // a retry may have been planned after this run
            }
            if (job.spec().schedule() instanceof Schedule.Interval) {
                scheduler.jobChanged(run.jobId()); // an interval schedule counts from the finish
            }
        });
        GroupStore groupStore = new GroupStore(db);
        TickLoop pipelineTimer = new TickLoop(
                new PipelineFirings(db, groupStore, jobStore, executions, gate, events), clock, "kronforce-pipelines");
        Groups groups = new Groups(db, groupStore, jobStore, jobs, audit, pipelineTimer, clock);
        Cascade cascade =
                new Cascade(db, triggers, dependencies, jobs, executions, gate, executionStore, events, clock);
        events.subscribe(cascade);
        EventTriggers eventTriggers = new EventTriggers(db, triggers, jobs, executions, executionStore, events).load();
        jobs.listen(eventTriggers);
        events.subscribe(eventTriggers);
        TickLoop slaTimer =
                new TickLoop(new SlaWatch(db, plans, jobs, executionStore, events, clock), clock, "kronforce-sla");
        jobs.listen(slaTimer);

        // Reactions and housekeeping: notifications hear execution.completed after commit and
        // deliver from their own loop (started by the caller).
        Notifications notifications =
                Notifications.build(db, settings, executionStore, jobStore, events, egress, clock);
        // Every secret setting is declared now (the channels did above): seal what is in clear, or refuse.
        sealOrRefuse(
                db,
                new SecretsAtRest(
                        db, new VariableStore(db), new ConnectionStore(db), new SettingsStore(db), settings, secrets));
        ApiKeys keys = new ApiKeys(db, new ApiKeyStore(db), audit, events, clock);
        Retention retention = new Retention(
                db,
                settings,
                new Retention.Stores(executionStore, eventStore, auditStore),
                clock,
                s.retentionDuty().horizon());
        Optional<Replication> replication = replica.map(p -> new Replication(p, db, events, clock));
        SystemStatus system = new SystemStatus(
                db,
                jobStore,
                executionLists,
                Map.of(
                        "scheduler",
                        () -> scheduler.failures() + slotRelease.failures(),
                        "retries",
                        retryTimer::failures,
                        "sla",
                        slaTimer::failures,
                        "pipelines",
                        pipelineTimer::failures),
                List.of(workers, metrics),
                () -> replication.map(Replication::state));

        // What the front doors call.
        HttpApi.Services services = new HttpApi.Services(
                jobs,
                new JobViews(executionLists, jobStore, clock, gate),
                executions,
                variables,
                settings,
                keys,
                new Journals(eventStore, auditStore),
                new StreamTickets(clock),
                new RequestLimits(s.rateLimits(), clock),
                system,
                new FirePreview(plans, executionStore, clock),
                new Webhooks(db, new WebhookStore(db), jobs, executions, audit),
                groups,
                connections,
                notifications,
                workers,
                scripts,
                new ToolDiscovery(new HandlerSettings(egress)),
                assistant(s, settings, jobs, handlers, egress),
                dashboard(
                        s,
                        db,
                        keys,
                        jobs,
                        jobStore,
                        executionLists,
                        events,
                        new BulkActions(jobs, executions, groups),
                        clock),
                new JobVersions(jobs, jobStore),
                new Templates(db, new TemplateStore(db), jobs, audit, clock),
                portability(db, jobs, jobStore, groupStore, groups, variables, settings, secrets, audit, clock),
                new Vacuum(db, audit, replica.isPresent()),
                s.demoMode(),
                s.tls().agentCertificates());
        return new Parts(
                db,
                keys,
                executions,
                new Recovery(executionStore, jobs, preparation, dispatcher, completion, slotRelease, clock),
                queued,
                cascade,
                executor,
                new Timers(scheduler, slotRelease, List.of(retryTimer, slaTimer, pipelineTimer)),
                retention,
                settings,
                services,
                notifications,
                workers,
                replication);
    }

    /** The AI job builder; its {@code ai_*} settings are checked before they are stored. */
    private static JobAssistant assistant(
            ControllerSettings s, Settings settings, JobCatalog jobs, HandlerCatalog handlers, EgressPolicy egress) {
        settings.addCheck(JobAssistant::checkSetting);
        return new JobAssistant(settings, s.ai(), jobs, handlers.configTypes(), egress);
    }

    /** The browser dashboard's use cases. */
    private static DashboardApi.Services dashboard(
            ControllerSettings s,
            Database db,
            ApiKeys keys,
            JobCatalog jobs,
            JobStore jobStore,
            ExecutionQueryStore executionLists,
            EventLog events,
            BulkActions bulk,
            InstantSource clock) {
        DashboardStore store = new DashboardStore(db);
        SsoStore ssoStore = new SsoStore(db);
        Sessions sessions = new Sessions(
                db,
                new SessionStore(db),
                ssoStore,
                keys,
                new Sessions.Settings(s.dashboard().sessionIdle(), s.dashboard().sessionMaxLifetime()),
                clock);
        // Discovery at start-up, as upstream: a configured provider that cannot be read stops the start.
        Optional<SsoLogins> sso = s.sso()
                .map(o -> new SsoLogins(o, IdentityProvider.discover(o.issuer()), db, ssoStore, sessions, clock));
        return new DashboardApi.Services(
                sessions,
                sso,
                new Timeline(store, jobs, clock),
                new Charts(executionLists, jobStore, store),
                new RecentRuns(store, jobs),
                new WhyNotRun(store, jobs, clock),
                new ChangeFeed(events, jobs),
                bulk);
    }

    /** Agents, the remote half of dispatch, the pull queue and its housekeeping. */
    private static AgentRuntime agentRuntime(
            ControllerSettings s,
            WorkQueue.Parts q,
            Journal journal,
            EgressPolicy egress,
            RunListener listener,
            RunPreparation preparation,
            SecretBox secrets,
            InstantSource clock) {
        ControllerSettings.Agents a = s.agents();
        RemoteSettings remote = new RemoteSettings(
                a.queueLease(),
                a.queueClaimTimeout(),
                3,
                Optional.ofNullable(a.dispatchKey()),
                Stream.of(a.dispatchKey(), s.bootstrapAgentKey())
                        .filter(k -> k != null && !k.isBlank())
                        .toList(),
                Optional.ofNullable(a.callbackUrl()),
                Optional.of(s.tls().agentTrust()));
        return AgentRuntime.build(
                q,
                journal,
                new AgentRuntime.Settings(remote, a.heartbeatTimeout(), egress),
                listener,
                preparation,
                secrets,
                clock);
    }

    /**
     * The front doors beside REST: {@code /mcp} unless {@code KRONFORCE_MCP_ENABLED=false} (then the
     * route is absent), and snapshots of the replicated file when replication is configured.
     */
    private static List<FrontDoor> frontDoors(ControllerSettings s, Parts parts) {
        List<FrontDoor> doors = new java.util.ArrayList<>();
        if (s.mcpEnabled()) {
            HttpApi.Services u = parts.services();
            doors.add(McpEndpoint.create(
                    new McpEndpoint.UseCases(
                            u.jobs(),
                            u.jobViews(),
                            u.executions(),
                            u.preview(),
                            u.groups(),
                            u.journals(),
                            u.system(),
                            u.workers()),
                    new McpEndpoint.Settings(s.mcpSessionIdle(), s.corsOrigins()),
                    InstantSource.system()));
        }
        parts.replication()
                .ifPresent(r -> doors.add(new SnapshotsEndpoint(
                        new Snapshots(r.prepared().settings(), parts.db(), InstantSource.system()))));
        return doors;
    }

    /**
     * Starts the HTTP server on the configured address, https when {@code KRONFORCE_TLS_CERT} and
     * {@code KRONFORCE_TLS_KEY} are set; returns it with the route table.
     */
    public static WebServer serve(ControllerSettings s, Parts parts, List<RouteSpec> routesOut) {
        return serve(WebServer.builder(), s, parts, routesOut);
    }

    /**
     * As above, on a fresh {@code WebServer.builder()} the caller made earlier (creating the first one
     * loads Helidon's service registry, which {@link ControllerMain} overlaps with the database's open).
     */
    static WebServer serve(
            WebServerConfig.Builder fresh, ControllerSettings s, Parts parts, List<RouteSpec> routesOut) {
        WebServerConfig.Builder builder = fresh.host(s.bindHost())
                .port(s.bindPort())
                .maxPayloadSize(16L * 1024 * 1024)
                // Without TCP_NODELAY a response bigger than one write (a list page) waits for the client's
                // delayed ACK (40 ms on Linux) before its last segment leaves: bench B11 measured it.
                .connectionOptions(o -> o.tcpNoDelay(true))
                .shutdownHook(false)
                .routing(r ->
                        routesOut.addAll(HttpApi.routing(r, parts.services(), s.corsOrigins(), frontDoors(s, parts))));
        s.tls().server().ifPresent(files -> builder.tls(ServerTls.of(files.read())));
        WebServer server = builder.build().start();
        if (server.port() < 0) {
            // Helidon logs a listener that cannot bind and starts without it: nothing would listen.
            server.stop();
            throw BindProbe.refusal(s.bindHost(), s.bindPort());
        }
        parts.workers()
                .remote()
                .callbackBase(s.tls().scheme() + "://" + reachableHost(s.bindHost()) + ":" + server.port());
        return server;
    }

    /** The bind host as an agent on this machine reaches it; a wildcard bind is reached on loopback. */
    private static String reachableHost(String bindHost) {
        String host = bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
