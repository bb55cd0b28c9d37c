package io.kronforce.controller.exec;

import io.kronforce.controller.domain.ExecutionStatus;

/** How a local run ended, with its capped, masked output. */
public record RunResult(
        ExecutionStatus status,
        Integer exitCode,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        long finishedAtMs) {}
