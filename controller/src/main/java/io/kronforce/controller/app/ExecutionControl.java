package io.kronforce.controller.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.exec.LiveOutput;
import io.kronforce.controller.exec.LocalExecutor;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.store.Database;
import io.kronforce.controller.store.ExecutionQueryStore;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.RetryStore;
import io.kronforce.controller.store.TriggerStore;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The use cases around executions: trigger, fire, approve, cancel, read, recover. A trigger is
 * acknowledged only after its execution row is committed, so an acknowledged trigger survives a
 * crash; the run itself starts after that. Every path records its row through the
 * {@link FireGate}; finishes are recorded by {@link Completion}, retries planned by {@link Retries}.
 */
public final class ExecutionControl implements RunListener {
    private final Database db;
    private final ExecutionStore executions;
    private final ExecutionQueryStore lists;
    private final JobCatalog jobs;
    private final JobCatalog.Journal journal;
    private final InstantSource clock;
    private final FireGate gate;
    private final Admission admission;
    private final RunPreparation preparation;
    private final Dispatcher dispatcher;
    private final Completion completion;
    private final Retries retries;
    private final QueuedRuns queued;
    private final Approvals approvals;
    private final ExecutionMetrics metrics = new ExecutionMetrics();

    public ExecutionControl(Database db, ExecutionStore executions, JobCatalog jobs, Variables variables,
                            JobCatalog.Journal journal, InstantSource clock) {
        this.db = db;
        this.executions = executions;
        this.lists = new ExecutionQueryStore(db);
        this.jobs = jobs;
        this.journal = journal;
        this.clock = clock;
        this.gate = new FireGate(new TriggerStore(db), executions, journal.events());
        this.admission = new Admission(db, gate, journal);
        this.preparation = new RunPreparation(variables);
        this.completion = new Completion(db, executions, jobs, journal, metrics);
        this.dispatcher = new Dispatcher(completion, clock);
        this.retries = new Retries(db, new RetryStore(db), executions, jobs, preparation, dispatcher, journal.events());
        this.queued = new QueuedRuns(db, executions, jobs, gate, preparation, dispatcher);
        completion.attach(retries, queued);
        this.approvals = new Approvals(db, executions, gate, journal, clock);
    }

    /** Wires the executor (it needs this object as its listener, so it comes second). */
    public void attach(LocalExecutor localExecutor) {
        dispatcher.attach(localExecutor);
    }

    /** Wires the agent runtime: runs targeted at agents go there, and report back here. */
    public void attach(RemoteRuns remoteRuns) {
        remoteRuns.attach(this, preparation);
        dispatcher.attach(remoteRuns);
    }

    /** Wires the output rules applied to every finished run (issue #3); without it, rules are ignored. */
    public void attach(OutputRulesHook hook) {
        completion.attach(hook);
    }

    /** Wires named connections, merged into the tasks that name one (SPEC §h.3). */
    public void attach(Connections connections) {
        preparation.attach(connections);
    }

    /** Wires stored scripts, copied into the script and docker_build tasks that name one (SPEC §a.10). */
    public void attach(Scripts scripts) {
        preparation.attach(scripts);
    }

    /** The fire gate every path passes; the scheduler and the reactions share this one. */
    public FireGate gate() {
        return gate;
    }

    /** The planned retries, for the timer that fires them. */
    public Retries retries() {
        return retries;
    }

    /** A manual (REST) trigger; see {@link #trigger(Principal, String, JsonNode, boolean, ObjectNode)}. */
    public String trigger(Principal actor, String jobId, JsonNode params, boolean skipDeps) {
        return trigger(actor, jobId, params, skipDeps, JsonNodeFactory.instance.objectNode().put("type", "api"));
    }

    /**
     * Triggers a job now, whatever its status (as upstream), on behalf of {@code actor}. The row is
     * always recorded and its id returned: gated runs are pending approval, queued or skipped with
     * the reason, and a run with an unresolved placeholder is closed as failed naming the missing
     * names — the caller can always look up why a run did not happen.
     *
     * @return the new execution's id
     */
    public String trigger(Principal actor, String jobId, JsonNode params, boolean skipDeps, ObjectNode triggeredBy) {
        Job job = jobs.require(jobId);
        // Declared parameters are enforced before anything is stored (issue #3): a bad value is a 400.
        JsonNode checked = Parameters.apply(job.spec().get("parameters"), params);
        PreparedRun run = preparation.prepare(job, checked, triggeredBy, clock.millis());
        if (admission.record(actor, job, run.row(), skipDeps) == ExecutionStatus.PENDING) {
            dispatcher.start(job, run);
        }
        return run.row().id();
    }

    /**
     * Fires a job for a reaction (dependency cascade, event trigger) with the given
     * {@code triggered_by}. Must not be called inside a write.
     */
    public String fire(Job job, ObjectNode triggeredBy) {
        PreparedRun run = preparation.prepare(job, null, triggeredBy, clock.millis());
        if (admission.record(null, job, run.row(), false) == ExecutionStatus.PENDING) {
            dispatcher.start(job, run);
        }
        return run.row().id();
    }

    /** Approves a run waiting for approval (SPEC §a.5, {@link Approvals}); starts it when the gate lets it run. */
    public Execution approve(Principal actor, String executionId) {
        Execution waiting = require(executionId);
        Job job = jobs.require(waiting.jobId());
        ExecutionStatus status = approvals.approve(actor, job, waiting);
        Execution approved = require(executionId);
        if (status == ExecutionStatus.PENDING) {
            dispatcher.start(job, preparation.restore(approved));
        }
        return approved;
    }

    @Override
    public void started(String executionId, long atMs) {
        completion.started(executionId, atMs);
    }

    @Override
    public void finished(String executionId, RunResult run) {
        completion.finished(executionId, run);
    }

    /** Latency histograms of the executions this controller recorded. */
    public ExecutionMetrics metrics() {
        return metrics;
    }

    /**
     * Cancels: a run of this controller is interrupted (its result says cancelled); a row that is
     * still waiting (pending, queued, pending approval) is closed as cancelled at once; for a
     * finished run, the retry planned after it, if any, is dropped.
     */
    public void cancel(Principal actor, String executionId) {
        Execution e = require(executionId);
        db.write(c -> {
            journal.audit().record(c, actor, "execution.cancelled", "execution", executionId, e.status().wire());
            return e.status().isTerminal() && retries.drop(c, executionId);
        });
        if (dispatcher.cancel(executionId)) {
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

    public Page<Execution> list(ExecutionQueryStore.Query query) {
        return lists.list(query);
    }

    public Page<Execution> listForJob(String jobId, PageRequest page) {
        jobs.require(jobId);
        return lists.listForJob(jobId, page);
    }

    public Optional<LiveOutput> live(String executionId) {
        return dispatcher.live(executionId);
    }

    /**
     * Start-up recovery: runs interrupted by a crash are closed as failed (their side effects may
     * have happened, so they are not silently repeated); acknowledged triggers that never started
     * run now; queued runs get the slots that are free. Planned retries are the retry timer's.
     */
    public void recover() {
        for (String id : executions.idsInStatus(ExecutionStatus.RUNNING)) {
            if (dispatcher.heldRemotely(id)) {
                continue; // an agent still runs it, and its result (or lease expiry) closes it
            }
            finished(id, new RunResult(ExecutionStatus.FAILED, null, "",
                    "controller stopped while this execution was running", false, false, clock.millis()));
        }
        for (String id : executions.idsInStatus(ExecutionStatus.PENDING)) {
            if (dispatcher.heldRemotely(id)) {
                continue; // already handed to an agent or waiting in its queue
            }
            Execution e = require(id);
            dispatcher.start(jobs.require(e.jobId()), preparation.restore(e));
        }
        queued.recover();
    }

    // ---- Scheduled runs: the scheduler records the row inside its own transaction (with the slot
    // and its next fire), so preparing and starting are two calls around that commit.

    /** Resolves the job's placeholders for a scheduler-fired run recorded at {@code nowMs}. */
    public PreparedRun prepareScheduled(Job job, long nowMs) {
        return prepareScheduled(job, nowMs, JsonNodeFactory.instance.objectNode().put("type", "scheduler"));
    }

    /** The same, with its own {@code triggered_by} (a group pipeline says which group fired it). */
    public PreparedRun prepareScheduled(Job job, long nowMs, ObjectNode triggeredBy) {
        return preparation.prepare(job, null, triggeredBy, nowMs);
    }

    /** Starts a recorded scheduled run (or closes it as failed with the reason it cannot start). */
    public void dispatchScheduled(Job job, PreparedRun run) {
        dispatcher.start(job, run);
    }
}
