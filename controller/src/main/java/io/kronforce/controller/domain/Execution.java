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
        Long scheduledForMs) {}
