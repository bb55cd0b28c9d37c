package io.kronforce.controller.executions;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.jobs.DependencyIndex;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.journal.Journal;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.worker.host.Fatal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records what runs report: started, then finished. A finish is judged by the output rules first
 * (assertions may change the status), then stored in one transaction with everything that
 * depends on the final status — variable write-backs, {@code output.matched}, the retry plan,
 * {@code execution.completed} (once per execution), the mark that its dependents are due. After the commit, events are published and
 * the {@link FinishListener}s are told (the job's queued runs get the slot that freed, the retry
 * timer looks at the plan).
 *
 * <p>Every run's result comes through here — local runs, agents' results, the sweep's and the
 * dispatcher's failures — so this is the boundary that keeps a run from staying {@code running}:
 * when recording throws anything (the rules are guarded on their own; this is the rest), the run
 * is closed as {@code failed} with the reason by one plain write, without its rules, retry plan or
 * {@code execution.completed}; only a fatal error ({@link Fatal}) is rethrown after that attempt.
 * A listener that throws is logged and the others are still told. Thread-safe.
 */
public final class Completion implements RunListener {
    private static final Logger LOG = Logger.getLogger(Completion.class.getName());

    private final Database db;
    private final ExecutionStore executions;
    private final JobCatalog jobs;
    private final Journal journal;
    private final ExecutionMetrics metrics;
    private final OutputRulesHook outputRules;
    private final RetryPlan retries;
    private final InFlightRows inFlight;
    private final DependencyIndex dependencies;
    private final List<FinishListener> listeners = new CopyOnWriteArrayList<>();

    public Completion(
            Database db,
            ExecutionStore executions,
            JobCatalog jobs,
            Journal journal,
            ExecutionMetrics metrics,
            OutputRulesHook outputRules,
            RetryPlan retries,
            InFlightRows inFlight,
            DependencyIndex dependencies) {
        this.db = db;
        this.executions = executions;
        this.jobs = jobs;
        this.journal = journal;
        this.metrics = metrics;
        this.outputRules = outputRules;
        this.retries = retries;
        this.inFlight = inFlight;
        this.dependencies = dependencies;
    }

    /**
     * Adds a listener told after each recorded finish has committed. The listeners start runs
     * through the dispatcher, which reports here, so they subscribe rather than being passed in.
     */
    public void subscribe(FinishListener listener) {
        listeners.add(listener);
    }

    @Override
    public void started(String executionId, long atMs) {
        db.write(c -> executions.markRunning(c, executionId, atMs));
    }

    @Override
    public void finished(String executionId, RunResult run) {
        try {
            record(executionId, run);
        } catch (Throwable t) {
            RunLogRecord.log(
                    LOG, Level.SEVERE, "recording the result of " + executionId + " failed", executionId, null, t);
            closeAsFailed(executionId, run, t);
            Fatal.rethrowIfFatal(t);
        }
    }

    /** The last resort: the run closed as failed by one write, with what went wrong on its stderr. */
    private void closeAsFailed(String executionId, RunResult run, Throwable why) {
        String note = "[internal error] recording the run's result failed: " + why;
        String stderr = run.stderr() == null || run.stderr().isEmpty() ? note : run.stderr() + "\n" + note;
        try {
            boolean closed = db.write(c -> executions.finish(
                    c,
                    executionId,
                    new ExecutionStore.Result(
                            ExecutionStatus.FAILED,
                            run.exitCode(),
                            run.stdout(),
                            stderr,
                            run.stdoutTruncated(),
                            run.stderrTruncated(),
                            run.finishedAtMs(),
                            run.startedAtMs(),
                            null)));
            if (closed) {
                executions
                        .findById(executionId)
                        .ifPresent(e -> jobs.find(e.jobId()).ifPresent(job -> tell(job, e, ExecutionStatus.FAILED)));
            }
        } catch (Throwable t) {
            // The row keeps its last state; start-up recovery closes it on the next start.
            RunLogRecord.log(
                    LOG, Level.SEVERE, "closing " + executionId + " as failed failed too", executionId, null, t);
            Fatal.rethrowIfFatal(t);
        }
    }

    /** Tells every listener; one that throws does not keep the others from hearing. */
    private void tell(Job job, Execution run, ExecutionStatus status) {
        for (FinishListener l : listeners) {
            try {
                l.finished(job, run, status);
            } catch (Throwable t) {
                RunLogRecord.log(LOG, Level.SEVERE, "a finish listener failed for " + run.id(), run.id(), job.id(), t);
                Fatal.rethrowIfFatal(t);
            }
        }
    }

    private void record(String executionId, RunResult run) {
        // A local run's row and job are kept from its start; anything else is read, before the write:
        // the writer's transaction holds only the statements that must commit together.
        Optional<InFlightRows.Started> kept = inFlight.take(executionId);
        Execution e = kept.map(InFlightRows.Started::row)
                .or(() -> executions.findById(executionId))
                .map(row -> row.withStart(run.startedAtMs()))
                .orElse(null);
        Optional<Job> job = kept.isPresent()
                ? kept.map(InFlightRows.Started::job)
                : e == null ? Optional.empty() : jobs.find(e.jobId());
        if (job.isEmpty()) {
            return; // the job was deleted meanwhile, and its executions with it
        }
        OutputRulesHook.Pending rules = outputRules.prepare(job.get(), e, run);
        RunResult r = rules.result();
        Optional<List<Event>> events = db.write(c -> {
            if (!executions.finish(
                    c,
                    executionId,
                    new ExecutionStore.Result(
                            r.status(),
                            r.exitCode(),
                            r.stdout(),
                            r.stderr(),
                            r.stdoutTruncated(),
                            r.stderrTruncated(),
                            r.finishedAtMs(),
                            r.startedAtMs(),
                            rules.extracted()))) {
                return Optional.<List<Event>>empty();
            }
            List<Event> out = new ArrayList<>(rules.write(c));
            journal.events()
                    .write(
                            c,
                            Principal.SYSTEM,
                            EventKind.EXECUTION_COMPLETED,
                            severity(r.status()),
                            "Job '" + job.get().name() + "' execution " + executionId + " finished: "
                                    + r.status().debugName(),
                            new EventLog.Subject(
                                    e.jobId(),
                                    executionId,
                                    null,
                                    rules.assertionFailed() ? Event.ASSERTION_FAILED : null))
                    .ifPresent(out::add);
            retries.afterFinish(c, job.get(), e, r.status(), r.finishedAtMs()).ifPresent(out::add);
            if (r.status() == ExecutionStatus.SUCCEEDED) {
                dependencies.markDue(c, e.jobId(), executionId, r.finishedAtMs());
            }
            return Optional.of(out);
        });
        if (events.isPresent()) {
            metrics.observe(e, r.finishedAtMs());
            rules.committed();
        }
        journal.events().publish(events.orElse(List.of()));
        if (events.isPresent()) {
            tell(job.get(), e, r.status());
        }
    }

    private static String severity(ExecutionStatus s) {
        return switch (s) {
            case SUCCEEDED -> "success";
            case FAILED, TIMED_OUT -> "error";
            case CANCELLED -> "warning";
            default -> "info";
        };
    }
}
