package io.kronforce.controller.agents;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.exec.SecretMask;
import io.kronforce.controller.executions.RunPreparation;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.worker.wire.ResultReport;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Takes results posted by agents (docs/reference/agent-protocol.md#result-callback) and records them through the same
 * completion path as local runs, so output rules, retries, cascades and {@code execution.completed} behave alike
 * (upstream skips most of these for agent runs, docs/reference/differences.md row 6). A result must present the fencing
 * token of the dispatch it answers: a late result from a lost lease, a duplicate, or a result for
 * a finished execution is refused with 409 and changes nothing. Thread-safe.
 */
public final class ResultIntake {
    private final Database db;
    private final AgentWorkStore work;
    private final ExecutionStore executions;
    private final RunPreparation preparation;
    private final RunListener listener;
    private final InstantSource clock;

    /**
     * @param preparation resolves a stored run again, for the secrets to mask in its output
     * @param listener where accepted results are recorded (the same completion local runs use)
     */
    public ResultIntake(
            Database db,
            AgentWorkStore work,
            ExecutionStore executions,
            RunPreparation preparation,
            RunListener listener,
            InstantSource clock) {
        this.db = db;
        this.work = work;
        this.executions = executions;
        this.preparation = preparation;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Records one result.
     *
     * @param leaseToken the token from the callback URL; null when the caller sent none
     * @throws KronforceException.InvalidInput for a report with a bad status or timestamp
     * @throws KronforceException.NotFound for an unknown execution
     * @throws KronforceException.Conflict when the report is late, duplicate or from a lost lease
     */
    public void accept(ResultReport r, String leaseToken) {
        ExecutionStatus status = status(r.status());
        long finishedAt = Times.parse(r.finishedAt())
                .orElseThrow(() -> new KronforceException.InvalidInput(
                        "/finished_at", "finished_at must be an RFC 3339 timestamp"));
        Execution e = executions
                .findById(r.executionId())
                .orElseThrow(
                        () -> new KronforceException.NotFound(ProblemType.EXECUTION_NOT_FOUND, "execution not found"));
        Optional<AgentWorkStore.Work> w = work.findByExecution(e.id());
        if (w.isEmpty()) {
            throw refused("execution " + e.id() + " was not handed to an agent");
        }
        if (e.status().isTerminal()) {
            throw refused(
                    "execution " + e.id() + " already finished as " + e.status().wire());
        }
        if (leaseToken == null || leaseToken.isBlank()) {
            throw refused("result carries no lease token: post it to the callback_url the work came with");
        }
        if (!db.write(c -> work.completeFenced(c, e.id(), leaseToken))) {
            throw refused("stale lease: this execution is no longer held under that token");
        }
        SecretMask mask = preparation.restore(e).mask();
        listener.finished(
                e.id(),
                new RunResult(
                        status,
                        r.exitCode(),
                        mask.apply(text(r.stdout())),
                        mask.apply(text(r.stderr())),
                        r.stdoutTruncated(),
                        r.stderrTruncated(),
                        Math.min(finishedAt, clock.millis()),
                        null));
    }

    private static ExecutionStatus status(String wire) {
        return switch (wire == null ? "" : wire) {
            case "succeeded" -> ExecutionStatus.SUCCEEDED;
            case "failed" -> ExecutionStatus.FAILED;
            case "timed_out" -> ExecutionStatus.TIMED_OUT;
            case "cancelled" -> ExecutionStatus.CANCELLED;
            default ->
                throw new KronforceException.InvalidInput(
                        ProblemType.WRONG_SHAPE,
                        "status must be succeeded, failed, timed_out or cancelled",
                        java.util.List.of(new KronforceException.FieldError("/status", "unknown status")));
        };
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static KronforceException refused(String message) {
        return new KronforceException.Conflict(ProblemType.RESULT_REFUSED, message);
    }
}
