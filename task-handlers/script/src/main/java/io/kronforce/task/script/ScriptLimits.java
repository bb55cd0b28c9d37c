package io.kronforce.task.script;

import java.time.Duration;

/**
 * The bounds of one script run (docs/decisions/0026-script-engine.md says what each one really
 * guarantees).
 *
 * @param operations interpreter operations before the run is stopped
 * @param allocationBytes bytes the script's thread may allocate in total, garbage included
 * @param stringChars the longest string a guarded builtin or a host function may produce
 * @param outputChars characters {@code print} and {@code debug} may emit in total
 * @param defaultTimeout the wall-time limit when the job sets no timeout (upstream: 60 s)
 */
record ScriptLimits(long operations, long allocationBytes, int stringChars, long outputChars, Duration defaultTimeout) {

    /** Upstream's Rhai limit. */
    static final long DEFAULT_OPERATIONS = 1_000_000L;
    /** No task may ask for more: at roughly 10–50 M operations a second this is minutes of CPU. */
    static final long MAX_OPERATIONS = 1_000_000_000L;

    static final long DEFAULT_ALLOCATION_BYTES = 512L * 1024 * 1024;
    /** Upstream's Rhai string limit is 256 KiB; we allow more but keep one string well below the heap. */
    static final int DEFAULT_STRING_CHARS = 16 * 1024 * 1024;
    /**
     * The host keeps 10 MiB per stream (docs/reference/task-types.md); a script printing more is stopped, not
     * truncated.
     */
    static final long DEFAULT_OUTPUT_CHARS = 10L * 1024 * 1024;

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    static ScriptLimits defaults() {
        return new ScriptLimits(
                DEFAULT_OPERATIONS,
                DEFAULT_ALLOCATION_BYTES,
                DEFAULT_STRING_CHARS,
                DEFAULT_OUTPUT_CHARS,
                DEFAULT_TIMEOUT);
    }

    /** These limits with the task's own operation limit, when it sets one. */
    ScriptLimits forTask(ScriptTask task) {
        Long asked = task.max_operations();
        return asked == null
                ? this
                : new ScriptLimits(asked, allocationBytes, stringChars, outputChars, defaultTimeout);
    }
}
