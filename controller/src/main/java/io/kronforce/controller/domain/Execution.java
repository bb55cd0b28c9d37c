package io.kronforce.controller.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of a job, as stored. Output is capped and kept as text. {@code scheduledForMs} is the
 * cron slot a scheduler-fired run belongs to (null for manual runs, and in a scheduled row before
 * {@code ExecutionStore.insertScheduled} records its slot).
 */
public record Execution(
        String id,
        String jobId,
        String agentId,
        JsonNode taskSnapshot,
        ExecutionStatus status,
        Integer exitCode,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        Long startedAtMs,
        Long finishedAtMs,
        JsonNode triggeredBy,
        JsonNode extracted,
        long createdAtMs,
        String retryOf,
        int attemptNumber,
        JsonNode params,
        Long scheduledForMs) {
    private static final JsonNode SCHEDULER = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
            .objectNode()
            .put("type", "scheduler");

    /**
     * A new {@code pending} row: nothing ran yet, attempt 1 of its own run.
     *
     * @param params the trigger's checked parameters; null when none were given
     */
    public static Execution pending(
            String jobId, JsonNode taskSnapshot, JsonNode triggeredBy, JsonNode params, long createdAtMs) {
        return new Execution(
                Ids.newId(),
                jobId,
                null,
                taskSnapshot,
                ExecutionStatus.PENDING,
                null,
                "",
                "",
                false,
                false,
                null,
                null,
                triggeredBy,
                null,
                createdAtMs,
                null,
                1,
                params,
                null);
    }

    /**
     * A slot the scheduler intended but did not run (missed, paused, a calendar's day off), recorded
     * as {@code skipped} with its reason. Nothing ran, so the snapshot is the task as written.
     */
    public static Execution skippedSlot(String jobId, JsonNode task, long slotMs, String reason, long nowMs) {
        return new Execution(
                Ids.newId(),
                jobId,
                null,
                task,
                ExecutionStatus.SKIPPED,
                null,
                "",
                reason,
                false,
                false,
                null,
                nowMs,
                SCHEDULER,
                null,
                nowMs,
                null,
                1,
                null,
                slotMs);
    }

    /** A fresh pending copy of this row for one more agent (target {@code all}), created at {@code nowMs}. */
    public Execution copyFor(long nowMs) {
        return new Execution(
                Ids.newId(),
                jobId,
                null,
                taskSnapshot,
                ExecutionStatus.PENDING,
                null,
                "",
                "",
                false,
                false,
                null,
                null,
                triggeredBy,
                null,
                nowMs,
                retryOf,
                attemptNumber,
                params,
                null);
    }

    /** This row closed as {@code skipped} at {@code nowMs} without running, with the reason in its stderr. */
    public Execution skipped(String reason, long nowMs) {
        return new Execution(
                id,
                jobId,
                agentId,
                taskSnapshot,
                ExecutionStatus.SKIPPED,
                null,
                "",
                reason,
                false,
                false,
                null,
                nowMs,
                triggeredBy,
                null,
                createdAtMs,
                retryOf,
                attemptNumber,
                params,
                scheduledForMs);
    }

    /** This row, not yet run, in another waiting status ({@code pending_approval}, {@code queued}, {@code pending}). */
    public Execution waitingAs(ExecutionStatus waiting) {
        return copy(waiting, startedAtMs, scheduledForMs);
    }

    /** This row, not yet run, stored {@code running} from {@code startedAtMs} (its slot was free at admission). */
    public Execution startedAs(long startedAtMs) {
        return copy(ExecutionStatus.RUNNING, startedAtMs, scheduledForMs);
    }

    /** This row as the scheduler's run for the slot {@code slotMs}. */
    public Execution onSlot(long slotMs) {
        return copy(status, startedAtMs, slotMs);
    }

    /** This row with the moment its run began (when known). */
    public Execution withStart(Long startedAtMs) {
        return startedAtMs == null ? this : copy(status, startedAtMs, scheduledForMs);
    }

    /** This row with another status, start and slot; the rest as it is. */
    private Execution copy(ExecutionStatus status, Long startedAtMs, Long scheduledForMs) {
        return new Execution(
                id,
                jobId,
                agentId,
                taskSnapshot,
                status,
                exitCode,
                stdout,
                stderr,
                stdoutTruncated,
                stderrTruncated,
                startedAtMs,
                finishedAtMs,
                triggeredBy,
                extracted,
                createdAtMs,
                retryOf,
                attemptNumber,
                params,
                scheduledForMs);
    }

    /** This row as attempt {@code attempt} of the run that began with execution {@code firstId}. */
    public Execution asRetry(String firstId, int attempt) {
        return new Execution(
                id,
                jobId,
                agentId,
                taskSnapshot,
                status,
                exitCode,
                stdout,
                stderr,
                stdoutTruncated,
                stderrTruncated,
                startedAtMs,
                finishedAtMs,
                triggeredBy,
                extracted,
                createdAtMs,
                firstId,
                attempt,
                params,
                scheduledForMs);
    }
}
