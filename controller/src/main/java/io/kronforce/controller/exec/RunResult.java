package io.kronforce.controller.exec;

import io.kronforce.controller.domain.ExecutionStatus;

/**
 * How a run ended, with its capped, masked output.
 *
 * @param startedAtMs when the task body began on this controller; null when it never began here (a run
 *     closed before starting, or one an agent ran). The finish write stores it, so a run admitted as
 *     already running (its start written with the row) still records the moment its work began.
 */
public record RunResult(
        ExecutionStatus status,
        Integer exitCode,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        long finishedAtMs,
        Long startedAtMs) {}
