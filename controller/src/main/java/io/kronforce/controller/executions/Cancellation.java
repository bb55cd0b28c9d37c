package io.kronforce.controller.executions;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.journal.Journal;
import java.time.InstantSource;

/**
 * Cancelling a run: a run of this controller is interrupted (its own result says cancelled); a
 * remote run is withdrawn; a row that is still waiting (pending, queued, pending approval) is
 * closed as cancelled at once; for a finished run, the retry planned after it, if any, is dropped.
 * Stateless and thread-safe.
 */
public final class Cancellation {
    private final Database db;
    private final Journal journal;
    private final RetryPlan retries;
    private final Dispatcher dispatcher;
    private final RunListener completion;
    private final InstantSource clock;

    public Cancellation(
            Database db,
            Journal journal,
            RetryPlan retries,
            Dispatcher dispatcher,
            RunListener completion,
            InstantSource clock) {
        this.db = db;
        this.journal = journal;
        this.retries = retries;
        this.dispatcher = dispatcher;
        this.completion = completion;
        this.clock = clock;
    }

    void cancel(Principal actor, Execution e) {
        db.write(c -> {
            journal.audit()
                    .record(
                            c,
                            actor,
                            "execution.cancelled",
                            "execution",
                            e.id(),
                            e.status().wire());
            return e.status().isTerminal() && retries.drop(c, e.id());
        });
        if (dispatcher.cancel(e.id())) {
            return;
        }
        if (!e.status().isTerminal()) {
            completion.finished(
                    e.id(),
                    new RunResult(
                            ExecutionStatus.CANCELLED,
                            e.exitCode(),
                            e.stdout(),
                            e.stderr().isEmpty() ? "job cancelled by user" : e.stderr() + "\njob cancelled by user",
                            e.stdoutTruncated(),
                            e.stderrTruncated(),
                            clock.millis(),
                            null));
        }
    }
}
