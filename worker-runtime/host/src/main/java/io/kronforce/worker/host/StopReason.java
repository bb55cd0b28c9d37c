package io.kronforce.worker.host;

/**
 * Why a run was stopped before its handler finished. Each has its own status and note in the
 * result (see {@link TaskHost}); the first reason a run gets is the one it keeps.
 */
public enum StopReason {
    /** The run's deadline passed: {@code timed_out}, "job timed out after Ns". */
    TIMEOUT,
    /** Someone cancelled it: {@code cancelled}, "job cancelled by user". */
    CANCEL,
    /** The process running it is going away: {@code cancelled}, "job cancelled: NAME shutting down". */
    SHUTDOWN
}
