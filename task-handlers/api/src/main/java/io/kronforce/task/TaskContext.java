package io.kronforce.task;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** The host's side of one run: identity, limits and the output channel. Not shared between runs. */
public interface TaskContext {

    /** The execution this run belongs to (UUID text). */
    String executionId();

    /** 1 for the first run, then 2, 3… for retries. */
    int attempt();

    /** When the host will interrupt the run; empty when the job has no timeout. */
    Optional<Instant> deadline();

    /** Operating-system user to run as (shell-like tasks only); empty for the controller's own user. */
    Optional<String> runAs();

    /** Where the handler writes the task's stdout and stderr. Thread-safe. */
    OutputSink output();

    /** The host's clock; handlers never read the wall clock directly. */
    InstantSource clock();
}
