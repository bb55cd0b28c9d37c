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

    /** This row, not yet run, in another waiting status ({@code pending_approval}, {@code queued}, {@code pending}). */
    public Execution waitingAs(ExecutionStatus waiting) {
        return new Execution(id, jobId, agentId, taskSnapshot, waiting, exitCode, stdout, stderr, stdoutTruncated,
                stderrTruncated, startedAtMs, finishedAtMs, triggeredBy, extracted, createdAtMs, retryOf, attemptNumber,
                params, scheduledForMs);
    }

    /** This row as attempt {@code attempt} of the run that began with execution {@code firstId}. */
    public Execution asRetry(String firstId, int attempt) {
        return new Execution(id, jobId, agentId, taskSnapshot, status, exitCode, stdout, stderr, stdoutTruncated,
                stderrTruncated, startedAtMs, finishedAtMs, triggeredBy, extracted, createdAtMs, firstId, attempt,
                params, scheduledForMs);
    }
}
