package io.kronforce.controller.agents;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.exec.SecretMask;
import io.kronforce.controller.executions.RunPreparation;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.worker.host.Fatal;
import io.kronforce.worker.wire.ResultReport;
import java.time.InstantSource;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes results posted by agents (docs/reference/agent-protocol.md#result-callback) and records them through the same
 * completion path as local runs, so output rules, retries, cascades and {@code execution.completed} behave alike
 * (upstream skips most of these for agent runs, docs/reference/differences.md row 6). A result must present the fencing
 * token of the dispatch it answers. What is not recorded is answered so that an agent retrying on every non-2xx
 * answer (upstream's does, five times) stops when retrying cannot help and only a result that must not count is
 * refused: the same result again is {@link Outcome#ALREADY_RECORDED}, a result for a run cancelled under the poster's
 * own lease is {@link Outcome#RUN_CANCELLED}; a result from a superseded lease, a different result for a finished run,
 * or one for a run the controller closed as failed is refused with 409. Thread-safe.
 */
public final class ResultIntake {
    private static final Logger LOG = Logger.getLogger(ResultIntake.class.getName());

    /** What became of a posted result; every one of them is a success to the poster. */
    public enum Outcome {
        /** Recorded now. */
        RECORDED,
        /** The very same result was recorded before (the poster did not get the first answer); nothing changed. */
        ALREADY_RECORDED,
        /** The run was cancelled while the poster held it; the result is not recorded and nothing changed. */
        RUN_CANCELLED
    }

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
     * Records one result, or recognises it as one that needs no recording.
     *
     * @param leaseToken the token from the callback URL; null when the caller sent none
     * @throws KronforceException.InvalidInput for a report with a bad status or timestamp
     * @throws KronforceException.NotFound for an unknown execution
     * @throws KronforceException.Conflict when the report must not count: from a superseded lease, different from
     *     the result already recorded, for a run closed as failed, without a token, or for a run no agent had
     */
    public Outcome accept(ResultReport r, String leaseToken) {
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
        if (!"done".equals(w.get().status()) && e.status().isTerminal()) {
            throw refused(
                    "execution " + e.id() + " already finished as " + e.status().wire());
        }
        if (leaseToken == null || leaseToken.isBlank()) {
            throw refused("result carries no lease token: post it to the callback_url the work came with");
        }
        String digest = ResultDigest.of(r);
        Fence fence = db.write(c -> work.completeFenced(c, e.id(), leaseToken, digest)
                ? Fence.PASSED
                : new Fence(false, work.findByExecution(c, e.id())));
        if (!fence.passed()) {
            return judgeLate(
                    fence.row().orElseThrow(() -> refused("execution " + e.id() + " is no longer held by an agent")),
                    leaseToken,
                    digest);
        }
        long at = Math.min(finishedAt, clock.millis());
        RunResult result;
        Throwable fatal = null;
        try {
            SecretMask mask = preparation.restore(e).mask();
            result = new RunResult(
                    status,
                    r.exitCode(),
                    mask.apply(text(r.stdout())),
                    mask.apply(text(r.stderr())),
                    r.stdoutTruncated(),
                    r.stderrTruncated(),
                    at,
                    null);
        } catch (Throwable t) {
            // The fence has closed the work row: the run must be closed too, or it stays running for
            // good. Without its secrets to mask, none of the agent's output is kept.
            RunLogRecord.log(LOG, Level.SEVERE, "taking the result of " + e.id() + " failed", e.id(), e.jobId(), t);
            fatal = Fatal.is(t) ? t : null;
            result = new RunResult(
                    ExecutionStatus.FAILED,
                    r.exitCode(),
                    "",
                    "[internal error] the agent's result could not be taken: " + t,
                    false,
                    false,
                    at,
                    null);
        }
        listener.finished(e.id(), result);
        if (fatal != null) {
            Fatal.rethrowIfFatal(fatal);
        }
        return Outcome.RECORDED;
    }

    /** Whether a result closed the work row, and the row as it is when it did not. */
    private record Fence(boolean passed, Optional<AgentWorkStore.Work> row) {
        static final Fence PASSED = new Fence(true, Optional.empty());
    }

    /** A result that did not pass the fence: which harmless repeat it is, or why it is refused. */
    private static Outcome judgeLate(AgentWorkStore.Work w, String leaseToken, String digest) {
        String id = w.executionId();
        if (!leaseToken.equals(w.leaseToken())) {
            throw refused("stale lease: execution " + id + " is no longer held under that token");
        }
        if ("result".equals(w.closedAs())) {
            if (digest.equals(w.resultDigest())) {
                return Outcome.ALREADY_RECORDED;
            }
            throw refused("execution " + id + " already finished with a different result");
        }
        if ("cancelled".equals(w.closedAs())) {
            return Outcome.RUN_CANCELLED;
        }
        throw refused("execution " + id + " was already closed by the controller (its dispatch failed or its"
                + " lease ran out)");
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
