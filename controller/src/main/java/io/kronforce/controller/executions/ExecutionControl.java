package io.kronforce.controller.executions;

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
import io.kronforce.controller.domain.listing.ExecutionQuery;
import io.kronforce.controller.exec.LiveOutput;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.jobs.Parameters;
import io.kronforce.controller.store.ExecutionQueryStore;
import io.kronforce.controller.store.ExecutionStore;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The use cases around executions: trigger, fire, approve, cancel, read, recover. A trigger is
 * acknowledged only after its execution row is committed, so an acknowledged trigger survives a
 * crash; the run itself starts after that. Every path records its row through the
 * {@link FireGate}; finishes are recorded by {@link Completion}, retries planned by {@link RetryPlan}.
 */
public final class ExecutionControl {
    private final ExecutionStore executions;
    private final ExecutionQueryStore lists;
    private final JobCatalog jobs;
    private final Admission admission;
    private final RunPreparation preparation;
    private final Dispatcher dispatcher;
    private final Approvals approvals;
    private final Cancellation cancellation;
    private final InstantSource clock;

    public ExecutionControl(
            ExecutionStore executions,
            ExecutionQueryStore lists,
            JobCatalog jobs,
            Admission admission,
            RunPreparation preparation,
            Dispatcher dispatcher,
            Approvals approvals,
            Cancellation cancellation,
            InstantSource clock) {
        this.executions = executions;
        this.lists = lists;
        this.jobs = jobs;
        this.admission = admission;
        this.preparation = preparation;
        this.dispatcher = dispatcher;
        this.approvals = approvals;
        this.cancellation = cancellation;
        this.clock = clock;
    }

    /** A manual (REST) trigger; see {@link #trigger(Principal, String, JsonNode, boolean, ObjectNode)}. */
    public String trigger(Principal actor, String jobId, JsonNode params, boolean skipDeps) {
        return triggered(actor, jobId, params, skipDeps).id();
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
        return triggered(actor, jobId, params, skipDeps, triggeredBy).id();
    }

    /** The same trigger, answering the row as it was stored (its status and, for a refusal, the reason). */
    public Execution triggered(
            Principal actor, String jobId, JsonNode params, boolean skipDeps, ObjectNode triggeredBy) {
        Job job = actor == null ? jobs.require(jobId) : jobs.require(actor, jobId);
        // Parameters are checked before anything is stored: an undeclared or bad one is a 400.
        JsonNode checked = Parameters.forTrigger(job, params);
        PreparedRun run = preparation.prepare(job, checked, triggeredBy, clock.millis());
        return admit(actor, job, run, skipDeps);
    }

    /** A manual (REST) trigger answering the stored row; see {@link #triggered(Principal, String, JsonNode, boolean, ObjectNode)}. */
    public Execution triggered(Principal actor, String jobId, JsonNode params, boolean skipDeps) {
        return triggered(
                actor,
                jobId,
                params,
                skipDeps,
                JsonNodeFactory.instance.objectNode().put("type", "api"));
    }

    /**
     * Fires a job for a reaction (dependency cascade, event trigger) with the given
     * {@code triggered_by}. Must not be called inside a write.
     */
    public String fire(Job job, ObjectNode triggeredBy) {
        PreparedRun run = preparation.prepare(job, null, triggeredBy, clock.millis());
        admit(null, job, run, false);
        return run.row().id();
    }

    /** Records the run through the gate — already running when a local slot is free — then starts it. */
    private Execution admit(Principal actor, Job job, PreparedRun run, boolean skipDeps) {
        Launch launch = dispatcher.launch(job, run);
        Execution stored;
        try {
            stored = admission.record(actor, job, launch, skipDeps);
        } catch (Throwable e) {
            dispatcher.abandon(launch);
            throw e;
        }
        dispatcher.proceed(launch, Optional.of(stored.status()));
        return stored;
    }

    /**
     * Approves a run waiting for approval (docs/reference/rest.md#executions, {@link Approvals}); starts it when the
     * gate lets it run.
     */
    public Execution approve(Principal actor, String executionId) {
        Execution waiting = require(actor, executionId);
        Job job = jobs.require(waiting.jobId());
        ExecutionStatus status = approvals.approve(actor, job, waiting);
        Execution approved = require(executionId);
        if (status == ExecutionStatus.PENDING) {
            dispatcher.start(job, preparation.restore(approved));
        }
        return approved;
    }

    /** Cancels a run, whatever its state ({@link Cancellation}). */
    public void cancel(Principal actor, String executionId) {
        cancellation.cancel(actor, require(actor, executionId));
    }

    public Execution require(String id) {
        return executions.findById(id).orElseThrow(ExecutionControl::notFound);
    }

    /**
     * The run, if {@code who} may see it: a scoped caller sees runs of jobs in its groups only (a run of a
     * deleted job has no group left, so it is out of every scope), and any other answers as missing.
     */
    public Execution require(Principal who, String id) {
        return find(who, id).orElseThrow(ExecutionControl::notFound);
    }

    private Optional<Execution> find(Principal who, String id) {
        return executions
                .findById(id)
                .filter(e ->
                        who.scope().unrestricted() || jobs.find(who, e.jobId()).isPresent());
    }

    private static KronforceException notFound() {
        return new KronforceException.NotFound(ProblemType.EXECUTION_NOT_FOUND, "execution not found");
    }

    /** A page of the runs {@code who} may see. */
    public Page<Execution> list(Principal who, ExecutionQuery query) {
        return lists.list(query.within(who.scope()));
    }

    public Page<Execution> listForJob(Principal who, String jobId, PageRequest page) {
        jobs.require(who, jobId);
        return lists.listForJob(jobId, page);
    }

    /** The live output of a run {@code who} may see, while it runs. */
    public Optional<LiveOutput> live(Principal who, String executionId) {
        if (!who.scope().unrestricted() && find(who, executionId).isEmpty()) {
            return Optional.empty(); // as for a run that is not live: nothing tells it exists
        }
        return dispatcher.live(executionId);
    }

    // ---- Scheduled runs: the scheduler records the row inside its own transaction (with the slot
    // and its next fire), so preparing and starting are two calls around that commit.

    /**
     * Resolves the job's placeholders for a scheduler-fired run of the slot {@code slotMs}, recorded at {@code nowMs}, and reserves
     * a local slot for it when one is free ({@link Launch}). Every launch must end in
     * {@link #proceedScheduled} or {@link #abandonScheduled}.
     */
    public Launch launchScheduled(Job job, long nowMs, long slotMs) {
        PreparedRun run = prepareScheduled(
                job, nowMs, JsonNodeFactory.instance.objectNode().put("type", "scheduler"));
        return dispatcher.launch(job, run.forRow(run.row().onSlot(slotMs)));
    }

    /**
     * The same for a slot admitted ahead of its time (docs/decisions/0080-admit-slots-ahead.md): no
     * local slot is reserved now — the row is stored {@code pending} and the {@link SlotRelease} takes a
     * slot at the slot's time.
     */
    public Launch launchAhead(Job job, long nowMs, long slotMs) {
        PreparedRun run = prepareScheduled(
                job, nowMs, JsonNodeFactory.instance.objectNode().put("type", "scheduler"));
        return new Launch(job, run.forRow(run.row().onSlot(slotMs)), null, nowMs);
    }

    /** After the scheduler's write: starts what it stored runnable, frees what it did not (empty: not stored). */
    public void proceedScheduled(Launch launch, Optional<ExecutionStatus> stored) {
        dispatcher.proceed(launch, stored);
    }

    /** Frees the launch when the scheduler's write failed or lost its race. */
    public void abandonScheduled(Launch launch) {
        dispatcher.abandon(launch);
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
