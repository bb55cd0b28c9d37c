package io.kronforce.controller.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.exec.LocalExecutor;
import io.kronforce.controller.exec.LocalRun;
import io.kronforce.controller.exec.LiveOutput;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.exec.SecretMask;
import io.kronforce.controller.store.Database;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.TriggerStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Triggering, cancelling and recording executions. A trigger is acknowledged only after its
 * execution row is committed, so an acknowledged trigger survives a crash; the run itself starts
 * after that.
 */
public final class ExecutionControl implements RunListener {
    private static final Logger LOG = Logger.getLogger(ExecutionControl.class.getName());

    private final Database db;
    private final ExecutionStore executions;
    private final JobCatalog jobs;
    private final Variables variables;
    private final JobCatalog.Journal journal;
    private final InstantSource clock;
    private final FireGate gate;
    private final Admission admission;
    private volatile LocalExecutor executor;
    private volatile OutputRulesHook outputRules;
    private final ExecutionMetrics metrics = new ExecutionMetrics();

    public ExecutionControl(Database db, ExecutionStore executions, JobCatalog jobs, Variables variables,
                            JobCatalog.Journal journal, InstantSource clock) {
        this.db = db;
        this.executions = executions;
        this.jobs = jobs;
        this.variables = variables;
        this.journal = journal;
        this.clock = clock;
        this.gate = new FireGate(new TriggerStore(db), journal.events());
        this.admission = new Admission(db, executions, gate, journal, clock);
    }

    /** Wires the executor (it needs this object as its listener, so it comes second). */
    public void attach(LocalExecutor localExecutor) {
        this.executor = localExecutor;
    }

    /** Wires the output rules applied to every finished run (issue #3); without it, rules are ignored. */
    public void attach(OutputRulesHook hook) {
        this.outputRules = hook;
    }

    /** The fire gate every path passes; the scheduler and the reactions share this one. */
    public FireGate gate() {
        return gate;
    }

    /**
     * Triggers a job now, whatever its status (as upstream). Placeholders are checked first: a
     * trigger that could not run is refused with 400 and stores nothing. A trigger the
     * {@link FireGate} refuses is recorded as a {@code skipped} execution whose id is returned.
     *
     * @return the new execution's id
     */
    public String trigger(Principal actor, String jobId, JsonNode params, boolean skipDeps) {
        return trigger(actor, jobId, params, skipDeps, JsonNodeFactory.instance.objectNode().put("type", "api"));
    }

    /** {@link #trigger(Principal, String, JsonNode, boolean)} recording {@code triggeredBy} (a webhook says so). */
    public String trigger(Principal actor, String jobId, JsonNode params, boolean skipDeps, ObjectNode triggeredBy) {
        Job job = jobs.require(jobId);
        // Declared parameters are enforced before anything is stored (issue #3): a bad value is a 400.
        JsonNode checked = Parameters.apply(job.spec().get("parameters"), params);
        PreparedRun p = prepare(job, checked, triggeredBy, clock.millis());
        if (!p.unresolved().isEmpty()) {
            throw new KronforceException.InvalidInput("unresolved variable reference(s): "
                    + String.join(", ", p.unresolved()));
        }
        if (admission.record(actor, job, p.row(), skipDeps)) {
            dispatch(job, p.row().id(), p.runTask(), p.mask());
        }
        return p.row().id();
    }

    /**
     * Fires a job for a reaction (dependency cascade, event trigger) with the given
     * {@code triggered_by}. Nobody waits for a 400, so an unresolved placeholder closes the
     * recorded execution as failed, naming what was missing. Must not be called inside a write.
     */
    public String fire(Job job, ObjectNode triggeredBy) {
        PreparedRun p = prepare(job, null, triggeredBy, clock.millis());
        if (admission.record(null, job, p.row(), false)) {
            dispatchScheduled(job, p);
        }
        return p.row().id();
    }

    private PreparedRun prepare(Job job, JsonNode given, ObjectNode triggeredBy, long nowMs) {
        // A run nobody passed params to (scheduler, reactions) gets the declared defaults (issue #3).
        JsonNode params = given != null ? given : Parameters.defaults(job.spec().get("parameters"));
        Variables.Resolved vars = variables.resolved();
        Map<String, String> values = vars.values();
        Set<String> secrets = vars.secretNames();
        Placeholders.Resolution snapshot = Placeholders.resolve(job.task(), params,
                name -> secrets.contains(name) ? null : values.get(name), secrets);
        Placeholders.Resolution full = Placeholders.resolve(job.task(), params, values::get, Set.of());
        Execution row = new Execution(Ids.newId(), job.id(), null, snapshot.task(), ExecutionStatus.PENDING, null, "", "",
                false, false, null, null, triggeredBy, null, nowMs, null, 1,
                params == null || params.isNull() ? null : params, null);
        return new PreparedRun(row, full.task(), mask(secrets, values), full.unresolved().stream().sorted().toList());
    }

    private static SecretMask mask(Set<String> secrets, Map<String, String> values) {
        List<String> secretValues = new ArrayList<>();
        secrets.forEach(s -> Optional.ofNullable(values.get(s)).ifPresent(secretValues::add));
        return new SecretMask(secretValues);
    }

    private void dispatch(Job job, String executionId, ObjectNode task, SecretMask mask) {
        JsonNode target = job.spec().get("target");
        boolean local = target == null || target.isNull() || "local".equals(target.path("type").asText());
        if (!local) {
            // Remote workers register with the worker runtime; until one matches, nothing can take the run.
            finished(executionId, new RunResult(ExecutionStatus.FAILED, null, "",
                    "no online agent matches target " + target, false, false, clock.millis()));
            return;
        }
        Optional<Duration> timeout = Optional.ofNullable(job.timeoutSecs()).map(Duration::ofSeconds);
        LocalRun run = new LocalRun(executionId, 1, task, timeout, Optional.ofNullable(job.runAs()), mask);
        if (!executor.submit(run)) {
            LOG.info("controller shutting down; execution " + executionId + " stays pending for the next start");
        }
    }

    @Override
    public void started(String executionId, long atMs) {
        db.write(c -> executions.markRunning(c, executionId, atMs));
    }

    @Override
    public void finished(String executionId, RunResult run) {
        // Read before the write: the writer's transaction holds only the statements that must commit together.
        Execution e = executions.findById(executionId).orElse(null);
        Optional<Job> job = e == null ? Optional.empty() : jobs.find(e.jobId());
        if (job.isEmpty()) {
            return; // the job was deleted meanwhile, and its executions with it
        }
        // Output rules hook (issue #3): judged before the write, so the stored status and every event see its verdict.
        OutputRulesHook.Pending rules = OutputRulesHook.prepare(outputRules, job.get(), e, run);
        RunResult r = rules.result();
        Optional<List<Event>> events = db.write(c -> {
            if (!executions.finish(c, executionId, new ExecutionStore.Result(r.status(), r.exitCode(),
                    r.stdout(), r.stderr(), r.stdoutTruncated(), r.stderrTruncated(), r.finishedAtMs(),
                    rules.extracted()))) {
                return Optional.<List<Event>>empty();
            }
            List<Event> out = new ArrayList<>(rules.write(c));
            journal.events().write(c, Principal.SYSTEM, "execution.completed",
                    severity(r.status()), "Job '" + job.get().name() + "' execution " + executionId + " finished: "
                            + r.status().debugName(), new EventLog.Subject(e.jobId(), executionId, null, null))
                    .ifPresent(out::add);
            return Optional.of(out);
        });
        events.ifPresent(x -> {
            metrics.observe(e, r.finishedAtMs());
            rules.committed();
        });
        journal.events().publish(events.orElse(List.of()));
    }

    /** Latency histograms of the executions this controller recorded. */
    public ExecutionMetrics metrics() {
        return metrics;
    }

    private static String severity(ExecutionStatus s) {
        return switch (s) {
            case SUCCEEDED -> "success";
            case FAILED, TIMED_OUT -> "error";
            case CANCELLED -> "warning";
            default -> "info";
        };
    }

    /**
     * Cancels: a run of this controller is interrupted (its result says cancelled); a row that
     * is still waiting is closed as cancelled at once.
     */
    public void cancel(Principal actor, String executionId) {
        Execution e = require(executionId);
        db.write(c -> {
            journal.audit().record(c, actor, "execution.cancelled", "execution", executionId, e.status().wire());
            return null;
        });
        if (executor.cancel(executionId)) {
            return;
        }
        if (!e.status().isTerminal()) {
            finished(executionId, new RunResult(ExecutionStatus.CANCELLED, e.exitCode(), e.stdout(),
                    e.stderr().isEmpty() ? "job cancelled by user" : e.stderr() + "\njob cancelled by user",
                    e.stdoutTruncated(), e.stderrTruncated(), clock.millis()));
        }
    }

    public Execution require(String id) {
        return executions.findById(id).orElseThrow(() ->
                new KronforceException.NotFound(ProblemType.EXECUTION_NOT_FOUND, "execution not found"));
    }

    public Page<Execution> list(ExecutionStore.Query query) {
        return executions.list(query);
    }

    public Page<Execution> listForJob(String jobId, PageRequest page) {
        jobs.require(jobId);
        return executions.listForJob(jobId, page);
    }

    public Optional<LiveOutput> live(String executionId) {
        return executor.live(executionId);
    }

    /**
     * Start-up recovery: runs interrupted by a crash are closed as failed (their side effects may
     * have happened, so they are not silently repeated); acknowledged triggers that never started
     * run now.
     */
    public void recover() {
        for (String id : executions.idsInStatus(ExecutionStatus.RUNNING)) {
            finished(id, new RunResult(ExecutionStatus.FAILED, null, "",
                    "controller stopped while this execution was running", false, false, clock.millis()));
        }
        for (String id : executions.idsInStatus(ExecutionStatus.PENDING)) {
            Execution e = require(id);
            Job job = jobs.require(e.jobId());
            Variables.Resolved vars = variables.resolved();
            Map<String, String> values = vars.values();
            Set<String> secrets = vars.secretNames();
            ObjectNode task = Placeholders.resolve((ObjectNode) e.taskSnapshot(), null, values::get, Set.of()).task();
            dispatch(job, id, task, mask(secrets, values));
        }
    }

    // ---- Scheduled runs (issue #3). Separate from the manual trigger above: the scheduler records
    // the row inside its own transaction (with the slot and its next fire), so preparing and
    // dispatching are two calls around that commit.

    /** A run resolved and ready to record (every trigger path); {@code unresolved} names missing variables. */
    public record PreparedRun(Execution row, ObjectNode runTask, SecretMask mask, List<String> unresolved) {}

    /** Resolves the job's placeholders for a scheduler-fired run recorded at {@code nowMs}. */
    public PreparedRun prepareScheduled(Job job, long nowMs) {
        return prepare(job, null, JsonNodeFactory.instance.objectNode().put("type", "scheduler"), nowMs);
    }

    /**
     * Runs a recorded scheduled execution. Unlike a manual trigger nobody is waiting for a 400, so
     * an unresolved placeholder closes the execution as failed, naming what was missing.
     */
    public void dispatchScheduled(Job job, PreparedRun run) {
        if (!run.unresolved().isEmpty()) {
            finished(run.row().id(), new RunResult(ExecutionStatus.FAILED, null, "", "unresolved variable reference(s): "
                    + String.join(", ", run.unresolved()), false, false, clock.millis()));
            return;
        }
        dispatch(job, run.row().id(), run.runTask(), run.mask());
    }
}
